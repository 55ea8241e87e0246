// The mobile node's pending smooth-handoff Binding Updates
// (route-optimization.md §20 step 3, §11.3; optim-08 §3.2, §8.1; OC-21, OC-34).
//
// Theory of operation. When the mobile node registers with a new foreign
// agent and asks it to notify the previous one (a Previous Foreign Agent
// Notification extension), the new FA builds a Binding Update and sends it
// once (§11.3); it never retransmits. The mobile node therefore keeps the
// exact bytes of that BU and arms a timer: first timeout 1 s, doubling, capped
// at 32 s (OC-21). On each timeout it sends the byte-identical BU itself to
// the previous FA (OC-34). It stops when a Binding Acknowledge with the same
// home address and Identification arrives, or when the old registration would
// have expired at the previous FA anyway (optim-08 §3.2) — by then the FA has
// dropped the entry without being told.

import { identificationsEqual, type Identification } from '../../crypto/identification';
import type { Ipv4Address } from '../../wire/address';
import { identificationHex } from '../../wire/mip/identification';
import { bindingAckAccepted, bindingAckStatusName } from '../../wire/mip/binding-acknowledge';
import {
  MICROS_PER_SECOND, entryAt, formatSeconds, hasExpired, sortedKeys, withEntry, withoutEntry,
  type Keyed, type Micros, type TableChange, type TableUpdate,
} from './table-change';

/** OC-21: first retransmission timeout and its cap. */
export const SMOOTH_HANDOFF_FIRST_TIMEOUT_SECONDS = 1;
export const SMOOTH_HANDOFF_MAX_TIMEOUT_SECONDS = 32;

export interface PendingSmoothHandoff {
  readonly homeAddress: Ipv4Address;
  /** Where the BU goes (its IP destination, OC-34). */
  readonly previousFa: Ipv4Address;
  readonly newCareOfAddress: Ipv4Address;
  /** The BU's Identification = the Registration Request's (OC-09); the BA must echo it. */
  readonly identification: Identification;
  /** The exact BU bytes the new FA built from the PFAN extension (§11.3): resent unchanged (OC-34). */
  readonly bytes: Uint8Array;
  readonly armedAt: Micros;
  /** The timeout now running, in seconds (1, 2, 4, … 32). */
  readonly timeoutSeconds: number;
  readonly nextRetransmitAt: Micros;
  /** End of the old registration at the previous FA; null if it was infinite. */
  readonly giveUpAt: Micros | null;
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
  readonly identification: Identification;
  readonly bytes: Uint8Array;
  /** When the registration with the previous FA ends (its visitor entry would expire). */
  readonly oldRegistrationEndsAt: Micros | null;
}

/** Arms the smooth-handoff timer after the Registration Request went out (§20 step 3). */
export function armSmoothHandoff(table: PendingBindingUpdates, args: ArmSmoothHandoff, now: Micros): PendingUpdate {
  const after: PendingSmoothHandoff = {
    homeAddress: args.homeAddress,
    previousFa: args.previousFa,
    newCareOfAddress: args.newCareOfAddress,
    identification: args.identification,
    bytes: args.bytes.slice(), // our own copy: the table must not change if the caller's buffer does
    armedAt: now,
    timeoutSeconds: SMOOTH_HANDOFF_FIRST_TIMEOUT_SECONDS,
    nextRetransmitAt: now + SMOOTH_HANDOFF_FIRST_TIMEOUT_SECONDS * MICROS_PER_SECOND,
    giveUpAt: args.oldRegistrationEndsAt,
    retransmissions: 0,
  };
  const before = entryAt(table.entries, args.previousFa);
  const ref = 'route-optimization.md §20 step 3; OC-21';
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
      changes.push({ kind: 'expired', key: fa, before: p, ref: 'optim-08 §3.2; OC-21', reason: `no Binding Acknowledge before the old registration at ${fa} ended: giving up` });
    } else if (now >= p.nextRetransmitAt) {
      const timeoutSeconds = Math.min(p.timeoutSeconds * 2, SMOOTH_HANDOFF_MAX_TIMEOUT_SECONDS);
      const after = { ...p, timeoutSeconds, nextRetransmitAt: now + timeoutSeconds * MICROS_PER_SECOND, retransmissions: p.retransmissions + 1 };
      entries = withEntry(entries, fa, after);
      transmit.push({ source: p.homeAddress, destination: fa, bytes: p.bytes.slice() });
      changes.push({
        kind: 'updated', key: fa, before: p, after, ref: 'route-optimization.md §20 step 3; OC-21, OC-34',
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

export interface SmoothHandoffAcknowledged extends PendingUpdate {
  /** unmatched: no pending BU has this (home address, Identification): ignore the BA. */
  readonly outcome: 'acknowledged' | 'rejected' | 'unmatched';
  readonly entry: PendingSmoothHandoff | null;
}

/**
 * A Binding Acknowledge with matching home address and Identification ends
 * the retransmissions (§7, §20 step 3): Status 0 = acknowledged; any other
 * status also stops them, and is reported (OC-05).
 */
export function acknowledgeSmoothHandoff(table: PendingBindingUpdates, ba: AcknowledgeArgs, _now: Micros): SmoothHandoffAcknowledged {
  const fa = sortedKeys(table.entries).find((k) => {
    const p = table.entries[k]!;
    return p.homeAddress === ba.homeAddress && identificationsEqual(p.identification, ba.identification);
  });
  if (fa === undefined) return { table, changes: [], outcome: 'unmatched', entry: null };
  const p = table.entries[fa]!;
  const accepted = bindingAckAccepted(ba.status);
  const reason = accepted
    ? `acknowledged (Identification ${identificationHex(ba.identification)}): the previous FA released the old registration`
    : `rejected with Status ${ba.status} (${bindingAckStatusName(ba.status)}): retransmission stopped`;
  return {
    table: { entries: withoutEntry(table.entries, fa) },
    changes: [{ kind: 'removed', key: fa, before: p, ref: 'route-optimization.md §7, §20 step 3', reason }],
    outcome: accepted ? 'acknowledged' : 'rejected',
    entry: p,
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
