// The binding cache of any node that implements route optimization: a
// correspondent, a foreign agent's forwarding entries after a smooth handoff
// (Perkins & Johnson §3; optim-08 §3.1).
//
// Theory of operation. An entry maps a mobile node's home address to its
// care-of address. It is created or refreshed only from an authenticated
// Binding Update (the node checks authentication and replay first, Perkins & Johnson §3.3; optim-08 §4.3 steps
// 3–4; this table applies step 5), deleted by a BU with Lifetime 0 or CoA =
// home address, and dropped when its lifetime runs out. The cache has a fixed
// capacity (OC-33: 64) and replaces the least recently used entry (optim-08
// §3.1 recommends LRU). Before an entry expires, a node that still uses it
// asks the home agent for a fresh binding with a Binding Request (OC-43).

import type { Identification } from '../../crypto/identification';
import type { Ipv4Address } from '../../wire/address';
import {
  MICROS_PER_SECOND, checkLifetime, compareText, entryAt, expiryOf, formatLifetime, hasExpired,
  sortedKeys, withEntry, withoutEntry, type Keyed, type Micros, type TableChange, type TableUpdate,
} from './table-change';

/** Default capacity (OC-33). */
export const DEFAULT_BINDING_CACHE_CAPACITY = 64;
/** OC-43: refresh once remaining ≤ max(10 s, 20 % of the granted lifetime)… */
export const REFRESH_MIN_REMAINING_SECONDS = 10;
export const REFRESH_REMAINING_PERCENT = 20;
/** …and only if the entry was used in the last 30 s (OC-43). */
export const REFRESH_RECENT_USE_SECONDS = 30;

/** Who created the entry: the home agent's BU, or the previous FA's forwarding entry (Perkins & Johnson §4.1; optim-08 §8.1). */
export type BindingOrigin = 'home-agent' | 'smooth-handoff';

/** What the accepting BU's replay check left behind (Perkins & Johnson §3; optim-08 §3.1 "replay state"). */
export type CacheReplayState =
  | { readonly style: 'timestamp'; readonly lastTimestamp: Identification }
  | { readonly style: 'nonce'; readonly expectedNonce: number | null }
  /** Smooth handoff: the registration key is single-use, no replay state needed (Perkins & Johnson §9.1, §9.2). */
  | { readonly style: 'single-use-key'; readonly identification: Identification | null };

export interface BindingCacheEntry {
  readonly homeAddress: Ipv4Address;
  readonly careOfAddress: Ipv4Address;
  /** Lifetime granted by the last BU, in seconds; 0xFFFF = infinite. */
  readonly lifetimeSeconds: number;
  /** null: infinite lifetime, never expires. */
  readonly expiresAt: Micros | null;
  /** Where Binding Requests and Warnings go (OC-24); null if unknown (OC-25). */
  readonly haAddress: Ipv4Address | null;
  /** BU M bit: minimal encapsulation allowed. */
  readonly allowMinimal: boolean;
  /** BU G bit: GRE allowed. */
  readonly allowGre: boolean;
  readonly replay: CacheReplayState;
  /** SPI of the MSA that authenticated the BU. */
  readonly spi: number;
  readonly origin: BindingOrigin;
  readonly createdAt: Micros;
  /** Last time a BU created or refreshed the entry. */
  readonly updatedAt: Micros;
  /** Last time a datagram was tunnelled with it; null = never used. */
  readonly lastUsedAt: Micros | null;
  /**
   * When this entry's holder last sent a Binding Request about it; null =
   * never. At most one per refresh window (OC-43, revised): a BU answering it
   * leaves this alone, so an answer that does not move the refresh point
   * past it (the registration itself is about to end) asks no more.
   */
  readonly bindingRequestSentAt: Micros | null;
  /**
   * The BU answering this entry's Binding Request could not move it out of
   * its refresh window (the registration ends within it): the holder asks no
   * more and lets the entry expire (OC-43 revised). A BU that does extend it
   * clears this.
   */
  readonly refreshExhausted: boolean;
}

