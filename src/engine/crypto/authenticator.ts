// The authenticator of a Mobile IP authentication extension (types 32, 33,
// 34 and the Route Optimization type 35), computed and verified on the raw
// UDP payload (RFC 2002 §3.5, Perkins & Johnson §3.5; optim-08 §4.5).
//
// Extension layout (RFC 2002 §3.5.2–3.5.4, optim-08 §4.5), E = offset of its
// Type octet in the UDP payload:
//
//   E+0  Type (32 Mobile-Home, 33 Mobile-Foreign, 34 Foreign-Home, 35 RO)
//   E+1  Length = 4 + authenticator length (20 with MD5)
//   E+2  SPI (4 octets, ≥ 256)
//   E+6  Authenticator (16 octets)
//
// What is covered depends on the profile (OC-01, OC-11; RFC 2002 §3.5.1):
//
//   ro98     payload[0, E+2)  fixed message, every earlier extension, this Type
//                             and Length; the SPI is NOT covered (RFC 2002 §3.5.1)
//   rfc3344  payload[0, E+6)  … and the SPI too (RFC 3344 §3.5.1)
//
// The algorithm is a property of the security association the SPI selects
// (RFC 2002 §3.5.1 "the SPI selects algorithm, mode and secret"); each profile
// has a default: keyed-MD5 prefix+suffix for ro98, HMAC-MD5 for rfc3344.
//
// Everything here works on payload bytes + E, so it is independent of the
// message codecs (wire/mip/): a node emits the message with the authenticator
// bytes left as they are, then calls `signExtensionInPlace`. Offsets are
// relative to payload[0] (the message Type octet); pass
// `bytes.subarray(payloadStart, payloadEnd)` when the payload sits inside a
// larger datagram, and add payloadStart to the offsets for the hex view.

import { getU32 } from '../wire/cursor';
import { fail, ok, type WireResult } from '../wire/result';
import { constantTimeEqual, hmacMd5, keyedMd5, MD5_LENGTH } from './keyed-md5';

import type { MipProfile } from '../wire/mip/profile';

/** The base-protocol variant a node runs (docs/choices.md OC-01); the wire layer owns the type. */
export type MobileIpProfile = MipProfile;

/** Authentication algorithm of a mobility security association. */
export type AuthAlgorithm = 'keyed-md5' | 'hmac-md5';

export const AUTH_ALGORITHMS: readonly AuthAlgorithm[] = ['keyed-md5', 'hmac-md5'];

export const AuthExtensionType = {
  MOBILE_HOME: 32,
  MOBILE_FOREIGN: 33,
  FOREIGN_HOME: 34,
  ROUTE_OPTIMIZATION: 35,
} as const;

const EXTENSION_NAMES: Record<number, string> = {
  32: 'Mobile-Home Authentication',
  33: 'Mobile-Foreign Authentication',
  34: 'Foreign-Home Authentication',
  35: 'Route Optimization Authentication',
};

export const AUTH_LAYER = 'Authentication extension';
/** Offsets inside the extension (RFC 2002 §3.5). */
export const AUTH_SPI_OFFSET = 2;
export const AUTH_AUTHENTICATOR_OFFSET = 6;
/** Length field value with a 16-octet MD5 authenticator: SPI (4) + 16. */
export const AUTH_MD5_LENGTH_FIELD = 4 + MD5_LENGTH;

/** ro98 → keyed-MD5 (RFC 2002 §3.5.1); rfc3344 → HMAC-MD5 (RFC 3344 §3.5.1). OC-01. */
export function defaultAlgorithm(profile: MobileIpProfile): AuthAlgorithm {
  return profile === 'ro98' ? 'keyed-md5' : 'hmac-md5';
}

export function authExtensionName(type: number): string {
  return EXTENSION_NAMES[type] ?? `unknown(${type})`;
}

/** The protected byte range [start, end) of the payload (RFC 2002 §3.5.1). */
export interface CoveredRange {
  readonly start: number;
  readonly end: number;
  readonly spiCovered: boolean;
}

export function coveredRange(extensionOffset: number, profile: MobileIpProfile): CoveredRange {
  return profile === 'ro98'
    ? { start: 0, end: extensionOffset + AUTH_SPI_OFFSET, spiCovered: false } // RFC 2002 §3.5.1, OC-11
    : { start: 0, end: extensionOffset + AUTH_AUTHENTICATOR_OFFSET, spiCovered: true }; // RFC 3344 §3.5.1, OC-11
}

/** The MAC itself, over bytes already cut to the covered range. */
export function macOver(algorithm: AuthAlgorithm, key: Uint8Array, covered: Uint8Array): Uint8Array {
  return algorithm === 'keyed-md5' ? keyedMd5(key, covered) : hmacMd5(key, covered);
}

interface Located {
  readonly type: number;
  readonly spi: number;
  readonly authenticatorOffset: number;
}

