// Smooth handoff: releasing the previous foreign agent and forwarding the
// packets in flight (Perkins & Johnson §4.1; optim-08 §5.1, §8.1, §3.2;
// optim-08 §8.1–8.2; OC-09, OC-10, OC-21, OC-22, OC-23, OC-34, OC-36, OC-37).
//
// Theory of operation. Three parties:
//  * the mobile node precomputes, with the registration key it shares with
//    its previous FA, the authenticator of the exact Binding Update its new FA
//    will build, and puts it in a Previous FA Notification extension (PFAN,
//    type 96) of its Registration Request; it keeps the BU's bytes and resends
//    them itself (byte-identical, OC-34) on a 1, 2, 4 … 32 s schedule until an
//    authenticated Binding Acknowledge arrives, or the binding it asked for and
//    the previous FA's hold on the key are over (OC-21);
//  * the new FA builds that BU from the Request and the PFAN (Perkins & Johnson §4.1; optim-08 §8.1) and sends
//    it once; later it lets exactly one tunnelled BA through to the still
//    pending mobile node (OC-37). The BU has no Identification (I = 0): "the
//    identification field is present unless the Binding Update is sent as part
//    of a smooth handoff" (Perkins & Johnson §3.3). The later draft's rule
//    (optim-08 §5.1: the Request's Identification, I = 1) is a setting, so a
//    lesson can show the replay it prevents (OC-06, OC-09);
//  * the previous FA verifies the BU with the registration key selected by
//    (home address, SPI) whatever the IP source (OC-45), drops the visitor
//    entry, installs a forwarding binding and acknowledges to the mobile node
//    through the new tunnel, authenticated with the same key (Perkins &
//    Johnson §3.5; OC-36). It keeps the key for Cache Lifetime so a
//    retransmission is verified and acknowledged again, changing nothing (OC-23).

import { sealMessage } from '../../crypto/seal';
import type { SecurityAssociation } from '../../crypto/security-association';
import type { Ipv4Address } from '../../wire/address';
import { parseIpv4, IpProtocol } from '../../wire/ipv4';
import { bindingUpdate, type BindingUpdate } from '../../wire/mip/binding-update';
import type { PreviousFaNotificationExtension } from '../../wire/mip/extensions/previous-fa-notification';
import type { Identification } from '../../wire/mip/identification';
import { MipMessageType, emitMipMessage, mipMessageLength } from '../../wire/mip/mip-message';
import type { MipProfile } from '../../wire/mip/profile';
import type { RegistrationRequest } from '../../wire/mip/registration-request';
import { entryAt, withEntry, type Keyed, type Micros } from '../tables/table-change';
import { pendingFor, visitorFor, type VisitorList } from '../tables/visitor-list';
import { bindingUpdateText } from './binding-update-check';
import { decision, dropped, roSend, type RoSend, type RoTrace } from './types';

export { receiveSmoothHandoffBindingUpdate } from './previous-foreign-agent';

/** OC-22: the Cache Lifetime the mobile node asks for. */
export const DEFAULT_PFAN_CACHE_LIFETIME_SECONDS = 10;
const MD5_AUTHENTICATOR_LENGTH = 16;

/**
 * Which Binding Update a new FA builds from a Previous FA Notification (OC-06,
 * OC-09): 'paper' — no Identification (Perkins & Johnson §3.3); 'optim-08' —
 * the Registration Request's Identification (optim-08 §5.1), which lets the
 * previous FA refuse a replay.
 */
export type SmoothHandoffIdentification = 'paper' | 'optim-08';

export interface SmoothHandoffPlan {
  readonly homeAddress: Ipv4Address;
  readonly previousForeignAgent: Ipv4Address;
  /** The care-of address registered now, or the home address (only release the visitor entry). */
  readonly newCareOfAddress: Ipv4Address;
  /** The Registration Request's Identification, which the BU reuses (OC-09). */
  readonly requestIdentification: Identification;
  /** How the new FA will build the BU: 'paper' unless it follows optim-08. */
  readonly identification?: SmoothHandoffIdentification;
  /** The MN ↔ previous-FA registration key (or configured MSA). */
  readonly key: SecurityAssociation;
  readonly cacheLifetimeSeconds?: number;
}

/** The BU of Perkins & Johnson §4.1; optim-08 §8.1: A = 1, M = G = 0, I = 1 only with an Identification (OC-09). */
export function smoothHandoffBindingUpdate(p: { cacheLifetime: number; homeAddress: Ipv4Address; careOfAddress: Ipv4Address; identification: Identification | null; spi: number; authenticator: Uint8Array }): BindingUpdate {
  return bindingUpdate({
    flags: { acknowledge: true, minimalEncapsulation: false, greEncapsulation: false, reserved: 0 },
    lifetime: p.cacheLifetime,
    homeAddress: p.homeAddress,
    careOfAddress: p.careOfAddress,
    identification: p.identification,
    extensions: [{ kind: 'ro-auth', spi: p.spi, authenticator: p.authenticator }],
  });
}

export interface SmoothHandoffNotification {
  /** Goes after the Mobile-Home Authentication extension of the Request (Perkins & Johnson §4.1; optim-08 §5.1). */
  readonly extension: PreviousFaNotificationExtension;
  /** The BU the new FA will build, exactly (keep it to retransmit, OC-34). */
  readonly bindingUpdate: Uint8Array;
}

