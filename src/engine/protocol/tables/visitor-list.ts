// A foreign agent's visitor list (RFC 2002 §3.7.1–§3.7.3, §3.7.3; Perkins & Johnson §9.2, §4.1; optim-08 §8.1).
//
// Theory of operation. Three kinds of record, kept apart:
//
//  * pending  — a Request the FA relayed and whose Reply it awaits. A new
//               Request from a listed MN is recorded here, separately, and
//               does not touch the current entry until a successful Reply
//               arrives (a denial leaves the old entry untouched, RFC 2002 §3.7.1).
//               Timed with the Request's Lifetime; dropped if no valid Reply
//               comes (RFC 2002 §3.7.2). Holds the pending key material of
//               a registration-key exchange (Perkins & Johnson §9.2).
//  * current  — an accepted registration: lifetime = the granted one, timed
//               from when the FA forwards the Reply (RFC 2002 §3.7.3), plus
//               the registration key + SPI shared with the MN (Perkins & Johnson §9.1, §9.2).
//  * retained — after a smooth-handoff Binding Update deleted a current entry,
//               its registration key stays for Cache Lifetime seconds so a
//               retransmitted BU can still be verified and acknowledged (OC-23).

import { associationId, type SecurityAssociation } from '../../crypto/security-association';
import { sameLow32, type Identification } from '../../crypto/identification';
import type { Ipv4Address } from '../../wire/address';
import {
  INFINITE_LIFETIME, checkLifetime, entryAt, expiryOf, formatLifetime, hasExpired, sortedKeys, withEntry, withoutEntry,
  type Keyed, type Micros, type TableChange, type TableUpdate,
} from './table-change';

/** A pending entry lives at least this long even for a Lifetime-0 (deregistration) Request (our choice). */
export const PENDING_MINIMUM_SECONDS = 10;
/** Default Cache Lifetime (OC-22): key retention after a smooth handoff whose BU said Lifetime 0. */
export const DEFAULT_CACHE_LIFETIME_SECONDS = 10;

/** The FA's half of a registration-key exchange while the Request is outstanding (Perkins & Johnson §9.2; regkey-00 §8.1). */
export type PendingKeyMaterial =
  | { readonly method: 'diffie-hellman'; readonly spi: number; readonly group: string; readonly privateExponent: Uint8Array; readonly mobileNodePublic: Uint8Array; /** For a group named by no table ("custom"): its prime and generator, L octets each. */ readonly prime?: Uint8Array; readonly generator?: Uint8Array }
  | { readonly method: 'chosen-key'; readonly spi: number; readonly key: Uint8Array };

/** What the FA keeps of a relayed Request (RFC 2002 §3.7.1). */
export interface RelayedRequest {
  readonly homeAddress: Ipv4Address;
  /** MN's link-layer source address. */
  readonly linkAddress: string;
  /** IP destination of the Request (the FA's address or 224.0.0.11). */
  readonly requestDestination: Ipv4Address;
  readonly udpSourcePort: number;
  readonly homeAgent: Ipv4Address;
  readonly careOfAddress: Ipv4Address;
  readonly identification: Identification;
  readonly requestedLifetimeSeconds: number;
}

export interface PendingRegistration extends RelayedRequest {
  readonly state: 'pending';
  readonly receivedAt: Micros;
  readonly expiresAt: Micros | null;
  readonly pendingKey: PendingKeyMaterial | null;
}

export interface VisitorEntry extends RelayedRequest {
  readonly state: 'registered';
  readonly grantedLifetimeSeconds: number;
  readonly expiresAt: Micros | null;
  /** When the FA forwarded the accepting Reply. */
  readonly registeredAt: Micros;
  /** MN ↔ FA registration key, selected by (home address, SPI) (Perkins & Johnson §9.1, §9.2; OC-45). */
  readonly registrationKey: SecurityAssociation | null;
}

