import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../test-support/laws';
import { bindingAckAccepted, bindingAckStatusName, bindingAcknowledge, bindingAcknowledgeCodec, dissectBindingAcknowledge, parseBindingAcknowledge } from './binding-acknowledge';
import { arbBindingAcknowledge } from './test-support/arbitraries';
import { findNode } from './test-support/tree';
import { BA_VECTOR } from './test-support/vectors';
import { concatBytes } from '../bytes';
import { keyedMd5 } from '../../crypto/keyed-md5';

// Hand-assembled from Perkins & Johnson §3.4; optim-08 §4.4: Status 131, Identification 0 (the BU had none, OC-06).
const REJECTED = hexToBytes('13 00 00 83 0a 01 00 0a 00 00 00 00 00 00 00 00');

describe('Binding Acknowledge (optim-08 §4.4; Perkins & Johnson §3.4)', () => {
  it('encodes and decodes the vector of docs/protocol-notes.md §Test vectors (Status 0)', () => {
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
    expect(findNode(d.value, 'Identification').value).toMatch(/lab choice, Perkins & Johnson §3.3/);
    expect(findNode(d.value, 'Wireshark').value).toMatch(/Regional Registration Reply/);
  });

  it('carries a Route Optimization Authentication extension after its 16-octet fixed part (Perkins & Johnson §3.5; OC-36)', () => {
    // Assembled by hand: the §23 BA, then type 35, Length 20, SPI 0x101 and keyed-MD5(K ‖ octets 0–17 ‖ K) (RFC 2002 §3.5.1).
    const key = hexToBytes('0f 0e 0d 0c 0b 0a 09 08 07 06 05 04 03 02 01 00');
    const head = concatBytes(BA_VECTOR, hexToBytes('23 14 00 00 01 01'));
    const authenticator = keyedMd5(key, head.subarray(0, 18));
    const golden = concatBytes(head, authenticator);
    expect(golden.length).toBe(38);
    expectGolden(bindingAcknowledgeCodec, bindingAcknowledge({ status: 0, homeAddress: '10.1.0.10', identification: { high: 2, low: 1 }, extensions: [{ kind: 'ro-auth', spi: 0x101, authenticator }] }), golden);
    const d = dissectBindingAcknowledge(golden);
    if (!d.ok) throw new Error(d.error.reason);
    expect(findNode(d.value, 'SPI')).toMatchObject({ offset: 18, length: 4 });
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
