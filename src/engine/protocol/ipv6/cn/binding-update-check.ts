// Whether the IPv6 correspondent accepts a Binding Update (Perkins & Johnson
// §10; RFC 6275 §9.5.1), one check after another, the first that
// refuses deciding:
//
//  1. Authentication. With AH: an association with that SPI, a Sequence
//     Number not seen before (RFC 4302 §3.4.3), an ICV that verifies with the
//     association's key (RFC 4302 §3.4.4), and an association that belongs to
//     the home address being bound. Otherwise with return routability
//     (RFC 6275 §5.2.6): Nonce Indices naming nonces still honoured (else BA
//     136/137/138), and Binding Authorization Data that verifies with
//     Kbm = SHA1(home token ‖ care-of token) — SHA1(home token) when the care-of
//     address is the home address (a deregistration from home). Neither: BA 129.
//     An ICV or authorization data that does not verify is discarded silently
//     (RFC 4302 §3.4.4; RFC 6275 §9.5.1): an answer would help a forger.
//  2. H set: this node is no home agent (BA 131).
//  3. The Sequence Number must be newer than the entry's (RFC 6275 §9.5.1;
//     BA 135 carrying the last accepted number).
//  4. Lifetime: under return routability at most MAX_RR_BINDING_LIFETIME (420 s).
//
// Pure: the caller applies the verdict to its cache, windows and counters.

import { careOfKeygenToken, homeKeygenToken, kbm as bindingManagementKey, verifyBindingAuthorizationData } from '../../../crypto/return-routability';
import type { Micros } from '../../tables/table-change';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { bindingAuthorizationInput } from '../../../wire/ipv6/mobility-header';
import type { BindingUpdateMessage } from '../../../wire/ipv6/mobility-messages';
import { BindingAckStatus } from '../../../wire/ipv6/mobility-status';
import { isNewerSequence } from '../common/address-bindings';
import type { AhVerdict } from '../common/ah-verification';
import type { AhState } from '../common/binding-agent-state';
import { peekIpv6Binding, type BindingAuthorization, type Ipv6BindingUpdate } from './binding-cache-v6';
import type { CorrespondentV6State } from './correspondent-v6-state';
import { honouredNonce } from './nonce-schedule';

/** RFC 6275 §12 MAX_RR_BINDING_LIFETIME. */
export const MAX_RR_BINDING_LIFETIME_SECONDS = 420;

const AUTH_REF = 'Perkins & Johnson §10; mipv6-07 §4.4; RFC 4302 §3.4';
const RR_REF = 'RFC 6275 §5.2.6, §9.5.1';
const SEQ_REF = 'RFC 6275 §9.5.1';

/** A received Binding Update, as the node read it from the packet. */
export interface ReceivedBindingUpdate {
  readonly message: BindingUpdateMessage;
  /** The Mobility Header's bytes as received (the authorization data covers them). */
  readonly mobilityHeader: Uint8Array;
  /** IPv6 source: the care-of address unless an Alternate Care-of Address option names another. */
  readonly source: Ipv6Address;
  /** From the Home Address option; the source when there is none (RFC 6275 §9.5.1). */
  readonly homeAddress: Ipv6Address;
  /** The inbound AH processing of its packet (common/ah-verification.ts: association, anti-replay window, ICV). */
  readonly ah: AhVerdict;
}

/** The AH state to store after the check (an ICV verified and its window moved), and the SPI it was verified under. */
export interface AhWindowUpdate { readonly spi: number; readonly state: AhState }

export type BindingUpdateVerdict =
  | {
      readonly ok: true;
      readonly update: Ipv6BindingUpdate;
      /** Lifetime granted, 4-s units. */
      readonly grantedUnits: number;
      readonly reason: string;
      readonly ref: string;
      readonly ahWindow: AhWindowUpdate | null;
      /** Kbm, to authorize the Binding Acknowledgement (RFC 6275 §9.5.4). */
      readonly kbm: Uint8Array | null;
    }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly ref: string;
      /** BA status when the mobile node is told (A set); null: discarded without an answer. */
      readonly status: number | null;
      /** The Sequence Number the BA carries (the last accepted one on 135). */
      readonly sequence: number;
      readonly ahWindow: AhWindowUpdate | null;
      readonly kbm: Uint8Array | null;
    };

