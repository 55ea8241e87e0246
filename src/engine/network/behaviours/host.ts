// A simple host: sends UDP traffic flows on timers (or one datagram on
// command) and records every datagram delivered to it, so scenario tests can
// tell stories ("the third datagram of flow a reached H2 at 3.2 ms"). It does
// not forward (from knowledge, not re-read: RFC 1122 §3.3.1).

import { entryAt } from '../../keyed';
import type { NodeBehaviour, NodeContext, NodeInput, NodeOutput, NodeStep } from '../../node/contract';
import { EtherType } from '../../node/link-address';
import { EMPTY_FORWARDING_TABLE, type ForwardingTable } from '../../node/route-table';
import type { Micros } from '../../node/time';
import type { Ipv4Address } from '../../wire/address';
import { hex } from '../../wire/dissection';
import { IpProtocol, protocolName } from '../../wire/ipv4';
import { receivedUdp } from '../receive-scope';
import { receiveDatagram } from '../forwarding';
import { ownAddresses, routesInstalledTrace, sendDatagram, sourceAddressFor } from './ip-output';
import { ORIGINATED_TTL } from './router';
import { buildUdpDatagram, flowPayload, readFlowPayload } from './udp-datagram';

/** `count` datagrams of `payloadOctets`, the first at `start`, then every `interval`. */
export interface UdpFlow {
  readonly id: string;
  readonly destination: Ipv4Address;
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly start: Micros;
  readonly interval: Micros;
  readonly count: number;
  readonly payloadOctets: number;
  /** Default 64 (OC-08). */
  readonly ttl?: number;
  /** Default: the address of the interface the route leaves by (a mobile node sets its home address). */
  readonly source?: Ipv4Address;
}

export interface Delivery {
  readonly time: Micros;
  readonly source: Ipv4Address;
  readonly destination: Ipv4Address;
  readonly protocol: number;
  readonly ttl: number;
  readonly octets: number;
  readonly sourcePort?: number;
  readonly destinationPort?: number;
  /** From a flow payload. */
  readonly flow?: string;
  readonly sequence?: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
}

export interface HostState {
  readonly table: ForwardingTable;
  readonly flows: readonly UdpFlow[];
  /** Datagrams sent so far, per flow id. */
  readonly sent: Readonly<Record<string, number>>;
  /** The most recent deliveries (at most MAX_RECORDED_DELIVERIES, oldest first). */
  readonly deliveries: readonly Delivery[];
  /** All deliveries ever, including those no longer in `deliveries`. */
  readonly deliveredCount: number;
  readonly nextIdentification: number;
}

/**
 * The record of a delivered UDP datagram: its flow and sequence number when
 * the payload is a flow's (readFlowPayload). One object literal per delivery,
 * with the keys in the order the record always had, rather than spreads.
 */
export function udpDelivery(time: Micros, d: { readonly source: Ipv4Address; readonly destination: Ipv4Address; readonly protocol: number; readonly ttl: number; readonly payload: Uint8Array }, sourcePort: number, destinationPort: number, udpPayload: Uint8Array): Delivery {
  const tag = readFlowPayload(udpPayload);
  const { source, destination, protocol, ttl } = d;
  const octets = d.payload.length;
  return tag === undefined
    ? { time, source, destination, protocol, ttl, octets, sourcePort, destinationPort }
    : { time, source, destination, protocol, ttl, octets, sourcePort, destinationPort, flow: tag.flow, sequence: tag.sequence };
}

/** Bounds the record so a long run's state (and each immutable update) stays small. */
export const MAX_RECORDED_DELIVERIES = 256;

/**
 * `list` with `delivery` appended, the oldest dropped beyond
 * MAX_RECORDED_DELIVERIES: a new array (states are never mutated), built in
 * one pass rather than a slice and then a spread of it.
 */
export function withDelivery(list: readonly Delivery[], delivery: Delivery): Delivery[] {
  const from = Math.max(0, list.length + 1 - MAX_RECORDED_DELIVERIES);
  const out = new Array<Delivery>(list.length - from + 1);
  for (let i = from; i < list.length; i++) out[i - from] = list[i]!;
  out[list.length - from] = delivery;
  return out;
}

export type HostCommand =
  | { readonly type: 'send-udp'; readonly destination: Ipv4Address; readonly sourcePort: number; readonly destinationPort: number; readonly payload: Uint8Array; readonly ttl?: number; readonly source?: Ipv4Address }
  | { readonly type: 'start-flow'; readonly flow: UdpFlow }
  /** The learner stops a flow: its timer is cancelled; datagrams already sent stay in flight (docs/architecture.md "Runtime"). */
  | { readonly type: 'stop-flow'; readonly flow: string };

