// Modular Diffie-Hellman between a mobile node and its new foreign agent
// (optim-06 §3.4, regkey-00 §3.3, §4.4, §5.5; Perkins & Johnson §6–§8):
//
//   MN: picks x, sends p, g, X = g^x mod p            (extension 116)
//   FA: picks y, sends Y = g^y mod p                  (extension 124, relayed by the HA)
//   both: Z = Y^x mod p = X^y mod p, as an L-octet big-endian string
//   registration key = MD5(Z)                         (OC-12)
//
// Groups (OC-18): generator 2 with the MODP primes of RFC 2409 §6.1/§6.2
// (Oakley groups 1 and 2; 1024-bit is the default) and RFC 3526 §3 (group
// 14, 2048-bit, a "realistic" option). Each prime is
//   p = 2^n − 2^(n−64) − 1 + 2^64 · (⌊2^(n−130) · π⌋ + c),
// recomputed and primality-tested in diffie-hellman.test.ts.

import type { RandomSource } from '../random';
import { fail, ok, type WireResult } from '../wire/result';
import { bigIntToBytes, bigIntToHex, bytesToBigInt, modPow, randomInRange } from './bigint-math';
import { toHex } from './bytes';
import { fixedBase, fixedBasePow, type FixedBase } from './fixed-base-pow';
import { md5Of } from './keyed-md5';
import { notePublicValue, sharedSecret } from './dh-secret-memo';

export interface DhGroup {
  /** Short id, e.g. "modp-1024"; "custom" for values received from the wire that match no named group. */
  readonly name: string;
  /** What a learner reads in the key-exchange panel. */
  readonly description: string;
  readonly p: bigint;
  readonly g: bigint;
  /** L: octets of every value of this group on the wire (the prime's length). */
  readonly length: number;
}

const hexPrime = (text: string): bigint => BigInt(`0x${text.replace(/\s+/g, '')}`);

/** RFC 2409 §6.1 (Oakley group 1), Perkins & Johnson §6–§8; regkey-00 §3.3 — the faster option (OC-18). */
export const MODP_768: DhGroup = {
  name: 'modp-768',
  description: '768-bit MODP group (Oakley group 1, RFC 2409 §6.1), g = 2 — the fast option (lab choice)',
  p: hexPrime(`
    FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74
    020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437
    4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A63A3620 FFFFFFFF FFFFFFFF`),
  g: 2n,
  length: 96,
};

/** RFC 2409 §6.2 (Oakley group 2), Perkins & Johnson §6–§8; regkey-00 §3.3 — the default (OC-18). */
export const MODP_1024: DhGroup = {
  name: 'modp-1024',
  description: '1024-bit MODP group (Oakley group 2, RFC 2409 §6.2), g = 2 — the default (lab choice)',
  p: hexPrime(`
    FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74
    020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437
    4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
    EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE65381 FFFFFFFF FFFFFFFF`),
  g: 2n,
  length: 128,
};

/** RFC 3526 §3 (group 14), from knowledge; verified against the π formula in the tests. */
export const MODP_2048: DhGroup = {
  name: 'modp-2048',
  description: '2048-bit MODP group (RFC 3526 group 14), g = 2 — today\'s minimum, slower',
  p: hexPrime(`
    FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74
    020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437
    4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
    EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05
    98DA4836 1C55D39A 69163FA8 FD24CF5F 83655D23 DCA3AD96 1C62F356 208552BB
    9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B
    E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718
    3995497C EA956AE5 15D22618 98FA0510 15728E5A 8AACAA68 FFFFFFFF FFFFFFFF`),
  g: 2n,
  length: 256,
};

export const DH_GROUPS: readonly DhGroup[] = [MODP_768, MODP_1024, MODP_2048];
export const DEFAULT_DH_GROUP = MODP_1024; // OC-18

export const DH_LAYER = 'Diffie-Hellman';
/**
 * Hard limit on L for values received in a 116 extension (our limit): a
 * foreign agent must not let a hostile Request make it exponentiate modulo a
 * huge number. 256 octets admits the 2048-bit group.
 */
export const DH_MAX_LENGTH = 256;

/** The named group with this prime and generator, if any. */
export function knownDhGroup(p: bigint, g: bigint): DhGroup | null {
  return DH_GROUPS.find((grp) => grp.p === p && grp.g === g) ?? null;
}

/** A value of the group as its L-octet big-endian wire form (regkey-00 §4, §5). */
export function dhValueBytes(group: DhGroup, value: bigint): Uint8Array {
  return bigIntToBytes(value, group.length);
}

/**
 * A private exponent, uniform in [2, p − 2] (our choice: full-size rather
 * than a short exponent, so the lab's numbers look like the textbook's; the
 * cost, a few ms per exponentiation, is small).
 */
export function dhPrivateExponent(group: DhGroup, random: RandomSource): bigint {
  return randomInRange(2n, group.p - 2n, random);
}

// The named groups' powers of g for fixed-base exponentiation (fixed-base-pow.ts), made on first use:
// a pure cache, so runs stay deterministic. A "custom" group received from the wire is a new
// object each time and keeps the general modPow.
const generatorPowers = new Map<DhGroup, FixedBase>();

function powersOf(group: DhGroup): FixedBase {
  let fixed = generatorPowers.get(group);
  if (fixed === undefined) {
    fixed = fixedBase(group.g, group.p, group.length * 8);
    generatorPowers.set(group, fixed);
  }
  return fixed;
}

/**
 * A named group's generator for the shared-secret memo (dh-secret-memo.ts):
 * each named prime is a safe prime p = 2q + 1 and g = 2 has order q
 * (RFC 2409 §6.1, §6.2; RFC 3526 §3; g^q = 1 mod p is checked for each in
 * diffie-hellman.test.ts), so g^e = g^(e mod q). Undefined for other groups.
 */
