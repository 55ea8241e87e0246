// Steps 2, 3 and 6 of Binding Update processing, shared by every receiver — a
// correspondent and a previous foreign agent (Perkins & Johnson §3.3; optim-08 §4.3):
// parse the BU and find its one RO Authentication extension (type 35, last);
// verify the authenticator with the MSA the receiver selected; build the
// Binding Acknowledge. Step 4 (replay) and step 5 (apply) differ per receiver
// and live with it.

import { describeVerification, verifyExtension, type AuthVerification } from '../../crypto/authenticator';
import { sealMessage } from '../../crypto/seal';
import type { SecurityAssociation } from '../../crypto/security-association';
import { readAddress, type Ipv4Address } from '../../wire/address';
import { bindingAcknowledge, bindingAckStatusName, BindingAckStatus } from '../../wire/mip/binding-acknowledge';
import { BindingUpdateFlag, type BindingUpdate } from '../../wire/mip/binding-update';
import { extensionOffsets } from '../../wire/mip/extensions/extensions';
import { ZERO_IDENTIFICATION, identificationHex, type Identification } from '../../wire/mip/identification';
import { MipMessageType, emitMipMessage, mipMessageLength, parseMipMessage } from '../../wire/mip/mip-message';
import type { MipProfile } from '../../wire/mip/profile';
import { describeWireError } from '../../wire/result';
import { roSend, type RoSend } from './types';

/** A BU that parsed and carries its RO Authentication extension last. */
export interface CheckedBindingUpdate {
  readonly ok: true;
  readonly bu: BindingUpdate;
  /** E: offset of the type-35 extension in the payload. */
  readonly authOffset: number;
  readonly spi: number;
}

/** Refused before authentication: Status 134 if A was set (optim-08 §4.3), or discarded (optim-08 §4). */
export interface RefusedBindingUpdate {
  readonly ok: false;
  /** null: discard silently (not a BU at all, or an unknown extension in 0..127, RFC 2002 §1.9). */
  readonly status: typeof BindingAckStatus.POORLY_FORMED | null;
  /** The A bit, read from octet 1 even when the rest did not parse. */
  readonly acknowledgeWanted: boolean;
  readonly homeAddress: Ipv4Address | null;
  readonly reason: string;
}

export const BU_RECEIVE_REF = 'Perkins & Johnson §3.3; optim-08 §4.3';

/** optim-08 §4.3: parse; malformed or without a type-35 extension → Status 134 (if A set). */
export function checkBindingUpdate(payload: Uint8Array): CheckedBindingUpdate | RefusedBindingUpdate {
  const acknowledgeWanted = payload.length >= 2 && payload[0] === MipMessageType.BINDING_UPDATE && (payload[1]! & BindingUpdateFlag.A) !== 0;
  const parsed = parseMipMessage(payload);
  if (!parsed.ok) {
    const isBu = payload[0] === MipMessageType.BINDING_UPDATE;
    // The home address the BA must copy is readable as soon as octets 4–7 arrived.
    const homeAddress = isBu && payload.length >= 8 ? readAddress(payload, 4) : null;
    return { ok: false, status: isBu ? BindingAckStatus.POORLY_FORMED : null, acknowledgeWanted, homeAddress, reason: `poorly formed: ${describeWireError(parsed.error)}` };
  }
  const m = parsed.value;
  if (m.kind !== 'binding-update') return { ok: false, status: null, acknowledgeWanted: false, homeAddress: null, reason: 'not a Binding Update' };
  const home = m.homeAddress;
  const unknown = m.extensions.find((e) => e.kind === 'unknown' && e.type < 128);
  if (unknown !== undefined && unknown.kind === 'unknown') {
    return { ok: false, status: null, acknowledgeWanted, homeAddress: home, reason: `unknown extension type ${unknown.type} (0..127): the message is discarded (RFC 2002 §1.9)` };
  }
  const authIndexes = m.extensions.flatMap((e, i) => (e.kind === 'ro-auth' ? [i] : []));
  if (authIndexes.length === 0) {
    return { ok: false, status: BindingAckStatus.POORLY_FORMED, acknowledgeWanted, homeAddress: home, reason: 'no Route Optimization Authentication extension (type 35): every BU must carry one (optim-08 §4.5)' };
  }
  const last = m.extensions.length - 1;
  if (authIndexes.length > 1 || authIndexes[0] !== last) {
    return { ok: false, status: BindingAckStatus.POORLY_FORMED, acknowledgeWanted, homeAddress: home, reason: 'the type-35 extension must appear exactly once, as the last extension (Perkins & Johnson §3.3; optim-08 §4.3)' };
  }
  const ext = m.extensions[last]!;
  return { ok: true, bu: m, authOffset: extensionOffsets(m)[last]!, spi: ext.kind === 'ro-auth' ? ext.spi : 0 };
}

