import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { bytesToHex } from '../wire/test-support/laws';
import { bigIntToBytes, bigIntToHex, bitLength, bytesToBigInt, gcd, isProbablePrime, modInverse, modPow, randomBits, randomInRange } from './bigint-math';

/** Reference: right-to-left binary exponentiation, no windows. */
function referenceModPow(b: bigint, e: bigint, m: bigint): bigint {
  let result = 1n % m;
  let base = b % m;
  for (let x = e; x > 0n; x >>= 1n) {
    if (x & 1n) result = (result * base) % m;
    base = (base * base) % m;
  }
  return result;
}

const bigUpTo = (bits: number) => fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n });

describe('big-integer helpers', () => {
  it('converts to fixed-length big-endian octets, left-padded (regkey-00 §4, §5)', () => {
    expect(bytesToHex(bigIntToBytes(5n, 8))).toBe('00 00 00 00 00 00 00 05');
    expect(bytesToHex(bigIntToBytes(0x0123456789abcdefn, 8))).toBe('01 23 45 67 89 ab cd ef');
    expect(bytesToHex(bigIntToBytes(0n, 2))).toBe('00 00');
    expect(() => bigIntToBytes(0x10000n, 2)).toThrow(RangeError);
    expect(() => bigIntToBytes(-1n, 2)).toThrow(RangeError);
    fc.assert(fc.property(bigUpTo(300), (v) => {
      expect(bytesToBigInt(bigIntToBytes(v, 40))).toBe(v);
    }));
  });

  it('bit length and hex', () => {
    expect([0n, 1n, 255n, 256n].map(bitLength)).toEqual([0, 1, 8, 9]);
    expect(bigIntToHex(5n, 4)).toBe('00000005');
  });

  it('modPow agrees with plain binary exponentiation, small and large (sliding window path)', () => {
    fc.assert(
      fc.property(bigUpTo(200), bigUpTo(300), fc.bigInt({ min: 1n, max: (1n << 200n) - 1n }), (b, e, m) => {
        expect(modPow(b, e, m)).toBe(referenceModPow(b, e, m));
      }),
      { numRuns: 150 },
    );
    expect(modPow(3n, 0n, 7n)).toBe(1n);
    expect(modPow(3n, 5n, 1n)).toBe(0n);
    expect(modPow(-2n, 3n, 7n)).toBe(6n); // (−8) mod 7
  });

  it('modInverse and gcd', () => {
    expect(modInverse(3n, 11n)).toBe(4n);
    expect(modInverse(6n, 9n)).toBeNull();
    expect(gcd(84n, -36n)).toBe(12n);
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 1n << 100n }), fc.bigInt({ min: 2n, max: 1n << 100n }), (a, m) => {
        const inv = modInverse(a, m);
        if (gcd(a, m) === 1n) expect((a * inv!) % m).toBe(1n % m);
        else expect(inv).toBeNull();
      }),
    );
  });

  it('random values stay in range and depend only on the seed', () => {
    const r = createRandom(42);
    for (let i = 0; i < 200; i++) {
      const v = randomInRange(10n, 13n, r);
      expect(v >= 10n && v <= 13n).toBe(true);
      expect(bitLength(randomBits(13, r))).toBeLessThanOrEqual(13);
    }
    expect(randomInRange(0n, 1n << 1000n, createRandom(9))).toBe(randomInRange(0n, 1n << 1000n, createRandom(9)));
  });

  it('Miller-Rabin: primes pass; composites fail, including Carmichael numbers and base-2 strong pseudoprimes', () => {
    const r = createRandom(1);
    const primes = [2n, 3n, 1999n, 2003n, 7919n, 2n ** 61n - 1n, 2n ** 89n - 1n, 2n ** 127n - 1n, 2n ** 64n - 59n];
    for (const p of primes) expect(isProbablePrime(p, 20, r)).toBe(true);
    const composites = [0n, 1n, 4n, 561n, 41041n, 2047n, 3215031751n, 2n ** 67n - 1n, (2n ** 61n - 1n) * (2n ** 31n - 1n), 4005n * 4005n];
    for (const c of composites) expect(isProbablePrime(c, 20, r)).toBe(false);
  });
});