export interface RetainedRegistrationKey {
  readonly state: 'key-retained';
  readonly homeAddress: Ipv4Address;
  readonly homeAgent: Ipv4Address;
  readonly key: SecurityAssociation;
  /** The Identification of the BU that released the entry (null: it had none); a retransmission carries the same. */
  readonly releasedBy: Identification | null;
  readonly deletedAt: Micros;
  readonly retainUntil: Micros | null;
}

export type VisitorRecord = PendingRegistration | VisitorEntry | RetainedRegistrationKey;

export interface VisitorList {
  readonly pending: Keyed<PendingRegistration>;
  readonly current: Keyed<VisitorEntry>;
  /** Keyed by associationId(home address, SPI). */
  readonly retainedKeys: Keyed<RetainedRegistrationKey>;
}

export type VisitorChange = TableChange<VisitorRecord>;
type VisitorUpdate = TableUpdate<VisitorList, VisitorRecord>;

export const EMPTY_VISITOR_LIST: VisitorList = { pending: {}, current: {}, retainedKeys: {} };

const pendingKey = (home: Ipv4Address): string => `pending ${home}`;
const retainedKey = (home: Ipv4Address, spi: number): string => `retained key ${associationId(home, spi)}`;

/** Records a Request the FA relays (RFC 2002 §3.7.2); replaces an earlier pending one of the same MN. */
export function recordPendingRequest(list: VisitorList, req: RelayedRequest, pendingKeyMaterial: PendingKeyMaterial | null, now: Micros): VisitorUpdate {
  checkLifetime(req.requestedLifetimeSeconds, 'Registration Request');
  const timer = req.requestedLifetimeSeconds === INFINITE_LIFETIME ? INFINITE_LIFETIME : Math.max(req.requestedLifetimeSeconds, PENDING_MINIMUM_SECONDS);
  const after: PendingRegistration = { ...req, state: 'pending', receivedAt: now, expiresAt: expiryOf(timer, now), pendingKey: pendingKeyMaterial };
  const before = entryAt(list.pending, req.homeAddress);
  const ref = 'RFC 2002 §3.7.1, §3.7.2';
  const reason = `Request relayed to ${req.homeAgent}; awaiting the Reply (the current entry, if any, is unchanged)`;
  return {
    table: { ...list, pending: withEntry(list.pending, req.homeAddress, after) },
    changes: [before === undefined
      ? { kind: 'added', key: pendingKey(req.homeAddress), after, ref, reason }
      : { kind: 'updated', key: pendingKey(req.homeAddress), before, after, ref, reason }],
  };
}

/** A relayed Reply, already authenticated (RFC 2002 §3.7.3). */
export interface RelayedReply {
  readonly homeAddress: Ipv4Address;
  readonly identification: Identification;
  /** Code 0 or 1. */
  readonly accepted: boolean;
  readonly grantedLifetimeSeconds: number;
  /** The registration key this Reply established (Perkins & Johnson §9.1, §9.2), if any. */
  readonly registrationKey: SecurityAssociation | null;
}

export interface ReplyApplied extends VisitorUpdate {
  /** no-pending: no pending Request matches (home address, low 32 bits): discard the Reply (RFC 2002 §3.7.3). */
  readonly outcome: 'no-pending' | 'registered' | 'deregistered' | 'denied';
  /** The matched pending Request (where to relay the Reply: link address, UDP port). */
  readonly pending: PendingRegistration | null;
  readonly entry: VisitorEntry | null;
}

