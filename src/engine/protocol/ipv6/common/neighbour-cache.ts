// The router's Neighbor Discovery cache and hold queue (RFC 4861 §7.2–§7.3,
// OC-53). Static neighbours from the topology need no entry here (as IPv4 does
// not ARP for them); this table holds what the router learned itself:
// - from a Router or Neighbor Solicitation carrying a Source Link-Layer
//   Address option (RFC 4861 §6.2.6, §7.2.3), or a Neighbor Advertisement
//   with a Target Link-Layer Address option (§7.2.5);
// - an INCOMPLETE entry while a Neighbor Solicitation is outstanding, holding
//   the newest datagrams for the address (§7.2.2: a small queue per neighbour,
//   "the new arrival SHOULD replace the oldest entry"; the lab queues
//   HOLD_QUEUE_LENGTH, so a handoff's acknowledgement and the data beside it
//   both wait).
// Plain data, copy-on-write; the capacity bound evicts the least recently
// updated entry, reported as a change.

import { entryAt, sortedKeys, withEntry, withoutEntry, type Keyed, type Micros, type TableChange, type TableUpdate } from '../../tables/table-change';
import type { LinkAddress } from '../../../node/link-address';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';

/** RFC 4861 §10: MAX_MULTICAST_SOLICIT and RETRANS_TIMER. */
export const MAX_MULTICAST_SOLICIT = 3;
export const RETRANS_TIMER_US: Micros = 1_000_000;
/** The lab's bound on learned entries (a teaching network has a handful of hosts per link). */
export const NEIGHBOUR_CACHE_CAPACITY = 64;
/** Datagrams held per unresolved address (RFC 4861 §7.2.2: at least one, a small number). */
export const HOLD_QUEUE_LENGTH = 3;

/** A datagram waiting for its next hop's link-layer address. */
export interface HeldDatagram {
  readonly bytes: Uint8Array;
  /** The line its trace shows when it is finally sent or dropped. */
  readonly summary: string;
  /** Forwarded for someone else (Hop Limit already handled by the caller) or originated here. */
  readonly traceAs: 'sent' | 'forwarded';
  readonly ref: string;
  /** For a datagram in transit: the interface it arrived on, so the router can forward it once resolved. */
  readonly arrivedOn?: string;
}

export interface NeighbourEntry {
  readonly address: Ipv6Address;
  readonly interface: string;
  /** null while INCOMPLETE (a Neighbor Solicitation is outstanding). */
  readonly linkAddress: LinkAddress | null;
  readonly state: 'incomplete' | 'reachable';
  /** What taught the router this entry, for the state panel. */
  readonly learnedFrom: string;
  readonly updatedAt: Micros;
  /** Solicitations sent for an INCOMPLETE entry. */
  readonly solicitations: number;
  /** Oldest first; empty unless INCOMPLETE. */
  readonly held: readonly HeldDatagram[];
}

export type NeighbourCache = Keyed<NeighbourEntry>;
export const EMPTY_NEIGHBOUR_CACHE: NeighbourCache = {};
type Change = TableChange<NeighbourEntry>;

const REF_LEARN = 'RFC 4861 §7.2.3, §6.2.6';
const REF_RESOLVE = 'RFC 4861 §7.2.2';

/** The stored form of an entry in a change record: the held bytes are summarised, not copied into traces. */
function shown(e: NeighbourEntry): NeighbourEntry {
  if (e.held.length === 0) return e;
  return { ...e, held: e.held.map((h) => ({ ...h, bytes: new Uint8Array(0) })) };
}

/**
 * Entries are keyed by address alone: addresses in the lab are unique (global
 * ones by construction, link-local ones from unique link-layer addresses,
 * OC-53), and a trace a learner reads names no interface.
 */
export function neighbourKey(address: Ipv6Address): string {
  return address;
}

/** The link-layer address the router learned for `address` on `iface`, if it is complete. */
export function learnedLinkAddress(cache: NeighbourCache, iface: string, address: Ipv6Address): LinkAddress | undefined {
  const e = entryAt(cache, neighbourKey(address));
  return e === undefined || e.interface !== iface ? undefined : e.linkAddress ?? undefined;
}

function evictIfFull(cache: NeighbourCache, keep: string): TableUpdate<NeighbourCache, NeighbourEntry> {
  const keys = sortedKeys(cache).filter((k) => k !== keep);
  if (keys.length < NEIGHBOUR_CACHE_CAPACITY) return { table: cache, changes: [] };
  let oldest = keys[0]!;
  for (const k of keys) if (cache[k]!.updatedAt < cache[oldest]!.updatedAt) oldest = k;
  const before = cache[oldest]!;
  return { table: withoutEntry(cache, oldest), changes: [{ kind: 'evicted', key: oldest, before: shown(before), ref: 'RFC 4861 §7.3; lab choice', reason: `the cache holds at most ${NEIGHBOUR_CACHE_CAPACITY} learned neighbours; the least recently updated goes` }] };
}

export interface Learned extends TableUpdate<NeighbourCache, NeighbourEntry> {
  /** The datagram that was waiting for this address, now sendable. */
  /** The datagrams that waited for this address, oldest first. */
  readonly released?: readonly HeldDatagram[];
}