export interface BindingCache {
  readonly capacity: number;
  /** Keyed by home address. */
  readonly entries: Keyed<BindingCacheEntry>;
}

export type BindingCacheChange = TableChange<BindingCacheEntry>;

export function emptyBindingCache(capacity = DEFAULT_BINDING_CACHE_CAPACITY): BindingCache {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`binding cache capacity must be a positive integer, got ${capacity}`);
  return { capacity, entries: {} };
}

/** The contents of an authenticated, replay-checked Binding Update (Perkins & Johnson §3.3; optim-08 §3.1). */
export interface BindingCacheUpdate {
  readonly homeAddress: Ipv4Address;
  readonly careOfAddress: Ipv4Address;
  readonly lifetimeSeconds: number;
  readonly haAddress: Ipv4Address | null;
  readonly allowMinimal: boolean;
  readonly allowGre: boolean;
  readonly replay: CacheReplayState;
  readonly spi: number;
  readonly origin: BindingOrigin;
}

export interface BindingUpdateApplied extends TableUpdate<BindingCache, BindingCacheEntry> {
  readonly outcome: 'created' | 'refreshed' | 'deleted' | 'nothing-to-delete';
  /** The entry after the update; null after a deletion. */
  readonly entry: BindingCacheEntry | null;
}

const APPLY_REF = 'Perkins & Johnson §3.3; optim-08 §3.1';

/**
 * Step 5 of BU processing (Perkins & Johnson §3.3; optim-08 §4.3): Lifetime 0 or CoA =
 * home address deletes the entry; anything else creates or refreshes it. A
 * new entry in a full cache first drops expired entries, then evicts the
 * least recently used one (optim-08 §3.1; OC-33).
 */
export function applyBindingUpdate(cache: BindingCache, bu: BindingCacheUpdate, now: Micros): BindingUpdateApplied {
  checkLifetime(bu.lifetimeSeconds, 'Binding Update');
  const home = bu.homeAddress;
  // An entry past its lifetime is gone, purged or not: report it as expired, never as refreshed or deleted.
  const lapsed = entryAt(cache.entries, home);
  const purged = lapsed !== undefined && hasExpired(lapsed.expiresAt, now);
  const base = purged ? { ...cache, entries: withoutEntry(cache.entries, home) } : cache;
  const changes: BindingCacheChange[] = purged ? [expiredChange(lapsed)] : [];
  const existing = purged ? undefined : lapsed;

  if (bu.lifetimeSeconds === 0 || bu.careOfAddress === home) {
    const why = bu.lifetimeSeconds === 0 ? 'Lifetime 0' : 'care-of address = home address';
    if (existing === undefined) return { table: base, changes, outcome: 'nothing-to-delete', entry: null };
    changes.push({ kind: 'removed', key: home, before: existing, ref: APPLY_REF, reason: `${why}: the binding is deleted` });
    return { table: { ...base, entries: withoutEntry(base.entries, home) }, changes, outcome: 'deleted', entry: null };
  }
  const fresh = {
    homeAddress: home,
    careOfAddress: bu.careOfAddress,
    lifetimeSeconds: bu.lifetimeSeconds,
    expiresAt: expiryOf(bu.lifetimeSeconds, now),
    haAddress: bu.haAddress,
    allowMinimal: bu.allowMinimal,
    allowGre: bu.allowGre,
    replay: bu.replay,
    spi: bu.spi,
    origin: bu.origin,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
    lastUsedAt: existing?.lastUsedAt ?? null,
    bindingRequestSentAt: existing?.bindingRequestSentAt ?? null, // one BR per refresh window, whatever answers arrive (OC-43)
  };
  // An answer that leaves the entry inside its refresh window closes the matter (OC-43 revised).
  const point = refreshPoint(fresh);
  const entry: BindingCacheEntry = { ...fresh, refreshExhausted: existing !== undefined && refreshAlreadyAsked(existing) && point !== null && point <= now };
  const lifetime = formatLifetime(bu.lifetimeSeconds);
  if (existing !== undefined) {
    changes.push({ kind: 'updated', key: home, before: existing, after: entry, ref: APPLY_REF, reason: `refreshed: ${bu.careOfAddress} for ${lifetime}` });
    return { table: { ...base, entries: withEntry(base.entries, home, entry) }, changes, outcome: 'refreshed', entry };
  }
  const room = makeRoom(base, now);
  changes.push(...room.changes, { kind: 'added', key: home, after: entry, ref: APPLY_REF, reason: `${home} → ${bu.careOfAddress} for ${lifetime}` });
  return { table: { ...room.table, entries: withEntry(room.table.entries, home, entry) }, changes, outcome: 'created', entry };
}

