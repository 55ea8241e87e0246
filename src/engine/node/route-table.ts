// The forwarding table a node holds (plain data, part of its state) and the
// longest-prefix-match lookup over it (from knowledge, not re-read: RFC 1812
// §5.2.4.3). The network's routing computes the tables (network/routing.ts);
// nodes only read them, so a node never needs to see the topology.

import { addressToU32, isIpv4Address, u32ToAddress, type Ipv4Address } from '../wire/address';
import type { LinkAddress } from './link-address';
import type { Neighbour6, Route6Entry } from './route-table6';
import type { Micros } from './time';

export interface RouteEntry {
  /** Network address of the prefix (host bits zero). */
  readonly destination: Ipv4Address;
  readonly prefixLength: number;
  /** Outgoing interface name. */
  readonly interface: string;
  /** The router to hand the datagram to; null = on-link: deliver to the destination itself. */
  readonly nextHop: Ipv4Address | null;
  /** Sum of the link delays along the path. */
  readonly metric: Micros;
  readonly hops: number;
}

/**
 * A neighbour reachable on one of the node's links: the simulation's stand-in
 * for a filled ARP cache (RFC 826). ARP frames can still be sent
 * (EtherType 0x0806); the protocol layer may keep its own entries on top.
 */
export interface Neighbour {
  readonly interface: string;
  readonly address: Ipv4Address;
  readonly linkAddress: LinkAddress;
}

export interface ForwardingTable {
  /** Sorted longest prefix first (see `sortRoutes`). */
  readonly routes: readonly RouteEntry[];
  readonly neighbours: readonly Neighbour[];
  /**
   * IPv6 routes, sorted as by `sortRoutes6` (route-table6.ts). Present only
   * when the topology has IPv6 addresses (docs/ipv6.md §2, OC-50): an IPv4-only
   * run's tables and traces stay exactly as they were.
   */
  readonly routes6?: readonly Route6Entry[];
  /** Static IPv6 neighbours (RFC 4861 §7 stand-in); present with `routes6`. */
  readonly neighbours6?: readonly Neighbour6[];
}

export const EMPTY_FORWARDING_TABLE: ForwardingTable = { routes: [], neighbours: [] };

// Lookups run once per datagram per hop; addressToU32 memoizes the dotted
// strings it has seen (wire/address.ts), so this costs a map lookup.
const toU32 = addressToU32;

export function prefixMask(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

export function networkOf(address: Ipv4Address, prefixLength: number): Ipv4Address {
  return u32ToAddress((addressToU32(address) & prefixMask(prefixLength)) >>> 0);
}

export function inPrefix(address: Ipv4Address, network: Ipv4Address, prefixLength: number): boolean {
  const mask = prefixMask(prefixLength);
  return ((toU32(address) & mask) >>> 0) === ((toU32(network) & mask) >>> 0);
}

/** Canonical order: longest prefix first, then by network address, then by interface name. */
export function sortRoutes(routes: readonly RouteEntry[]): RouteEntry[] {
  return [...routes].sort((a, b) =>
    b.prefixLength - a.prefixLength
    || toU32(a.destination) - toU32(b.destination)
    || (a.interface < b.interface ? -1 : a.interface > b.interface ? 1 : 0));
}

/**
 * Longest prefix match. `routes` must be in `sortRoutes` order, so the first
 * entry that contains the destination is the longest one. A linear scan: lab
 * tables hold a few dozen prefixes.
 */
export function lookupRoute(routes: readonly RouteEntry[], destination: Ipv4Address): RouteEntry | undefined {
  const d = toU32(destination);
  const c = compiledRoutes(routes);
  if (c !== null) {
    const { networks, masks } = c;
    for (let i = 0; i < networks.length; i++) if (((d & masks[i]!) >>> 0) === networks[i]) return routes[i];
    return undefined;
  }
  for (const r of routes) {
    const mask = prefixMask(r.prefixLength);
    if (((d & mask) >>> 0) === toU32(r.destination)) return r;
  }
  return undefined;
}

/** A table's prefixes as numbers, in its order: what the scan above compares, without a text lookup per entry. */
interface CompiledRoutes {
  readonly networks: Uint32Array;
  readonly masks: Uint32Array;
}

// Per routes array: tables are plain data never changed once made (a new
// table is a new array), so the numbers made once hold for the array's life.
// null: an entry whose destination is not an address (the scan above then
// throws where it always did).
const compiled = new WeakMap<readonly RouteEntry[], CompiledRoutes | null>();

function compiledRoutes(routes: readonly RouteEntry[]): CompiledRoutes | null {
  let c = compiled.get(routes);
  if (c !== undefined && (c === null || c.networks.length === routes.length)) return c;
  c = { networks: new Uint32Array(routes.length), masks: new Uint32Array(routes.length) };
  for (let i = 0; i < routes.length; i++) {
    const r = routes[i]!;
    if (!isIpv4Address(r.destination)) {
      c = null;
      break;
    }
    c.networks[i] = toU32(r.destination);
    c.masks[i] = prefixMask(r.prefixLength);
  }
  compiled.set(routes, c);
  return c;
}

/** The link-layer address of `address` on `iface`, if it is a known neighbour there. */
export function resolveNeighbour(neighbours: readonly Neighbour[], iface: string, address: Ipv4Address): LinkAddress | undefined {
  for (const n of neighbours) if (n.interface === iface && n.address === address) return n.linkAddress;
  return undefined;
}

/** "10.1.0.0/24 via 10.0.12.2 on eth1 (2 hops, 2000 µs)" or "… on-link on eth0 …". */
export function describeRoute(r: RouteEntry): string {
  const via = r.nextHop === null ? 'on-link' : `via ${r.nextHop}`;
  return `${r.destination}/${r.prefixLength} ${via} on ${r.interface} (${r.hops} hop${r.hops === 1 ? '' : 's'}, ${r.metric} µs)`;
}