type Refusal = Extract<BindingUpdateVerdict, { ok: false }>;

function careOfOf(bu: ReceivedBindingUpdate): Ipv6Address {
  const alternate = bu.message.options.find((o) => o.kind === 'alternate-care-of-address');
  return alternate?.kind === 'alternate-care-of-address' ? alternate.address : bu.source;
}

type Authorized =
  | { readonly ok: true; readonly authorization: BindingAuthorization; readonly how: string; readonly ahWindow: AhWindowUpdate | null; readonly kbm: Uint8Array | null }
  | Refusal;

function refusal(reason: string, ref: string, status: number | null, sequence: number, extra: Partial<Pick<Refusal, 'ahWindow' | 'kbm'>> = {}): Refusal {
  return { ok: false, reason, ref, status, sequence, ahWindow: extra.ahWindow ?? null, kbm: extra.kbm ?? null };
}

function byAh(bu: ReceivedBindingUpdate, ah: Exclude<AhVerdict, { kind: 'absent' }>): Authorized {
  const seq = bu.message.sequence;
  if (ah.kind === 'unknown-spi') return refusal(`AH names SPI ${ah.spi}, but this correspondent has no security association with that SPI: the packet cannot be authenticated and is discarded`, 'RFC 4302 §3.4.2', null, seq);
  if (ah.kind === 'refused') return refusal(`${ah.reason}; discarded without an answer`, ah.ref, null, seq);
  const sa = ah.association;
  const ahWindow = { spi: sa.spi, state: ah.ah };
  if (!sa.peerAddresses.includes(bu.homeAddress)) {
    return refusal(`the security association SPI ${sa.spi} is with ${sa.peer} (${sa.peerAddresses.join(', ') || 'no address'}), but the Binding Update binds ${bu.homeAddress}: a node may only bind its own home address`, AUTH_REF, BindingAckStatus.ADMINISTRATIVELY_PROHIBITED, seq, { ahWindow });
  }
  return { ok: true, authorization: { kind: 'ipsec', spi: sa.spi }, how: `AH verified under SPI ${sa.spi}`, ahWindow, kbm: null };
}

function byReturnRoutability(state: CorrespondentV6State, bu: ReceivedBindingUpdate, careOf: Ipv6Address, now: Micros): Authorized {
  const seq = bu.message.sequence;
  const indices = bu.message.options.find((o) => o.kind === 'nonce-indices');
  const bad = bu.message.options.find((o) => o.kind === 'binding-authorization-data');
  if (indices?.kind !== 'nonce-indices' || bad?.kind !== 'binding-authorization-data') {
    return refusal('the Binding Update carries no AH and no Nonce Indices with Binding Authorization Data: there is no way to authenticate it', 'RFC 6275 §5.1, §9.5.1', BindingAckStatus.ADMINISTRATIVELY_PROHIBITED, seq);
  }
  if (!state.config.returnRoutability) {
    return refusal('the Binding Update is authorized by return routability, which this correspondent does not offer (it authenticates Binding Updates with AH only)', 'Perkins & Johnson §10; mipv6-07 §4.4', BindingAckStatus.ADMINISTRATIVELY_PROHIBITED, seq);
  }
  const kcn = state.nonces.kcn;
  const deregistration = careOf === bu.homeAddress;
  const home = kcn === null ? null : honouredNonce(state.nonces, indices.homeNonceIndex, now);
  const careOfNonce = kcn === null || deregistration ? null : honouredNonce(state.nonces, indices.careOfNonceIndex, now);
  const careOfMissing = !deregistration && careOfNonce === null;
  if (home === null || careOfMissing) {
    const status = home === null && careOfMissing ? BindingAckStatus.EXPIRED_NONCES : home === null ? BindingAckStatus.EXPIRED_HOME_NONCE_INDEX : BindingAckStatus.EXPIRED_CARE_OF_NONCE_INDEX;
    const which = home === null && careOfMissing ? `nonce indices ${indices.homeNonceIndex} and ${indices.careOfNonceIndex} are` : home === null ? `home nonce index ${indices.homeNonceIndex} is` : `care-of nonce index ${indices.careOfNonceIndex} is`;
    return refusal(`${which} no longer honoured (nonces live 240 s) or were never issued: the mobile node must run return routability again`, RR_REF, status, seq);
  }
  const homeToken = homeKeygenToken(kcn!, bu.homeAddress, home.nonce);
  const key = deregistration ? bindingManagementKey(homeToken) : bindingManagementKey(homeToken, careOfKeygenToken(kcn!, careOf, careOfNonce!.nonce));
  const input = bindingAuthorizationInput(bu.mobilityHeader);
  if (!input.ok) return refusal(`the Binding Authorization Data cannot be checked: ${input.error.reason}`, RR_REF, null, seq);
  if (!verifyBindingAuthorizationData(key, careOf, state.config.address, input.value, bad.authenticator)) {
    return refusal(`the Binding Authorization Data does not verify with the Kbm made from this correspondent's nonces ${indices.homeNonceIndex}/${indices.careOfNonceIndex} for ${bu.homeAddress} at ${careOf}: whoever sent it did not receive both the Home Test and the Care-of Test (or changed the message); discarded without an answer`, RR_REF, null, seq);
  }
  return {
    ok: true, authorization: { kind: 'return-routability', homeNonceIndex: indices.homeNonceIndex, careOfNonceIndex: indices.careOfNonceIndex },
    how: `Binding Authorization Data verified (nonce indices ${indices.homeNonceIndex}/${indices.careOfNonceIndex}${deregistration ? ', home token only: a deregistration' : ''})`, ahWindow: null, kbm: key,
  };
}

