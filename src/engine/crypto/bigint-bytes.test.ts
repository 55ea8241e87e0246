// The octet conversions of bigint-math.ts against the plain per-octet loops they replace, over random inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigIntToBytes, bytesToBigInt } from './bigint-math';
import { toHex } from './bytes';

function referenceBytesToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function referenceBigIntToBytes(value: bigint, length: number): Uint8Array {
  if (value < 0n) throw new RangeError('negative');
  const out = new Uint8Array(length);
  let v = value;
  for (let i = length - 1; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (v > 0n) throw new RangeError('too long');
  return out;
}

/** bigIntToBytes gives the reference's octets, or throws a RangeError where the reference throws. */
function expectAsReference(value: bigint, length: number): void {
  let expected: Uint8Array | undefined;
  try {
    expected = referenceBigIntToBytes(value, length);
  } catch {
    expected = undefined;
  }
  if (expected === undefined) expect(() => bigIntToBytes(value, length)).toThrow(RangeError);
  else expect(bigIntToBytes(value, length)).toEqual(expected);
}

const octets = fc.uint8Array({ minLength: 0, maxLength: 300 });

describe('big-integer octet conversions', () => {
  it('bytesToBigInt reads any octets as the per-octet shift does, short and long, leading zeros included', () => {
    fc.assert(fc.property(octets, (bytes) => {
      expect(bytesToBigInt(bytes)).toBe(referenceBytesToBigInt(bytes));
    }), { numRuns: 500 });
    for (const bytes of [new Uint8Array(0), new Uint8Array(6).fill(0xff), new Uint8Array(7).fill(0xff), Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1)]) {
      expect(bytesToBigInt(bytes)).toBe(referenceBytesToBigInt(bytes));
    }
  });

  it('bigIntToBytes writes any value as the per-octet shift does, and refuses the same values', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 2100n) - 1n }), fc.integer({ min: 0, max: 270 }), expectAsReference), { numRuns: 500 });
    // values that just fit and just do not, odd and even numbers of hex digits
    for (const [value, length] of [[0n, 0], [0n, 3], [1n, 1], [0xfn, 1], [0x100n, 2], [0xffffn, 2], [0x10000n, 2], [0x1000n, 1]] as const) expectAsReference(value, length);
  });

  it('toHex writes two lower-case digits an octet', () => {
    fc.assert(fc.property(octets, (bytes) => {
      expect(toHex(bytes)).toBe(Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''));
    }));
  });
});