export type AuthenticationOutcome =
  | { readonly verified: true; readonly verification: AuthVerification; readonly explanation: string }
  | { readonly verified: false; readonly explanation: string };

/** Perkins & Johnson §3.5; optim-08 §4.5 with the MSA already selected (null: none found). Failure → Status 131, state unchanged. */
export function authenticateBindingUpdate(payload: Uint8Array, checked: CheckedBindingUpdate, sa: SecurityAssociation | null, how: string, profile: MipProfile): AuthenticationOutcome {
  if (sa === null) return { verified: false, explanation: `authentication exception: no security association for ${how}, SPI ${checked.spi}` };
  const v = verifyExtension(payload, checked.authOffset, sa.key, profile, sa.algorithm);
  if (!v.ok) return { verified: false, explanation: `authentication exception: ${describeWireError(v.error)}` };
  const text = describeVerification(v.value);
  return v.value.verified
    ? { verified: true, verification: v.value, explanation: text }
    : { verified: false, explanation: `authentication exception: ${text}` };
}

export interface AcknowledgeArgs {
  readonly status: number;
  readonly homeAddress: Ipv4Address;
  /** Copied from the BU; all zero when it had none (OC-06). */
  readonly identification: Identification | null;
  readonly from: Ipv4Address;
  readonly to: Ipv4Address;
  readonly tunnelTo?: Ipv4Address;
  readonly ref: string;
  /**
   * The association the sender shares with the BA's receiver, if any: the BA
   * then carries a Route Optimization Authentication extension computed with
   * it (Perkins & Johnson §3.5; OC-36).
   */
  readonly authenticateWith?: SecurityAssociation | null;
  readonly profile?: MipProfile;
}

/** A Binding Acknowledge (Perkins & Johnson §3.4; optim-08 §4.4): 434 → 434 even if the BU came from another port (OC-07); authenticated when sender and receiver share an association (OC-36). */
export function acknowledgeSend(a: AcknowledgeArgs): RoSend {
  const id = a.identification ?? ZERO_IDENTIFICATION;
  const sa = a.authenticateWith ?? null;
  const ba = bindingAcknowledge({
    status: a.status, homeAddress: a.homeAddress, identification: id,
    extensions: sa === null ? [] : [{ kind: 'ro-auth', spi: sa.spi, authenticator: new Uint8Array(16) }],
  });
  const payload = sa === null ? new Uint8Array(mipMessageLength(ba)) : sealMessage(ba, { auth: { 'ro-auth': { key: sa.key, algorithm: sa.algorithm } } }, a.profile ?? 'ro98');
  if (sa === null) emitMipMessage(ba, payload, 0);
  const via = `${a.tunnelTo === undefined ? '' : `, tunnelled to ${a.tunnelTo}`}${sa === null ? '' : `, authenticated (SPI ${sa.spi})`}`;
  return roSend({
    source: a.from,
    destination: a.to,
    payload,
    summary: `Binding Acknowledge ${a.homeAddress} Status ${a.status} (${bindingAckStatusName(a.status)}), Identification ${identificationHex(id)}${via}`,
    ref: a.ref,
    ...(a.tunnelTo === undefined ? {} : { tunnelTo: a.tunnelTo }),
  });
}

/** "Binding Update 10.1.0.10 → 192.168.3.1 (20 s)". */
export function bindingUpdateText(bu: BindingUpdate): string {
  const what = bu.lifetime === 0 || bu.careOfAddress === bu.homeAddress ? 'delete' : `${bu.lifetime === 0xffff ? 'infinite' : `${bu.lifetime} s`}`;
  return `Binding Update ${bu.homeAddress} → ${bu.careOfAddress} (${what})`;
}