/** RFC 6275 §9.5.1 with the paper's AH alternative (Perkins & Johnson §10); see the file comment for the order. */
export function checkBindingUpdate(state: CorrespondentV6State, bu: ReceivedBindingUpdate, now: Micros): BindingUpdateVerdict {
  const m = bu.message;
  const careOf = careOfOf(bu);
  const auth = bu.ah.kind !== 'absent' ? byAh(bu, bu.ah) : byReturnRoutability(state, bu, careOf, now);
  if (!auth.ok) return auth;
  const extra = { ahWindow: auth.ahWindow, kbm: auth.kbm };
  if (m.homeRegistration) {
    return refusal(`the Binding Update sets H, asking this node to be the home agent of ${bu.homeAddress}; it is a correspondent`, 'RFC 6275 §9.5.1', BindingAckStatus.HOME_REGISTRATION_NOT_SUPPORTED, m.sequence, extra);
  }
  const existing = peekIpv6Binding(state.cache, bu.homeAddress, now);
  if (existing !== null && !isNewerSequence(m.sequence, existing.sequence)) {
    return refusal(`Sequence Number ${m.sequence} is not newer than ${existing.sequence}, the last one accepted for ${bu.homeAddress}: an old or replayed Binding Update`, SEQ_REF, BindingAckStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW, existing.sequence, extra);
  }
  const rr = auth.authorization.kind === 'return-routability';
  const askedS = m.lifetimeUnits * 4;
  const grantedUnits = rr ? Math.min(m.lifetimeUnits, Math.floor(MAX_RR_BINDING_LIFETIME_SECONDS / 4)) : m.lifetimeUnits;
  const capped = grantedUnits < m.lifetimeUnits ? ` (${askedS} s asked; at most ${MAX_RR_BINDING_LIFETIME_SECONDS} s under return routability)` : '';
  const deleting = m.lifetimeUnits === 0 || careOf === bu.homeAddress;
  return {
    ok: true, grantedUnits, ref: rr ? RR_REF : AUTH_REF, ...extra,
    update: { homeAddress: bu.homeAddress, careOfAddress: careOf, lifetimeSeconds: grantedUnits * 4, sequence: m.sequence, authorization: auth.authorization },
    reason: deleting
      ? `${auth.how}; ${m.lifetimeUnits === 0 ? 'Lifetime 0' : 'care-of address = home address'}: delete the binding for ${bu.homeAddress}`
      : `${auth.how}; Sequence Number ${m.sequence} is newer: ${bu.homeAddress} → ${careOf} for ${grantedUnits * 4} s${capped}`,
  };
}
