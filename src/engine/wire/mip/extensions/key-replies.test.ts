import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../../test-support/laws';
import { arbExtensionOfKind } from '../test-support/arbitraries';
import { findNode } from '../test-support/tree';
import { EXTENSION_120, EXTENSION_124 } from '../test-support/vectors';
import { mipExtensionCodec, parseMipExtension } from './mip-extension';

const ENCRYPTED_120 = hexToBytes('ec a7 e8 55 87 31 25 65 12 c4 e9 0a 9d 46 56 8e');
// Hand-assembled from regkey-00 §5.
const FA_KEY_REPLY = hexToBytes('79 00 14 00 00 02 00 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f'); // 121, Length 20 (OC-14), SPI 512
const MN_PUBLIC_KEY_REPLY = hexToBytes('7a 00 07 00 00 10 02 de ad 01'); // 122, Length 4 + 3 (OC-15), SPI 0x1002
const FA_PUBLIC_KEY_REPLY = hexToBytes('7b 00 05 00 00 20 00 99'); // 123, Length 4 + 1, SPI 0x2000
const SPI_EXTENSION = hexToBytes('7d 04 00 00 10 01'); // 125, 8-bit Length 4 (OC-16), SPI 0x1001

describe('key reply extensions 120–125 (regkey-00 §5)', () => {
  it('120 Home-Mobile Key Reply: the MD5 key-encoding vector of docs/protocol-notes.md §Test vectors', () => {
    expectGolden(mipExtensionCodec, { kind: 'home-mobile-key-reply', spi: 256, encryptedKey: ENCRYPTED_120 }, EXTENSION_120);
  });

  it('121 FA Key Reply: no authenticator, Length 4 + 16 (OC-14)', () => {
    expectGolden(mipExtensionCodec, { kind: 'fa-key-reply', spi: 512, encryptedKey: Uint8Array.from({ length: 16 }, (_, i) => i) }, FA_KEY_REPLY);
  });

  it('122 and 123: SPI then the encrypted key, Length = 4 + C (OC-15)', () => {
    expectGolden(mipExtensionCodec, { kind: 'mn-public-key-reply', spi: 0x1002, encryptedKey: hexToBytes('de ad 01') }, MN_PUBLIC_KEY_REPLY);
    expectGolden(mipExtensionCodec, { kind: 'fa-public-key-reply', spi: 0x2000, encryptedKey: hexToBytes('99') }, FA_PUBLIC_KEY_REPLY);
  });

  it('124 Diffie-Hellman Key Reply: the layout vector of docs/protocol-notes.md §Test vectors (SPI 0x1001, g^y mod p)', () => {
    expectGolden(mipExtensionCodec, { kind: 'dh-key-reply', spi: 0x1001, computedValue: hexToBytes('0a ed 93 79 2d cb 66 e9') }, EXTENSION_124);
  });

  it('125 SPI extension: 8-bit Length 4 (OC-16); any other Length is refused', () => {
    expectGolden(mipExtensionCodec, { kind: 'spi', spi: 0x1001 }, SPI_EXTENSION);
    expect(parseMipExtension(hexToBytes('7d 08 00 00 10 01 00 00 00 00'))).toMatchObject({ ok: false, error: { layer: 'SPI extension', field: 'Length', offset: 1 } });
  });

  it('refuses 120–124 whose Length cannot hold the SPI', () => {
    for (const type of [0x78, 0x79, 0x7a, 0x7b, 0x7c]) {
      expect(parseMipExtension(Uint8Array.of(type, 0x00, 0x02, 0x00, 0x01))).toMatchObject({ ok: false, error: { field: 'Length', offset: 1 } });
    }
  });

  it('dissects 120 with the 16-bit Length and warns when a registration key is not 16 octets (OC-12)', () => {
    const d = mipExtensionCodec.dissect(EXTENSION_120);
    if (!d.ok) throw new Error(d.error.reason);
    expect(findNode(d.value, 'Length')).toMatchObject({ offset: 1, length: 2, value: expect.stringMatching(/^20 octets/) });
    expect(findNode(d.value, 'SPI')).toMatchObject({ offset: 3, length: 4, value: '256 (0x00000100)' });
    expect(findNode(d.value, 'Encrypted Key')).toMatchObject({ offset: 7, length: 16 });
    expect(findNode(d.value, 'Encrypted Key').warning).toBeUndefined();
    const short = mipExtensionCodec.dissect(hexToBytes('78 00 06 00 00 01 00 aa bb'));
    expect(short.ok && findNode(short.value, 'Encrypted Key').warning).toMatch(/16 octets \(lab choice, regkey-00 §3\)/);
  });

  for (const kind of ['home-mobile-key-reply', 'fa-key-reply', 'mn-public-key-reply', 'fa-public-key-reply', 'dh-key-reply', 'spi'] as const) {
    it(`round-trips any ${kind} extension`, () => {
      checkRoundTrip(mipExtensionCodec, arbExtensionOfKind[kind], undefined, 150);
    });
  }

  it('returns a typed error for every truncation', () => {
    for (const golden of [EXTENSION_120, FA_KEY_REPLY, MN_PUBLIC_KEY_REPLY, FA_PUBLIC_KEY_REPLY, EXTENSION_124, SPI_EXTENSION]) checkEveryTruncation(mipExtensionCodec, golden, true);
  });

  it('never throws on mutated bytes', () => {
    checkFuzz(mipExtensionCodec, [EXTENSION_120, FA_KEY_REPLY, MN_PUBLIC_KEY_REPLY, EXTENSION_124, SPI_EXTENSION], 500);
  });
});
