// Smooth handoff: releasing the previous foreign agent and forwarding the
// packets in flight (route-optimization.md §11, §18.5, §18.6, §20 step 3;
// optim-08 §8.1–8.2; OC-09, OC-10, OC-21, OC-22, OC-23, OC-34, OC-36, OC-37).
//
// Theory of operation. Three parties:
//  * the mobile node precomputes, with the registration key it shares with
//    its previous FA, the authenticator of the exact Binding Update its new FA
//    will build, and puts it in a Previous FA Notification extension (PFAN,
//    type 96) of its Registration Request; it keeps the BU's bytes and resends
//    them itself (byte-identical, OC-34) on a 1, 2, 4 … 32 s schedule until a
//    Binding Acknowledge arrives or the old registration ends (OC-21);
//  * the new FA builds that BU from the Request and the PFAN (§11.3) and sends
//    it once; later it lets exactly one tunnelled BA through to the still
//    pending mobile node (OC-37);
//  * the previous FA verifies the BU with the registration key selected by
//    (home address, SPI) whatever the IP source (OC-45), drops the visitor
//    entry, installs a forwarding binding and acknowledges to the mobile node
//    through the new tunnel (OC-36). It keeps the key for Cache Lifetime so a
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

export interface SmoothHandoffPlan {
  readonly homeAddress: Ipv4Address;
  readonly previousForeignAgent: Ipv4Address;
  /** The care-of address registered now, or the home address (only release the visitor entry). */
  readonly newCareOfAddress: Ipv4Address;
  /** The Registration Request's Identification, which the BU reuses (OC-09). */
  readonly requestIdentification: Identification;
  /** The MN ↔ previous-FA registration key (or configured MSA). */
  readonly key: SecurityAssociation;
  readonly cacheLifetimeSeconds?: number;
}

/** The BU of §11.3, with its authenticator field still zero: A = 1, I = 1, M = G = 0 (OC-09). */
function smoothHandoffBindingUpdate(p: { cacheLifetime: number; homeAddress: Ipv4Address; careOfAddress: Ipv4Address; identification: Identification; spi: number; authenticator: Uint8Array }): BindingUpdate {
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
  /** Goes after the Mobile-Home Authentication extension of the Request (§11.2). */
  readonly extension: PreviousFaNotificationExtension;
  /** The BU the new FA will build, exactly (keep it to retransmit, OC-34). */
  readonly bindingUpdate: Uint8Array;
}

/** Mobile node, §14.1 / §11.4: the PFAN extension whose authenticator is that of the BU (OC-10). */
export function buildPreviousFaNotification(plan: SmoothHandoffPlan, profile: MipProfile = 'ro98'): SmoothHandoffNotification {
  const cacheLifetime = plan.cacheLifetimeSeconds ?? DEFAULT_PFAN_CACHE_LIFETIME_SECONDS;
  const bu = smoothHandoffBindingUpdate({
    cacheLifetime, homeAddress: plan.homeAddress, careOfAddress: plan.newCareOfAddress, identification: plan.requestIdentification,
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
 * New FA, §11.3 / §18.5: from an acceptable Request carrying a PFAN, the BU
 * to the previous FA, built field by field from the table (no key needed:
 * the authenticator comes from the extension). IP source = this FA; sent once.
 */
export function bindingUpdateFromNotification(request: RegistrationRequest, faAddress: Ipv4Address): { readonly send: RoSend; readonly trace: RoTrace } | null {
  const pfan = request.extensions.find((e): e is PreviousFaNotificationExtension => e.kind === 'previous-fa-notification');
  if (pfan === undefined) return null;
  const bu = smoothHandoffBindingUpdate({
    cacheLifetime: pfan.cacheLifetime, homeAddress: request.homeAddress, careOfAddress: pfan.newCareOfAddress,
    identification: request.identification, spi: pfan.spi, authenticator: pfan.authenticator,
  });
  const payload = new Uint8Array(mipMessageLength(bu));
  emitMipMessage(bu, payload, 0);
  return {
    send: roSend({ source: faAddress, destination: pfan.previousForeignAgent, payload, summary: `${bindingUpdateText(bu)} to previous FA ${pfan.previousForeignAgent}`, ref: 'route-optimization.md §11.3, §18.5; OC-09' }),
    trace: decision(`notify the previous foreign agent ${pfan.previousForeignAgent}`, 'optim-08 §8.1; route-optimization.md §11.3; OC-09', 'the Request carries a Previous FA Notification: the BU is built once and never retransmitted by this FA'),
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
 * New FA, §18.5: a tunnelled datagram for an MN that is not yet a visitor
 * but whose registration is pending. Exactly one Binding Acknowledge is
 * delivered per pending registration (optim-08 §8.1; OC-37); anything else
 * is not this FA's to deliver.
 */
export function deliverToPendingMobileNode(state: PendingAcknowledgeDeliveries, visitors: VisitorList, homeAddress: Ipv4Address, inner: Uint8Array, now: Micros): { readonly state: PendingAcknowledgeDeliveries; readonly deliver: boolean; readonly trace: RoTrace } {
  const ref = 'optim-08 §8.1; route-optimization.md §18.5; OC-37';
  if (visitorFor(visitors, homeAddress, now) !== null) return { state, deliver: true, trace: decision(`deliver to visitor ${homeAddress}`, 'route-optimization.md §18.2 step 1') };
  const pending = pendingFor(visitors, homeAddress, now);
  if (pending === null) return { state, deliver: false, trace: dropped(`datagram for ${homeAddress} not delivered`, 'no visitor entry and no pending registration', ref) };
  if (!isBindingAcknowledge(inner)) return { state, deliver: false, trace: dropped(`datagram for ${homeAddress} not delivered`, 'registration still pending: only a Binding Acknowledge may go through', ref) };
  const already = entryAt(state.delivered, homeAddress);
  if (already !== undefined && already.high === pending.identification.high && already.low === pending.identification.low) {
    return { state, deliver: false, trace: dropped(`second Binding Acknowledge for ${homeAddress} not delivered`, 'exactly one is delivered while the registration is pending', ref) };
  }
  return {
    state: { delivered: withEntry(state.delivered, homeAddress, pending.identification) },
    deliver: true,
    trace: decision(`deliver the Binding Acknowledge to ${homeAddress} before its Registration Reply`, ref),
  };
}