export function initialHostState(flows: readonly UdpFlow[] = []): HostState {
  return { table: EMPTY_FORWARDING_TABLE, flows, sent: {}, deliveries: [], deliveredCount: 0, nextIdentification: 1 };
}

const flowTimer = (id: string): string => `flow:${id}`;

const FLOWS_REF = 'lab traffic flows (lab choice: the scenario\'s flows)';

/**
 * A flow started under an id that has already sent `alreadySent` datagrams
 * (the learner stopped it and starts it again): its numbering continues, so
 * sequence numbers stay unique, and it sends `count` more.
 */
export function continuedFlow(flow: UdpFlow, alreadySent: number): UdpFlow {
  return alreadySent === 0 ? flow : { ...flow, count: alreadySent + flow.count };
}

/**
 * The learner's stop-flow, for any node that sends flows: the flow leaves
 * the list and its timer is cancelled; datagrams already sent stay in flight.
 * Unknown or finished flows change nothing, and the trace says so.
 */
export function stopFlowIn<S extends { readonly flows: readonly UdpFlow[]; readonly sent: Readonly<Record<string, number>> }>(state: S, id: string, timerKey: string): NodeStep<S> {
  const flow = state.flows.find((f) => f.id === id);
  const sent = entryAt(state.sent, id) ?? 0;
  if (flow === undefined) {
    return { state, outputs: [{ kind: 'trace', event: { kind: 'decision', summary: `learner: stop flow ${id} — no flow ${id} is running here, nothing changes`, reason: state.flows.length === 0 ? 'this node runs no flows' : `its flows are ${state.flows.map((f) => f.id).join(', ')}`, ref: FLOWS_REF } }] };
  }
  const finished = sent >= flow.count;
  const summary = finished ? `learner: stop flow ${id} — it had already sent all ${sent} datagrams`
    : sent === 0 ? `learner: stop flow ${id} — stopped before its first datagram`
      : `learner: stop flow ${id} — no datagrams after #${sent - 1} (${sent} of ${flow.count} sent)`;
  return {
    state: { ...state, flows: state.flows.filter((f) => f.id !== id) },
    outputs: [{ kind: 'cancel-timer', key: timerKey }, { kind: 'trace', event: { kind: 'decision', summary, reason: 'the flow\'s timer is cancelled; datagrams already sent are still on their way', ref: FLOWS_REF } }],
  };
}

function sendUdp(state: HostState, ctx: NodeContext, c: Extract<HostCommand, { type: 'send-udp' }>, label: string): { state: HostState; output: NodeOutput } {
  const source = c.source ?? sourceAddressFor(ctx.node, state.table, c.destination);
  if (source === undefined) {
    return { state, output: { kind: 'trace', event: { kind: 'dropped', summary: `not sent: ${label}`, reason: `no route to ${c.destination}, so no source address to send from`, ref: 'RFC 1122 §3.3.1 (from knowledge)' } } };
  }
  const bytes = buildUdpDatagram({ source, destination: c.destination, sourcePort: c.sourcePort, destinationPort: c.destinationPort, payload: c.payload, ttl: c.ttl ?? ORIGINATED_TTL, identification: state.nextIdentification });
  const summary = `UDP ${source}:${c.sourcePort} → ${c.destination}:${c.destinationPort}, ${c.payload.length} octets${label === '' ? '' : ` (${label})`}`;
  const output = sendDatagram(ctx.node, state.table, bytes, c.destination, { summary, ref: 'RFC 768' });
  return { state: { ...state, nextIdentification: (state.nextIdentification + 1) & 0xffff }, output };
}

function onFlowTimer(state: HostState, ctx: NodeContext, flow: UdpFlow): NodeStep<HostState> {
  const sequence = entryAt(state.sent, flow.id) ?? 0;
  const payload = flowPayload(flow.id, sequence, flow.payloadOctets);
  const command = { type: 'send-udp', destination: flow.destination, sourcePort: flow.sourcePort, destinationPort: flow.destinationPort, payload, ttl: flow.ttl, source: flow.source } as const;
  const sent = sendUdp(state, ctx, command, `flow ${flow.id} #${sequence}`);
  const next: HostState = { ...sent.state, sent: { ...state.sent, [flow.id]: sequence + 1 } };
  const outputs: NodeOutput[] = [sent.output];
  if (sequence + 1 < flow.count) outputs.push({ kind: 'set-timer', key: flowTimer(flow.id), at: ctx.now + flow.interval });
  return { state: next, outputs };
}

/** The host discards a frame, saying why (a function, not a closure made per frame). */
function dropFrame(state: HostState, input: Extract<NodeInput, { kind: 'frame' }>, summary: string, reason: string, ref: string): NodeStep<HostState> {
  return { state, outputs: [{ kind: 'trace', event: { kind: 'dropped', summary, reason, ref, bytes: input.frame.payload, interface: input.interface } }] };
}