/** Expired entries go first; if the cache is still full, the LRU entry is evicted (OC-33). */
function makeRoom(cache: BindingCache, now: Micros): TableUpdate<BindingCache, BindingCacheEntry> {
  let { table, changes } = expireBindings(cache, now);
  const keys = Object.keys(table.entries);
  if (keys.length < table.capacity) return { table, changes };
  const victims = keys.map((k) => table.entries[k]!).sort(byRecency).slice(0, keys.length - table.capacity + 1);
  const evicted: BindingCacheChange[] = victims.map((v) => ({
    kind: 'evicted',
    key: v.homeAddress,
    before: v,
    ref: 'optim-08 §3.1 (LRU); lab choice',
    reason: `cache full (${table.capacity} entries): least recently used entry replaced`,
  }));
  let entries = table.entries;
  for (const v of victims) entries = withoutEntry(entries, v.homeAddress);
  table = { ...table, entries };
  changes = [...changes, ...evicted];
  return { table, changes };
}

/** Least recently used first; an entry never used counts from its creation. Ties: older, then lower address text. */
function byRecency(a: BindingCacheEntry, b: BindingCacheEntry): number {
  return (a.lastUsedAt ?? a.createdAt) - (b.lastUsedAt ?? b.createdAt) || a.createdAt - b.createdAt || compareText(a.homeAddress, b.homeAddress);
}

/** The live entry for a home address without marking it used (UI, BW destination lookups). */
export function peekBinding(cache: BindingCache, homeAddress: Ipv4Address, now: Micros): BindingCacheEntry | null {
  const e = entryAt(cache.entries, homeAddress);
  return e === undefined || hasExpired(e.expiresAt, now) ? null : e;
}

export interface BindingLookup {
  readonly table: BindingCache;
  readonly entry: BindingCacheEntry | null;
  /**
   * The table changed only to record the use (lastUsedAt, for LRU and
   * OC-43): keep the new table, but this is not worth a trace event.
   */
  readonly touched: boolean;
}

/** Looking an entry up to send a datagram marks it used (Perkins & Johnson §3; optim-08 §3.1; LRU). */
export function lookupBinding(cache: BindingCache, homeAddress: Ipv4Address, now: Micros): BindingLookup {
  const e = peekBinding(cache, homeAddress, now);
  if (e === null) return { table: cache, entry: null, touched: false };
  const used = { ...e, lastUsedAt: now };
  return { table: { ...cache, entries: withEntry(cache.entries, homeAddress, used) }, entry: used, touched: true };
}

function expiredChange(e: BindingCacheEntry): BindingCacheChange {
  return { kind: 'expired', key: e.homeAddress, before: e, ref: 'Perkins & Johnson §3; optim-08 §3.1', reason: 'lifetime ran out' };
}

/** Removes every entry whose lifetime has run out (Perkins & Johnson §3; optim-08 §3.1). */
export function expireBindings(cache: BindingCache, now: Micros): TableUpdate<BindingCache, BindingCacheEntry> {
  const gone = sortedKeys(cache.entries).filter((k) => hasExpired(cache.entries[k]!.expiresAt, now));
  if (gone.length === 0) return { table: cache, changes: [] };
  let entries = cache.entries;
  for (const k of gone) entries = withoutEntry(entries, k);
  return {
    table: { ...cache, entries },
    changes: gone.map((k) => expiredChange(cache.entries[k]!)),
  };
}