/**
 * Records `linkAddress` for `address` on `iface` (from SLLA or TLLA). An
 * INCOMPLETE entry becomes REACHABLE and gives up its held datagram; an
 * unchanged entry produces no change record (a Router Solicitation every
 * second would otherwise flood the trace).
 */
export function learnNeighbour(cache: NeighbourCache, iface: string, address: Ipv6Address, linkAddress: LinkAddress, learnedFrom: string, now: Micros): Learned {
  const key = neighbourKey(address);
  const before = entryAt(cache, key);
  if (before !== undefined && before.state === 'reachable' && before.linkAddress === linkAddress && before.interface === iface) {
    return { table: withEntry(cache, key, { ...before, updatedAt: now, learnedFrom }), changes: [] };
  }
  const room = before === undefined ? evictIfFull(cache, key) : { table: cache, changes: [] };
  const after: NeighbourEntry = { address, interface: iface, linkAddress, state: 'reachable', learnedFrom, updatedAt: now, solicitations: 0, held: [] };
  const change: Change = before === undefined
    ? { kind: 'added', key, after, ref: REF_LEARN, reason: `${learnedFrom} gave ${address}'s link-layer address ${linkAddress}` }
    : { kind: 'updated', key, before: shown(before), after, ref: before.state === 'incomplete' ? 'RFC 4861 §7.2.5' : REF_LEARN, reason: before.state === 'incomplete' ? `${learnedFrom} answered the solicitation: ${linkAddress}` : `${learnedFrom}: link-layer address ${before.linkAddress ?? '?'} → ${linkAddress}` };
  return { table: withEntry(room.table, key, after), changes: [...room.changes, change], ...(before === undefined || before.held.length === 0 ? {} : { released: before.held }) };
}

export interface Held extends TableUpdate<NeighbourCache, NeighbourEntry> {
  /** A Neighbor Solicitation must be sent now (the entry is new). */
  readonly solicit: boolean;
  /** The older datagram the new one replaced, to be reported as dropped. */
  readonly replaced?: HeldDatagram;
}

/** Queues `datagram` for an unresolved `address` on `iface` (RFC 4861 §7.2.2). */
export function holdForResolution(cache: NeighbourCache, iface: string, address: Ipv6Address, datagram: HeldDatagram, now: Micros): Held {
  const key = neighbourKey(address);
  const before = entryAt(cache, key);
  if (before !== undefined && before.state === 'incomplete' && before.interface === iface) {
    const queue = [...before.held, datagram];
    const replaced = queue.length > HOLD_QUEUE_LENGTH ? queue.shift() : undefined;
    const after = { ...before, held: queue };
    return { table: withEntry(cache, key, after), changes: [], solicit: false, ...(replaced === undefined ? {} : { replaced }) };
  }
  const room = evictIfFull(cache, key);
  const after: NeighbourEntry = { address, interface: iface, linkAddress: null, state: 'incomplete', learnedFrom: 'awaiting a Neighbor Advertisement', updatedAt: now, solicitations: 1, held: [datagram] };
  return { table: withEntry(room.table, key, after), changes: [...room.changes, { kind: 'added', key, after: shown(after), ref: REF_RESOLVE, reason: `no link-layer address for ${address}: a Neighbor Solicitation goes to its solicited-node address and the datagram waits` }], solicit: true };
}

export interface RetryOutcome extends TableUpdate<NeighbourCache, NeighbourEntry> {
  /** Entries to solicit again. */
  readonly resolicit: readonly NeighbourEntry[];
  /** Entries given up on, each with the datagram it held. */
  readonly failed: readonly NeighbourEntry[];
}

/** On the retransmission timer: solicit again, or give up after MAX_MULTICAST_SOLICIT (RFC 4861 §7.3.3, §7.2.2). */
export function retryResolutions(cache: NeighbourCache, now: Micros): RetryOutcome {
  let table = cache;
  const changes: Change[] = [];
  const resolicit: NeighbourEntry[] = [];
  const failed: NeighbourEntry[] = [];
  for (const key of sortedKeys(cache)) {
    const e = cache[key]!;
    if (e.state !== 'incomplete' || now < e.updatedAt + RETRANS_TIMER_US * e.solicitations) continue;
    if (e.solicitations >= MAX_MULTICAST_SOLICIT) {
      table = withoutEntry(table, key);
      failed.push(e);
      changes.push({ kind: 'removed', key, before: shown(e), ref: REF_RESOLVE, reason: `no Neighbor Advertisement after ${MAX_MULTICAST_SOLICIT} solicitations: address resolution failed` });
      continue;
    }
    const after = { ...e, solicitations: e.solicitations + 1 };
    table = withEntry(table, key, after);
    resolicit.push(after);
  }
  return { table, changes, resolicit, failed };
}

/** When the retransmission timer must next fire; null when nothing is being resolved. */
export function nextResolutionRetry(cache: NeighbourCache): Micros | null {
  let next: Micros | null = null;
  for (const key of sortedKeys(cache)) {
    const e = cache[key]!;
    if (e.state !== 'incomplete') continue;
    const at = e.updatedAt + RETRANS_TIMER_US * e.solicitations;
    if (next === null || at < next) next = at;
  }
  return next;
}

/** Every entry, in key order (for the forwarding table and the state panel). */
export function sortedNeighbourEntries(cache: NeighbourCache): NeighbourEntry[] {
  return sortedKeys(cache).map((k) => cache[k]!);
}
