// The IPv6 correspondent's binding cache (Perkins & Johnson §10; RFC 6275 §9;
// RFC 6275 §9.1, §9.5): home address → care-of address, created, refreshed or
// deleted only by a Binding Update that authenticated and whose Sequence
// Number is newer (the node checks both first, binding-update-check.ts),
// removed when its lifetime runs out, and bounded: a new entry in a full cache
// evicts the least recently used one (capacity 64 by default, as for IPv4:
// optim-08 §3.1 recommends LRU). Near expiry of an entry still in use the
// correspondent sends one Binding Refresh Request (RFC 6275 §9.5.5; the
// refresh point and the "used in the last 30 s" rule are the IPv4 ones, OC-43).
//
// Plain data, copy-on-write, every change returned as a record (tables/table-change.ts).

import { REFRESH_RECENT_USE_SECONDS, refreshPoint } from '../../tables/binding-cache';
import {
  MICROS_PER_SECOND, compareText, entryAt, expiryOf, hasExpired, sortedKeys, withEntry, withoutEntry,
  type Keyed, type Micros, type TableChange, type TableUpdate,
} from '../../tables/table-change';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';

export { DEFAULT_BINDING_CACHE_CAPACITY } from '../../tables/binding-cache';

/** How the accepted Binding Update proved it came from the mobile node. */
export type BindingAuthorization =
  /** AH under a configured security association (Perkins & Johnson §10; mipv6-07 §4.4; OC-52). */
  | { readonly kind: 'ipsec'; readonly spi: number }
  /** Return routability (RFC 6275 §5.2): the nonce indices the tokens were made with. */
  | { readonly kind: 'return-routability'; readonly homeNonceIndex: number; readonly careOfNonceIndex: number };

export interface Ipv6BindingEntry {
  readonly homeAddress: Ipv6Address;
  readonly careOfAddress: Ipv6Address;
  /** Lifetime granted, seconds. */
  readonly lifetimeSeconds: number;
  readonly expiresAt: Micros;
  /** Sequence Number of the Binding Update that made or last refreshed the entry (RFC 6275 §9.5.1). */
  readonly sequence: number;
  readonly authorization: BindingAuthorization;
  readonly createdAt: Micros;
  readonly updatedAt: Micros;
  /** Last time a datagram was sent with it; null = never used. */
  readonly lastUsedAt: Micros | null;
  /** When the Binding Refresh Request of the current refresh window went out; null = none yet. */
  readonly refreshRequestedAt: Micros | null;
}

export interface Ipv6BindingCache {
  readonly capacity: number;
  /** Keyed by home address. */
  readonly entries: Keyed<Ipv6BindingEntry>;
}

export type Ipv6BindingChange = TableChange<Ipv6BindingEntry>;

export const CACHE_REF = 'Perkins & Johnson §10; RFC 6275 §9.5.2';
const LRU_REF = 'optim-08 §3.1 (LRU); RFC 6275 §9.6';
const EXPIRY_REF = 'RFC 6275 §9.6';

export function emptyIpv6BindingCache(capacity: number): Ipv6BindingCache {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`binding cache capacity must be a positive integer, got ${capacity}`);
  return { capacity, entries: {} };
}

/** What an accepted Binding Update asks for. */
export interface Ipv6BindingUpdate {
  readonly homeAddress: Ipv6Address;
  readonly careOfAddress: Ipv6Address;
  readonly lifetimeSeconds: number;
  readonly sequence: number;
  readonly authorization: BindingAuthorization;
}

export interface Ipv6BindingApplied extends TableUpdate<Ipv6BindingCache, Ipv6BindingEntry> {
  readonly outcome: 'created' | 'refreshed' | 'deleted' | 'nothing-to-delete';
}

/** The live entry for a home address, without marking it used; null when absent or past its lifetime. */
export function peekIpv6Binding(cache: Ipv6BindingCache, homeAddress: Ipv6Address, now: Micros): Ipv6BindingEntry | null {
  const e = entryAt(cache.entries, homeAddress);
  return e === undefined || hasExpired(e.expiresAt, now) ? null : e;
}

