import { describe, expect, it } from 'vitest';
import { parseHexInput } from './hex';

const bytes = (r: ReturnType<typeof parseHexInput>) => (r.ok ? Array.from(r.bytes) : r.reason);

describe('hex input as people paste it', () => {
  it('accepts spaced, packed, colon-separated and 0x-prefixed forms', () => {
    expect(bytes(parseHexInput('45 00 00 4a'))).toEqual([0x45, 0, 0, 0x4a]);
    expect(bytes(parseHexInput('4500004A'))).toEqual([0x45, 0, 0, 0x4a]);
    expect(bytes(parseHexInput('45:00:00:4a'))).toEqual([0x45, 0, 0, 0x4a]);
    expect(bytes(parseHexInput('0x45, 0x00,0x00, 0x4a'))).toEqual([0x45, 0, 0, 0x4a]);
  });

  it('skips the offset column of a hexdump', () => {
    expect(bytes(parseHexInput('0000  45 00 00 4a\n0004  00 01'))).toEqual([0x45, 0, 0, 0x4a, 0, 1]);
    expect(bytes(parseHexInput('00000000: 4500 004a\n00000004: 0001'))).toEqual([0x45, 0, 0, 0x4a, 0, 1]);
  });

  it('says what is wrong and where', () => {
    expect(parseHexInput('45 0g')).toEqual({ ok: false, reason: 'character "g" at position 5 is not a hex digit' });
    expect(parseHexInput('450')).toEqual({ ok: false, reason: 'odd number of hex digits (3): each octet needs two' });
    expect(parseHexInput('   ')).toEqual({ ok: false, reason: 'no hex digits given' });
  });
});
