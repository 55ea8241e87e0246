import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../wire/test-support/laws';
import { decodeUtf8, encodeUtf8 } from './utf8';

describe('UTF-8 for pcapng strings', () => {
  it('encodes 1-, 2-, 3- and 4-octet forms as the standard says', () => {
    expect(bytesToHex(encodeUtf8('A§–😀'))).toBe('41 c2 a7 e2 80 93 f0 9f 98 80');
  });

  it('agrees with the platform TextEncoder/TextDecoder on any well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const bytes = encodeUtf8(s);
        expect(bytesToHex(bytes)).toBe(bytesToHex(new TextEncoder().encode(s)));
        expect(decodeUtf8(bytes)).toBe(s);
      }),
    );
  });

  it('decodes any bytes without throwing, like a non-fatal TextDecoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        expect(decodeUtf8(b)).toBe(new TextDecoder('utf-8', { fatal: false }).decode(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('replaces lone surrogates, overlong forms and cut-off sequences with U+FFFD', () => {
    expect(bytesToHex(encodeUtf8('a\udc00'))).toBe('61 ef bf bd');
    expect(decodeUtf8(hexToBytes('c0 af'))).toBe('\ufffd\ufffd'); // overlong "/"
    expect(decodeUtf8(hexToBytes('ed a0 80'))).toBe('\ufffd\ufffd\ufffd'); // encoded surrogate
    expect(decodeUtf8(hexToBytes('e2 80'))).toBe('\ufffd'); // cut off
    expect(decodeUtf8(hexToBytes('61 62 63'), 1, 2)).toBe('b'); // bounded region
  });
});
