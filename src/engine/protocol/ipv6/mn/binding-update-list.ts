// The mobile node's Binding Update List (RFC 6275 §11.1): one
// entry per node it sent a Binding Update to — its home agent, each
// correspondent, a previous router asked to forward (Perkins & Johnson §10) —
// with the home address and care-of address of the binding, the newest
// Sequence Number sent, the lifetime asked for and granted, when it was sent
// and acknowledged, and whether the mobile node still sends that node
// Binding Updates (not after an ICMPv6 Parameter Problem, RFC 6275 §11.3.5).
// The rate limit of Binding Updates to correspondents lives beside it, in the
// shared limiter (tables/rate-limiter.ts, mipv6-07 preset).
//
// Plain data, copy-on-write, every change returned as a record (tables/table-change.ts).

import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { entryAt, withEntry, withoutEntry, type Keyed } from '../../../keyed';
import { MICROS_PER_SECOND, sortedKeys, type Micros, type TableChange, type TableUpdate } from '../../tables/table-change';

export type BindingTargetKind = 'home-agent' | 'correspondent' | 'previous-router';

export interface BindingUpdateListEntry {
  readonly destination: Ipv6Address;
  readonly kind: BindingTargetKind;
  readonly homeAddress: Ipv6Address;
  readonly careOfAddress: Ipv6Address;
  /** The newest Sequence Number sent to this destination (RFC 6275 §11.1: "maximum value of the Sequence Number field sent"). */
  readonly sequence: number;
  readonly lifetimeS: number;
  readonly sentAt: Micros;
  /** Time the Binding Update with `sequence` was acknowledged; null while unanswered. */
  readonly acknowledgedAt: Micros | null;
  readonly grantedLifetimeS: number | null;
  /** When the binding ends: sent time + lifetime, or acknowledged time + granted lifetime. */
  readonly expiresAt: Micros;
  /** How the Binding Update was authenticated: AH under a configured association, or return routability. */
  readonly authentication: 'ipsec' | 'return-routability';
  /** false once the destination said it does not process the Mobility Header (RFC 6275 §11.3.5). */
  readonly sending: boolean;
  /** The last refusal (BA status ≥ 128) and why, for the learner. */
  readonly refusal: string | null;
  /** Unanswered sends of this binding before the current one (RFC 6275 §11.8 backoff). */
  readonly retransmissions: number;
}

export type BindingUpdateList = Keyed<BindingUpdateListEntry>;
export type BindingUpdateListChange = TableChange<BindingUpdateListEntry>;

/** RFC 6275 §12 MAX_BINDACK_TIMEOUT, 32 s. */
const UNANSWERED_GRACE_US = 32 * MICROS_PER_SECOND;

export const BUL_REF = 'RFC 6275 §11.1';

/** The next Sequence Number for `destination`: one more than the last sent, mod 2^16 (RFC 6275 §11.7.1), 1 for a new destination. */
export function nextSequence(list: BindingUpdateList, destination: Ipv6Address): number {
  const e = entryAt(list, destination);
  return e === undefined ? 1 : (e.sequence + 1) & 0xffff;
}

export interface SentBindingUpdate {
  readonly destination: Ipv6Address;
  readonly kind: BindingTargetKind;
  readonly homeAddress: Ipv6Address;
  readonly careOfAddress: Ipv6Address;
  readonly sequence: number;
  readonly lifetimeS: number;
  readonly authentication: 'ipsec' | 'return-routability';
}

/** Records a Binding Update just sent (a Lifetime 0 one included: the entry stays until it is acknowledged or expires). */
export function recordSent(list: BindingUpdateList, sent: SentBindingUpdate, now: Micros): TableUpdate<BindingUpdateList, BindingUpdateListEntry> {
  const before = entryAt(list, sent.destination);
  const resent = before !== undefined && before.acknowledgedAt === null && before.careOfAddress === sent.careOfAddress && before.lifetimeS === sent.lifetimeS;
  const after: BindingUpdateListEntry = {
    ...sent, sentAt: now, acknowledgedAt: null, grantedLifetimeS: null,
    expiresAt: now + sent.lifetimeS * MICROS_PER_SECOND, sending: before?.sending ?? true, refusal: null,
    retransmissions: resent ? before.retransmissions + 1 : 0,
  };
  const reason = `Binding Update #${sent.sequence} sent: ${sent.homeAddress} → ${sent.careOfAddress}, lifetime ${sent.lifetimeS} s`;
  const change: BindingUpdateListChange = before === undefined
    ? { kind: 'added', key: sent.destination, after, ref: BUL_REF, reason }
    : { kind: 'updated', key: sent.destination, before, after, ref: BUL_REF, reason };
  return { table: withEntry(list, sent.destination, after), changes: [change] };
}

export type AcknowledgementMatch =
  | { readonly kind: 'matched'; readonly entry: BindingUpdateListEntry }
  | { readonly kind: 'unexpected'; readonly reason: string };

/** BA status 135: the Sequence Number field then holds the last accepted number (RFC 6275 §6.1.8, §11.7.3). */
const SEQUENCE_OUT_OF_WINDOW = 135;

