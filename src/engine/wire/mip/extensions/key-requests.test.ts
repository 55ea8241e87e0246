import { describe, expect, it } from 'vitest';
import { EncodeError } from '../../result';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../../test-support/laws';
import { arbExtensionOfKind } from '../test-support/arbitraries';
import { findNode } from '../test-support/tree';
import { EXTENSION_116 } from '../test-support/vectors';
import { emitMipExtension, mipExtensionCodec, parseMipExtension, type MipExtension } from './mip-extension';
import { concatBytes } from '../../bytes';

// Hand-assembled from regkey-00 §4.
const FA_KEY_REQUEST = hexToBytes('71 04 00 00 01 00'); // 113, 8-bit Length 4, SPI 256
const LONG_KEY = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff);
const MN_PUBLIC_KEY_LONG = concatBytes(hexToBytes('72 01 2c'), LONG_KEY); // 114, 16-bit Length 300
const MN_PUBLIC_KEY_SHORT = hexToBytes('72 00 03 30 82 01'); // 114, 16-bit Length 3
const FA_PUBLIC_KEY = hexToBytes('73 00 07 00 00 20 00 aa bb cc'); // 115, Length 4 + 3, SPI 0x2000
const ANY_BUT_DH = hexToBytes('74 00 00'); // 116, Length 0

const DH_REPR: MipExtension = {
  kind: 'registration-key-request',
  diffieHellman: {
    prime: hexToBytes('ff ff ff ff ff ff ff c5'), // 2^64 − 59
    generator: hexToBytes('00 00 00 00 00 00 00 05'),
    computedValue: hexToBytes('44 5f ea 74 f4 a7 a1 81'),
  },
};

describe('key request extensions 113–116 (regkey-00 §4)', () => {
  it('113 FA Key Request: 8-bit Length 4 and the SPI', () => {
    expectGolden(mipExtensionCodec, { kind: 'fa-key-request', spi: 256 }, FA_KEY_REQUEST);
  });

  it('113 refuses a Length other than 4', () => {
    expect(parseMipExtension(hexToBytes('71 05 00 00 01 00 00'))).toMatchObject({ ok: false, error: { layer: 'Foreign Agent Key Request extension', field: 'Length', offset: 1 } });
  });

  it('114 MN Public Key: 16-bit Length right after the Type, also above 255', () => {
    expectGolden(mipExtensionCodec, { kind: 'mn-public-key', publicKey: LONG_KEY }, MN_PUBLIC_KEY_LONG);
    expectGolden(mipExtensionCodec, { kind: 'mn-public-key', publicKey: hexToBytes('30 82 01') }, MN_PUBLIC_KEY_SHORT);
  });

  it('115 FA Public Key: SPI then key, Length = 4 + L; refuses Length < 4', () => {
    expectGolden(mipExtensionCodec, { kind: 'fa-public-key', spi: 0x2000, publicKey: hexToBytes('aa bb cc') }, FA_PUBLIC_KEY);
    expect(parseMipExtension(hexToBytes('73 00 03 00 00 20'))).toMatchObject({ ok: false, error: { field: 'Length', offset: 1 } });
  });

  it('116 Registration Key Request: the Diffie-Hellman layout vector of docs/protocol-notes.md §Test vectors (L = 8, Length 24)', () => {
    expectGolden(mipExtensionCodec, DH_REPR, EXTENSION_116);
  });

  it('116 with Length 0 means "any method except Diffie-Hellman"', () => {
    expectGolden(mipExtensionCodec, { kind: 'registration-key-request', diffieHellman: null }, ANY_BUT_DH);
    const d = mipExtensionCodec.dissect(ANY_BUT_DH);
    expect(d.ok && findNode(d.value, 'Values').value).toMatch(/any method except Diffie-Hellman/);
  });

  it('116 refuses a Length that is not a multiple of 3, naming the field', () => {
    expect(parseMipExtension(hexToBytes('74 00 04 01 02 03 04'))).toEqual({
      ok: false,
      error: { layer: 'Registration Key Request extension', field: 'Length', offset: 1, reason: '4 is not a multiple of 3 (p, g and g^x each take L octets: Length = 3L)' },
    });
  });

  it('116 cannot encode values of different lengths (they must be left-padded to L)', () => {
    const bad: MipExtension = { kind: 'registration-key-request', diffieHellman: { prime: hexToBytes('ff c5'), generator: hexToBytes('05'), computedValue: hexToBytes('12 34') } };
    expect(() => emitMipExtension(bad, new Uint8Array(16))).toThrow(EncodeError);
  });

  it('dissects p, g and g^x at their absolute offsets (unaligned after the 16-bit Length)', () => {
    const d = mipExtensionCodec.dissect(EXTENSION_116);
    if (!d.ok) throw new Error(d.error.reason);
    expect(findNode(d.value, 'Length')).toMatchObject({ offset: 1, length: 2, value: expect.stringMatching(/^24 octets \(16-bit Length/) });
    expect(findNode(d.value, 'Prime p')).toMatchObject({ offset: 3, length: 8 });
    expect(findNode(d.value, 'Generator g')).toMatchObject({ offset: 11, length: 8 });
    expect(findNode(d.value, 'Computed value g^x mod p')).toMatchObject({ offset: 19, length: 8 });
    expect(findNode(d.value, 'Wireshark').value).toMatch(/8-bit length/);
  });

  for (const kind of ['fa-key-request', 'mn-public-key', 'fa-public-key', 'registration-key-request'] as const) {
    it(`round-trips any ${kind} extension`, () => {
      checkRoundTrip(mipExtensionCodec, arbExtensionOfKind[kind], undefined, 150);
    });
  }

  it('returns a typed error for every truncation', () => {
    for (const golden of [FA_KEY_REQUEST, MN_PUBLIC_KEY_SHORT, FA_PUBLIC_KEY, EXTENSION_116, ANY_BUT_DH]) checkEveryTruncation(mipExtensionCodec, golden, true);
  });

  it('never throws on mutated bytes', () => {
    checkFuzz(mipExtensionCodec, [FA_KEY_REQUEST, MN_PUBLIC_KEY_SHORT, FA_PUBLIC_KEY, EXTENSION_116, ANY_BUT_DH], 500);
  });
});
