import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../../test-support/laws';
import { arbExtensionOfKind } from '../test-support/arbitraries';
import { findNode } from '../test-support/tree';
import { PFAN_EXTENSION } from '../test-support/vectors';
import { mipExtensionCodec, parseMipExtension, type MipExtension } from './mip-extension';

const PFAN_REPR: MipExtension = {
  kind: 'previous-fa-notification',
  cacheLifetime: 20,
  previousForeignAgent: '192.168.2.1',
  newCareOfAddress: '192.168.3.1',
  spi: 0x1000,
  authenticator: hexToBytes('05 4a 45 df 72 f2 c4 0b c6 73 8e 22 eb 4e bb 57'),
};

describe('Previous Foreign Agent Notification extension, type 96 (optim-08 §5.1)', () => {
  it('encodes and decodes the smooth-handoff vector of docs/protocol-notes.md §Test vectors (Length 30 = 14 + 16)', () => {
    expectGolden(mipExtensionCodec, PFAN_REPR, PFAN_EXTENSION);
  });

  it('carries an empty authenticator (Length 14, hand-assembled)', () => {
    expectGolden(mipExtensionCodec, { ...PFAN_REPR, cacheLifetime: 0, authenticator: new Uint8Array(0) },
      hexToBytes('60 0e 00 00 c0 a8 02 01 c0 a8 03 01 00 00 10 00'));
  });

  it('refuses a Length shorter than the 14 fixed octets (D5: the -05 layout without SPI is not accepted)', () => {
    // optim-05 layout: Length 10 + n with no SPI
    const old = hexToBytes('60 0a 00 14 c0 a8 02 01 c0 a8 03 01');
    expect(parseMipExtension(old)).toMatchObject({ ok: false, error: { layer: 'Previous Foreign Agent Notification extension', field: 'Length', offset: 1 } });
  });

  it('dissects every field at its absolute offset', () => {
    const d = mipExtensionCodec.dissect(PFAN_EXTENSION);
    if (!d.ok) throw new Error(d.error.reason);
    expect(findNode(d.value, 'Cache Lifetime')).toMatchObject({ offset: 2, length: 2, value: '20 s' });
    expect(findNode(d.value, 'Previous Foreign Agent Address')).toMatchObject({ offset: 4, value: '192.168.2.1' });
    expect(findNode(d.value, 'New Care-of Address')).toMatchObject({ offset: 8, value: '192.168.3.1' });
    expect(findNode(d.value, 'SPI')).toMatchObject({ offset: 12, value: '4096 (0x00001000)' });
    expect(findNode(d.value, 'Authenticator')).toMatchObject({ offset: 16, length: 16, ref: expect.stringMatching(/^lab choice: .*optim-08 §5\.1/) });
  });

  it('round-trips any PFAN extension', () => {
    checkRoundTrip(mipExtensionCodec, arbExtensionOfKind['previous-fa-notification'], undefined, 200);
  });

  it('returns a typed error for every truncation', () => {
    checkEveryTruncation(mipExtensionCodec, PFAN_EXTENSION, true);
  });

  it('never throws on mutated bytes', () => {
    checkFuzz(mipExtensionCodec, [PFAN_EXTENSION], 500);
  });
});