/**
 * RFC 6275 §11.7.3: a Binding Acknowledgement counts only if it answers the
 * newest Binding Update sent to its source — or, with status 135, carries the
 * last Sequence Number its sender accepted.
 */
export function matchAcknowledgement(list: BindingUpdateList, from: Ipv6Address, sequence: number, status = 0): AcknowledgementMatch {
  const e = entryAt(list, from);
  if (e === undefined) return { kind: 'unexpected', reason: `no Binding Update was sent to ${from}: nothing to acknowledge` };
  if (e.acknowledgedAt !== null && status === SEQUENCE_OUT_OF_WINDOW) return { kind: 'unexpected', reason: `Binding Update #${e.sequence} to ${from} was already acknowledged` };
  if (e.sequence !== sequence && status !== SEQUENCE_OUT_OF_WINDOW) return { kind: 'unexpected', reason: `it answers Binding Update #${sequence}, but the newest sent to ${from} is #${e.sequence}` };
  return { kind: 'matched', entry: e };
}

/** A positive acknowledgement: the binding holds for the granted lifetime from now (RFC 6275 §11.7.3). */
export function recordAcknowledged(list: BindingUpdateList, destination: Ipv6Address, grantedLifetimeS: number, now: Micros): TableUpdate<BindingUpdateList, BindingUpdateListEntry> {
  const before = entryAt(list, destination);
  if (before === undefined) return { table: list, changes: [] };
  if (grantedLifetimeS === 0 || before.lifetimeS === 0) {
    // A deregistration acknowledged: nothing is bound there any more.
    return { table: withoutEntry(list, destination), changes: [{ kind: 'removed', key: destination, before, ref: BUL_REF, reason: 'the binding was deleted (Lifetime 0) and acknowledged' }] };
  }
  const after: BindingUpdateListEntry = { ...before, acknowledgedAt: now, grantedLifetimeS, expiresAt: now + Math.min(grantedLifetimeS, before.lifetimeS) * MICROS_PER_SECOND, refusal: null };
  return { table: withEntry(list, destination, after), changes: [{ kind: 'updated', key: destination, before, after, ref: BUL_REF, reason: `acknowledged, granted ${grantedLifetimeS} s` }] };
}

/** Records why a destination refused (BA status ≥ 128), and whether it is to get more Binding Updates. */
export function recordRefusal(list: BindingUpdateList, destination: Ipv6Address, refusal: string, keepSending: boolean, ref: string): TableUpdate<BindingUpdateList, BindingUpdateListEntry> {
  const before = entryAt(list, destination);
  if (before === undefined) return { table: list, changes: [] };
  const after: BindingUpdateListEntry = { ...before, refusal, sending: keepSending && before.sending };
  return { table: withEntry(list, destination, after), changes: [{ kind: 'updated', key: destination, before, after, ref, reason: refusal }] };
}

/** Stops Binding Updates to a node that does not process the Mobility Header (RFC 6275 §11.3.5). */
export function stopSendingTo(list: BindingUpdateList, destination: Ipv6Address, reason: string, ref: string): TableUpdate<BindingUpdateList, BindingUpdateListEntry> {
  const before = entryAt(list, destination);
  if (before === undefined || !before.sending) return { table: list, changes: [] };
  const after: BindingUpdateListEntry = { ...before, sending: false, refusal: reason };
  return { table: withEntry(list, destination, after), changes: [{ kind: 'updated', key: destination, before, after, ref, reason }] };
}

/** Removes entries whose binding ran out (RFC 6275 §11.1: an entry is deleted when its lifetime expires). */
export function expireBindingUpdateList(list: BindingUpdateList, now: Micros): TableUpdate<BindingUpdateList, BindingUpdateListEntry> {
  let table = list;
  const changes: BindingUpdateListChange[] = [];
  for (const key of sortedKeys(list)) {
    const e = list[key]!;
    if (e.expiresAt > now) continue;
    // An unanswered Binding Update (a deletion, Lifetime 0, above all) waits for its acknowledgement up to MAX_BINDACK_TIMEOUT (RFC 6275 §12).
    if (e.acknowledgedAt === null && now - e.sentAt < UNANSWERED_GRACE_US) continue;
    table = withoutEntry(table, key);
    changes.push({ kind: 'expired', key, before: e, ref: BUL_REF, reason: `the lifetime of the binding at ${key} ran out` });
  }
  return { table, changes };
}

/** Correspondents that are to hear of a move: those in the list that still take Binding Updates (mipv6-07 §4.4). */
export function correspondentsToUpdate(list: BindingUpdateList): BindingUpdateListEntry[] {
  return sortedKeys(list).map((k) => list[k]!).filter((e) => e.kind === 'correspondent' && e.sending);
}

/** Entries in a stable order, for display. */
export function bindingUpdateListEntries(list: BindingUpdateList): BindingUpdateListEntry[] {
  return sortedKeys(list).map((k) => list[k]!);
}

/** The earliest time an entry runs out, for the expiry timer. */
export function nextListExpiry(list: BindingUpdateList): Micros | null {
  let next: Micros | null = null;
  for (const e of Object.values(list)) if (next === null || e.expiresAt < next) next = e.expiresAt;
  return next;
}
