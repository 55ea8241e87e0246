// RSA key pairs for the public-key registration-key methods (OC-19;
// regkey-00 §5.3, §5.4): a 1024-bit modulus, e = 65537, generated from
// the node's seeded RandomSource so a run replays identically (random.ts).
// The padding (OAEP) is in rsa-oaep.ts; the DER public-key encoding in
// rsa-spki.ts.
//
// Generation follows the usual recipe (FIPS 186-4 App. B.3.3 in spirit, not
// to the letter): two random primes of half the modulus size with their top
// two bits set (so n has exactly the requested size), each with gcd(e, p−1) =
// 1, trial division then Miller-Rabin; d = e^-1 mod lcm(p−1, q−1); CRT values
// for a faster private operation (RFC 8017 §3.2).

import type { RandomSource } from '../random';
import { bitLength, gcd, isProbablePrime, modInverse, modPow, randomBits } from './bigint-math';

export interface RsaPublicKey {
  /** Modulus. */
  readonly n: bigint;
  /** Public exponent. */
  readonly e: bigint;
}

/** RFC 8017 §3.2 private key, second representation (with the CRT values). */
export interface RsaPrivateKey extends RsaPublicKey {
  readonly d: bigint;
  readonly p: bigint;
  readonly q: bigint;
  /** d mod (p − 1) */
  readonly dP: bigint;
  /** d mod (q − 1) */
  readonly dQ: bigint;
  /** q^-1 mod p */
  readonly qInv: bigint;
}

export const RSA_MODULUS_BITS = 1024; // OC-19
export const RSA_PUBLIC_EXPONENT = 65537n;
/**
 * Miller-Rabin rounds per prime candidate: error ≤ 4^-24 even for the worst
 * composite, and far less for random candidates — more than FIPS 186-4
 * App. C.3 asks for at this size. Only the candidate that is in fact prime
 * runs all of them, so this costs tens of ms per key.
 */
export const RSA_MILLER_RABIN_ROUNDS = 24;

/** k: the modulus length in octets (RFC 8017 §2), 128 for OC-19 keys. */
export function modulusLength(key: RsaPublicKey): number {
  return Math.ceil(bitLength(key.n) / 8);
}

export function publicKeyOf(key: RsaPrivateKey): RsaPublicKey {
  return { n: key.n, e: key.e };
}

function randomPrime(bits: number, e: bigint, random: RandomSource): bigint {
  const topTwo = 3n << BigInt(bits - 2);
  for (;;) {
    const candidate = randomBits(bits, random) | topTwo | 1n;
    if (candidate % e === 1n) continue; // gcd(e, p − 1) = 1 for prime e
    if (isProbablePrime(candidate, RSA_MILLER_RABIN_ROUNDS, random)) return candidate;
  }
}

/**
 * A key pair from `random` (deterministic for a given seed). 1024 bits took
 * 40–120 ms in Node 20 (depends on how soon primes turn up; see
 * rsa-oaep.test.ts); a node should generate it when it is configured, not on
 * the path of a registration.
 */
export function generateRsaKeyPair(random: RandomSource, modulusBits = RSA_MODULUS_BITS, e = RSA_PUBLIC_EXPONENT): RsaPrivateKey {
  if (modulusBits < 512 || modulusBits % 2 !== 0) throw new RangeError(`generateRsaKeyPair: modulus of ${modulusBits} bits not supported`);
  if (e < 3n || (e & 1n) === 0n) throw new RangeError('generateRsaKeyPair: e must be odd and ≥ 3');
  const half = modulusBits / 2;
  for (;;) {
    const p = randomPrime(half, e, random);
    const q = randomPrime(half, e, random);
    // FIPS 186-4 B.3.3: |p − q| > 2^(half − 100), so n cannot be factored from √n
    const distance = p > q ? p - q : q - p;
    if (distance <= 1n << BigInt(half - 100)) continue;
    const n = p * q;
    const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
    const d = modInverse(e, lambda);
    const qInv = modInverse(q, p);
    if (d === null || qInv === null) continue; // cannot happen with the checks above; keeps the types honest
    return { n, e, d, p, q, dP: d % (p - 1n), dQ: d % (q - 1n), qInv };
  }
}

/** RSAEP: m^e mod n (RFC 8017 §5.1.1); the caller ensures m < n. */
export function rsaPublicOperation(key: RsaPublicKey, m: bigint): bigint {
  return modPow(m, key.e, key.n);
}

/** RSADP with the CRT (RFC 8017 §5.1.2, case b); the caller ensures c < n. */
export function rsaPrivateOperation(key: RsaPrivateKey, c: bigint): bigint {
  const m1 = modPow(c % key.p, key.dP, key.p);
  const m2 = modPow(c % key.q, key.dQ, key.q);
  const diff = (((m1 - m2) % key.p) + key.p) % key.p;
  const h = (diff * key.qInv) % key.p;
  return m2 + h * key.q;
}