/** Updates the list as the FA forwards a Reply to the MN (RFC 2002 §3.7.3). `now` = forwarding time. */
export function applyReply(list: VisitorList, reply: RelayedReply, now: Micros): ReplyApplied {
  const home = reply.homeAddress;
  const pending = entryAt(list.pending, home);
  if (pending === undefined || !sameLow32(pending.identification, reply.identification)) {
    return { table: list, changes: [], outcome: 'no-pending', pending: null, entry: null };
  }
  checkLifetime(reply.grantedLifetimeSeconds, 'Registration Reply');
  const ref = 'RFC 2002 §3.7.3';
  const withoutPending = { ...list, pending: withoutEntry(list.pending, home) };
  const current = entryAt(list.current, home);
  const pendingGone = (reason: string): VisitorChange => ({ kind: 'removed', key: pendingKey(home), before: pending, ref, reason });

  if (!reply.accepted) {
    const change = pendingGone('denied by the home agent: the pending entry (and any pending key) is dropped; the current entry is untouched');
    return { table: withoutPending, changes: [change], outcome: 'denied', pending, entry: current ?? null };
  }
  if (reply.grantedLifetimeSeconds === 0) {
    const changes: VisitorChange[] = [pendingGone('deregistration accepted')];
    if (current !== undefined) changes.push({ kind: 'removed', key: home, before: current, ref, reason: 'accepted with Lifetime 0: the visitor entry is deleted' });
    return { table: { ...withoutPending, current: withoutEntry(list.current, home) }, changes, outcome: 'deregistered', pending, entry: null };
  }
  const { state: _state, receivedAt: _receivedAt, expiresAt: _expiresAt, pendingKey: _pendingKey, ...request } = pending;
  const entry: VisitorEntry = {
    ...request,
    state: 'registered',
    grantedLifetimeSeconds: reply.grantedLifetimeSeconds,
    expiresAt: expiryOf(reply.grantedLifetimeSeconds, now),
    registeredAt: now,
    registrationKey: reply.registrationKey ?? current?.registrationKey ?? null, // a re-registration without a key request keeps the key
  };
  const reason = `accepted for ${formatLifetime(reply.grantedLifetimeSeconds)}, timed from forwarding the Reply`;
  const changes: VisitorChange[] = [
    pendingGone('the Reply arrived'),
    current === undefined ? { kind: 'added', key: home, after: entry, ref, reason } : { kind: 'updated', key: home, before: current, after: entry, ref, reason },
  ];
  return { table: { ...withoutPending, current: withEntry(list.current, home, entry) }, changes, outcome: 'registered', pending, entry };
}

export interface SmoothHandoffRemoval extends VisitorUpdate {
  /** The deleted entry: its Home Agent field becomes the forwarding entry's HA address (OC-24). */
  readonly removed: VisitorEntry | null;
}

/** OC-23: how long a previous FA keeps a registration key after a smooth handoff with this Cache Lifetime (0 → the OC-22 default). */
export function keyRetentionSeconds(cacheLifetimeSeconds: number): number {
  return cacheLifetimeSeconds === 0 ? DEFAULT_CACHE_LIFETIME_SECONDS : cacheLifetimeSeconds;
}

/**
 * The previous FA accepted an authenticated smooth-handoff Binding Update:
 * delete the visitor entry (Perkins & Johnson §4.1; optim-08 §8.1) and keep its
 * registration key for `cacheLifetimeSeconds` (OC-23; 0 → OC-22 default).
 */
export function removeAfterSmoothHandoff(list: VisitorList, homeAddress: Ipv4Address, cacheLifetimeSeconds: number, now: Micros, releasedBy: Identification | null = null): SmoothHandoffRemoval {
  checkLifetime(cacheLifetimeSeconds, 'Cache Lifetime');
  const current = entryAt(list.current, homeAddress);
  if (current === undefined) return { table: list, changes: [], removed: null };
  const changes: VisitorChange[] = [{
    kind: 'removed', key: homeAddress, before: current, ref: 'optim-08 §8.1; Perkins & Johnson §4.1',
    reason: 'the mobile node moved: its authenticated Binding Update releases this entry',
  }];
  let retainedKeys = list.retainedKeys;
  if (current.registrationKey !== null) {
    const keep = keyRetentionSeconds(cacheLifetimeSeconds);
    const retained: RetainedRegistrationKey = {
      state: 'key-retained', homeAddress, homeAgent: current.homeAgent, key: current.registrationKey, releasedBy, deletedAt: now, retainUntil: expiryOf(keep, now),
    };
    const id = associationId(homeAddress, current.registrationKey.spi);
    retainedKeys = withEntry(retainedKeys, id, retained);
    changes.push({
      kind: 'added', key: retainedKey(homeAddress, current.registrationKey.spi), after: retained, ref: 'lab choice; optim-06 §11.1',
      reason: `registration key kept ${formatLifetime(keep)} to verify retransmitted Binding Updates`,
    });
  }
  return { table: { ...list, current: withoutEntry(list.current, homeAddress), retainedKeys }, changes, removed: current };
}