/** Administrative removal (e.g. the learner clears an entry). */
export function removeBinding(cache: BindingCache, homeAddress: Ipv4Address, ref: string, reason?: string): TableUpdate<BindingCache, BindingCacheEntry> {
  const e = entryAt(cache.entries, homeAddress);
  if (e === undefined) return { table: cache, changes: [] };
  const change: BindingCacheChange = { kind: 'removed', key: homeAddress, before: e, ref, ...(reason === undefined ? {} : { reason }) };
  return { table: { ...cache, entries: withoutEntry(cache.entries, homeAddress) }, changes: [change] };
}

/** The point after which the entry qualifies for a refresh: expiresAt − max(10 s, 20 % of granted) (OC-43). */
export function refreshPoint(entry: Pick<BindingCacheEntry, 'expiresAt' | 'lifetimeSeconds'>): Micros | null {
  if (entry.expiresAt === null) return null;
  const margin = Math.max(REFRESH_MIN_REMAINING_SECONDS * MICROS_PER_SECOND, entry.lifetimeSeconds * REFRESH_REMAINING_PERCENT * (MICROS_PER_SECOND / 100));
  return entry.expiresAt - margin;
}

/**
 * Whether the entry's current refresh window already had its Binding Request
 * (OC-43): the last one was sent at or after the refresh point. A BU that
 * extends the entry moves the refresh point past it, and a new window opens.
 */
export function refreshAlreadyAsked(entry: BindingCacheEntry): boolean {
  if (entry.refreshExhausted) return true;
  const point = refreshPoint(entry);
  return point !== null && entry.bindingRequestSentAt !== null && entry.bindingRequestSentAt >= point;
}

/**
 * OC-43: send a Binding Request now? Only for a live, finite entry inside its
 * refresh window, used in the last 30 s, and only once per window — however
 * many datagrams use the entry and whatever answers arrive (Perkins & Johnson
 * §3.2: a Binding Request asks for a binding that is about to expire).
 */
export function needsRefresh(entry: BindingCacheEntry, now: Micros): boolean {
  const point = refreshPoint(entry);
  if (point === null || refreshAlreadyAsked(entry) || hasExpired(entry.expiresAt, now) || now < point) return false;
  return entry.lastUsedAt !== null && now - entry.lastUsedAt <= REFRESH_RECENT_USE_SECONDS * MICROS_PER_SECOND;
}

/** Records the Binding Request of the entry's refresh window (OC-43). */
export function markBindingRequestSent(cache: BindingCache, homeAddress: Ipv4Address, now: Micros): TableUpdate<BindingCache, BindingCacheEntry> {
  const e = peekBinding(cache, homeAddress, now);
  if (e === null || refreshAlreadyAsked(e)) return { table: cache, changes: [] };
  const after = { ...e, bindingRequestSentAt: now };
  return {
    table: { ...cache, entries: withEntry(cache.entries, homeAddress, after) },
    changes: [{ kind: 'updated', key: homeAddress, before: e, after, ref: 'Perkins & Johnson §3.2; optim-08 §4.2', reason: 'Binding Request sent to refresh the entry: the only one in this refresh window, never retransmitted' }],
  };
}

/** Entries in home-address order, for state panels. */
export function bindingCacheEntries(cache: BindingCache): BindingCacheEntry[] {
  return sortedKeys(cache.entries).map((k) => cache.entries[k]!);
}

/** Earliest expiry in the cache (the node's next expiry timer), or null. */
export function nextBindingExpiry(cache: BindingCache): Micros | null {
  let next: Micros | null = null;
  for (const e of Object.values(cache.entries)) if (e.expiresAt !== null && (next === null || e.expiresAt < next)) next = e.expiresAt;
  return next;
}
