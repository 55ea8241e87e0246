import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, okValue } from '../test-support/laws';
import { arbOptions } from './test-support/mobility-arbitraries';
import {
  emitMobilityOptions, layoutMobilityOptions, mobilityOptionAlignment, mobilityOptionsLength, mobilityOptionType, parseMobilityOptions,
  walkMobilityOptions, type MobilityOption,
} from './mobility-options';

/** Emits the option area at header position `position` into a 0xa5-filled buffer and returns the written octets. */
function emitAt(options: readonly MobilityOption[], position: number): string {
  const length = mobilityOptionsLength(options, position);
  const buf = new Uint8Array(length + 6).fill(0xa5);
  expect(emitMobilityOptions(options, buf, 3, position)).toBe(length);
  expect(Array.from(buf.subarray(0, 3))).toEqual([0xa5, 0xa5, 0xa5]);
  expect(Array.from(buf.subarray(3 + length))).toEqual([0xa5, 0xa5, 0xa5]);
  return bytesToHex(buf.subarray(3, 3 + length));
}

describe('each mobility option, hand-assembled from RFC 6275 §6.2', () => {
  it('Binding Refresh Advice: type 2, length 2, Refresh Interval; 2n (§6.2.4)', () => {
    const o: MobilityOption = { kind: 'binding-refresh-advice', refreshIntervalUnits: 0x0102 };
    expect(emitAt([o], 12)).toBe('02 02 01 02'); // 12 + 4 = 16: no padding
    expect(emitAt([o], 8)).toBe('02 02 01 02 01 02 00 00'); // then PadN(4) to 16
    expect(emitAt([o], 13)).toBe('00 02 02 01 02 01 04 00 00 00 00'); // Pad1 to reach 14, then PadN(6) from 18 to 24
  });

  it('Alternate Care-of Address: type 3, length 16; 8n+6 (§6.2.5)', () => {
    const o: MobilityOption = { kind: 'alternate-care-of-address', address: '2001:db8:2::a' };
    expect(emitAt([o], 14)).toBe('03 10 20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 0a');
    expect(emitAt([o], 12)).toBe('01 00 03 10 20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 0a');
    expect(emitAt([o], 8)).toBe('01 04 00 00 00 00 03 10 20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 0a');
  });

  it('Nonce Indices: type 4, length 4, Home then Care-of Nonce Index; 2n (§6.2.6)', () => {
    expect(emitAt([{ kind: 'nonce-indices', homeNonceIndex: 0x1234, careOfNonceIndex: 0xabcd }], 12)).toBe('04 04 12 34 ab cd 01 04 00 00 00 00');
  });

  it('Binding Authorization Data: type 5, length 12, authenticator; 8n+2, ending the header on 8n (§6.2.7)', () => {
    const auth = hexToBytes('00 11 22 33 44 55 66 77 88 99 aa bb');
    expect(emitAt([{ kind: 'binding-authorization-data', authenticator: auth }], 18)).toBe('05 0c 00 11 22 33 44 55 66 77 88 99 aa bb');
    expect(emitAt([{ kind: 'binding-authorization-data', authenticator: auth }], 12)).toBe('01 04 00 00 00 00 05 0c 00 11 22 33 44 55 66 77 88 99 aa bb');
  });

  it('Pad1 and PadN (§6.2.2, §6.2.3): one zero octet, or type 1 with zero data', () => {
    expect(emitAt([], 15)).toBe('00');
    expect(emitAt([], 10)).toBe('01 04 00 00 00 00');
    expect(emitAt([], 16)).toBe('');
  });

  it('decodes what it was given, skipping padding and keeping unknown options', () => {
    const area = hexToBytes('00 01 01 00 c8 03 01 02 03 04 04 00 01 00 02 02 02 00 09 03 10 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01');
    expect(okValue(parseMobilityOptions(area, 0, area.length))).toEqual([
      { kind: 'unknown', type: 200, data: hexToBytes('01 02 03') },
      { kind: 'nonce-indices', homeNonceIndex: 1, careOfNonceIndex: 2 },
      { kind: 'binding-refresh-advice', refreshIntervalUnits: 9 },
      { kind: 'alternate-care-of-address', address: '2001:db8::1' },
    ]);
    const walked = okValue(walkMobilityOptions(area, 0, area.length));
    expect(walked.map((w) => [w.type, w.offset, w.length])).toEqual([[0, 0, 1], [1, 1, 3], [200, 4, 5], [4, 9, 6], [2, 15, 4], [3, 19, 18]]);
  });
});

describe('option layout', () => {
  it('puts every option at its alignment and ends the header on 8n, from any start', () => {
    fc.assert(fc.property(arbOptions, fc.integer({ min: 8, max: 40 }), (options, position) => {
      let at = position;
      const pieces = layoutMobilityOptions(options, position);
      expect(pieces.filter((p) => 'option' in p).length).toBe(options.length);
      for (const p of pieces) {
        if ('option' in p) {
          const [x, y] = mobilityOptionAlignment(mobilityOptionType(p.option));
          expect(at % x).toBe(y);
          at += 2 + (p.option.kind === 'unknown' ? p.option.data.length : { 'binding-refresh-advice': 2, 'alternate-care-of-address': 16, 'nonce-indices': 4, 'binding-authorization-data': 12 }[p.option.kind]);
        } else {
          expect(p.pad).toBeGreaterThan(0);
          expect(p.pad).toBeLessThan(8);
          at += p.pad;
        }
      }
      expect(at % 8).toBe(0);
      expect(at - position).toBe(mobilityOptionsLength(options, position));
      const buf = new Uint8Array(at - position);
      emitMobilityOptions(options, buf, 0, position);
      expect(okValue(parseMobilityOptions(buf, 0, buf.length))).toEqual(options);
    }), { numRuns: 300 });
  });

  it('refuses an unknown option that claims a known type number', () => {
    expect(() => layoutMobilityOptions([{ kind: 'unknown', type: 4, data: new Uint8Array(4) }], 12)).toThrow(/from 6 to 255/);
  });
});