/**
 * RFC 6275 §9.5.2 (create or refresh) and §9.5.3 (Lifetime 0, or care-of
 * address = home address: delete). A new entry in a full cache first drops
 * expired entries, then evicts the least recently used one.
 */
export function applyIpv6BindingUpdate(cache: Ipv6BindingCache, bu: Ipv6BindingUpdate, now: Micros): Ipv6BindingApplied {
  const home = bu.homeAddress;
  const existing = peekIpv6Binding(cache, home, now);
  const lapsed = existing === null ? entryAt(cache.entries, home) : undefined;
  const base: Ipv6BindingCache = lapsed === undefined ? cache : { ...cache, entries: withoutEntry(cache.entries, home) };
  const changes: Ipv6BindingChange[] = lapsed === undefined ? [] : [expired(lapsed)];
  if (bu.lifetimeSeconds === 0 || bu.careOfAddress === home) {
    if (existing === null) return { table: base, changes, outcome: 'nothing-to-delete' };
    const why = bu.lifetimeSeconds === 0 ? 'Lifetime 0' : 'care-of address = home address';
    changes.push({ kind: 'removed', key: home, before: existing, ref: 'RFC 6275 §9.5.3', reason: `${why}: the mobile node deleted its binding (it is at home, or no longer wants route optimization)` });
    return { table: { ...base, entries: withoutEntry(base.entries, home) }, changes, outcome: 'deleted' };
  }
  const entry: Ipv6BindingEntry = {
    homeAddress: home, careOfAddress: bu.careOfAddress, lifetimeSeconds: bu.lifetimeSeconds,
    expiresAt: expiryOf(bu.lifetimeSeconds, now) ?? now + bu.lifetimeSeconds * MICROS_PER_SECOND,
    sequence: bu.sequence, authorization: bu.authorization,
    createdAt: existing?.createdAt ?? now, updatedAt: now, lastUsedAt: existing?.lastUsedAt ?? null,
    refreshRequestedAt: existing?.refreshRequestedAt ?? null,
  };
  if (existing !== null) {
    const moved = existing.careOfAddress === bu.careOfAddress ? `refreshed for ${bu.lifetimeSeconds} s` : `care-of address ${existing.careOfAddress} → ${bu.careOfAddress}, for ${bu.lifetimeSeconds} s`;
    changes.push({ kind: 'updated', key: home, before: existing, after: entry, ref: CACHE_REF, reason: `${moved} (Sequence ${bu.sequence})` });
    return { table: { ...base, entries: withEntry(base.entries, home, entry) }, changes, outcome: 'refreshed' };
  }
  const room = makeRoom(base, now);
  changes.push(...room.changes, { kind: 'added', key: home, after: entry, ref: CACHE_REF, reason: `${home} → ${bu.careOfAddress} for ${bu.lifetimeSeconds} s (Sequence ${bu.sequence})` });
  return { table: { ...room.table, entries: withEntry(room.table.entries, home, entry) }, changes, outcome: 'created' };
}

function expired(e: Ipv6BindingEntry): Ipv6BindingChange {
  return { kind: 'expired', key: e.homeAddress, before: e, ref: EXPIRY_REF, reason: `its lifetime of ${e.lifetimeSeconds} s ran out: datagrams to ${e.homeAddress} go by the home agent again` };
}

/** Least recently used first; never used counts from creation; ties by address text. */
function byRecency(a: Ipv6BindingEntry, b: Ipv6BindingEntry): number {
  return (a.lastUsedAt ?? a.createdAt) - (b.lastUsedAt ?? b.createdAt) || compareText(a.homeAddress, b.homeAddress);
}

function makeRoom(cache: Ipv6BindingCache, now: Micros): TableUpdate<Ipv6BindingCache, Ipv6BindingEntry> {
  const purged = expireIpv6Bindings(cache, now);
  const keys = Object.keys(purged.table.entries);
  if (keys.length < cache.capacity) return purged;
  const victims = keys.map((k) => purged.table.entries[k]!).sort(byRecency).slice(0, keys.length - cache.capacity + 1);
  let entries = purged.table.entries;
  for (const v of victims) entries = withoutEntry(entries, v.homeAddress);
  const evicted: Ipv6BindingChange[] = victims.map((v) => ({ kind: 'evicted', key: v.homeAddress, before: v, ref: LRU_REF, reason: `cache full (${cache.capacity} entries): the least recently used entry makes room` }));
  return { table: { ...purged.table, entries }, changes: [...purged.changes, ...evicted] };
}

