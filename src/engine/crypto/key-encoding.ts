// Carrying a registration key encrypted with MD5 (optim-06 §3.3.1, regkey-00
// §3.1; regkey-00 §3.1), used by the Home-Mobile Key Reply (120,
// secret = HA ↔ MN) and the Foreign Agent Key Reply (121, secret = HA ↔ FA):
//
//   pad       = MD5( secret ‖ regrep ‖ secret )     16 octets
//   encrypted = pad XOR key                         key is 16 octets (OC-12)
//   key       = encrypted XOR pad                   the recipient recomputes pad
//
// regrep (OC-13) = the Registration Reply from its Type octet up to and
// including the SPI field of the extension being encoded — everything before
// the 16 encrypted octets. Freshness comes from the Reply's Identification,
// which is inside regrep.
//
// Both extensions have the 16-bit-length shape (regkey-00 §4, §5):
//
//   E+0 Type (120 / 121)   E+1 Length (2) = 20   E+3 SPI (4)   E+7 encrypted key (16)
//
// Like the authenticator, this works on raw payload bytes + E (offsets
// relative to payload[0]), independent of the message codecs. Order matters
// at the HA: encode the key(s) first, then sign the Mobile-Home extension,
// whose authenticator covers the encrypted key octets.

import { getU16 } from '../wire/cursor';
import { fail, ok, type WireResult } from '../wire/result';
import { xorBytes } from './bytes';
import { MD5_LENGTH, md5Of } from './keyed-md5';

export const KEY_REPLY_LAYER = 'Key Reply extension';
/** Registration keys are always 16 octets (OC-12). */
export const REGISTRATION_KEY_LENGTH = 16;
/** Offset of the encrypted key inside a 120/121 extension (after Type, Length(2), SPI). */
export const KEY_REPLY_KEY_OFFSET = 7;
/** The Length field of 120/121: SPI + 16 octets (regkey-00 §5, OC-14). */
export const KEY_REPLY_LENGTH_FIELD = 4 + REGISTRATION_KEY_LENGTH;

export const MD5_KEY_EXTENSION_TYPES = { HOME_MOBILE_KEY_REPLY: 120, FOREIGN_AGENT_KEY_REPLY: 121 } as const;

/** pad = MD5(secret ‖ regrep ‖ secret) (regkey-00 §3.1). */
export function md5KeyPad(secret: Uint8Array, regrep: Uint8Array): Uint8Array {
  return md5Of(secret, regrep, secret);
}

/** pad XOR key, for a 16-octet key (OC-12). */
export function encryptKeyWithMd5(secret: Uint8Array, regrep: Uint8Array, key: Uint8Array): Uint8Array {
  if (key.length !== REGISTRATION_KEY_LENGTH) throw new RangeError(`registration keys are ${REGISTRATION_KEY_LENGTH} octets (lab choice, regkey-00 §3), got ${key.length}`);
  return xorBytes(md5KeyPad(secret, regrep), key);
}

/** The inverse: encrypted XOR pad. XOR is its own inverse, so it is the same computation. */
export function decryptKeyWithMd5(secret: Uint8Array, regrep: Uint8Array, encrypted: Uint8Array): Uint8Array {
  if (encrypted.length !== REGISTRATION_KEY_LENGTH) throw new RangeError(`encrypted registration keys are ${REGISTRATION_KEY_LENGTH} octets (lab choice, regkey-00 §3), got ${encrypted.length}`);
  return xorBytes(md5KeyPad(secret, regrep), encrypted);
}

/** Checks a 120/121 extension at E and returns where its key octets start. */
function locateKeyReply(payload: Uint8Array, e: number): WireResult<number> {
  if (!Number.isInteger(e) || e < 0 || e >= payload.length) {
    return fail(KEY_REPLY_LAYER, 'Type', Number.isInteger(e) && e > 0 ? Math.min(e, payload.length) : 0, `extension offset ${e} is not inside the ${payload.length}-octet payload`);
  }
  const type = payload[e]!;
  if (type !== MD5_KEY_EXTENSION_TYPES.HOME_MOBILE_KEY_REPLY && type !== MD5_KEY_EXTENSION_TYPES.FOREIGN_AGENT_KEY_REPLY) {
    return fail(KEY_REPLY_LAYER, 'Type', e, `type ${type} does not carry an MD5-encoded key (120 or 121)`);
  }
  if (payload.length - e < 3) return fail(KEY_REPLY_LAYER, 'Length', e + 1, `needs 2 octets, only ${payload.length - e - 1} remain`);
  const length = getU16(payload, e + 1);
  if (length !== KEY_REPLY_LENGTH_FIELD) {
    return fail(KEY_REPLY_LAYER, 'Length', e + 1, `Length ${length}, expected ${KEY_REPLY_LENGTH_FIELD} (SPI + 16-octet key, lab choice, regkey-00 §3, §5.2)`);
  }
  const keyAt = e + KEY_REPLY_KEY_OFFSET;
  if (payload.length < keyAt + REGISTRATION_KEY_LENGTH) {
    const field = payload.length < keyAt ? 'SPI' : 'Encrypted key';
    return fail(KEY_REPLY_LAYER, field, field === 'SPI' ? e + 3 : keyAt, `Length ${length} runs past the end of the ${payload.length}-octet payload`);
  }
  return ok(keyAt);
}

/** regrep for the extension at E (OC-13): payload[0, E+7). */
export function regrepOf(payload: Uint8Array, extensionOffset: number): WireResult<Uint8Array> {
  const at = locateKeyReply(payload, extensionOffset);
  return at.ok ? ok(payload.subarray(0, at.value)) : at;
}

/**
 * HA side: write `key`, encrypted, into the 16 key octets of an emitted 120/121
 * extension at E (Type, Length and SPI already written). Returns the
 * encrypted octets.
 */
export function encodeKeyInPlace(payload: Uint8Array, extensionOffset: number, secret: Uint8Array, key: Uint8Array): WireResult<Uint8Array> {
  const at = locateKeyReply(payload, extensionOffset);
  if (!at.ok) return at;
  const encrypted = encryptKeyWithMd5(secret, payload.subarray(0, at.value), key);
  payload.set(encrypted, at.value);
  return ok(encrypted);
}

/** MN / FA side: the registration key carried by the 120/121 extension at E. */
export function decodeKeyFromReply(payload: Uint8Array, extensionOffset: number, secret: Uint8Array): WireResult<Uint8Array> {
  const at = locateKeyReply(payload, extensionOffset);
  if (!at.ok) return at;
  return ok(decryptKeyWithMd5(secret, payload.subarray(0, at.value), payload.subarray(at.value, at.value + MD5_LENGTH)));
}
