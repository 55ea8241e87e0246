import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../test-support/laws';
import { bindingWarning, bindingWarningCodec, dissectBindingWarning, parseBindingWarning } from './binding-warning';
import { arbBindingWarning } from './test-support/arbitraries';
import { findNode } from './test-support/tree';
import { BW_VECTOR } from './test-support/vectors';

// Hand-assembled from Perkins & Johnson §3.1; optim-08 §4.1.
const NO_TARGET = hexToBytes('10 00 00 00 0a 01 00 0a');
const THREE_TARGETS = hexToBytes('10 00 00 00 0a 01 00 0a c6 33 64 05 cb 00 71 09 c0 a8 03 01');

describe('Binding Warning (optim-08 §4.1; Perkins & Johnson §3.1)', () => {
  it('encodes and decodes the vector of docs/protocol-notes.md §Test vectors (one target: also the -05..-07 format)', () => {
    expectGolden(bindingWarningCodec, bindingWarning({ homeAddress: '10.1.0.10', targets: ['198.51.100.5'] }), BW_VECTOR);
  });

  it('takes N = (length − 8) / 4 from the payload length: 0 and 3 targets (OC-03)', () => {
    expectGolden(bindingWarningCodec, bindingWarning({ homeAddress: '10.1.0.10', targets: [] }), NO_TARGET);
    expectGolden(bindingWarningCodec, bindingWarning({ homeAddress: '10.1.0.10', targets: ['198.51.100.5', '203.0.113.9', '192.168.3.1'] }), THREE_TARGETS);
  });

  it('keeps the 24-bit Reserved field', () => {
    expectGolden(bindingWarningCodec, bindingWarning({ reserved: 0x010203, homeAddress: '10.1.0.10', targets: [] }), hexToBytes('10 01 02 03 0a 01 00 0a'));
  });

  it('refuses a length that is not 8 + 4N, pointing at the partial address', () => {
    expect(parseBindingWarning(BW_VECTOR, 0, 10)).toEqual({
      ok: false,
      error: { layer: 'Binding Warning', field: 'Target Node Address', offset: 8, reason: '2 octets after the Home Address are not a whole number of 4-octet addresses (N = (length − 8) / 4)' },
    });
    expect(parseBindingWarning(THREE_TARGETS, 0, 19)).toMatchObject({ ok: false, error: { offset: 16 } });
    expect(parseBindingWarning(NO_TARGET, 0, 7)).toMatchObject({ ok: false, error: { field: 'fixed part' } });
  });

  it('dissects the targets and says that Wireshark does not know type 16 as a Binding Warning (D15)', () => {
    const d = dissectBindingWarning(THREE_TARGETS);
    if (!d.ok) throw new Error(d.error.reason);
    expect(d.value).toMatchObject({ name: 'Mobile IP Binding Warning', offset: 0, length: 20 });
    expect(findNode(d.value, 'Mobile Node Home Address')).toMatchObject({ offset: 4, value: '10.1.0.10' });
    expect(findNode(d.value, 'Target Node Addresses')).toMatchObject({ offset: 8, length: 12, value: '3 (N = (length − 8) / 4)' });
    expect(findNode(d.value, 'Target Node Address [2]')).toMatchObject({ offset: 16, value: '192.168.3.1' });
    expect(findNode(d.value, 'Wireshark').value).toMatch(/Handoff Request/);
    const none = dissectBindingWarning(NO_TARGET);
    expect(none.ok && findNode(none.value, 'Target Node Addresses').value).toMatch(/receiver itself/);
  });

  it('round-trips any Binding Warning', () => {
    checkRoundTrip(bindingWarningCodec, arbBindingWarning, undefined, 300);
  });

  it('every truncation is a typed error or, at an address boundary, the shorter Warning', () => {
    checkEveryTruncation(bindingWarningCodec, THREE_TARGETS);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(bindingWarningCodec, [BW_VECTOR, THREE_TARGETS], 1000);
  });
});
