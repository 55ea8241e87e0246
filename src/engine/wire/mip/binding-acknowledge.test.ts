import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../test-support/laws';
import { bindingAckAccepted, bindingAckStatusName, bindingAcknowledge, bindingAcknowledgeCodec, dissectBindingAcknowledge, parseBindingAcknowledge } from './binding-acknowledge';
import { arbBindingAcknowledge } from './test-support/arbitraries';
import { findNode } from './test-support/tree';
import { BA_VECTOR } from './test-support/vectors';
import { concatBytes } from '../bytes';

// Hand-assembled from route-optimization.md §7: Status 131, Identification 0 (the BU had none, OC-06).
const REJECTED = hexToBytes('13 00 00 83 0a 01 00 0a 00 00 00 00 00 00 00 00');

describe('Binding Acknowledge (optim-08 §4.4; route-optimization.md §7)', () => {
  it('encodes and decodes the vector of route-optimization.md §23 (Status 0)', () => {
    expectGolden(bindingAcknowledgeCodec, bindingAcknowledge({ status: 0, homeAddress: '10.1.0.10', identification: { high: 2, low: 1 } }), BA_VECTOR);
  });

  it('puts the Status in octet 3 after a 2-octet Reserved field (D1)', () => {
    expectGolden(bindingAcknowledgeCodec, bindingAcknowledge({ status: 131, homeAddress: '10.1.0.10', identification: { high: 0, low: 0 } }), REJECTED);
    expectGolden(bindingAcknowledgeCodec, bindingAcknowledge({ reserved: 0x8000, status: 0, homeAddress: '10.1.0.10', identification: { high: 2, low: 1 } }),
      hexToBytes('13 80 00 00 0a 01 00 0a 00 00 00 02 00 00 00 01'));
  });

  it('names every Status of the table; other values are unknown and reject (OC-05)', () => {
    const table: [number, string][] = [[0, 'accepted'], [128, 'reason unspecified'], [129, 'administratively prohibited'], [130, 'insufficient resources'],
      [131, 'sending node failed authentication'], [133, 'identification mismatch'], [134, 'poorly formed Binding Update']];
    for (const [status, name] of table) expect(bindingAckStatusName(status)).toBe(name);
    expect(bindingAckStatusName(132)).toBe('unknown(132): rejected, treated as reason unspecified');
    expect(bindingAckAccepted(0)).toBe(true);
    expect(bindingAckAccepted(5)).toBe(false);
    const odd = BA_VECTOR.slice(); odd[3] = 5;
    expect(parseBindingAcknowledge(odd)).toMatchObject({ ok: true, value: { status: 5 } });
  });

  it('refuses a short fixed part and a wrong Type', () => {
    expect(parseBindingAcknowledge(BA_VECTOR, 0, 15)).toMatchObject({ ok: false, error: { layer: 'Binding Acknowledge', field: 'fixed part', offset: 0 } });
    expect(parseBindingAcknowledge(concatBytes(hexToBytes('11'), BA_VECTOR.slice(1)))).toMatchObject({ ok: false, error: { field: 'Type' } });
  });

  it('dissects Status with its name and notes a zero Identification (OC-06)', () => {
    const d = dissectBindingAcknowledge(REJECTED);
    if (!d.ok) throw new Error(d.error.reason);
    expect(findNode(d.value, 'Status')).toMatchObject({ offset: 3, length: 1, value: '131 (sending node failed authentication)' });
    expect(findNode(d.value, 'Identification').value).toMatch(/OC-06/);
    expect(findNode(d.value, 'Wireshark').value).toMatch(/Regional Registration Reply/);
  });

  it('round-trips any Binding Acknowledge', () => {
    checkRoundTrip(bindingAcknowledgeCodec, arbBindingAcknowledge, undefined, 300);
  });

  it('every truncation is a typed error', () => {
    checkEveryTruncation(bindingAcknowledgeCodec, BA_VECTOR, true);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(bindingAcknowledgeCodec, [BA_VECTOR, REJECTED], 1000);
  });
});
