// The mobile node's pending smooth-handoff Binding Updates
// (Perkins & Johnson §4.1; optim-08 §8.1, §3.2; OC-21, OC-34).
//
// Theory of operation. When the mobile node registers with a new foreign
// agent and asks it to notify the previous one (a Previous Foreign Agent
// Notification extension), the new FA builds a Binding Update and sends it
// once (Perkins & Johnson §4.1; optim-08 §8.1); it never retransmits. The mobile node therefore keeps the
// exact bytes of that BU and arms a timer: first timeout 1 s, doubling, capped
// at 32 s (OC-21). On each timeout it sends the byte-identical BU itself to
// the previous FA (OC-34). It stops when an authenticated Binding Acknowledge
// with the same home address and Identification arrives, or once the binding
// it asked for (Cache Lifetime) and the previous FA's hold on the key (another
// Cache Lifetime, OC-23) are over — after that the previous FA holds no state
// worth correcting (OC-21, revised) — or when the old registration would have
// expired there anyway (optim-08 §3.2), if that comes first.
//
// The same table carries the Binding Update with which a mobile node that
// returns home releases its last foreign agent (care-of address = home
// address, Lifetime 0; Perkins & Johnson §3.3, §4.2; OC-45), retransmitted
// the same way.

import { identificationsEqual, type Identification } from '../../crypto/identification';
import type { SecurityAssociation } from '../../crypto/security-association';
import type { Ipv4Address } from '../../wire/address';
import { ZERO_IDENTIFICATION, identificationHex } from '../../wire/mip/identification';
import { bindingAckAccepted, bindingAckStatusName } from '../../wire/mip/binding-acknowledge';
import {
  INFINITE_LIFETIME, MICROS_PER_SECOND, entryAt, formatSeconds, hasExpired, sortedKeys, withEntry, withoutEntry,
  type Keyed, type Micros, type TableChange, type TableUpdate,
} from './table-change';
import { keyRetentionSeconds } from './visitor-list';

/** OC-21: first retransmission timeout and its cap. */
export const SMOOTH_HANDOFF_FIRST_TIMEOUT_SECONDS = 1;
export const SMOOTH_HANDOFF_MAX_TIMEOUT_SECONDS = 32;

export interface PendingSmoothHandoff {
  readonly homeAddress: Ipv4Address;
  /** Where the BU goes (its IP destination, OC-34). */
  readonly previousFa: Ipv4Address;
  readonly newCareOfAddress: Ipv4Address;
  /**
   * The BU's Identification, which the BA echoes; null when the BU has none
   * (a smooth-handoff BU by the paper's rule, OC-09): the BA then carries all
   * zeros (OC-06).
   */
  readonly identification: Identification | null;
  /** The key the BU was authenticated with: a BA from this FA must be authenticated with it too (Perkins & Johnson §3.5; OC-36). */
  readonly association: SecurityAssociation;
  /** The exact BU bytes the new FA built from the PFAN extension (Perkins & Johnson §4.1; optim-08 §8.1): resent unchanged (OC-34). */
  readonly bytes: Uint8Array;
  readonly armedAt: Micros;
  /** The timeout now running, in seconds (1, 2, 4, … 32). */
  readonly timeoutSeconds: number;
  readonly nextRetransmitAt: Micros;
  /** When retransmitting stops (OC-21): Cache Lifetime + key retention, or the old registration's end if sooner; null: never. */
  readonly giveUpAt: Micros | null;
  /** Why it stops then, in words. */
  readonly giveUpReason: string;
  /** Retransmissions the mobile node itself has sent. */
  readonly retransmissions: number;
}

export interface PendingBindingUpdates {
  /** Keyed by previous FA address: one pending BU per FA to release. */
  readonly entries: Keyed<PendingSmoothHandoff>;
}

export const EMPTY_PENDING_BINDING_UPDATES: PendingBindingUpdates = { entries: {} };

type PendingUpdate = TableUpdate<PendingBindingUpdates, PendingSmoothHandoff>;

export interface ArmSmoothHandoff {
  readonly homeAddress: Ipv4Address;
  readonly previousFa: Ipv4Address;
  readonly newCareOfAddress: Ipv4Address;
  readonly identification: Identification | null;
  readonly association: SecurityAssociation;
  readonly bytes: Uint8Array;
  /** The Lifetime the BU asks for (its Cache Lifetime; 0 to release only). */
  readonly cacheLifetimeSeconds: number;
  /** When the registration with the previous FA ends (its visitor entry would expire). */
  readonly oldRegistrationEndsAt: Micros | null;
}