function onFrame(state: HostState, input: Extract<NodeInput, { kind: 'frame' }>, ctx: NodeContext): NodeStep<HostState> {
  if (input.frame.etherType !== EtherType.IPV4) return dropFrame(state, input, `frame with EtherType ${hex(input.frame.etherType, 4)} ignored`, 'this host only handles IPv4 (EtherType 0x0800)', 'RFC 826');
  const received = receiveDatagram(input.frame.payload, ownAddresses(ctx.node));
  if (received.kind === 'drop') return dropFrame(state, input, 'datagram dropped', received.reason, received.ref);
  const d = received.datagram;
  const what = `${protocolName(d.protocol)} ${d.source} → ${d.destination}`;
  if (received.kind === 'transit') return dropFrame(state, input, `${what} dropped`, `${d.destination} is not an address of this host, and hosts do not forward`, 'RFC 1122 §3.3.1 (from knowledge)');
  let delivery: Delivery;
  let summary: string;
  if (d.protocol === IpProtocol.UDP) {
    const u = receivedUdp(d); // parsed once per input (receive-scope.ts)
    if (!u.ok) return dropFrame(state, input, `${what} dropped`, `malformed UDP: ${u.error.field}: ${u.error.reason}`, 'RFC 768');
    if (u.value.checksumValid !== true) return dropFrame(state, input, `${what} dropped`, 'bad UDP checksum: the datagram was damaged on the way', 'RFC 768');
    delivery = udpDelivery(ctx.now, d, u.value.sourcePort, u.value.destinationPort, u.value.payload);
    summary = `UDP ${d.source}:${u.value.sourcePort} → ${d.destination}:${u.value.destinationPort} delivered${delivery.flow === undefined ? '' : ` (flow ${delivery.flow} #${delivery.sequence})`}`;
  } else if (d.protocol === IpProtocol.ICMP && d.payload.length >= 2) {
    delivery = { time: ctx.now, source: d.source, destination: d.destination, protocol: d.protocol, ttl: d.ttl, octets: d.payload.length, icmpType: d.payload[0]!, icmpCode: d.payload[1]! };
    summary = `ICMP type ${d.payload[0]} code ${d.payload[1]} from ${d.source} delivered`;
  } else {
    return dropFrame(state, input, `${what} dropped`, `this host has no handler for protocol ${d.protocol}`, 'RFC 1122 §3.2.2.1 (from knowledge)');
  }
  return { state: { ...state, deliveries: withDelivery(state.deliveries, delivery), deliveredCount: state.deliveredCount + 1 }, outputs: [{ kind: 'trace', event: { kind: 'delivered', summary, ref: 'RFC 791; RFC 768; RFC 792', interface: input.interface, bytes: input.frame.payload } }] };
}

export const hostBehaviour: NodeBehaviour<HostState, HostCommand> = {
  kind: 'host',
  handle(state, input, ctx) {
    if (input.kind === 'frame') return onFrame(state, input, ctx);
    if (input.kind === 'timer') {
      const flow = state.flows.find((f) => flowTimer(f.id) === input.key);
      return flow === undefined ? { state, outputs: [] } : onFlowTimer(state, ctx, flow);
    }
    const c = input.command;
    switch (c.type) {
      case 'install-routes':
        return { state: { ...state, table: c.table }, outputs: [{ kind: 'trace', event: routesInstalledTrace(state.table, c.table) }] };
      case 'start':
        return { state, outputs: state.flows.map((f) => ({ kind: 'set-timer', key: flowTimer(f.id), at: Math.max(ctx.now, f.start) })) };
      case 'start-flow': {
        // A flow with the id of an earlier one replaces it, numbering on (continuedFlow).
        const flow = continuedFlow(c.flow, entryAt(state.sent, c.flow.id) ?? 0);
        return { state: { ...state, flows: [...state.flows.filter((f) => f.id !== flow.id), flow] }, outputs: [{ kind: 'set-timer', key: flowTimer(flow.id), at: Math.max(ctx.now, flow.start) }] };
      }
      case 'stop-flow':
        return stopFlowIn(state, c.flow, flowTimer(c.flow));
      case 'send-udp': {
        const sent = sendUdp(state, ctx, c, '');
        return { state: sent.state, outputs: [sent.output] };
      }
      default: {
        // A learner's setting or attack sent to a plain host (the runtime refuses them first; this is the node's own word).
        const type = (c as { readonly type: string }).type;
        if (type !== 'configure' && type !== 'inject') return { state, outputs: [] };
        return { state, outputs: [{ kind: 'trace', event: { kind: 'decision', summary: `learner: ${type} refused at this host`, reason: 'a plain host has no Mobile IP settings and makes no attacks', ref: 'RFC 1122 (from knowledge)' } }] };
      }
    }
  },
};
