// The IPv6 half of the plain router (docs/ipv6.md §2): forwards by its IPv6
// routes (forwarding6.ts), decrementing the Hop Limit (RFC 8200 §3), and
// reports what it cannot forward with ICMPv6 errors (RFC 4443 §3.1, §3.3).

import type { NodeContext, NodeInput, NodeOutput, NodeStep } from '../../node/contract';
import { lookupRoute6 } from '../../node/route-table6';
import { encodeIcmpv6, type Icmpv6Error } from '../../wire/ipv6/icmpv6';
import { emitIpv6Header, IPV6_HEADER_LENGTH, nextHeaderName, NextHeader } from '../../wire/ipv6/ipv6-header';
import { forwardIpv6 } from '../forwarding6';
import { ICMPV6_MAX_QUOTE, icmpv6ErrorForbidden, type Icmpv6ErrorKind } from '../icmp6-error';
import type { Ipv6FixedHeader } from '../ipv6-fixed-header';
import { ownIpv6Addresses, sendIpv6Datagram } from './ip6-output';
import type { RouterState } from './router';

/** Hop Limit of the errors the router originates: the IPv4 TTL of OC-08, as every lab IPv6 node uses (docs/ipv6.md). */
const ORIGINATED_HOP_LIMIT = 64;

function describe(h: Ipv6FixedHeader): string {
  return `IPv6 ${nextHeaderName(h.nextHeader)} ${h.source} → ${h.destination}`;
}

/** The ICMPv6 error message for `kind`, quoting as much of the invoking packet as fits in 1280 octets (RFC 4443 §2.4 (c)). */
function errorMessage(kind: Icmpv6ErrorKind, invoking: Uint8Array): Icmpv6Error {
  const quote = invoking.slice(0, Math.min(invoking.length, ICMPV6_MAX_QUOTE));
  return kind.type === 3 ? { kind: 'time-exceeded', code: kind.code, unused: 0, invoking: quote } : { kind: 'destination-unreachable', code: kind.code, unused: 0, invoking: quote };
}

/**
 * The ICMPv6 error about the packet, sent back to its source from the
 * address of the interface it will leave by (RFC 4443 §2.2), or a note why
 * none is sent.
 */
function icmpv6Error(state: RouterState, ctx: NodeContext, kind: Icmpv6ErrorKind, h: Ipv6FixedHeader, received: Uint8Array, length: number): NodeOutput[] {
  const forbidden = icmpv6ErrorForbidden(h, received, length);
  const route = lookupRoute6(state.table.routes6 ?? [], h.source);
  const from = route === undefined ? undefined : ctx.node.interfaces.find((i) => i.name === route.interface)?.ipv6?.address;
  if (forbidden !== undefined || from === undefined) {
    const why = forbidden ?? `there is no IPv6 route back to ${h.source}`;
    return [{ kind: 'trace', event: { kind: 'decision', summary: `no ICMPv6 ${kind.name} sent`, reason: `no ICMPv6 error is sent about this packet: ${why}`, ref: 'RFC 4443 §2.4' } }];
  }
  const message = encodeIcmpv6(errorMessage(kind, received.subarray(0, length)), { source: from, destination: h.source });
  const bytes = new Uint8Array(IPV6_HEADER_LENGTH + message.length);
  emitIpv6Header({ trafficClass: 0, flowLabel: 0, payloadLength: message.length, nextHeader: NextHeader.ICMPV6, hopLimit: ORIGINATED_HOP_LIMIT, source: from, destination: h.source }, bytes, 0);
  bytes.set(message, IPV6_HEADER_LENGTH);
  const summary = `ICMPv6 ${kind.name} ${from} → ${h.source} (type ${kind.type} code ${kind.code})`;
  return [sendIpv6Datagram(ctx.node, state.table, bytes, h.source, { summary, ref: 'RFC 4443 §3' })];
}

/** A frame with EtherType 0x86DD (RFC 2464 §3) arrived at the router. */
export function onIpv6Frame(state: RouterState, input: Extract<NodeInput, { kind: 'frame' }>, ctx: NodeContext): NodeStep<RouterState> {
  const { frame } = input;
  const decision = forwardIpv6(frame.payload, state.table, ownIpv6Addresses(ctx.node));
  switch (decision.kind) {
    case 'local':
      // Multicast (Router Solicitations, Neighbor Discovery) is for the nodes that run those protocols; a plain router has no use for it.
      if (decision.group) return { state, outputs: [] };
      return { state, outputs: [{ kind: 'trace', event: { kind: 'delivered', summary: `${describe(decision.header)} is for this router; no application here`, ref: 'RFC 8200 §3', interface: input.interface } }] };
    case 'forward': {
      const h = decision.header;
      const summary = `${describe(h)} → next hop ${decision.nextHop}, Hop Limit ${h.hopLimit} → ${h.hopLimit - 1}`;
      return { state, outputs: [sendIpv6Datagram(ctx.node, state.table, decision.bytes, h.destination, { summary, traceAs: 'forwarded', ref: 'RFC 8200 §3' })] };
    }
    case 'drop': {
      const h = decision.header;
      const dropped: NodeOutput = { kind: 'trace', event: { kind: 'dropped', summary: h === undefined ? 'malformed IPv6 packet dropped' : `${describe(h)} dropped`, reason: decision.reason, ref: decision.ref, bytes: frame.payload, interface: input.interface } };
      if (decision.icmp === undefined || h === undefined) return { state, outputs: [dropped] };
      const length = Math.min(frame.payload.length, IPV6_HEADER_LENGTH + h.payloadLength);
      return { state, outputs: [dropped, ...icmpv6Error(state, ctx, decision.icmp, h, frame.payload, length)] };
    }
  }
}
