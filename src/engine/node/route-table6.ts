// The IPv6 half of a node's forwarding table (docs/ipv6.md §2, OC-50): routes
// to IPv6 prefixes and the static IPv6 neighbours the topology gives, beside
// the IPv4 ones of route-table.ts, from the same shortest paths. Lookup is
// longest-prefix match, as for IPv4 (RFC 4861 §5.2: "longest prefix match
// against the Prefix List" for on-link determination, next hop from the
// routing table otherwise).

import { ipv6Bytes, type Ipv6Address } from '../wire/ipv6/ipv6-address';
import type { LinkAddress } from './link-address';
import type { Micros } from './time';

export interface Route6Entry {
  /** The prefix with host bits zero, canonical text (RFC 5952). */
  readonly destination: Ipv6Address;
  readonly prefixLength: number;
  /** Outgoing interface name. */
  readonly interface: string;
  /** The neighbouring router's IPv6 address on that link; null = on-link: deliver to the destination itself. */
  readonly nextHop: Ipv6Address | null;
  /** Sum of the link delays along the path. */
  readonly metric: Micros;
  readonly hops: number;
}

/**
 * A static IPv6 neighbour on one of the node's links: the stand-in for a
 * filled neighbour cache (RFC 4861 §7). IPv6 nodes add dynamic entries of
 * their own from Neighbor Discovery (docs/ipv6.md §3, OC-53).
 */
export interface Neighbour6 {
  readonly interface: string;
  readonly address: Ipv6Address;
  readonly linkAddress: LinkAddress;
}

// A lookup runs once per datagram per hop; parsing the text each time would
// dominate. A bounded memo of pure results keeps it cheap and deterministic.
const octets = new Map<string, Uint8Array>();
function bytesOf(a: Ipv6Address): Uint8Array {
  let b = octets.get(a);
  if (b === undefined) {
    if (octets.size >= 4096) octets.clear();
    b = ipv6Bytes(a);
    octets.set(a, b);
  }
  return b;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Whether the first `prefixLength` bits of `a` and `network` agree. */
function matches(a: Uint8Array, network: Uint8Array, prefixLength: number): boolean {
  const whole = prefixLength >>> 3;
  for (let i = 0; i < whole; i++) if (a[i] !== network[i]) return false;
  const rest = prefixLength & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (a[whole]! & mask) === (network[whole]! & mask);
}

/** Canonical order, as sortRoutes: longest prefix first, then by network address, then by interface name. */
export function sortRoutes6(routes: readonly Route6Entry[]): Route6Entry[] {
  return [...routes].sort((a, b) =>
    b.prefixLength - a.prefixLength
    || compareBytes(bytesOf(a.destination), bytesOf(b.destination))
    || (a.interface < b.interface ? -1 : a.interface > b.interface ? 1 : 0));
}

/** Longest prefix match; `routes` must be in `sortRoutes6` order, so the first match is the longest. */
export function lookupRoute6(routes: readonly Route6Entry[], destination: Ipv6Address): Route6Entry | undefined {
  const d = bytesOf(destination);
  for (const r of routes) if (matches(d, bytesOf(r.destination), r.prefixLength)) return r;
  return undefined;
}

/** The link-layer address of `address` on `iface`, if it is a known IPv6 neighbour there. */
export function resolveNeighbour6(neighbours: readonly Neighbour6[], iface: string, address: Ipv6Address): LinkAddress | undefined {
  for (const n of neighbours) if (n.interface === iface && n.address === address) return n.linkAddress;
  return undefined;
}

/** "2001:db8:1::/64 via 2001:db8:0:1::2 on eth1 (2 hops, 2000 µs)" or "… on-link on eth0 …". */
export function describeRoute6(r: Route6Entry): string {
  const via = r.nextHop === null ? 'on-link' : `via ${r.nextHop}`;
  return `${r.destination}/${r.prefixLength} ${via} on ${r.interface} (${r.hops} hop${r.hops === 1 ? '' : 's'}, ${r.metric} µs)`;
}
