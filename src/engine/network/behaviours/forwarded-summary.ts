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
  readonly source: Ipv4Address;
  readonly destination: Ipv4Address;
  readonly nextHop: Ipv4Address;
  readonly ttl: number;
  readonly text: string;
}

/** Lines kept, 2^8 (the hash's top 8 bits pick one): a clash only costs a rebuild. */
const LINES = 256;
const lines: (Line | undefined)[] = new Array<Line | undefined>(LINES);

/** A cheap mix of the fields: the addresses' lengths and last characters tell most apart. */
function slotOf(d: Ipv4Datagram, nextHop: Ipv4Address): number {
  const s = d.source, t = d.destination;
  const h = (d.ttl * 31 + d.protocol) ^ (s.length << 5) ^ (s.charCodeAt(s.length - 1) << 9) ^ (t.length << 13) ^ (t.charCodeAt(t.length - 1) << 17) ^ (nextHop.charCodeAt(nextHop.length - 1) << 21);
  return Math.imul(h, 0x9e3779b1) >>> 24; // top 8 bits: 0 … LINES − 1
}

/** `${protocol} ${source} → ${destination} → next hop ${nextHop}, TTL ${ttl} → ${ttl − 1}`, the same string for datagrams that read the same. */
export function forwardedSummary(d: Ipv4Datagram, nextHop: Ipv4Address): string {
  const slot = slotOf(d, nextHop);
  const line = lines[slot];
  if (line !== undefined && line.protocol === d.protocol && line.ttl === d.ttl && line.source === d.source && line.destination === d.destination && line.nextHop === nextHop) return line.text;
  const text = flatText(`${protocolName(d.protocol)} ${d.source} → ${d.destination} → next hop ${nextHop}, TTL ${d.ttl} → ${d.ttl - 1}`);
  lines[slot] = { protocol: d.protocol, source: d.source, destination: d.destination, nextHop, ttl: d.ttl, text };
  return text;
}
