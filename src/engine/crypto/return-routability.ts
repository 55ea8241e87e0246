// Return routability (RFC 6275 §5.2): how a correspondent that shares no
// security association with a mobile node can still check that a Binding
// Update comes from the node reachable at both the home address and the
// care-of address. The correspondent hands out two keygen tokens, one through
// the home address (HoT, tunnelled by the home agent) and one to the care-of
// address (CoT); only a node that receives both can form Kbm and sign the
// Binding Update with it (docs/ipv6.md §3).
//
//   home keygen token    = First(64, HMAC_SHA1(Kcn, home address ‖ nonce ‖ 0))     RFC 6275 §5.2.5
//   care-of keygen token = First(64, HMAC_SHA1(Kcn, care-of address ‖ nonce ‖ 1))  RFC 6275 §5.2.5
//   Kbm                  = SHA1(home keygen token ‖ care-of keygen token)          RFC 6275 §5.2.5
//                          (SHA1(home keygen token) when deregistering)
//   Authenticator        = First(96, HMAC_SHA1(Kbm, care-of address ‖ correspondent ‖ MH Data))
//                                                                                   RFC 6275 §6.2.7
//
// The trailing 0 / 1 is one octet. Nonces are 8 octets, Kcn 20. SHA-1 and
// HMAC come from @noble/hashes (docs/architecture.md "engine/crypto").

import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { ipv6Bytes, type Ipv6Address } from '../wire/ipv6/ipv6-address';
import { constantTimeEqual } from './keyed-md5';

/** Octets of a keygen token: First(64, …) (RFC 6275 §5.2.5). */
export const KEYGEN_TOKEN_LENGTH = 8;
/** Octets of a Binding Authorization Data authenticator: First(96, …) (RFC 6275 §6.2.7). */
export const BINDING_AUTHENTICATOR_LENGTH = 12;
/** Octets of Kbm: a SHA-1 digest (RFC 6275 §5.2.5). */
export const KBM_LENGTH = 20;
/** Octets of the correspondent's secret Kcn (RFC 6275 §5.2.1: 20 octets for HMAC-SHA1). */
export const KCN_LENGTH = 20;
/** Octets of a nonce (RFC 6275 §5.2.2 leaves the size open; the lab uses 64 bits). */
export const NONCE_LENGTH = 8;

/** HMAC-SHA1 (RFC 2104 with SHA-1; the test cases of RFC 2202 §3). */
export function hmacSha1(key: Uint8Array, message: Uint8Array): Uint8Array {
  return hmac(sha1, key, message);
}

export function sha1Of(...parts: readonly Uint8Array[]): Uint8Array {
  const h = sha1.create();
  for (const p of parts) h.update(p);
  return h.digest();
}

function keygenToken(kcn: Uint8Array, address: Ipv6Address, nonce: Uint8Array, which: 0 | 1): Uint8Array {
  const a = ipv6Bytes(address);
  const message = new Uint8Array(a.length + nonce.length + 1);
  message.set(a, 0);
  message.set(nonce, a.length);
  message[message.length - 1] = which;
  return hmacSha1(kcn, message).slice(0, KEYGEN_TOKEN_LENGTH);
}

/** The token a Home Test carries: First(64, HMAC_SHA1(Kcn, home address ‖ nonce ‖ 0)) (RFC 6275 §5.2.5). */
export function homeKeygenToken(kcn: Uint8Array, homeAddress: Ipv6Address, nonce: Uint8Array): Uint8Array {
  return keygenToken(kcn, homeAddress, nonce, 0);
}

/** The token a Care-of Test carries: First(64, HMAC_SHA1(Kcn, care-of address ‖ nonce ‖ 1)) (RFC 6275 §5.2.5). */
export function careOfKeygenToken(kcn: Uint8Array, careOfAddress: Ipv6Address, nonce: Uint8Array): Uint8Array {
  return keygenToken(kcn, careOfAddress, nonce, 1);
}

/**
 * The binding management key: SHA1(home token ‖ care-of token), or
 * SHA1(home token) alone when the mobile node deregisters from home, where no
 * care-of address is tested (RFC 6275 §5.2.5).
 */
export function kbm(homeToken: Uint8Array, careOfToken?: Uint8Array): Uint8Array {
  return careOfToken === undefined ? sha1Of(homeToken) : sha1Of(homeToken, careOfToken);
}

/**
 * The Binding Authorization Data authenticator: First(96, HMAC_SHA1(Kbm,
 * care-of address ‖ correspondent address ‖ MH Data)), where MH Data is the
 * Mobility Header with Checksum 0 and without the authenticator
 * (wire/ipv6/mobility-header.ts `bindingAuthorizationInput`) and the care-of
 * address is the one the Binding Update registers (RFC 6275 §6.2.7).
 */
export function bindingAuthorizationData(kbmKey: Uint8Array, careOfAddress: Ipv6Address, correspondentAddress: Ipv6Address, mhBytesWithoutAuthenticator: Uint8Array): Uint8Array {
  const coa = ipv6Bytes(careOfAddress);
  const cn = ipv6Bytes(correspondentAddress);
  const data = new Uint8Array(32 + mhBytesWithoutAuthenticator.length);
  data.set(coa, 0);
  data.set(cn, 16);
  data.set(mhBytesWithoutAuthenticator, 32);
  return hmacSha1(kbmKey, data).slice(0, BINDING_AUTHENTICATOR_LENGTH);
}

/** Constant-time check of a received authenticator against the one Kbm gives. */
export function verifyBindingAuthorizationData(kbmKey: Uint8Array, careOfAddress: Ipv6Address, correspondentAddress: Ipv6Address, mhBytesWithoutAuthenticator: Uint8Array, received: Uint8Array): boolean {
  return constantTimeEqual(bindingAuthorizationData(kbmKey, careOfAddress, correspondentAddress, mhBytesWithoutAuthenticator), received);
}
