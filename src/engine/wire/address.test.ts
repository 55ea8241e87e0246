// The dotted-quad conversions are memoized (address.ts); these check the memo
// never changes an answer: first call or repeated, valid or not, and after the
// memo has been cleared for being full.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressBytes, addressToU32, isIpv4Address, readAddress, u32ToAddress, writeAddress } from './address';

/** The conversions as they were before the memo: the reference. */
const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const referenceValid = (s: string): boolean => {
  const m = DOTTED.exec(s);
  return m !== null && m.slice(1).every((p) => Number(p) <= 255 && String(Number(p)) === p);
};
const referenceU32 = (a: string): number => {
  const m = DOTTED.exec(a)!;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
};

const SAMPLES = ['10.1.0.10', '0.0.0.0', '255.255.255.255', '192.168.1.1', '172.16.3.12', '224.0.0.1',
  '256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', ' 1.2.3.4', '1.2.3.4 ', 'a.b.c.d', '', '1..2.3', '-1.2.3.4', '1.2.3.04'];

describe('IPv4 address conversions (memoized)', () => {
  it('agree with the plain parse, on the first call and on every repeat', () => {
    for (let round = 0; round < 3; round++) {
      for (const s of SAMPLES) {
        expect(isIpv4Address(s), s).toBe(referenceValid(s));
        if (referenceValid(s)) expect(addressToU32(s), s).toBe(referenceU32(s));
        else expect(() => addressToU32(s), s).toThrow(RangeError);
      }
    }
  });

  it('stay right after the memo is cleared for being full', () => {
    const many = Array.from({ length: 40_000 }, (_, i) => `10.${(i >> 16) & 0xff}.${(i >> 8) & 0xff}.${i & 0xff}`);
    for (const a of many) expect(addressToU32(a)).toBe(referenceU32(a));
    for (const a of many.slice(0, 100)) expect(addressToU32(a)).toBe(referenceU32(a));
    for (let v = 0; v < 40_000; v += 7) expect(u32ToAddress(0x0a000000 + v)).toBe(many[v]);
  });

  it('u32ToAddress and readAddress give the dotted text, repeated calls the same', () => {
    for (const [v, text] of [[0x0a01000a, '10.1.0.10'], [0, '0.0.0.0'], [0xffffffff, '255.255.255.255'], [-1, '255.255.255.255'], [2 ** 32 + 5, '0.0.0.5']] as const) {
      expect(u32ToAddress(v)).toBe(text);
      expect(u32ToAddress(v)).toBe(text);
    }
    const buf = new Uint8Array([1, 10, 1, 0, 10, 7]);
    expect(readAddress(buf, 1)).toBe('10.1.0.10');
    expect(readAddress(buf, 2)).toBe('1.0.10.7');
    expect(readAddress(buf, 3)).toBe('0.10.7.undefined'); // past the end reads as it always did
  });

  it('round-trips through the wire form', () => {
    const buf = new Uint8Array(4);
    for (const s of SAMPLES.filter(referenceValid)) {
      writeAddress(buf, 0, s);
      expect(readAddress(buf, 0)).toBe(s);
      expect([...addressBytes(s)]).toEqual([...buf]);
    }
  });

  it('agree with the plain parse for any mix of texts and numbers, asked in any order and again (the recent-values table in front of the memo)', () => {
    const text = fc.oneof(
      fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((p) => p.join('.')),
      fc.constantFrom(...SAMPLES),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(fc.property(fc.array(fc.oneof(text, fc.integer({ min: -1, max: 2 ** 32 + 1 })), { maxLength: 120 }), (asks) => {
      for (const a of [...asks, ...asks.reverse()]) {
        if (typeof a === 'number') {
          const u = a >>> 0;
          expect(u32ToAddress(a)).toBe(`${u >>> 24}.${(u >>> 16) & 0xff}.${(u >>> 8) & 0xff}.${u & 0xff}`);
        } else {
          expect(isIpv4Address(a)).toBe(referenceValid(a));
          if (referenceValid(a)) expect(addressToU32(a)).toBe(referenceU32(a));
        }
      }
    }), { numRuns: 300 });
  });
});