/** Checks that an authentication extension with a 16-octet authenticator sits at E. */
function locate(payload: Uint8Array, e: number, algorithm: AuthAlgorithm): WireResult<Located> {
  if (!Number.isInteger(e) || e < 0 || e > payload.length) {
    return fail(AUTH_LAYER, 'Type', Number.isInteger(e) && e > 0 ? payload.length : 0, `extension offset ${e} is not inside the ${payload.length}-octet payload`);
  }
  if (payload.length - e < AUTH_AUTHENTICATOR_OFFSET) {
    return fail(AUTH_LAYER, payload.length - e < 2 ? 'Type' : 'SPI', e, `the extension header needs 6 octets, only ${payload.length - e} remain`);
  }
  const type = payload[e]!;
  if (EXTENSION_NAMES[type] === undefined) {
    return fail(AUTH_LAYER, 'Type', e, `type ${type} is not an authentication extension (32, 33, 34 or 35)`);
  }
  const length = payload[e + 1]!;
  if (length - 4 !== MD5_LENGTH) {
    // RFC 2002 §3.5: Length = 4 + authenticator length; both MD5 algorithms produce 16 octets
    return fail(AUTH_LAYER, 'Length', e + 1, `Length ${length} gives a ${Math.max(0, length - 4)}-octet authenticator; ${algorithm} produces ${MD5_LENGTH} (Length ${AUTH_MD5_LENGTH_FIELD})`);
  }
  if (e + 2 + length > payload.length) {
    return fail(AUTH_LAYER, 'Authenticator', e + AUTH_AUTHENTICATOR_OFFSET, `needs ${MD5_LENGTH} octets, only ${payload.length - e - AUTH_AUTHENTICATOR_OFFSET} remain`);
  }
  return ok({ type, spi: getU32(payload, e + AUTH_SPI_OFFSET), authenticatorOffset: e + AUTH_AUTHENTICATOR_OFFSET });
}

/** The authenticator the extension at E should carry (not written anywhere). */
export function computeExtensionAuthenticator(
  payload: Uint8Array,
  extensionOffset: number,
  key: Uint8Array,
  profile: MobileIpProfile,
  algorithm: AuthAlgorithm = defaultAlgorithm(profile),
): WireResult<Uint8Array> {
  const where = locate(payload, extensionOffset, algorithm);
  if (!where.ok) return where;
  const range = coveredRange(extensionOffset, profile);
  return ok(macOver(algorithm, key, payload.subarray(range.start, range.end)));
}

/**
 * Fill in the authenticator of an already-emitted extension at E (the emitter
 * wrote Type, Length and SPI; the 16 authenticator octets may hold anything).
 * Nothing after the extension is covered, so later extensions may be appended
 * before or after signing; anything *before* E must be final.
 * Returns the authenticator written.
 */
export function signExtensionInPlace(
  payload: Uint8Array,
  extensionOffset: number,
  key: Uint8Array,
  profile: MobileIpProfile,
  algorithm: AuthAlgorithm = defaultAlgorithm(profile),
): WireResult<Uint8Array> {
  const mac = computeExtensionAuthenticator(payload, extensionOffset, key, profile, algorithm);
  if (mac.ok) payload.set(mac.value, extensionOffset + AUTH_AUTHENTICATOR_OFFSET);
  return mac;
}

/** Everything the inspector shows about one authentication check. */
export interface AuthVerification {
  readonly extensionType: number;
  readonly extensionName: string;
  /** E: offset of the extension's Type octet in the payload. */
  readonly extensionOffset: number;
  readonly spi: number;
  readonly profile: MobileIpProfile;
  readonly algorithm: AuthAlgorithm;
  readonly covered: CoveredRange;
  /** Where the authenticator sits: [offset, offset + 16). */
  readonly authenticatorOffset: number;
  readonly expected: Uint8Array;
  readonly received: Uint8Array;
  readonly verified: boolean;
  /** Spec section of the rule applied. */
  readonly ref: string;
}

/**
 * Recompute and compare. A structurally broken extension (too short, wrong
 * type, wrong Length) is a WireError; a well-formed extension whose
 * authenticator does not match is `verified: false` with both values, so the
 * lab can show the learner what was expected.
 */
export function verifyExtension(
  payload: Uint8Array,
  extensionOffset: number,
  key: Uint8Array,
  profile: MobileIpProfile,
  algorithm: AuthAlgorithm = defaultAlgorithm(profile),
): WireResult<AuthVerification> {
  const where = locate(payload, extensionOffset, algorithm);
  if (!where.ok) return where;
  const { type, spi, authenticatorOffset } = where.value;
  const covered = coveredRange(extensionOffset, profile);
  const expected = macOver(algorithm, key, payload.subarray(covered.start, covered.end));
  const received = payload.slice(authenticatorOffset, authenticatorOffset + MD5_LENGTH);
  const rule = profile === 'ro98' ? 'RFC 2002 §3.5.1' : 'RFC 3344 §3.5.1';
  return ok({
    extensionType: type,
    extensionName: EXTENSION_NAMES[type]!,
    extensionOffset,
    spi,
    profile,
    algorithm,
    covered,
    authenticatorOffset,
    expected,
    received,
    verified: constantTimeEqual(expected, received),
    ref: type === AuthExtensionType.ROUTE_OPTIMIZATION ? `optim-08 §4.5, ${rule}, lab choice` : rule,
  });
}

const ALGORITHM_TEXT: Record<AuthAlgorithm, string> = {
  'keyed-md5': 'keyed-MD5 prefix+suffix MD5(K ‖ data ‖ K)',
  'hmac-md5': 'HMAC-MD5',
};

/**
 * One line for a dissection or a trace, e.g. "keyed-MD5 prefix+suffix MD5(K ‖
 * data ‖ K) over octets 0–25 (message, earlier extensions, Type and Length;
 * SPI not covered), SPI 256: verified".
 */
export function describeVerification(v: AuthVerification): string {
  const what = v.covered.spiCovered ? 'message, earlier extensions, Type, Length and SPI' : 'message, earlier extensions, Type and Length; SPI not covered';
  const verdict = v.verified ? 'verified' : 'MISMATCH — authenticator does not verify';
  return `${ALGORITHM_TEXT[v.algorithm]} over octets ${v.covered.start}–${v.covered.end - 1} (${what}), SPI ${v.spi}: ${verdict}`;
}
