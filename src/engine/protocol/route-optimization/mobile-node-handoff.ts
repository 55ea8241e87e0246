// The mobile node's side of a smooth handoff after its Request went out
// (Perkins & Johnson §4.1; optim-08 §3.2, §8.1; OC-21, OC-34): keep the BU its
// new FA builds, resend it byte-identical on 1, 2, 4 … 32 s timeouts until a
// Binding Acknowledge with the same home address and Identification arrives
// from that FA, authenticated with the key the BU was (Perkins & Johnson §3.5;
// OC-36) — or until the binding it asked for and the FA's hold on the key are
// over (OC-21). The BU that releases the last FA on the way home (OC-45)
// follows the same schedule.

import type { Ipv4Address } from '../../wire/address';
import { bindingAckStatusName } from '../../wire/mip/binding-acknowledge';
import { parseMipMessage } from '../../wire/mip/mip-message';
import type { MipProfile } from '../../wire/mip/profile';
import { describeWireError } from '../../wire/result';
import {
  acknowledgeSmoothHandoff, armSmoothHandoff, pendingUpdateAnswered, retransmissionsDue, type PendingBindingUpdates,
} from '../tables/pending-binding-updates';
import type { Micros } from '../tables/table-change';
import { BA_AUTHENTICATION_REF, checkAcknowledgeAuthentication } from './binding-acknowledge-check';
import { DEFAULT_PFAN_CACHE_LIFETIME_SECONDS, type SmoothHandoffNotification, type SmoothHandoffPlan } from './smooth-handoff';
import { changeTraces, dropped, received, roSend, unchanged, type ReceivedMessage, type RoResult } from './types';

/** Arms the retransmission schedule right after the Request with the PFAN was sent (Perkins & Johnson §4.1; optim-08 §3.2; OC-21). */
export function armSmoothHandoffRetransmission(
  pending: PendingBindingUpdates, plan: SmoothHandoffPlan, notification: SmoothHandoffNotification, oldRegistrationEndsAt: Micros | null, now: Micros,
): RoResult<PendingBindingUpdates> {
  const armed = armSmoothHandoff(pending, {
    homeAddress: plan.homeAddress, previousFa: plan.previousForeignAgent, newCareOfAddress: plan.newCareOfAddress,
    identification: plan.identification === 'optim-08' ? plan.requestIdentification : null, association: plan.key, bytes: notification.bindingUpdate,
    cacheLifetimeSeconds: plan.cacheLifetimeSeconds ?? DEFAULT_PFAN_CACHE_LIFETIME_SECONDS, oldRegistrationEndsAt,
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
    ref: 'Perkins & Johnson §4.1; optim-08 §3.2; lab choice',
  }));
  return { state: due.table, sends, forwards: [], traces: changeTraces('pending Binding Updates', due.changes) };
}

const BA_REF = 'Perkins & Johnson §3.4; optim-08 §4.4';

/**
 * A Binding Acknowledge reached the mobile node (Perkins & Johnson §3.4,
 * §4.1): it ends the retransmissions of the BU it answers — same home
 * address and Identification, from that FA — only if it is authenticated
 * with the key that BU was (§3.5; OC-36).
 */
export function receiveSmoothHandoffAcknowledge(pending: PendingBindingUpdates, msg: ReceivedMessage, now: Micros, profile: MipProfile = 'ro98'): RoResult<PendingBindingUpdates> & { readonly homeAddress: Ipv4Address | null } {
  const parsed = parseMipMessage(msg.payload);
  if (!parsed.ok || parsed.value.kind !== 'binding-acknowledge') {
    return { ...unchanged(pending, [dropped(`message from ${msg.source} dropped`, parsed.ok ? 'not a Binding Acknowledge' : describeWireError(parsed.error), BA_REF)]), homeAddress: null };
  }
  const ba = parsed.value;
  const head = received(`Binding Acknowledge from ${msg.source}: Status ${ba.status} (${bindingAckStatusName(ba.status)})`, BA_REF);
  const answered = pendingUpdateAnswered(pending, ba, msg.source);
  if (answered === null) {
    return { ...unchanged(pending, [head, dropped('Binding Acknowledge ignored', `no Binding Update pending to ${msg.source} has this home address and Identification`, BA_REF)]), homeAddress: ba.homeAddress };
  }
  const auth = checkAcknowledgeAuthentication(msg.payload, ba, answered.association, msg.source, profile);
  if (!auth.ok) {
    return { ...unchanged(pending, [head, dropped(`Binding Acknowledge from ${msg.source} refused`, `${auth.reason}; the Binding Update stays pending and is resent`, BA_AUTHENTICATION_REF)]), homeAddress: ba.homeAddress };
  }
  const r = acknowledgeSmoothHandoff(pending, ba, msg.source, now);
  return { state: r.table, sends: [], forwards: [], traces: [head, ...changeTraces('pending Binding Updates', r.changes)], homeAddress: ba.homeAddress };
}
