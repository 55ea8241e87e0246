// Packet memory: with cutting on, packets are views of shared blocks; they must read and write exactly as
// arrays of their own — zeros when made, copies equal to slice, no packet seeing another's writes.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { copyPacket, packetBytes, packetCutting } from './packet-memory';

afterEach(() => {
  packetCutting(false);
});

describe('packet memory', () => {
  it('is off unless turned on, and hands back what it was', () => {
    expect(packetBytes(100).byteOffset).toBe(0);
    expect(packetBytes(100).buffer.byteLength).toBe(100);
    expect(packetCutting(true)).toBe(false);
    expect(packetCutting(true)).toBe(true);
    expect(packetCutting(false)).toBe(true);
  });

  it('cut packets are zeros, the size asked, and independent of each other whatever is written', () => {
    packetCutting(true);
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1500 }), fc.uint8Array({ maxLength: 1500 })), { maxLength: 40 }), (asks) => {
      const made = asks.map(([n, fill]) => {
        const p = packetBytes(n);
        expect(p.length).toBe(n);
        expect(p.every((b) => b === 0)).toBe(true);
        p.set(fill.subarray(0, n));
        return { p, expected: Uint8Array.from({ length: n }, (_, i) => (i < fill.length ? fill[i]! : 0)) };
      });
      for (const { p, expected } of made) expect(p).toEqual(expected);
    }), { numRuns: 200 });
  });

  it('copyPacket gives what slice gives, clamped the same way, cut or not, and the copy is its own', () => {
    for (const on of [false, true]) {
      packetCutting(on);
      fc.assert(fc.property(fc.uint8Array({ maxLength: 1400 }), fc.nat(1500), fc.nat(1500), (bytes, a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const copy = copyPacket(bytes, start, end);
        expect(copy).toEqual(bytes.slice(start, end));
        if (copy.length > 0) {
          copy[0] = copy[0]! ^ 0xff;
          expect(bytes[Math.min(start, bytes.length)]).not.toBe(copy[0]);
        }
      }), { numRuns: 300 });
    }
  });
});