/**
 * OC-21 (revised): the previous FA keeps what the BU gives it for Cache
 * Lifetime, and the key to re-acknowledge it for another Cache Lifetime
 * (OC-23); once both are over nothing there is worth correcting. The old
 * registration's end still bounds it, if sooner.
 */
function giveUp(args: ArmSmoothHandoff, now: Micros): { readonly at: Micros | null; readonly reason: string } {
  const held = args.cacheLifetimeSeconds === INFINITE_LIFETIME ? null : args.cacheLifetimeSeconds + keyRetentionSeconds(args.cacheLifetimeSeconds);
  const end = held === null ? null : now + held * MICROS_PER_SECOND;
  const old = args.oldRegistrationEndsAt;
  if (end === null || (old !== null && old < end)) return { at: old, reason: `no Binding Acknowledge before the old registration at ${args.previousFa} ended: giving up` };
  return {
    at: end,
    reason: `no Binding Acknowledge within the Cache Lifetime asked for (${args.cacheLifetimeSeconds} s) and the ${keyRetentionSeconds(args.cacheLifetimeSeconds)} s ${args.previousFa} keeps the key after it: nothing there is left to correct, so the mobile node stops resending`,
  };
}

/** Arms the smooth-handoff timer after the Registration Request went out (Perkins & Johnson §4.1; optim-08 §3.2). */
export function armSmoothHandoff(table: PendingBindingUpdates, args: ArmSmoothHandoff, now: Micros): PendingUpdate {
  const stop = giveUp(args, now);
  const after: PendingSmoothHandoff = {
    homeAddress: args.homeAddress,
    previousFa: args.previousFa,
    newCareOfAddress: args.newCareOfAddress,
    identification: args.identification,
    association: args.association,
    bytes: args.bytes.slice(), // our own copy: the table must not change if the caller's buffer does
    armedAt: now,
    timeoutSeconds: SMOOTH_HANDOFF_FIRST_TIMEOUT_SECONDS,
    nextRetransmitAt: now + SMOOTH_HANDOFF_FIRST_TIMEOUT_SECONDS * MICROS_PER_SECOND,
    giveUpAt: stop.at,
    giveUpReason: stop.reason,
    retransmissions: 0,
  };
  const before = entryAt(table.entries, args.previousFa);
  const ref = 'Perkins & Johnson §4.1; optim-08 §3.2; lab choice';
  const reason = `awaiting the Binding Acknowledge from ${args.previousFa}; first retransmission at t=${formatSeconds(after.nextRetransmitAt)}`;
  return {
    table: { entries: withEntry(table.entries, args.previousFa, after) },
    changes: [before === undefined ? { kind: 'added', key: args.previousFa, after, ref, reason } : { kind: 'updated', key: args.previousFa, before, after, ref, reason }],
  };
}

/** One BU the mobile node must send now: IP source = home address, destination = previous FA (OC-34). */
export interface SmoothHandoffTransmission {
  readonly source: Ipv4Address;
  readonly destination: Ipv4Address;
  readonly bytes: Uint8Array;
}

/**
 * Handles the timer: every pending BU whose old registration has ended is
 * dropped; every one whose timeout ran out is retransmitted and its timeout
 * doubled (capped at 32 s, OC-21).
 */
