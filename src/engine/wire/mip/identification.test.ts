import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '../test-support/laws';
import { identificationHex, identificationNode, ntpTimestampText, readIdentification, writeIdentification } from './identification';
import { findNode } from './test-support/tree';

describe('Identification (RFC 2002 §5.6)', () => {
  it('reads and writes the two 32-bit halves big-endian', () => {
    const bytes = hexToBytes('d5 c1 e2 a0 12 34 56 78');
    expect(readIdentification(bytes, 0)).toEqual({ high: 0xd5c1e2a0, low: 0x12345678 });
    const out = new Uint8Array(10).fill(0xa5);
    writeIdentification(out, 1, { high: 0xd5c1e2a0, low: 0x12345678 });
    expect(Array.from(out)).toEqual([0xa5, 0xd5, 0xc1, 0xe2, 0xa0, 0x12, 0x34, 0x56, 0x78, 0xa5]);
    expect(identificationHex({ high: 1, low: 0xffffffff })).toBe('00000001 ffffffff');
  });

  it('renders the docs/protocol-notes.md §Test vectors Identification as an NTP time (epoch 1900, RFC 2002 §5.6.1)', () => {
    expect(ntpTimestampText({ high: 0xd5c1e2a0, low: 0x12345678 })).toBe('2013-08-23 13:31:12.071111 UTC');
    expect(ntpTimestampText({ high: 0, low: 0 })).toBe('1900-01-01 00:00:00.000000 UTC');
    expect(ntpTimestampText({ high: 2_208_988_800, low: 0x80000000 })).toBe('1970-01-01 00:00:00.500000 UTC');
    expect(ntpTimestampText({ high: 0xffffffff, low: 0xffffffff })).toBe('2036-02-07 06:28:15.999999 UTC');
    // With the RFC 4330 era rule (what crypto's ntpToUtcString uses) a clear top bit is read after the 2036 rollover.
    expect(ntpTimestampText({ high: 0, low: 0 }, 'RFC 4330')).toBe('2036-02-07 06:28:16.000000 UTC');
    expect(ntpTimestampText({ high: 0xd5c1e2a0, low: 0x12345678 }, 'RFC 4330')).toBe('2013-08-23 13:31:12.071111 UTC');
  });

  it('agrees with an independent conversion (JavaScript Date) for any timestamp', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), (high, low) => {
      const iso = new Date((high - 2_208_988_800) * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
      const micros = String(Math.floor((low / 2 ** 32) * 1e6)).padStart(6, '0');
      expect(ntpTimestampText({ high, low })).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 19)}.${micros} UTC`);
    }), { numRuns: 500 });
  });

  it('dissects both halves with absolute offsets and the NTP reading', () => {
    const node = identificationNode(hexToBytes('00 00 d5 c1 e2 a0 12 34 56 78'), 2, 'RFC 2002 §5.6');
    expect(node).toMatchObject({ name: 'Identification', offset: 2, length: 8, value: 'd5c1e2a0 12345678', ref: 'RFC 2002 §5.6' });
    expect(findNode(node, 'High-order 32 bits')).toMatchObject({ offset: 2, length: 4, value: '0xd5c1e2a0 (3586253472)' });
    expect(findNode(node, 'Low-order 32 bits')).toMatchObject({ offset: 6, length: 4, value: '0x12345678 (305419896)' });
    expect(findNode(node, 'As NTP timestamp').value).toMatch(/^2013-08-23 13:31:12\.071111 UTC/);
  });
});
