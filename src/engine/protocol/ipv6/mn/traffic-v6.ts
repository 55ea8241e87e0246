// The IPv6 mobile node's own traffic (docs/ipv6.md §3; OC-54): its UDP flows
// and echoes go to the correspondent from the care-of address with a Home
// Address option when it is away — the correspondent sees the home address as
// the source (RFC 6275 §6.3, §11.3.1) — and plainly from the
// home address at home. Datagrams delivered to it are recorded, with how they
// came: tunnelled by the home agent (the triangle), with a type 2 Routing
// header (route optimized), forwarded by a previous router, or directly.

import { entryAt } from '../../../keyed';
import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { continuedFlow, stopFlowIn, withDelivery, type Delivery, type UdpFlow } from '../../../network/behaviours/host';
import { flowPayload, readFlowPayload } from '../../../network/behaviours/udp-datagram';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { DEFAULT_HOP_LIMIT, buildIpv6Packet, type ParsedIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { encodeUdp6, parseUdp6 } from '../../../wire/ipv6/udp6';
import { dropped, trace } from '../../nodes/common/trace';
import { sendViaRouter } from './mn-output';
import type { MobileNodeV6State } from './mobile-node-v6-state';

const FLOW_TIMER_PREFIX = 'mn6:flow:';
export const flowTimerV6 = (id: string): string => `${FLOW_TIMER_PREFIX}${id}`;
export const isFlowTimerV6 = (key: string): boolean => key.startsWith(FLOW_TIMER_PREFIX);
const FLOW_REF = 'RFC 6275 §11.3.1';

/** A UDP datagram from the mobile node: care-of address + Home Address option away, home address at home. */
export function sendUdpFromMobileNode(state: MobileNodeV6State, ctx: NodeContext, destination: Ipv6Address, sourcePort: number, destinationPort: number, payload: Uint8Array, what: string): NodeOutput {
  const c = state.config;
  const away = !state.atHome && state.attachment !== null;
  const source = away ? state.attachment!.careOfAddress : c.homeAddress;
  const bytes = buildIpv6Packet({
    source, destination, hopLimit: DEFAULT_HOP_LIMIT,
    ...(away ? { homeAddressOption: c.homeAddress } : {}),
    upper: { nextHeader: NextHeader.UDP, bytes: (pseudo) => encodeUdp6({ sourcePort, destinationPort, payload }, pseudo) },
  });
  const summary = `UDP ${c.homeAddress}:${sourcePort} → ${destination}:${destinationPort}, ${payload.length} octets${what}${away ? `, from ${source} with a Home Address option` : ''}`;
  const reason = away
    ? 'away from home: sent from the care-of address, the Home Address option telling the correspondent the home address it comes from'
    : 'at home: an ordinary datagram from the home address';
  return sendViaRouter(state, ctx, bytes, destination, { summary, ref: FLOW_REF, reason });
}

export function startFlowsV6(state: MobileNodeV6State, ctx: NodeContext): NodeOutput[] {
  return state.flows.map((f) => ({ kind: 'set-timer', key: flowTimerV6(f.id), at: Math.max(ctx.now, f.start), ref: `traffic flow ${f.id}` }));
}

export function addFlowV6(state: MobileNodeV6State, started: UdpFlow, ctx: NodeContext): NodeStep<MobileNodeV6State> {
  const flow = continuedFlow(started, entryAt(state.sent, started.id) ?? 0);
  return {
    state: { ...state, flows: [...state.flows.filter((f) => f.id !== flow.id), flow] },
    outputs: [{ kind: 'set-timer', key: flowTimerV6(flow.id), at: Math.max(ctx.now, flow.start), ref: `traffic flow ${flow.id}` }],
  };
}

export function stopFlowV6(state: MobileNodeV6State, id: string): NodeStep<MobileNodeV6State> {
  return stopFlowIn(state, id, flowTimerV6(id));
}

export function onFlowTimerV6(state: MobileNodeV6State, key: string, ctx: NodeContext): NodeStep<MobileNodeV6State> {
  const flow = state.flows.find((f) => flowTimerV6(f.id) === key);
  if (flow === undefined) return { state, outputs: [] };
  const sequence = entryAt(state.sent, flow.id) ?? 0;
  const payload = flowPayload(flow.id, sequence, flow.payloadOctets);
  const outputs: NodeOutput[] = [sendUdpFromMobileNode(state, ctx, flow.destination, flow.sourcePort, flow.destinationPort, payload, ` (flow ${flow.id} #${sequence})`)];
  if (sequence + 1 < flow.count) outputs.push({ kind: 'set-timer', key, at: ctx.now + flow.interval, ref: `traffic flow ${flow.id}` });
  return { state: { ...state, sent: { ...state.sent, [flow.id]: sequence + 1 } }, outputs };
}

/** How a delivered datagram reached the mobile node, for the trace and the story tests. */
export type ArrivalPath = 'tunnelled by the home agent' | 'forwarded by the previous router' | 'with a type 2 Routing header (route optimized)' | 'directly';

/** A UDP datagram for one of its addresses (already unwrapped from any tunnel): recorded, and echoed on the echo port. */
export function onUdpDatagram(state: MobileNodeV6State, p: ParsedIpv6Packet, path: ArrivalPath, iface: string, ctx: NodeContext, bytes: Uint8Array): NodeStep<MobileNodeV6State> {
  const what = `UDP ${p.finalSource} → ${p.finalDestination}`;
  const u = parseUdp6(p.upperBytes, 0, p.upperBytes.length, { source: p.finalSource, destination: p.finalDestination });
  if (!u.ok || u.value.checksumValid === false) return { state, outputs: [dropped(`${what} dropped`, u.ok ? 'bad UDP checksum (over the IPv6 pseudo-header, RFC 8200 §8.1)' : u.error.reason, 'RFC 8200 §8.1; RFC 768', { interface: iface })] };
  const d = u.value;
  const delivery: Delivery = {
    time: ctx.now, source: p.finalSource, destination: p.finalDestination, protocol: NextHeader.UDP, ttl: p.header.hopLimit, octets: p.upperBytes.length,
    sourcePort: d.sourcePort, destinationPort: d.destinationPort, ...(readFlowPayload(d.payload) ?? {}),
  };
  const tag = delivery.flow === undefined ? '' : ` (flow ${delivery.flow} #${delivery.sequence})`;
  const outputs: NodeOutput[] = [trace('delivered', `${what} delivered ${path}${tag}`, path === 'with a type 2 Routing header (route optimized)' ? 'RFC 6275 §6.4, §11.3.3' : 'mipv6-07 §4.4; RFC 6275 §11.3.3', { interface: iface, bytes })];
  let s: MobileNodeV6State = { ...state, deliveries: withDelivery(state.deliveries, delivery), deliveredCount: state.deliveredCount + 1 };
  if (state.config.echoPort !== null && d.destinationPort === state.config.echoPort) {
    outputs.push(sendUdpFromMobileNode(s, ctx, p.finalSource, state.config.echoPort, d.sourcePort, d.payload, ' (echo)'));
    s = { ...s, echoed: s.echoed + 1 };
  }
  return { state: s, outputs };
}
