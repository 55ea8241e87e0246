// IPv4 forwarding as a router does it (RFC 791 §3.1: "A router
// forwarding a datagram verifies the checksum, decrements TTL (discard + ICMP
// Time Exceeded when it reaches 0), and recomputes the checksum"), then the
// next-hop lookup. A pure function from the received bytes and the node's
// table to a decision; the router behaviour turns the decision into outputs.
//
// Order of the checks: parse → header checksum → addressed to this node →
// TTL → route → neighbour. A datagram addressed to the router itself is
// delivered whatever its TTL: TTL only limits forwarding.

import type { LinkAddress } from '../node/link-address';
import { isMulticastIpv4 } from '../node/link-address';
import { lookupRoute, resolveNeighbour, type ForwardingTable, type RouteEntry } from '../node/route-table';
import type { Ipv4Address } from '../wire/address';
import { internetChecksum } from '../wire/checksum';
import { getU16, putU16 } from '../wire/cursor';
import { hex } from '../wire/dissection';
import { ipv4Length, type Ipv4Datagram } from '../wire/ipv4';
import { describeWireError } from '../wire/result';
import { IcmpErrors, type IcmpErrorKind } from './icmp-error';
import { receivedIpv4 } from './receive-scope';
import { copyPacket } from '../wire/packet-memory';

export const TTL_OFFSET = 8;
const CHECKSUM_OFFSET = 10;

export type ForwardDecision =
  /** For this node: one of its addresses, or a broadcast/multicast group (never forwarded). */
  | { readonly kind: 'local'; readonly datagram: Ipv4Datagram; readonly group: boolean }
  | {
      readonly kind: 'forward';
      /** The datagram to send: TTL one less, checksum updated. */
      readonly bytes: Uint8Array;
      /** As received. */
      readonly datagram: Ipv4Datagram;
      readonly route: RouteEntry;
      /** The next router, or the destination itself for an on-link route. */
      readonly nextHop: Ipv4Address;
      readonly linkAddress: LinkAddress;
    }
  | {
      readonly kind: 'drop';
      /** For the learner: what was wrong and what the rule says. */
      readonly reason: string;
      readonly ref: string;
      /** Absent when the bytes were not an IPv4 datagram at all. */
      readonly datagram?: Ipv4Datagram;
      /** The ICMP error the rule calls for (icmp-error.ts decides whether it may be sent). */
      readonly icmp?: IcmpErrorKind;
    };

/**
 * Incremental checksum update when one 16-bit word changes, HC' = ~(~HC +
 * ~m + m') (from knowledge, not re-read: RFC 1624 eqn. 3). Same result as a
 * full recomputation, without summing the whole header again.
 */
export function adjustChecksum(checksum: number, oldWord: number, newWord: number): number {
  let sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** A copy of the datagram's `length` octets with TTL one less and the header checksum updated. */
export function decrementTtl(bytes: Uint8Array, length = bytes.length): Uint8Array {
  const out = copyPacket(bytes, 0, length);
  const oldWord = getU16(out, TTL_OFFSET); // TTL and Protocol share one 16-bit word
  out[TTL_OFFSET] = out[TTL_OFFSET]! - 1;
  putU16(out, CHECKSUM_OFFSET, adjustChecksum(getU16(out, CHECKSUM_OFFSET), oldWord, getU16(out, TTL_OFFSET)));
  return out;
}

function isGroup(address: Ipv4Address): boolean {
  return address === '255.255.255.255' || isMulticastIpv4(address);
}

export type ReceiveDecision =
  | { readonly kind: 'local'; readonly datagram: Ipv4Datagram; readonly group: boolean }
  /** Valid, but addressed to someone else: a router forwards it, a host drops it. */
  | { readonly kind: 'transit'; readonly datagram: Ipv4Datagram }
  | Extract<ForwardDecision, { kind: 'drop' }>;

/** The checks every IPv4 node makes on a received datagram, router or host: well-formed, checksum, whose. */
export function receiveDatagram(bytes: Uint8Array, ownAddresses: readonly Ipv4Address[]): ReceiveDecision {
  const parsed = receivedIpv4(bytes); // parsed once per input however many layers ask (receive-scope.ts)
  if (!parsed.ok) return { kind: 'drop', reason: `not a valid IPv4 datagram — ${describeWireError(parsed.error)}`, ref: 'RFC 791 §3.1' };
  const d = parsed.value;
  if (d.checksumValid !== true) {
    const headerLength = (bytes[0]! & 0x0f) * 4;
    const header = bytes.slice(0, headerLength);
    putU16(header, CHECKSUM_OFFSET, 0);
    const stored = getU16(bytes, CHECKSUM_OFFSET);
    return {
      kind: 'drop',
      reason: `bad IPv4 header checksum ${hex(stored, 4)} (the header's content gives ${hex(internetChecksum(header), 4)}): the header was damaged on the way, so the datagram is discarded`,
      ref: 'RFC 791 §3.1',
      datagram: d,
    };
  }
  if (ownAddresses.includes(d.destination)) return { kind: 'local', datagram: d, group: false };
  if (isGroup(d.destination)) return { kind: 'local', datagram: d, group: true };
  return { kind: 'transit', datagram: d };
}

export function forwardDatagram(bytes: Uint8Array, table: ForwardingTable, ownAddresses: readonly Ipv4Address[]): ForwardDecision {
  const received = receiveDatagram(bytes, ownAddresses);
  if (received.kind !== 'transit') return received;
  const d = received.datagram;
  if (d.ttl <= 1) {
    return {
      kind: 'drop',
      reason: `TTL reached 0: the datagram arrived with TTL ${d.ttl} and every router subtracts 1 before forwarding; it is discarded and the sender is told (ICMP Time Exceeded)`,
      ref: 'RFC 791 §3.1',
      datagram: d,
      icmp: IcmpErrors.ttlExceeded,
    };
  }
  const route = lookupRoute(table.routes, d.destination);
  if (route === undefined) {
    return { kind: 'drop', reason: `no route to ${d.destination}: no prefix in the forwarding table contains it`, ref: 'RFC 1812 §5.2.7.1 (from knowledge)', datagram: d, icmp: IcmpErrors.netUnreachable };
  }
  const nextHop = route.nextHop ?? d.destination;
  const linkAddress = resolveNeighbour(table.neighbours, route.interface, nextHop);
  if (linkAddress === undefined) {
    const what = route.nextHop === null ? `${d.destination} is on a directly attached link, but no such neighbour is attached there` : `next hop ${nextHop} is not a neighbour on that link`;
    return { kind: 'drop', reason: `cannot deliver: ${what} (no link-layer address)`, ref: 'RFC 1812 §5.2.7.1 (from knowledge)', datagram: d, icmp: IcmpErrors.hostUnreachable };
  }
  return { kind: 'forward', bytes: decrementTtl(bytes, ipv4Length(d)), datagram: d, route, nextHop, linkAddress };
}
