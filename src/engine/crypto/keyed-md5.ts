// The two MD5-based message authentication codes of Mobile IP.
//
// * keyed-MD5 "prefix+suffix" (RFC 2002 §3.5.1): the
//   ro98 default (OC-01): Authenticator = MD5(K ‖ m ‖ K).
// * HMAC-MD5 (RFC 2104, RFC 2002 §3.5.1): the RFC 3344 default:
//   MD5((K0 ⊕ opad) ‖ MD5((K0 ⊕ ipad) ‖ m)).
//
// MD5 and HMAC come from @noble/hashes: a teaching lab shows how the
// authenticator is *used*, it does not re-derive a hash function.

import { hmac } from '@noble/hashes/hmac.js';
import { md5 } from '@noble/hashes/legacy.js';

/** Octets in an MD5 digest, and therefore in every authenticator the lab computes. */
export const MD5_LENGTH = 16;

/** MD5 of the concatenation of `parts`, without building the concatenation. */
export function md5Of(...parts: readonly Uint8Array[]): Uint8Array {
  const h = md5.create();
  for (const p of parts) h.update(p);
  return h.digest();
}

/** RFC 2002 §3.5.1: MD5(K ‖ message ‖ K) — the key both before and after the data. */
export function keyedMd5(key: Uint8Array, message: Uint8Array): Uint8Array {
  return md5Of(key, message, key);
}

/** RFC 2104 HMAC with MD5 (64-octet block; keys longer than 64 octets are hashed first). */
export function hmacMd5(key: Uint8Array, message: Uint8Array): Uint8Array {
  return hmac(md5, key, message);
}

/**
 * Equality of two byte strings whose running time does not depend on where
 * they first differ (it still depends on the length, which is public). An
 * early-exit comparison of authenticators would let an attacker guess one
 * octet at a time by timing the rejections.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