function generatorOf(group: DhGroup): { readonly order: bigint; power(e: bigint): bigint } | undefined {
  if (!DH_GROUPS.includes(group)) return undefined;
  return { order: (group.p - 1n) / 2n, power: (e) => fixedBasePow(powersOf(group), e) };
}

/** X = g^x mod p. */
export function dhPublicValue(group: DhGroup, privateExponent: bigint): bigint {
  if (!DH_GROUPS.includes(group)) return modPow(group.g, privateExponent, group.p);
  const value = fixedBasePow(powersOf(group), privateExponent);
  notePublicValue(group.p, privateExponent, value); // so the other end's shared secret is a lookup (dh-secret-memo.ts)
  return value;
}

/** A peer's public value must lie in [2, p − 2]: 0, 1 and p − 1 would force a guessable Z. */
function checkPeerValue(group: DhGroup, value: bigint, field: string, offset: number): WireResult<bigint> {
  if (value < 2n || value > group.p - 2n) {
    return fail(DH_LAYER, field, offset, `value ${value <= 1n ? value : value === group.p - 1n ? 'p − 1' : '≥ p'} is outside [2, p − 2]: it would give a guessable shared secret`);
  }
  return ok(value);
}

/** Z = peer^own mod p, after checking the peer's value. */
export function dhSharedSecret(group: DhGroup, ownPrivate: bigint, peerPublic: bigint): WireResult<bigint> {
  const checked = checkPeerValue(group, peerPublic, 'Computed value', 0);
  return checked.ok ? ok(sharedSecret(group.p, ownPrivate, peerPublic, generatorOf(group))) : checked;
}

/** Registration key = MD5(Z as an L-octet big-endian string) (OC-12). */
export function dhRegistrationKey(group: DhGroup, sharedSecret: bigint): Uint8Array {
  return md5Of(dhValueBytes(group, sharedSecret));
}

/**
 * The group and the MN's value from the three L-octet fields of a 116
 * extension (what the FA receives). Offsets are relative to the start of p,
 * i.e. the extension's data (add E + 3 for payload offsets): p at 0, g at L,
 * X at 2L. Values matching a named group get its name; others are "custom"
 * (the lab's toy 64-bit group is one) and are not primality-checked here.
 */
export function dhGroupFromWire(pBytes: Uint8Array, gBytes: Uint8Array, xBytes: Uint8Array): WireResult<{ group: DhGroup; peerPublic: bigint }> {
  const L = pBytes.length;
  if (L === 0) return fail(DH_LAYER, 'Prime', 0, 'empty prime');
  if (L > DH_MAX_LENGTH) return fail(DH_LAYER, 'Prime', 0, `${L * 8}-bit prime exceeds the lab's limit of ${DH_MAX_LENGTH * 8} bits`);
  if (gBytes.length !== L || xBytes.length !== L) {
    return fail(DH_LAYER, gBytes.length !== L ? 'Generator' : 'Computed value', gBytes.length !== L ? L : 2 * L, `the three values must have the same length (${L} octets)`);
  }
  const p = bytesToBigInt(pBytes);
  if (p < 5n || (p & 1n) === 0n) return fail(DH_LAYER, 'Prime', 0, `${bigIntToHex(p)} cannot be an odd prime modulus`);
  const g = bytesToBigInt(gBytes);
  if (g < 2n || g > p - 2n) return fail(DH_LAYER, 'Generator', L, 'generator must lie in [2, p − 2]');
  const group = knownDhGroup(p, g) ?? { name: 'custom', description: `${L * 8}-bit group received from the mobile node, g = ${g}`, p, g, length: L };
  const X = checkPeerValue(group, bytesToBigInt(xBytes), 'Computed value', 2 * L);
  return X.ok ? ok({ group, peerPublic: X.value }) : X;
}

/** Every value of one exchange, as the key-exchange panel shows it (hex, L octets each). */
export interface DhExchange {
  readonly group: string;
  readonly description: string;
  readonly length: number;
  readonly p: string;
  readonly g: string;
  /** The mobile node's private exponent; null when shown from the FA's side. */
  readonly x: string | null;
  readonly X: string;
  /** The foreign agent's private exponent; null when shown from the MN's side. */
  readonly y: string | null;
  readonly Y: string;
  readonly Z: string;
  /** The 16-octet registration key MD5(Z) (OC-12). */
  readonly key: string;
}

/**
 * The record of an exchange from one side's view (give x for the MN, y for
 * the FA, or both for the lab's all-seeing view). Z is computed from the
 * private value given; at least one is required.
 */
export function recordDhExchange(group: DhGroup, values: { readonly x?: bigint; readonly X: bigint; readonly y?: bigint; readonly Y: bigint }): DhExchange {
  const { x, X, y, Y } = values;
  let Z: bigint;
  if (x !== undefined) Z = sharedSecret(group.p, x, Y, generatorOf(group));
  else if (y !== undefined) Z = sharedSecret(group.p, y, X, generatorOf(group));
  else throw new RangeError('recordDhExchange: needs x or y to compute the shared secret');
  const h = (v: bigint) => bigIntToHex(v, group.length);
  return {
    group: group.name,
    description: group.description,
    length: group.length,
    p: h(group.p),
    g: h(group.g),
    x: x === undefined ? null : h(x),
    X: h(X),
    y: y === undefined ? null : h(y),
    Y: h(Y),
    Z: h(Z),
    key: toHex(dhRegistrationKey(group, Z)),
  };
}
