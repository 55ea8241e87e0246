// Unsigned big-integer arithmetic for Diffie-Hellman and RSA, on JavaScript
// BigInt: conversion to and from fixed-length big-endian octet strings,
// modular exponentiation, inverses, and a Miller-Rabin probable-prime test.
//
// Not constant-time (BigInt operations take data-dependent time). That is
// acceptable here: the lab's keys are reproducible from the run's seed by
// design (random.ts) and nothing secret leaves the learner's browser.

import type { RandomSource } from '../random';

/** "00" … "ff" by octet value. */
const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** A hex digit's value (0–9, a–f; the only characters BigInt.prototype.toString(16) writes). */
const nibble = (c: number): number => (c <= 57 ? c - 48 : c - 87);

/** Big-endian octets → non-negative integer (I2OSP's inverse, OS2IP). */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  // Up to 6 octets fit a double exactly. Longer ones go through hex text, one parse: shifting a
  // BigInt in per octet makes a new, longer BigInt each time (quadratic in a 128-octet DH value).
  if (bytes.length <= 6) {
    let n = 0;
    for (const b of bytes) n = n * 256 + b;
    return BigInt(n);
  }
  let hex = '0x';
  for (const b of bytes) hex += HEX_PAIRS[b]!;
  return BigInt(hex);
}

/**
 * Non-negative integer → exactly `length` big-endian octets, left-padded with
 * zeros (I2OSP; regkey-00 §4, §5 "left-padded to the field
 * length"). A value that does not fit is a programming error.
 */
export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  if (value < 0n) throw new RangeError('bigIntToBytes: negative value');
  const out = new Uint8Array(length);
  if (value === 0n) return out;
  // The digits of one toString(16), two per octet from the right: shifting the BigInt 8 bits at a
  // time would make a new BigInt per octet (quadratic in a 128-octet DH value).
  const hex = value.toString(16);
  if (hex.length > 2 * length) throw new RangeError(`bigIntToBytes: value needs more than ${length} octets`);
  for (let i = length - 1, end = hex.length; end > 0; i--, end -= 2) {
    const low = nibble(hex.charCodeAt(end - 1));
    out[i] = end >= 2 ? (nibble(hex.charCodeAt(end - 2)) << 4) | low : low;
  }
  return out;
}

export function bitLength(value: bigint): number {
  return value <= 0n ? 0 : value.toString(2).length;
}

export function byteLength(value: bigint): number {
  return Math.ceil(bitLength(value) / 8);
}

/** Lower-case hex, left-padded to `length` octets when given. */
export function bigIntToHex(value: bigint, length?: number): string {
  const h = value.toString(16);
  return length === undefined ? h : h.padStart(length * 2, '0');
}

/** Square-and-multiply below this exponent size; sliding window above. */
const WINDOW_THRESHOLD_BITS = 64;
const WINDOW_BITS = 5;

/**
 * base^exponent mod modulus. Left-to-right sliding window of 5 bits: about
 * one multiplication per 6 exponent bits instead of one per 2 with plain
 * square-and-multiply, roughly 20 % faster for 1024-bit exponents.
 */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus <= 0n) throw new RangeError('modPow: modulus must be positive');
  if (exponent < 0n) throw new RangeError('modPow: negative exponent');
  if (modulus === 1n) return 0n;
  const m = modulus;
  const b = ((base % m) + m) % m;
  const bits = exponent.toString(2);
  if (bits.length <= WINDOW_THRESHOLD_BITS) {
    let result = 1n;
    for (const bit of bits) {
      result = (result * result) % m;
      if (bit === '1') result = (result * b) % m;
    }
    return result;
  }
  // odd powers b^1, b^3, …, b^(2^WINDOW_BITS − 1)
  const b2 = (b * b) % m;
  const odd: bigint[] = [b];
  for (let i = 1; i < 1 << (WINDOW_BITS - 1); i++) odd.push((odd[i - 1]! * b2) % m);
  let result = 1n;
  let i = 0;
  while (i < bits.length) {
    if (bits[i] === '0') {
      result = (result * result) % m;
      i++;
      continue;
    }
    // the longest window starting here, at most WINDOW_BITS long, ending in a 1
    let j = Math.min(i + WINDOW_BITS, bits.length) - 1;
    while (bits[j] === '0') j--;
    for (let k = i; k <= j; k++) result = (result * result) % m;
    result = (result * odd[(parseInt(bits.slice(i, j + 1), 2) - 1) >> 1]!) % m;
    i = j + 1;
  }
  return result;
}

export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** a^-1 mod m (extended Euclid), or null when gcd(a, m) ≠ 1. */
export function modInverse(a: bigint, m: bigint): bigint | null {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) return null;
  return ((oldS % m) + m) % m;
}

/** Uniform integer with exactly `bits` random bits (the top one may be 0). */
export function randomBits(bits: number, random: RandomSource): bigint {
  const bytes = random.bytes(Math.ceil(bits / 8));
  const excess = bytes.length * 8 - bits;
  if (excess > 0) bytes[0] = bytes[0]! & (0xff >> excess);
  return bytesToBigInt(bytes);
}

/** Uniform integer in [min, max] (inclusive), by rejection sampling. */
export function randomInRange(min: bigint, max: bigint, random: RandomSource): bigint {
  if (max < min) throw new RangeError('randomInRange: empty range');
  const span = max - min + 1n;
  const bits = bitLength(span - 1n);
  for (;;) {
    const v = randomBits(Math.max(bits, 1), random);
    if (v < span) return min + v;
  }
}

/** The odd primes below 2000, for trial division before Miller-Rabin. */
export const SMALL_PRIMES: readonly bigint[] = (() => {
  const limit = 2000;
  const composite = new Uint8Array(limit);
  const out: bigint[] = [];
  for (let n = 3; n < limit; n += 2) {
    if (composite[n]) continue;
    out.push(BigInt(n));
    for (let k = n * n; k < limit; k += 2 * n) composite[k] = 1;
  }
  return out;
})();

/**
 * Miller-Rabin with `rounds` random bases from `random`, after trial division.
 * A composite passes one round with probability ≤ 1/4, so ≤ 4^-rounds
 * overall (far less for random large candidates).
 */
export function isProbablePrime(n: bigint, rounds: number, random: RandomSource): boolean {
  if (n < 2n) return false;
  if (n === 2n) return true;
  if ((n & 1n) === 0n) return false;
  for (const p of SMALL_PRIMES) {
    if (n === p) return true;
    if (n % p === 0n) return false;
  }
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  witness: for (let round = 0; round < rounds; round++) {
    const a = randomInRange(2n, n - 2n, random);
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    for (let i = 1; i < s; i++) {
      x = (x * x) % n;
      if (x === n - 1n) continue witness;
    }
    return false;
  }
  return true;
}
