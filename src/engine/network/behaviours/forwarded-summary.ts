// The line of a router's `forwarded` event, "UDP 10.1.0.10 → 198.51.100.5 →
// next hop 10.0.2.1, TTL 64 → 63": a flow's datagrams through one router all
// read the same, so the router hands out the string it made last for the same
// protocol, addresses, next hop and TTL (received-summary.ts does the same
// for `received` events, and says why a shared string is worth it).

import { flatText } from '../flat-text';
import type { Ipv4Address } from '../../wire/address';
import { protocolName, type Ipv4Datagram } from '../../wire/ipv4';

interface Line {
  readonly protocol: number;
  readonly nextHop: Ipv4Address;
  readonly ttl: number;
  readonly text: string;
}

/**
 * Lines kept, by destination and then source (the address strings come from
 * one memo, wire/address.ts, so a lookup mostly compares the same string
 * object), each a short list of the next hops and TTLs seen for that pair.
 * Shared by every router in the thread (a pure cache): in the large bench
 * scenario many routers forward many flows, and one table of 2^8 slots
 * picked by a hash of the addresses' last characters kept fewer than one
 * line in ten. Bounded: past MAX_LINES everything is forgotten and made
 * again as datagrams come.
 */
const MAX_LINES = 16_384;
/** Lines per address pair: a pair's datagrams cross a few routers, each with its own next hop and TTL. */
const MAX_PER_PAIR = 16;
let lines = new Map<Ipv4Address, Map<Ipv4Address, Line[]>>();
let kept = 0;

/** `${protocol} ${source} → ${destination} → next hop ${nextHop}, TTL ${ttl} → ${ttl − 1}`, the same string for datagrams that read the same. */
export function forwardedSummary(d: Ipv4Datagram, nextHop: Ipv4Address): string {
  let bySource = lines.get(d.destination);
  let pair = bySource?.get(d.source);
  if (pair !== undefined) {
    for (const line of pair) if (line.protocol === d.protocol && line.ttl === d.ttl && line.nextHop === nextHop) return line.text;
  }
  const text = flatText(`${protocolName(d.protocol)} ${d.source} → ${d.destination} → next hop ${nextHop}, TTL ${d.ttl} → ${d.ttl - 1}`);
  if (kept >= MAX_LINES) {
    lines = new Map();
    kept = 0;
    bySource = undefined;
    pair = undefined;
  }
  if (bySource === undefined) lines.set(d.destination, (bySource = new Map()));
  if (pair === undefined) bySource.set(d.source, (pair = []));
  if (pair.length >= MAX_PER_PAIR) {
    kept -= pair.length;
    pair.length = 0;
  }
  pair.push({ protocol: d.protocol, nextHop, ttl: d.ttl, text });
  kept++;
  return text;
}
