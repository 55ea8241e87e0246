import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes, okValue } from '../test-support/laws';
import { findNode } from '../mip/test-support/tree';
import { authenticationHeaderCodec, dissectAuthenticationHeader, emitAuthenticationHeader, parseAuthenticationHeader, type AuthenticationHeader } from './authentication-header';

// Hand-assembled from RFC 4302 §2: Next Header 135 (Mobility Header), Payload Len 4 ((24 / 4) − 2),
// Reserved 0, SPI 256, Sequence Number 5, a 12-octet ICV (HMAC-MD5-96) 00…0b.
const HMAC_MD5_96_AH = hexToBytes('87 04 00 00 00 00 01 00 00 00 00 05 00 01 02 03 04 05 06 07 08 09 0a 0b');
// Next Header 41 (a tunnelled packet), Payload Len 2 (16 octets), SPI 0xffffffff, Sequence 1, 4-octet ICV.
const SHORT_ICV_AH = hexToBytes('29 02 00 00 ff ff ff ff 00 00 00 01 aa bb cc dd');

const arbAh: fc.Arbitrary<AuthenticationHeader> = fc.record({
  nextHeader: fc.integer({ min: 0, max: 255 }),
  spi: fc.integer({ min: 0, max: 0xffffffff }),
  sequence: fc.integer({ min: 0, max: 0xffffffff }),
  icv: fc.integer({ min: 0, max: 6 }).chain((k) => fc.uint8Array({ minLength: 8 * k + 4, maxLength: 8 * k + 4 })),
});

describe('Authentication Header (RFC 4302 §2)', () => {
  it('encodes and decodes the HMAC-MD5-96 header the lab sends (24 octets, Payload Len 4)', () => {
    expectGolden(authenticationHeaderCodec, { nextHeader: 135, spi: 256, sequence: 5, icv: HMAC_MD5_96_AH.slice(12) }, HMAC_MD5_96_AH);
  });

  it('encodes and decodes a header with a 4-octet ICV (16 octets, Payload Len 2)', () => {
    expectGolden(authenticationHeaderCodec, { nextHeader: 41, spi: 0xffffffff, sequence: 1, icv: hexToBytes('aa bb cc dd') }, SHORT_ICV_AH);
  });

  it('refuses Payload Len values that do not make a valid IPv6 AH, naming the field', () => {
    const shorter = HMAC_MD5_96_AH.slice();
    shorter[1] = 0; // 8 octets: less than the fixed part
    expect(parseAuthenticationHeader(shorter)).toMatchObject({ ok: false, error: { field: 'Payload Len', offset: 1, reason: expect.stringMatching(/shorter than the 12-octet fixed part/) } });
    const odd = HMAC_MD5_96_AH.slice();
    odd[1] = 3; // 20 octets: not a multiple of 8
    expect(parseAuthenticationHeader(odd)).toMatchObject({ ok: false, error: { field: 'Payload Len', reason: expect.stringMatching(/multiple of 8 \(RFC 4302 §2\.6\)/) } });
    const long = HMAC_MD5_96_AH.slice();
    long[1] = 6; // 32 octets announced, 24 present
    expect(parseAuthenticationHeader(long)).toEqual({ ok: false, error: { layer: 'Authentication Header', field: 'Payload Len', offset: 1, reason: '6 announces 32 octets, only 24 remain' } });
  });

  it('refuses to emit an ICV that would not make a multiple of 8', () => {
    expect(() => emitAuthenticationHeader({ nextHeader: 135, spi: 256, sequence: 1, icv: new Uint8Array(16) }, new Uint8Array(28))).toThrow(/multiple of 8/);
    expect(() => emitAuthenticationHeader({ nextHeader: 135, spi: -1, sequence: 1, icv: new Uint8Array(12) }, new Uint8Array(24))).toThrow(/SPI -1/);
  });

  it('dissects every field with its section, and flags a reserved SPI and a non-zero Reserved', () => {
    const t = okValue(dissectAuthenticationHeader(HMAC_MD5_96_AH));
    expect(t).toMatchObject({ name: 'Authentication Header', offset: 0, length: 24, value: 'SPI 256, sequence 5, 12-octet ICV', ref: 'RFC 4302 §2' });
    expect(findNode(t, 'Payload Len')).toMatchObject({ offset: 1, value: '4 (24 octets = (4 + 2) × 4)', ref: 'RFC 4302 §2.2' });
    expect(findNode(t, 'Security Parameters Index')).toMatchObject({ offset: 4, length: 4, value: '256 (0x00000100)' });
    expect(findNode(t, 'Security Parameters Index').warning).toBeUndefined();
    expect(findNode(t, 'Sequence Number')).toMatchObject({ offset: 8, value: '5', ref: 'RFC 4302 §2.5' });
    expect(findNode(t, 'Integrity Check Value')).toMatchObject({ offset: 12, length: 12, value: expect.stringMatching(/HMAC-MD5-96/) });
    const odd = HMAC_MD5_96_AH.slice();
    odd.set([0x00, 0x01, 0x00, 0x00, 0x00, 0x12], 2); // Reserved 0x0001, SPI 18
    const u = okValue(dissectAuthenticationHeader(odd));
    expect(findNode(u, 'Reserved').value).toMatch(/should be 0/);
    expect(findNode(u, 'Security Parameters Index').warning).toMatch(/reserved by IANA/);
    expect(findNode(okValue(dissectAuthenticationHeader(SHORT_ICV_AH)), 'Integrity Check Value').warning).toMatch(/4-octet ICV/);
  });

  it('round-trips any header with an ICV that keeps it a multiple of 8', () => {
    checkRoundTrip(authenticationHeaderCodec, arbAh, undefined, 200);
  });

  it('every truncation is a located error', () => {
    checkEveryTruncation(authenticationHeaderCodec, HMAC_MD5_96_AH, true);
    checkEveryTruncation(authenticationHeaderCodec, SHORT_ICV_AH, true);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(authenticationHeaderCodec, [HMAC_MD5_96_AH, SHORT_ICV_AH], 800);
  });
});
