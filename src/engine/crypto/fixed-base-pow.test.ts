import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modPow } from './bigint-math';
import { fixedBase, fixedBasePow } from './fixed-base-pow';

const bigUpTo = (bits: number) => fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n });

describe('fixed-base exponentiation (Handbook of Applied Cryptography, Algorithm 14.109)', () => {
  it('equals modPow for any base, modulus and exponent the powers cover', () => {
    fc.assert(fc.property(bigUpTo(160), fc.bigInt({ min: 1n, max: (1n << 160n) - 1n }), fc.integer({ min: 1, max: 200 }), fc.nat(), (base, modulus, exponentBits, seed) => {
      const exponent = BigInt(seed) ** 7n % (1n << BigInt(exponentBits));
      expect(fixedBasePow(fixedBase(base, modulus, exponentBits), exponent)).toBe(modPow(base, exponent, modulus));
    }), { numRuns: 300 });
  });

  it('equals modPow for exponents the powers do not cover (the general way), and for 0 and 1', () => {
    fc.assert(fc.property(bigUpTo(100), fc.bigInt({ min: 2n, max: (1n << 100n) - 1n }), bigUpTo(300), (base, modulus, exponent) => {
      const fixed = fixedBase(base, modulus, 64);
      expect(fixedBasePow(fixed, exponent)).toBe(modPow(base, exponent, modulus));
    }));
    const fixed = fixedBase(2n, 1000003n, 32);
    expect(fixedBasePow(fixed, 0n)).toBe(1n);
    expect(fixedBasePow(fixed, 1n)).toBe(2n);
    expect(fixedBasePow(fixedBase(5n, 1n, 8), 3n)).toBe(0n);
  });

  it('agrees with modPow on a 1024-bit modulus and full-size exponents, digits all alike or all different', () => {
    const modulus = (1n << 1024n) - 105n; // odd, 1024 bits
    const fixed = fixedBase(2n, modulus, 1024);
    for (const exponent of [(1n << 1024n) - 1n, 1n << 1023n, BigInt(`0x${'0123456789abcdef'.repeat(16)}`), modulus - 2n]) {
      expect(fixedBasePow(fixed, exponent)).toBe(modPow(2n, exponent, modulus));
    }
  });

  it('refuses a negative exponent and a modulus below 1, as modPow does', () => {
    expect(() => fixedBasePow(fixedBase(2n, 7n, 8), -1n)).toThrow(RangeError);
    expect(() => fixedBase(2n, 0n, 8)).toThrow(RangeError);
  });
});
