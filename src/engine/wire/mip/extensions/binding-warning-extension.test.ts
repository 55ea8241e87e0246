import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../../test-support/laws';
import { arbExtensionOfKind } from '../test-support/arbitraries';
import { findNode } from '../test-support/tree';
import { mipExtensionCodec, parseMipExtension } from './mip-extension';

// Hand-assembled from Perkins & Johnson §4.2; optim-08 §6: Type 16, Length 6 + 4N,
// Reserved (2), Mobile Node Home Address, Target Node Addresses.
const TWO_TARGETS = hexToBytes('10 0e 00 00 0a 01 00 0a c6 33 64 05 cb 00 71 09');
const NO_TARGET = hexToBytes('10 06 00 00 0a 01 00 0a');

describe('Binding Warning extension, type 16 (optim-08 §6, OC-04)', () => {
  it('encodes Length = 6 + 4N with the home address and every target', () => {
    expectGolden(mipExtensionCodec, { kind: 'binding-warning-extension', reserved: 0, homeAddress: '10.1.0.10', targets: ['198.51.100.5', '203.0.113.9'] }, TWO_TARGETS);
  });

  it('accepts zero targets (Length 6)', () => {
    expectGolden(mipExtensionCodec, { kind: 'binding-warning-extension', reserved: 0, homeAddress: '10.1.0.10', targets: [] }, NO_TARGET);
  });

  it('keeps a non-zero Reserved field so odd input round-trips', () => {
    expectGolden(mipExtensionCodec, { kind: 'binding-warning-extension', reserved: 0xbeef, homeAddress: '10.1.0.10', targets: [] }, hexToBytes('10 06 be ef 0a 01 00 0a'));
  });

  it('refuses a Length that is not 6 + 4N', () => {
    expect(parseMipExtension(hexToBytes('10 07 00 00 0a 01 00 0a 00'))).toMatchObject({ ok: false, error: { layer: 'Binding Warning extension', field: 'Length', offset: 1 } });
    expect(parseMipExtension(hexToBytes('10 04 00 00 0a 01'))).toMatchObject({ ok: false, error: { field: 'Length', reason: expect.stringMatching(/6 \+ 4 × N/) } });
  });

  it('dissects each target at its absolute offset', () => {
    const d = mipExtensionCodec.dissect(TWO_TARGETS);
    if (!d.ok) throw new Error(d.error.reason);
    expect(findNode(d.value, 'Mobile Node Home Address')).toMatchObject({ offset: 4, length: 4, value: '10.1.0.10' });
    expect(findNode(d.value, 'Target Node Address [1]')).toMatchObject({ offset: 12, length: 4, value: '203.0.113.9' });
    expect(findNode(d.value, 'Type').value).toBe('16 (Binding Warning extension)');
  });

  it('round-trips any Binding Warning extension', () => {
    checkRoundTrip(mipExtensionCodec, arbExtensionOfKind['binding-warning-extension'], undefined, 200);
  });

  it('returns a typed error for every truncation', () => {
    checkEveryTruncation(mipExtensionCodec, TWO_TARGETS, true);
  });

  it('never throws on mutated bytes', () => {
    checkFuzz(mipExtensionCodec, [TWO_TARGETS, NO_TARGET], 500);
  });
});
