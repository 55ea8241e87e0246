// A short memory of the datagrams a node has re-tunnelled (RFC 2003 §3.2;
// Perkins & Johnson §4.1; lab choice).
//
// Theory of operation. Bindings that disagree can pass a datagram round a
// circle of tunnels: a previous foreign agent forwards to the next one, which
// has nothing for it and sends it home in a special tunnel, and the home agent
// tunnels it to the previous foreign agent again. Each node acts by its rules;
// only the inner TTL would end it. A datagram is named by its source,
// destination, protocol and IP Identification (RFC 791: together they identify
// it for reassembly), none of which a tunnel changes; a node that sees again,
// within a few seconds, a datagram it already forwarded knows it is in a loop.
// Entries older than the memory are forgotten, and at most a fixed number are
// kept (oldest first out), so the table stays small.

import type { Ipv4Datagram } from '../../wire/ipv4';
import { MICROS_PER_SECOND, compareText, entryAt, type Keyed, type Micros } from './table-change';

/** How long a forwarded datagram is remembered (lab choice: far longer than any loop's round trip). */
export const FORWARDED_MEMORY_SECONDS = 2;
/** At most this many are remembered (lab choice). */
export const FORWARDED_MEMORY_CAPACITY = 256;

export interface RecentlyForwarded {
  /** When each datagram (by `datagramName`) was last forwarded. */
  readonly at: Keyed<Micros>;
}

export const EMPTY_RECENTLY_FORWARDED: RecentlyForwarded = { at: {} };

/** "198.51.100.5 → 10.1.0.10, protocol 17, IP Identification 12". */
export function datagramName(d: Ipv4Datagram): string {
  return `${d.source} → ${d.destination}, protocol ${d.protocol}, IP Identification ${d.identification}`;
}

/** When this datagram was forwarded before, if it is still remembered. */
export function forwardedBefore(table: RecentlyForwarded, d: Ipv4Datagram, now: Micros): Micros | null {
  const t = entryAt(table.at, datagramName(d));
  return t === undefined || now - t > FORWARDED_MEMORY_SECONDS * MICROS_PER_SECOND ? null : t;
}

export function rememberForwarded(table: RecentlyForwarded, d: Ipv4Datagram, now: Micros): RecentlyForwarded {
  const limit = FORWARDED_MEMORY_SECONDS * MICROS_PER_SECOND;
  const kept = Object.entries({ ...table.at, [datagramName(d)]: now })
    .filter(([, t]) => now - t <= limit)
    .sort(([ka, a], [kb, b]) => a - b || compareText(ka, kb));
  return { at: Object.fromEntries(kept.slice(-FORWARDED_MEMORY_CAPACITY)) };
}