/** Removes every entry whose lifetime has run out (RFC 6275 §9.6). */
export function expireIpv6Bindings(cache: Ipv6BindingCache, now: Micros): TableUpdate<Ipv6BindingCache, Ipv6BindingEntry> {
  const gone = sortedKeys(cache.entries).filter((k) => hasExpired(cache.entries[k]!.expiresAt, now));
  if (gone.length === 0) return { table: cache, changes: [] };
  let entries = cache.entries;
  for (const k of gone) entries = withoutEntry(entries, k);
  return { table: { ...cache, entries }, changes: gone.map((k) => expired(cache.entries[k]!)) };
}

/** Looking an entry up to send a datagram marks it used (LRU, and the refresh rule). */
export function useIpv6Binding(cache: Ipv6BindingCache, homeAddress: Ipv6Address, now: Micros): { readonly table: Ipv6BindingCache; readonly entry: Ipv6BindingEntry | null } {
  const e = peekIpv6Binding(cache, homeAddress, now);
  if (e === null) return { table: cache, entry: null };
  const used = { ...e, lastUsedAt: now };
  return { table: { ...cache, entries: withEntry(cache.entries, homeAddress, used) }, entry: used };
}

/** Refresh point of an entry: expiry − max(10 s, 20 % of the lifetime) (docs/ipv6.md §3; OC-43). */
export function ipv6RefreshPoint(e: Ipv6BindingEntry): Micros {
  return refreshPoint(e) ?? e.expiresAt;
}

/**
 * RFC 6275 §9.5.5: ask for a fresh Binding Update now? A live entry inside its
 * refresh window, used in the last 30 s, and no Binding Refresh Request yet in
 * this window (a Binding Update that extends the entry opens a new one).
 */
export function needsBindingRefresh(e: Ipv6BindingEntry, now: Micros): boolean {
  const point = ipv6RefreshPoint(e);
  if (hasExpired(e.expiresAt, now) || now < point) return false;
  if (e.refreshRequestedAt !== null && e.refreshRequestedAt >= point) return false;
  return e.lastUsedAt !== null && now - e.lastUsedAt <= REFRESH_RECENT_USE_SECONDS * MICROS_PER_SECOND;
}

/** Records the Binding Refresh Request of the entry's refresh period. */
export function markRefreshRequested(cache: Ipv6BindingCache, homeAddress: Ipv6Address, now: Micros): TableUpdate<Ipv6BindingCache, Ipv6BindingEntry> {
  const e = peekIpv6Binding(cache, homeAddress, now);
  if (e === null) return { table: cache, changes: [] };
  const after = { ...e, refreshRequestedAt: now };
  return {
    table: { ...cache, entries: withEntry(cache.entries, homeAddress, after) },
    changes: [{ kind: 'updated', key: homeAddress, before: e, after, ref: 'RFC 6275 §9.5.5', reason: 'Binding Refresh Request sent: the entry is near expiry and still in use; one per refresh window' }],
  };
}

/** Entries in home-address order (state panels). */
export function ipv6BindingEntries(cache: Ipv6BindingCache): Ipv6BindingEntry[] {
  return sortedKeys(cache.entries).map((k) => cache.entries[k]!);
}

/** The next instant a timer should look at the cache: the earliest expiry or refresh point still ahead. */
export function nextCacheEvent(cache: Ipv6BindingCache, now: Micros): { readonly expiry: Micros | null; readonly refresh: Micros | null } {
  let expiry: Micros | null = null;
  let refresh: Micros | null = null;
  for (const e of ipv6BindingEntries(cache)) {
    if (expiry === null || e.expiresAt < expiry) expiry = e.expiresAt;
    const point = ipv6RefreshPoint(e);
    if (point > now && (refresh === null || point < refresh)) refresh = point;
  }
  return { expiry, refresh };
}
