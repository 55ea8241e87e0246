// The adversary of the security lessons: given captured Binding Update or
// Registration Request bytes (UDP payloads), it makes the three classic
// attacks the protocol defends against (Perkins & Johnson §3.5; optim-08 §4.5,
// Perkins & Johnson §3.5; optim-08 §4.5; RFC 2002 §3.5, §5.6):
//
//   forged    — re-signed with a key the attacker guessed, or the
//               authentication extension stripped (→ 131 / 134)
//   replayed  — the identical bytes sent again later (→ 133, or 131 at a
//               previous FA once the single-use key is gone)
//   tampered  — one care-of-address octet changed, authenticator kept (→ 131)
//
// It only rewrites bytes; the refusals are the receivers' (correspondent.ts,
// previous-foreign-agent.ts), which is the lesson.

import { signExtensionInPlace } from '../../crypto/authenticator';
import { extensionOffsets } from '../../wire/mip/extensions/extensions';
import { isAuthenticationKind } from '../../wire/mip/extensions/authentication';
import { emitMipMessage, mipMessageLength, parseMipMessage, MipMessageType, type MipMessage } from '../../wire/mip/mip-message';
import type { MipProfile } from '../../wire/mip/profile';
import { describeWireError } from '../../wire/result';

/** Offset of the Care-of Address field: BU octets 8–11 (Perkins & Johnson §3.3; optim-08 §4.3), Registration Request octets 12–15 (RFC 2002 §3.3). */
const CARE_OF_OFFSET: Readonly<Record<number, number>> = {
  [MipMessageType.BINDING_UPDATE]: 8,
  [MipMessageType.REGISTRATION_REQUEST]: 12,
};

export type AttackResult = { readonly ok: true; readonly bytes: Uint8Array; readonly description: string } | { readonly ok: false; readonly reason: string };

function parsed(captured: Uint8Array): MipMessage | string {
  const m = parseMipMessage(captured);
  if (!m.ok) return describeWireError(m.error);
  if (m.value.kind !== 'binding-update' && m.value.kind !== 'registration-request') return 'only Binding Updates and Registration Requests are attacked here';
  return m.value;
}

/** Recomputes the last authenticator with a key of the attacker's choosing (it does not know the real one). */
export function forgeWithWrongKey(captured: Uint8Array, guessedKey: Uint8Array, profile: MipProfile = 'ro98'): AttackResult {
  const m = parsed(captured);
  if (typeof m === 'string') return { ok: false, reason: m };
  if (!('extensions' in m)) return { ok: false, reason: 'no extensions' };
  const index = m.extensions.map((e) => isAuthenticationKind(e.kind)).lastIndexOf(true);
  if (index < 0) return { ok: false, reason: 'no authentication extension to forge' };
  const bytes = captured.slice();
  const signed = signExtensionInPlace(bytes, extensionOffsets(m)[index]!, guessedKey, profile);
  if (!signed.ok) return { ok: false, reason: describeWireError(signed.error) };
  return { ok: true, bytes, description: 'forged: authenticator recomputed with a guessed key' };
}

/** Drops every authentication extension and re-emits the message. */
export function stripAuthentication(captured: Uint8Array): AttackResult {
  const m = parsed(captured);
  if (typeof m === 'string') return { ok: false, reason: m };
  if (!('extensions' in m)) return { ok: false, reason: 'no extensions' };
  const stripped = { ...m, extensions: m.extensions.filter((e) => !isAuthenticationKind(e.kind)) } as MipMessage;
  const bytes = new Uint8Array(mipMessageLength(stripped));
  emitMipMessage(stripped, bytes, 0);
  return { ok: true, bytes, description: 'forged: authentication extension removed' };
}

/** The identical bytes, to be sent again later. */
export function replay(captured: Uint8Array): AttackResult {
  return { ok: true, bytes: captured.slice(), description: 'replayed: byte-identical copy' };
}

/** Changes the last octet of the care-of address; the authenticator is left as captured. */
export function tamperCareOfAddress(captured: Uint8Array, newLastOctet?: number): AttackResult {
  const m = parsed(captured);
  if (typeof m === 'string') return { ok: false, reason: m };
  const at = CARE_OF_OFFSET[captured[0]!]! + 3;
  const bytes = captured.slice();
  bytes[at] = newLastOctet ?? (bytes[at]! ^ 0x01);
  return { ok: true, bytes, description: `tampered: care-of address octet ${at} changed, authenticator kept` };
}
