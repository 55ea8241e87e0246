// A plain IPv4 and IPv6 router (IPv6: router6.ts): forwards by its table (forwarding.ts), reports what it
// cannot forward with ICMP errors, and runs no application. The lab's mobility
// agents are routers plus protocol state; this one is the core of the network
// between them.

import type { NodeBehaviour, NodeContext, NodeInput, NodeOutput, NodeStep } from '../../node/contract';
import { EtherType } from '../../node/link-address';
import { EMPTY_FORWARDING_TABLE, lookupRoute, type ForwardingTable } from '../../node/route-table';
import { hex } from '../../wire/dissection';
import { emitIpv4, ipv4, ipv4Length, IpProtocol, protocolName, type Ipv4Datagram } from '../../wire/ipv4';
import { forwardDatagram } from '../forwarding';
import { icmpErrorForbidden, icmpErrorMessage, type IcmpErrorKind } from '../icmp-error';
import { ownAddresses, routesInstalledTrace, sendDatagram } from './ip-output';
import { forwardedSummary } from './forwarded-summary';
import { onIpv6Frame } from './router6';
import { packetBytes } from '../../wire/packet-memory';

export interface RouterState {
  readonly table: ForwardingTable;
  /** Identification of the next datagram this router originates (RFC 791 §3.1: "lab: per-node counter"). */
  readonly nextIdentification: number;
}

export function initialRouterState(): RouterState {
  return { table: EMPTY_FORWARDING_TABLE, nextIdentification: 1 };
}

/** TTL of datagrams a node originates (OC-08: 64 for unicast other than the listed exceptions). */
export const ORIGINATED_TTL = 64;

function describe(d: Ipv4Datagram): string {
  return `${protocolName(d.protocol)} ${d.source} → ${d.destination}`;
}

/**
 * The ICMP error about `offending`, sent back to its source from the address
 * of the interface it will leave by (from knowledge, not re-read: RFC 1812
 * §4.3.2.4), or a note why none is sent.
 */
function icmpError(state: RouterState, ctx: NodeContext, kind: IcmpErrorKind, d: Ipv4Datagram, offending: Uint8Array): { state: RouterState; outputs: NodeOutput[] } {
  const forbidden = icmpErrorForbidden(d);
  const route = lookupRoute(state.table.routes, d.source);
  const from = route === undefined ? undefined : ctx.node.interfaces.find((i) => i.name === route.interface);
  if (forbidden !== undefined || from === undefined) {
    const why = forbidden ?? `there is no route back to ${d.source}`;
    return { state, outputs: [{ kind: 'trace', event: { kind: 'decision', summary: `no ICMP ${kind.name} sent`, reason: `no ICMP error is sent about this datagram: ${why}`, ref: 'RFC 1122 §3.2.2 (from knowledge)' } }] };
  }
  const message = icmpErrorMessage(kind, offending);
  const repr = ipv4({ source: from.address, destination: d.source, protocol: IpProtocol.ICMP, ttl: ORIGINATED_TTL, identification: state.nextIdentification, payload: message });
  const bytes = packetBytes(ipv4Length(repr));
  emitIpv4(repr, bytes);
  const next = { ...state, nextIdentification: (state.nextIdentification + 1) & 0xffff };
  const summary = `ICMP ${kind.name} ${from.address} → ${d.source} (type ${kind.type} code ${kind.code})`;
  return { state: next, outputs: [sendDatagram(ctx.node, state.table, bytes, d.source, { summary, ref: 'RFC 791 §3.1; RFC 792' })] };
}

function onFrame(state: RouterState, input: Extract<NodeInput, { kind: 'frame' }>, ctx: NodeContext): NodeStep<RouterState> {
  const { frame } = input;
  if (frame.etherType === EtherType.IPV6) return onIpv6Frame(state, input, ctx); // RFC 2464 §3; docs/ipv6.md §2
  if (frame.etherType !== EtherType.IPV4) {
    return { state, outputs: [{ kind: 'trace', event: { kind: 'dropped', summary: `frame with EtherType ${hex(frame.etherType, 4)} ignored`, reason: 'this router forwards IPv4 (EtherType 0x0800) and IPv6 (EtherType 0x86DD) only', ref: 'RFC 826; RFC 2464 §3', interface: input.interface } }] };
  }
  const decision = forwardDatagram(frame.payload, state.table, ownAddresses(ctx.node));
  switch (decision.kind) {
    case 'local':
      // Broadcasts and multicasts (e.g. agent advertisements) are for hosts and agents; a plain router has no use for them.
      if (decision.group) return { state, outputs: [] };
      return { state, outputs: [{ kind: 'trace', event: { kind: 'delivered', summary: `${describe(decision.datagram)} is for this router; no application here`, ref: 'RFC 791', interface: input.interface } }] };
    case 'forward': {
      const d = decision.datagram;
      const summary = forwardedSummary(d, decision.nextHop);
      return { state, outputs: [sendDatagram(ctx.node, state.table, decision.bytes, d.destination, { summary, traceAs: 'forwarded', ref: 'RFC 791 §3.1' })] };
    }
    case 'drop': {
      const d = decision.datagram;
      const dropped: NodeOutput = { kind: 'trace', event: { kind: 'dropped', summary: d === undefined ? 'malformed datagram dropped' : `${describe(d)} dropped`, reason: decision.reason, ref: decision.ref, bytes: frame.payload, interface: input.interface } };
      if (decision.icmp === undefined || d === undefined) return { state, outputs: [dropped] };
      const icmp = icmpError(state, ctx, decision.icmp, d, frame.payload);
      return { state: icmp.state, outputs: [dropped, ...icmp.outputs] };
    }
  }
}

export const routerBehaviour: NodeBehaviour<RouterState> = {
  kind: 'router',
  handle(state, input, ctx) {
    if (input.kind === 'frame') return onFrame(state, input, ctx);
    if (input.kind === 'command' && input.command.type === 'install-routes') {
      return { state: { ...state, table: input.command.table }, outputs: [{ kind: 'trace', event: routesInstalledTrace(state.table, input.command.table) }] };
    }
    if (input.kind === 'command') {
      // A learner's setting or attack sent to a router (the runtime refuses them first; this is the node's own word).
      const type = (input.command as { readonly type: string }).type;
      if (type === 'configure' || type === 'inject') {
        return { state, outputs: [{ kind: 'trace', event: { kind: 'decision', summary: `learner: ${type} refused at this router`, reason: 'a plain IPv4 router forwards datagrams and holds no Mobile IP settings; it makes no attacks', ref: 'RFC 1812 (from knowledge)' } }] };
      }
    }
    return { state, outputs: [] };
  },
};