/** Mobile node, Perkins & Johnson §9.1; regkey-00 §6 / Perkins & Johnson §4.1; optim-08 §5.1: the PFAN extension whose authenticator is that of the BU (OC-10). */
export function buildPreviousFaNotification(plan: SmoothHandoffPlan, profile: MipProfile = 'ro98'): SmoothHandoffNotification {
  const cacheLifetime = plan.cacheLifetimeSeconds ?? DEFAULT_PFAN_CACHE_LIFETIME_SECONDS;
  const bu = smoothHandoffBindingUpdate({
    cacheLifetime, homeAddress: plan.homeAddress, careOfAddress: plan.newCareOfAddress,
    identification: plan.identification === 'optim-08' ? plan.requestIdentification : null,
    spi: plan.key.spi, authenticator: new Uint8Array(MD5_AUTHENTICATOR_LENGTH),
  });
  const bytes = sealMessage(bu, { auth: { 'ro-auth': { key: plan.key.key, algorithm: plan.key.algorithm } } }, profile);
  return {
    extension: {
      kind: 'previous-fa-notification', cacheLifetime, previousForeignAgent: plan.previousForeignAgent, newCareOfAddress: plan.newCareOfAddress,
      spi: plan.key.spi, authenticator: bytes.slice(bytes.length - MD5_AUTHENTICATOR_LENGTH),
    },
    bindingUpdate: bytes,
  };
}

/**
 * New FA, Perkins & Johnson §4.1; optim-08 §8.1: from an acceptable Request carrying a PFAN, the BU
 * to the previous FA, built field by field from the table (no key needed:
 * the authenticator comes from the extension). IP source = this FA; sent once.
 */
export function bindingUpdateFromNotification(request: RegistrationRequest, faAddress: Ipv4Address, rule: SmoothHandoffIdentification = 'paper'): { readonly send: RoSend; readonly trace: RoTrace } | null {
  const pfan = request.extensions.find((e): e is PreviousFaNotificationExtension => e.kind === 'previous-fa-notification');
  if (pfan === undefined) return null;
  const bu = smoothHandoffBindingUpdate({
    cacheLifetime: pfan.cacheLifetime, homeAddress: request.homeAddress, careOfAddress: pfan.newCareOfAddress,
    identification: rule === 'optim-08' ? request.identification : null, spi: pfan.spi, authenticator: pfan.authenticator,
  });
  const payload = new Uint8Array(mipMessageLength(bu));
  emitMipMessage(bu, payload, 0);
  return {
    send: roSend({ source: faAddress, destination: pfan.previousForeignAgent, payload, summary: `${bindingUpdateText(bu)} to previous FA ${pfan.previousForeignAgent}`, ref: 'Perkins & Johnson §4.1; optim-08 §8.1; lab choice' }),
    trace: decision(`notify the previous foreign agent ${pfan.previousForeignAgent}`, rule === 'optim-08' ? 'optim-08 §5.1, §8.1' : 'Perkins & Johnson §3.3, §4.1',
      `the Request carries a Previous FA Notification: the BU is built once and never retransmitted by this FA; ${rule === 'optim-08'
        ? 'it carries the Request\'s Identification (I = 1, the optim-08 rule)'
        : 'as part of a smooth handoff it carries no Identification (I = 0)'}`),
  };
}

/** New FA's memory of the one BA it let through per pending registration (OC-37), keyed by home address. */
export interface PendingAcknowledgeDeliveries {
  readonly delivered: Keyed<Identification>;
}

export const EMPTY_PENDING_ACK_DELIVERIES: PendingAcknowledgeDeliveries = { delivered: {} };

/** Is this (decapsulated) datagram a Binding Acknowledge (UDP to port 434, type 19)? */
function isBindingAcknowledge(inner: Uint8Array): boolean {
  const ip = parseIpv4(inner);
  if (!ip.ok || ip.value.protocol !== IpProtocol.UDP || ip.value.payload.length < 9) return false;
  const udp = ip.value.payload;
  return ((udp[2]! << 8) | udp[3]!) === 434 && udp[8] === MipMessageType.BINDING_ACKNOWLEDGE;
}

/**
 * New FA, Perkins & Johnson §4.1; optim-08 §8.1: a tunnelled datagram for an MN that is not yet a visitor
 * but whose registration is pending. Exactly one Binding Acknowledge is
 * delivered per pending registration (optim-08 §8.1; OC-37); anything else
 * is not this FA's to deliver.
 */
export function deliverToPendingMobileNode(state: PendingAcknowledgeDeliveries, visitors: VisitorList, homeAddress: Ipv4Address, inner: Uint8Array, now: Micros): { readonly state: PendingAcknowledgeDeliveries; readonly deliver: boolean; readonly trace: RoTrace } {
  const ref = 'optim-08 §8.1; Perkins & Johnson §4.1; lab choice';
  if (visitorFor(visitors, homeAddress, now) !== null) return { state, deliver: true, trace: decision(`deliver to visitor ${homeAddress}`, 'RFC 2002 §4.2.2') };
  const pending = pendingFor(visitors, homeAddress, now);
  if (pending === null) return { state, deliver: false, trace: dropped(`datagram for ${homeAddress} not delivered`, 'no visitor entry and no pending registration', ref, inner) };
  if (!isBindingAcknowledge(inner)) return { state, deliver: false, trace: dropped(`datagram for ${homeAddress} not delivered`, 'registration still pending: only a Binding Acknowledge may go through', ref, inner) };
  const already = entryAt(state.delivered, homeAddress);
  if (already !== undefined && already.high === pending.identification.high && already.low === pending.identification.low) {
    return { state, deliver: false, trace: dropped(`second Binding Acknowledge for ${homeAddress} not delivered`, 'exactly one is delivered while the registration is pending', ref, inner) };
  }
  return {
    state: { delivered: withEntry(state.delivered, homeAddress, pending.identification) },
    deliver: true,
    trace: decision(`deliver the Binding Acknowledge to ${homeAddress} before its Registration Reply`, ref),
  };
}
