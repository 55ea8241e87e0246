// IPv6 forwarding as a router does it (docs/ipv6.md §2): a pure function from
// the received bytes and the node's table to a decision, like forwarding.ts
// for IPv4; the router behaviour (behaviours/router6.ts) turns it into outputs.
//
// Order of the checks: parse → addressed to this node (or a group: never
// forwarded, the lab has no multicast routing) → link-local source or
// destination (never forwarded, RFC 4291 §2.5.6) → Hop Limit (RFC 8200 §3) →
// route → neighbour. IPv6 has no header checksum (RFC 8200 §3), so the only
// change on the way is the Hop Limit.

import { lookupRoute6, resolveNeighbour6 } from '../node/route-table6';
import type { ForwardingTable } from '../node/route-table';
import type { LinkAddress } from '../node/link-address';
import { isIpv6LinkLocal, isIpv6Multicast, type Ipv6Address } from '../wire/ipv6/ipv6-address';
import type { Route6Entry } from '../node/route-table6';
import { readIpv6Header, type Ipv6FixedHeader } from './ipv6-fixed-header';
import { Icmpv6Errors, type Icmpv6ErrorKind } from './icmp6-error';

/** Octet offset of the Hop Limit field (RFC 8200 §3). */
export const HOP_LIMIT_OFFSET = 7;

export type Forward6Decision =
  /** For this node: one of its addresses, or a multicast group. */
  | { readonly kind: 'local'; readonly header: Ipv6FixedHeader; readonly group: boolean }
  | {
      readonly kind: 'forward';
      /** The packet to send: Hop Limit one less. */
      readonly bytes: Uint8Array;
      /** As received. */
      readonly header: Ipv6FixedHeader;
      readonly route: Route6Entry;
      /** The next router, or the destination itself for an on-link route. */
      readonly nextHop: Ipv6Address;
      readonly linkAddress: LinkAddress;
    }
  | {
      readonly kind: 'drop';
      readonly reason: string;
      readonly ref: string;
      /** Absent when the bytes were not an IPv6 packet at all. */
      readonly header?: Ipv6FixedHeader;
      /** The ICMPv6 error the rule calls for (icmp6-error.ts decides whether it may be sent). */
      readonly icmp?: Icmpv6ErrorKind;
    };

/** A copy of the packet's `length` octets with the Hop Limit one less. */
export function decrementHopLimit(bytes: Uint8Array, length = bytes.length): Uint8Array {
  const out = bytes.slice(0, length);
  out[HOP_LIMIT_OFFSET] = out[HOP_LIMIT_OFFSET]! - 1;
  return out;
}

export function forwardIpv6(bytes: Uint8Array, table: ForwardingTable, ownAddresses: readonly Ipv6Address[]): Forward6Decision {
  const parsed = readIpv6Header(bytes);
  if (!parsed.ok) return { kind: 'drop', reason: `not a valid IPv6 packet — ${parsed.reason}`, ref: 'RFC 8200 §3' };
  const h = parsed.header;
  if (ownAddresses.includes(h.destination)) return { kind: 'local', header: h, group: false };
  if (isIpv6Multicast(h.destination)) return { kind: 'local', header: h, group: true };
  if (isIpv6LinkLocal(h.destination) || isIpv6LinkLocal(h.source)) {
    const which = isIpv6LinkLocal(h.destination) ? `its destination ${h.destination}` : `its source ${h.source}`;
    return { kind: 'drop', reason: `${which} is link-local (fe80::/10): a router never forwards such a packet to another link`, ref: 'RFC 4291 §2.5.6', header: h };
  }
  if (h.hopLimit <= 1) {
    return {
      kind: 'drop',
      reason: `Hop Limit reached 0: the packet arrived with Hop Limit ${h.hopLimit} and every node that forwards it subtracts 1; it is discarded and the source is told (ICMPv6 Time Exceeded)`,
      ref: 'RFC 8200 §3; RFC 4443 §3.3',
      header: h,
      icmp: Icmpv6Errors.hopLimitExceeded,
    };
  }
  const route = lookupRoute6(table.routes6 ?? [], h.destination);
  if (route === undefined) {
    return { kind: 'drop', reason: `no route to ${h.destination}: no IPv6 prefix in the forwarding table contains it`, ref: 'RFC 4443 §3.1', header: h, icmp: Icmpv6Errors.noRoute };
  }
  const nextHop = route.nextHop ?? h.destination;
  const linkAddress = resolveNeighbour6(table.neighbours6 ?? [], route.interface, nextHop);
  if (linkAddress === undefined) {
    const what = route.nextHop === null ? `${h.destination} is on a directly attached link, but no such neighbour is known there` : `next hop ${nextHop} is not a known neighbour on that link`;
    return { kind: 'drop', reason: `cannot deliver: ${what} (no link-layer address)`, ref: 'RFC 4443 §3.1; RFC 4861 §7.2', header: h, icmp: Icmpv6Errors.addressUnreachable };
  }
  return { kind: 'forward', bytes: decrementHopLimit(bytes, parsed.length), header: h, route, nextHop, linkAddress };
}