/** The live visitor entry of an MN (RFC 2002 §4.2.2: deliver on the link). */
export function visitorFor(list: VisitorList, homeAddress: Ipv4Address, now: Micros): VisitorEntry | null {
  const e = entryAt(list.current, homeAddress);
  return e === undefined || hasExpired(e.expiresAt, now) ? null : e;
}

export function pendingFor(list: VisitorList, homeAddress: Ipv4Address, now: Micros): PendingRegistration | null {
  const p = entryAt(list.pending, homeAddress);
  return p === undefined || hasExpired(p.expiresAt, now) ? null : p;
}

/**
 * The registration key for a smooth-handoff BU, by (BU home address, SPI),
 * whatever the BU's IP source (OC-45): from the live entry, or retained after
 * the entry was deleted (OC-23).
 */
export function findRegistrationKey(list: VisitorList, homeAddress: Ipv4Address, spi: number, now: Micros): FoundRegistrationKey | null {
  const live = visitorFor(list, homeAddress, now);
  if (live?.registrationKey?.spi === spi) return { key: live.registrationKey, source: 'visitor-entry', registeredWith: live.identification };
  const kept = entryAt(list.retainedKeys, associationId(homeAddress, spi));
  return kept === undefined || hasExpired(kept.retainUntil, now) ? null : { key: kept.key, source: 'retained', releasedBy: kept.releasedBy };
}

/** Where a smooth-handoff key was found, with what a replay check can compare a BU's Identification with. */
export type FoundRegistrationKey =
  /** The Identification of the Registration Request that made the visitor entry. */
  | { readonly key: SecurityAssociation; readonly source: 'visitor-entry'; readonly registeredWith: Identification }
  | { readonly key: SecurityAssociation; readonly source: 'retained'; readonly releasedBy: Identification | null };

/** Drops timed-out pending Requests, lapsed registrations and retained keys past their time. */
export function expireVisitors(list: VisitorList, now: Micros): VisitorUpdate {
  const changes: VisitorChange[] = [];
  let { pending, current, retainedKeys } = list;
  for (const k of sortedKeys(pending)) {
    const p = pending[k]!;
    if (!hasExpired(p.expiresAt, now)) continue;
    pending = withoutEntry(pending, k);
    changes.push({ kind: 'expired', key: pendingKey(k), before: p, ref: 'RFC 2002 §3.7.2', reason: 'no valid Reply arrived in time' });
  }
  for (const k of sortedKeys(current)) {
    const e = current[k]!;
    if (!hasExpired(e.expiresAt, now)) continue;
    current = withoutEntry(current, k);
    changes.push({ kind: 'expired', key: k, before: e, ref: 'RFC 2002 §3.7.1', reason: 'registration lifetime ran out' });
  }
  for (const k of sortedKeys(retainedKeys)) {
    const r = retainedKeys[k]!;
    if (!hasExpired(r.retainUntil, now)) continue;
    retainedKeys = withoutEntry(retainedKeys, k);
    changes.push({ kind: 'expired', key: retainedKey(r.homeAddress, r.key.spi), before: r, ref: 'lab choice, Perkins & Johnson §4.1', reason: 'Cache Lifetime over: registration key destroyed' });
  }
  return changes.length === 0 ? { table: list, changes } : { table: { pending, current, retainedKeys }, changes };
}

/** Earliest deadline of any record (the FA's next expiry timer), or null. */
export function nextVisitorDeadline(list: VisitorList): Micros | null {
  const times = [
    ...Object.values(list.pending).map((p) => p.expiresAt),
    ...Object.values(list.current).map((e) => e.expiresAt),
    ...Object.values(list.retainedKeys).map((r) => r.retainUntil),
  ].filter((t): t is Micros => t !== null);
  return times.length === 0 ? null : Math.min(...times);
}
