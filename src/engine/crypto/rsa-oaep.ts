// RSA-OAEP with SHA-1 and MGF1-SHA-1, empty label (RFC 8017 §7.1, from
// knowledge, not re-read): how a registration key travels under a public key
// in extensions 122 and 123 (OC-19; regkey-00 §5.3, §5.4). The same
// scheme as WebCrypto's {name: 'RSA-OAEP', hash: 'SHA-1'}, so a browser could
// decrypt what the lab encrypts. 16-octet key → 128-octet ciphertext with a
// 1024-bit modulus.
//
//   EM = 0x00 ‖ maskedSeed (20) ‖ maskedDB (k − 21)
//   DB = lHash ‖ PS (zeros) ‖ 0x01 ‖ M          lHash = SHA-1("")
//   maskedDB = DB ⊕ MGF1(seed, k − 21)           maskedSeed = seed ⊕ MGF1(maskedDB, 20)
//
// The seed comes from the node's RandomSource (deterministic runs).

import { sha1 } from '@noble/hashes/legacy.js';
import type { RandomSource } from '../random';
import { fail, ok, type WireResult } from '../wire/result';
import { bigIntToBytes, bytesToBigInt } from './bigint-math';
import { constantTimeEqual } from './keyed-md5';
import { modulusLength, rsaPrivateOperation, rsaPublicOperation, type RsaPrivateKey, type RsaPublicKey } from './rsa-key';

export const OAEP_LAYER = 'RSA-OAEP';
/** SHA-1 output length, hLen. */
export const OAEP_HASH_LENGTH = 20;
/** SHA-1 of the empty label. */
const EMPTY_LABEL_HASH = sha1(new Uint8Array(0));

/** MGF1 with SHA-1 (RFC 8017 App. B.2.1): SHA-1(seed ‖ counter) blocks, truncated to `length`. */
export function mgf1Sha1(seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const counter = new Uint8Array(4);
  for (let c = 0, at = 0; at < length; c++, at += OAEP_HASH_LENGTH) {
    counter[0] = c >>> 24;
    counter[1] = (c >>> 16) & 0xff;
    counter[2] = (c >>> 8) & 0xff;
    counter[3] = c & 0xff;
    const block = sha1.create().update(seed).update(counter).digest();
    out.set(block.subarray(0, Math.min(OAEP_HASH_LENGTH, length - at)), at);
  }
  return out;
}

function xorInto(target: Uint8Array, mask: Uint8Array): void {
  for (let i = 0; i < target.length; i++) target[i] = target[i]! ^ mask[i]!;
}

/** mLen ≤ k − 2·hLen − 2 (RFC 8017 §7.1.1 step 1b): 86 octets for a 1024-bit key. */
export function oaepMaxMessageLength(key: RsaPublicKey): number {
  return modulusLength(key) - 2 * OAEP_HASH_LENGTH - 2;
}

/**
 * RSAES-OAEP-ENCRYPT (RFC 8017 §7.1.1). The ciphertext is k octets. A message
 * too long for the key is a programming error (registration keys are 16
 * octets, OC-12), so it throws.
 */
export function rsaOaepEncrypt(key: RsaPublicKey, message: Uint8Array, random: RandomSource): Uint8Array {
  const k = modulusLength(key);
  if (message.length > oaepMaxMessageLength(key)) throw new RangeError(`RSA-OAEP: ${message.length} octets do not fit a ${k * 8}-bit key (max ${oaepMaxMessageLength(key)})`);
  const db = new Uint8Array(k - OAEP_HASH_LENGTH - 1);
  db.set(EMPTY_LABEL_HASH, 0);
  db[db.length - message.length - 1] = 0x01; // PS (zeros) already in place before it
  db.set(message, db.length - message.length);
  const seed = random.bytes(OAEP_HASH_LENGTH);
  xorInto(db, mgf1Sha1(seed, db.length)); // db is now maskedDB
  xorInto(seed, mgf1Sha1(db, OAEP_HASH_LENGTH)); // seed is now maskedSeed
  const em = new Uint8Array(k);
  em.set(seed, 1);
  em.set(db, 1 + OAEP_HASH_LENGTH);
  return bigIntToBytes(rsaPublicOperation(key, bytesToBigInt(em)), k);
}

/**
 * RSAES-OAEP-DECRYPT (RFC 8017 §7.1.2). A ciphertext of the wrong length or
 * not below the modulus is reported as such (anyone can see that). Every
 * padding failure — leading octet, label hash, missing 0x01 separator — is one
 * and the same "decryption error", found without early exits, because telling
 * them apart (by message or by timing) is exactly the oracle of Manger's
 * attack (RFC 8017 §7.1.2 note).
 */
export function rsaOaepDecrypt(key: RsaPrivateKey, ciphertext: Uint8Array): WireResult<Uint8Array> {
  const k = modulusLength(key);
  if (k < 2 * OAEP_HASH_LENGTH + 2) return fail(OAEP_LAYER, 'Key', 0, `a ${k}-octet modulus is too small for OAEP with SHA-1`);
  if (ciphertext.length !== k) return fail(OAEP_LAYER, 'Ciphertext', 0, `${ciphertext.length} octets; a ${k * 8}-bit key gives ${k}-octet ciphertexts`);
  const c = bytesToBigInt(ciphertext);
  if (c >= key.n) return fail(OAEP_LAYER, 'Ciphertext', 0, 'the ciphertext is not below the modulus');
  const em = bigIntToBytes(rsaPrivateOperation(key, c), k);
  const maskedSeed = em.subarray(1, 1 + OAEP_HASH_LENGTH);
  const db = em.slice(1 + OAEP_HASH_LENGTH);
  const seed = maskedSeed.slice();
  xorInto(seed, mgf1Sha1(db, OAEP_HASH_LENGTH));
  xorInto(db, mgf1Sha1(seed, db.length));

  let bad = em[0]! !== 0 ? 1 : 0;
  bad |= constantTimeEqual(db.subarray(0, OAEP_HASH_LENGTH), EMPTY_LABEL_HASH) ? 0 : 1;
  // Scan the whole of PS ‖ 0x01 ‖ M without branching on the data: `looking`
  // stays 1 until the first 0x01; any non-zero octet before it is invalid.
  let looking = 1;
  let separator = 0;
  let invalid = 0;
  for (let i = OAEP_HASH_LENGTH; i < db.length; i++) {
    const b = db[i]!;
    const isOne = ((b ^ 1) - 1) >>> 31; // 1 iff b === 1
    const isZero = (b - 1) >>> 31; // 1 iff b === 0
    separator |= -(looking & isOne) & i;
    invalid |= looking & (isOne ^ 1) & (isZero ^ 1);
    looking &= isOne ^ 1;
  }
  bad |= looking | invalid;
  if (bad !== 0) return fail(OAEP_LAYER, 'OAEP padding', 0, 'decryption error (wrong key, or the ciphertext was altered)');
  return ok(db.slice(separator + 1));
}