export function retransmissionsDue(table: PendingBindingUpdates, now: Micros): PendingUpdate & { readonly transmit: readonly SmoothHandoffTransmission[] } {
  let entries = table.entries;
  const changes: TableChange<PendingSmoothHandoff>[] = [];
  const transmit: SmoothHandoffTransmission[] = [];
  for (const fa of sortedKeys(table.entries)) {
    const p = table.entries[fa]!;
    if (hasExpired(p.giveUpAt, now)) {
      entries = withoutEntry(entries, fa);
      changes.push({ kind: 'expired', key: fa, before: p, ref: 'Perkins & Johnson §4.1, §4.3; optim-08 §3.2; lab choice', reason: p.giveUpReason });
    } else if (now >= p.nextRetransmitAt) {
      const timeoutSeconds = Math.min(p.timeoutSeconds * 2, SMOOTH_HANDOFF_MAX_TIMEOUT_SECONDS);
      const after = { ...p, timeoutSeconds, nextRetransmitAt: now + timeoutSeconds * MICROS_PER_SECOND, retransmissions: p.retransmissions + 1 };
      entries = withEntry(entries, fa, after);
      transmit.push({ source: p.homeAddress, destination: fa, bytes: p.bytes.slice() });
      changes.push({
        kind: 'updated', key: fa, before: p, after, ref: 'Perkins & Johnson §4.1; optim-08 §3.2; lab choice',
        reason: `no Binding Acknowledge after ${p.timeoutSeconds} s: resent the same Binding Update, next timeout ${timeoutSeconds} s`,
      });
    }
  }
  return { table: changes.length === 0 ? table : { entries }, changes, transmit };
}

export interface AcknowledgeArgs {
  readonly homeAddress: Ipv4Address;
  readonly identification: Identification;
  readonly status: number;
}

/** The pending BU a Binding Acknowledge from `source` answers: same home address, same Identification (all zero for none, OC-06), from that FA. */
export function pendingUpdateAnswered(table: PendingBindingUpdates, ba: AcknowledgeArgs, source: Ipv4Address): PendingSmoothHandoff | null {
  const p = entryAt(table.entries, source);
  return p !== undefined && p.homeAddress === ba.homeAddress && identificationsEqual(p.identification ?? ZERO_IDENTIFICATION, ba.identification) ? p : null;
}

export interface SmoothHandoffAcknowledged extends PendingUpdate {
  /** unmatched: no pending BU has this (home address, Identification): ignore the BA. */
  readonly outcome: 'acknowledged' | 'rejected' | 'unmatched';
  readonly entry: PendingSmoothHandoff | null;
}

/**
 * A Binding Acknowledge with matching home address and Identification ends
 * the retransmissions (Perkins & Johnson §3.4; optim-08 §4.4, Perkins & Johnson §4.1; optim-08 §3.2): Status 0 = acknowledged; any other
 * status also stops them, and is reported (OC-05).
 */
export function acknowledgeSmoothHandoff(table: PendingBindingUpdates, ba: AcknowledgeArgs, source: Ipv4Address, _now: Micros): SmoothHandoffAcknowledged {
  const p = pendingUpdateAnswered(table, ba, source);
  if (p === null) return { table, changes: [], outcome: 'unmatched', entry: null };
  const fa = p.previousFa;
  const accepted = bindingAckAccepted(ba.status);
  const reason = accepted
    ? `acknowledged (Identification ${identificationHex(ba.identification)}): the previous FA released the old registration`
    : `rejected with Status ${ba.status} (${bindingAckStatusName(ba.status)}): retransmission stopped`;
  return {
    table: { entries: withoutEntry(table.entries, fa) },
    changes: [{ kind: 'removed', key: fa, before: p, ref: 'Perkins & Johnson §3.4; optim-08 §4.4; Perkins & Johnson §4.1; optim-08 §3.2', reason }],
    outcome: accepted ? 'acknowledged' : 'rejected',
    entry: p,
  };
}

/**
 * The mobile node registers with `fa` again: a Binding Update still pending
 * to it would release the very registration being made, so it is dropped.
 */
export function cancelPendingTo(table: PendingBindingUpdates, fa: Ipv4Address): PendingUpdate {
  const p = entryAt(table.entries, fa);
  if (p === undefined) return { table, changes: [] };
  return {
    table: { entries: withoutEntry(table.entries, fa) },
    changes: [{ kind: 'removed', key: fa, before: p, ref: 'Perkins & Johnson §4.1; lab choice', reason: `registering with ${fa} again: the Binding Update that would release it is no longer resent` }],
  };
}

/** The next time the timer must fire: the earliest retransmission or give-up time. */
export function nextSmoothHandoffDeadline(table: PendingBindingUpdates): Micros | null {
  let next: Micros | null = null;
  for (const p of Object.values(table.entries)) {
    const t = p.giveUpAt === null ? p.nextRetransmitAt : Math.min(p.nextRetransmitAt, p.giveUpAt);
    if (next === null || t < next) next = t;
  }
  return next;
}
