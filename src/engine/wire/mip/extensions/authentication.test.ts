import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../../test-support/laws';
import { arbExtensionOfKind } from '../test-support/arbitraries';
import { findNode } from '../test-support/tree';
import { BU_HA_TO_CN, MH_EXTENSION_HEADER, RO98_MH_AUTHENTICATOR } from '../test-support/vectors';
import { authenticatorCoverageEnd } from './authentication';
import { dissectMipExtension, mipExtensionCodec, parseMipExtension, type MipExtension } from './mip-extension';
import { concatBytes } from '../../bytes';

// docs/protocol-notes.md §Test vectors: Type 32, Length 20, SPI 256, then the ro98 authenticator.
const MOBILE_HOME = concatBytes(MH_EXTENSION_HEADER, RO98_MH_AUTHENTICATOR);
// docs/protocol-notes.md §Test vectors: the type-35 extension of the HA → CN Binding Update (octets 20..41).
const RO_AUTH = BU_HA_TO_CN.slice(20);

describe('authentication extensions 32–35 (RFC 2002 §3.5.2–§3.5.4, optim-08 §4.5)', () => {
  it('decodes and encodes the Mobile-Home extension of docs/protocol-notes.md §Test vectors', () => {
    expectGolden(mipExtensionCodec, { kind: 'mobile-home-auth', spi: 256, authenticator: RO98_MH_AUTHENTICATOR }, MOBILE_HOME);
  });

  it('decodes and encodes the Route Optimization Authentication extension of docs/protocol-notes.md §Test vectors (SPI 0x101)', () => {
    expectGolden(mipExtensionCodec, { kind: 'ro-auth', spi: 0x101, authenticator: hexToBytes('1c 65 b3 93 d2 b1 e5 fb e4 89 e4 c0 48 1d 3f b8') }, RO_AUTH);
  });

  it('tells 33 and 34 apart by Type, with the same layout (hand-assembled)', () => {
    // Type 33, Length 4 + 3, SPI 0x00001234, authenticator aa bb cc
    expectGolden(mipExtensionCodec, { kind: 'mobile-foreign-auth', spi: 0x1234, authenticator: hexToBytes('aa bb cc') }, hexToBytes('21 07 00 00 12 34 aa bb cc'));
    // Type 34, Length 4 (empty authenticator), SPI 0xffffffff
    expectGolden(mipExtensionCodec, { kind: 'foreign-home-auth', spi: 0xffffffff, authenticator: new Uint8Array(0) }, hexToBytes('22 04 ff ff ff ff'));
  });

  it('refuses a Length too short for the SPI, naming the Length field', () => {
    const r = parseMipExtension(hexToBytes('20 03 00 00 01'));
    expect(r).toEqual({ ok: false, error: { layer: 'Mobile-Home Authentication extension', field: 'Length', offset: 1, reason: '3 is shorter than the 4-octet SPI (Length = 4 + authenticator length)' } });
  });

  it('refuses a Length that runs past the region', () => {
    expect(parseMipExtension(MOBILE_HOME, 0, 21)).toMatchObject({ ok: false, error: { field: 'Length', offset: 1, reason: '20 octets of data, only 19 remain' } });
  });

  it('computes coverage per profile: ro98 [0, E+2), rfc3344 [0, E+6) (RFC 2002 §3.5.1, OC-11)', () => {
    expect(authenticatorCoverageEnd(24, 'ro98')).toBe(26);
    expect(authenticatorCoverageEnd(24, 'rfc3344')).toBe(30);
  });

  it('dissects SPI and authenticator with absolute offsets; inside a message it shows the covered bytes', () => {
    const buf = concatBytes(new Uint8Array(24), MOBILE_HOME); // the extension at message offset 24
    const d = dissectMipExtension(buf, 24, buf.length, { messageStart: 0, profile: 'ro98' });
    if (!d.ok) throw new Error(d.error.reason);
    expect(d.value.name).toBe('Mobile-Home Authentication extension');
    expect(findNode(d.value, 'SPI')).toMatchObject({ offset: 26, length: 4, value: '256 (0x00000100)' });
    expect(findNode(d.value, 'Authenticator')).toMatchObject({ offset: 30, length: 16, value: expect.stringMatching(/^16 octets: 70 55 55 e8/) });
    expect(findNode(d.value, 'Covered bytes')).toMatchObject({ offset: 0, length: 26, value: expect.stringMatching(/0–25.*SPI not covered/) });
    const d3344 = dissectMipExtension(buf, 24, buf.length, { messageStart: 0, profile: 'rfc3344' });
    expect(d3344.ok && findNode(d3344.value, 'Covered bytes').length).toBe(30);
  });

  it('warns about a reserved SPI (0–255) and notes that Wireshark shows type 35 as unknown', () => {
    const d = mipExtensionCodec.dissect(hexToBytes('23 04 00 00 00 ff'));
    if (!d.ok) throw new Error(d.error.reason);
    expect(findNode(d.value, 'SPI').warning).toMatch(/reserved/);
    expect(findNode(d.value, 'Wireshark').value).toMatch(/unknown/);
  });

  for (const kind of ['mobile-home-auth', 'mobile-foreign-auth', 'foreign-home-auth', 'ro-auth'] as const) {
    it(`round-trips any ${kind} extension`, () => {
      checkRoundTrip<MipExtension>(mipExtensionCodec, arbExtensionOfKind[kind], undefined, 100);
    });
  }

  it('returns a typed error for every truncation', () => {
    checkEveryTruncation(mipExtensionCodec, MOBILE_HOME, true);
    checkEveryTruncation(mipExtensionCodec, RO_AUTH, true);
  });

  it('never throws on mutated bytes', () => {
    checkFuzz(mipExtensionCodec, [MOBILE_HOME, RO_AUTH], 500);
  });
});
