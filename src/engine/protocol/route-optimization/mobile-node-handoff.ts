// The mobile node's side of a smooth handoff after its Request went out
// (route-optimization.md §20 step 3; optim-08 §3.2, §8.1; OC-21, OC-34): keep
// the BU its new FA builds, resend it byte-identical on 1, 2, 4 … 32 s
// timeouts until a Binding Acknowledge with the same home address and
// Identification arrives, or the old registration would have ended anyway.

import type { Ipv4Address } from '../../wire/address';
import { bindingAckStatusName } from '../../wire/mip/binding-acknowledge';
import { parseMipMessage } from '../../wire/mip/mip-message';
import { describeWireError } from '../../wire/result';
import {
  acknowledgeSmoothHandoff, armSmoothHandoff, retransmissionsDue, type PendingBindingUpdates,
} from '../tables/pending-binding-updates';
import type { Micros } from '../tables/table-change';
import type { SmoothHandoffNotification, SmoothHandoffPlan } from './smooth-handoff';
import { changeTraces, dropped, received, roSend, unchanged, type ReceivedMessage, type RoResult } from './types';

/** Arms the retransmission schedule right after the Request with the PFAN was sent (§20 step 3; OC-21). */
export function armSmoothHandoffRetransmission(
  pending: PendingBindingUpdates, plan: SmoothHandoffPlan, notification: SmoothHandoffNotification, oldRegistrationEndsAt: Micros | null, now: Micros,
): RoResult<PendingBindingUpdates> {
  const armed = armSmoothHandoff(pending, {
    homeAddress: plan.homeAddress, previousFa: plan.previousForeignAgent, newCareOfAddress: plan.newCareOfAddress,
    identification: plan.requestIdentification, bytes: notification.bindingUpdate, oldRegistrationEndsAt,
  }, now);
  return { state: armed.table, sends: [], forwards: [], traces: changeTraces('pending Binding Updates', armed.changes) };
}

/**
 * The smooth-handoff timer fired: the BUs to resend, byte-identical, IP
 * source = home address, destination = previous FA, via the new FA as
 * default router (OC-34).
 */
export function smoothHandoffTimer(pending: PendingBindingUpdates, now: Micros): RoResult<PendingBindingUpdates> {
  const due = retransmissionsDue(pending, now);
  const sends = due.transmit.map((t) => roSend({
    source: t.source, destination: t.destination, payload: t.bytes, summary: `Binding Update to previous FA ${t.destination} (retransmission by the mobile node)`,
    ref: 'route-optimization.md §20 step 3; OC-21, OC-34',
  }));
  return { state: due.table, sends, forwards: [], traces: changeTraces('pending Binding Updates', due.changes) };
}

/** A Binding Acknowledge reached the mobile node (§7, §20 step 3). */
export function receiveSmoothHandoffAcknowledge(pending: PendingBindingUpdates, msg: ReceivedMessage, now: Micros): RoResult<PendingBindingUpdates> & { readonly homeAddress: Ipv4Address | null } {
  const parsed = parseMipMessage(msg.payload);
  if (!parsed.ok || parsed.value.kind !== 'binding-acknowledge') {
    return { ...unchanged(pending, [dropped(`message from ${msg.source} dropped`, parsed.ok ? 'not a Binding Acknowledge' : describeWireError(parsed.error), 'route-optimization.md §7')]), homeAddress: null };
  }
  const ba = parsed.value;
  const head = received(`Binding Acknowledge from ${msg.source}: Status ${ba.status} (${bindingAckStatusName(ba.status)})`, 'route-optimization.md §7');
  const r = acknowledgeSmoothHandoff(pending, ba, now);
  if (r.outcome === 'unmatched') {
    return { ...unchanged(pending, [head, dropped('Binding Acknowledge ignored', 'no pending Binding Update has this home address and Identification', 'route-optimization.md §7')]), homeAddress: ba.homeAddress };
  }
  return { state: r.table, sends: [], forwards: [], traces: [head, ...changeTraces('pending Binding Updates', r.changes)], homeAddress: ba.homeAddress };
}
