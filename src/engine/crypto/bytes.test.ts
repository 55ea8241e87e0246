import { describe, expect, it } from 'vitest';
import { concatBytes, toHex, xorBytes } from './bytes';

describe('byte helpers', () => {
  it('concatenates, XORs and prints hex', () => {
    expect(Array.from(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3)))).toEqual([1, 2, 3]);
    expect(Array.from(xorBytes(Uint8Array.of(0xff, 0x0f), Uint8Array.of(0x0f, 0x0f)))).toEqual([0xf0, 0x00]);
    expect(toHex(Uint8Array.of(0x00, 0x0a, 0xff))).toBe('000aff');
  });

  it('refuses to XOR strings of different lengths (a truncated pad would leak key bits)', () => {
    expect(() => xorBytes(new Uint8Array(16), new Uint8Array(15))).toThrow(RangeError);
  });
});
