import { describe, expect, it } from 'vitest';
import { EncodeError } from '../result';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../test-support/laws';
import { dissectMipMessage, emitMipMessage, MIP_UDP_PORT, mipMessageCodec, mipMessageName, mipMessageTypeName, parseMipMessage } from './mip-message';
import { arbMessageOfKind, arbMipMessage } from './test-support/arbitraries';
import { findNode } from './test-support/tree';
import { BA_VECTOR, BR_VECTOR, BU_FROM_NEW_FA, BU_HA_TO_CN, BW_VECTOR, EXTENSION_120, PFAN_EXTENSION, RRP_FIXED, RRQ_RO98 } from './test-support/vectors';
import { concatBytes } from '../bytes';

const VECTORS = { RRQ_RO98, REPLY: concatBytes(RRP_FIXED, EXTENSION_120), BW_VECTOR, BR_VECTOR, BU_HA_TO_CN, BU_FROM_NEW_FA, BA_VECTOR };

describe('any Mobile IP message on UDP port 434', () => {
  it('uses port 434 (RFC 2002 §1.9; D16)', () => {
    expect(MIP_UDP_PORT).toBe(434);
  });

  it('dispatches on octet 0 to the right message', () => {
    const kinds = Object.values(VECTORS).map((v) => {
      const r = parseMipMessage(v);
      return r.ok ? r.value.kind : r.error.reason;
    });
    expect(kinds).toEqual(['registration-request', 'registration-reply', 'binding-warning', 'binding-request', 'binding-update', 'binding-update', 'binding-acknowledge']);
  });

  it('names each type with its spec section', () => {
    expect(mipMessageTypeName(1)).toBe('Registration Request (RFC 2002 §3.3)');
    expect(mipMessageTypeName(3)).toBe('Registration Reply (RFC 2002 §3.4)');
    expect(mipMessageTypeName(16)).toBe('Binding Warning (optim-08 §4.1)');
    expect(mipMessageTypeName(17)).toBe('Binding Request (optim-08 §4.2)');
    expect(mipMessageTypeName(18)).toBe('Binding Update (optim-08 §4.3)');
    expect(mipMessageTypeName(19)).toBe('Binding Acknowledge (optim-08 §4.4)');
    expect(mipMessageTypeName(2)).toBe('unknown(2)');
    const bu = parseMipMessage(BU_HA_TO_CN);
    expect(bu.ok && mipMessageName(bu.value)).toBe('Binding Update (optim-08 §4.3)');
  });

  it('decodes an unknown type with its raw bytes and round-trips it unchanged', () => {
    expectGolden(mipMessageCodec, { kind: 'unknown', type: 20, body: hexToBytes('01 02 03') }, hexToBytes('14 01 02 03'));
    expectGolden(mipMessageCodec, { kind: 'unknown', type: 2, body: new Uint8Array(0) }, hexToBytes('02'));
    const d = dissectMipMessage(hexToBytes('14 01 02 03'));
    expect(d.ok && d.value.warning).toMatch(/not implemented/);
    expect(d.ok && findNode(d.value, 'Data')).toMatchObject({ offset: 1, length: 3 });
  });

  it('refuses an empty payload and will not write an "unknown" message with a known type', () => {
    expect(parseMipMessage(new Uint8Array(0))).toEqual({ ok: false, error: { layer: 'Mobile IP message', field: 'Type', offset: 0, reason: 'needs 1 octet, only 0 remain' } });
    expect(() => emitMipMessage({ kind: 'unknown', type: 18, body: new Uint8Array(11) }, new Uint8Array(12))).toThrow(EncodeError);
  });

  it('passes the end of the UDP payload down: extensions run to it', () => {
    const payload = concatBytes(RRQ_RO98, PFAN_EXTENSION);
    const buf = concatBytes(new Uint8Array(8), payload, hexToBytes('ff ff')); // e.g. behind a UDP header, with trailing junk
    const r = parseMipMessage(buf, 8, 8 + payload.length);
    expect(r.ok && r.value.kind === 'registration-request' && r.value.extensions.map((e) => e.kind)).toEqual(['mobile-home-auth', 'previous-fa-notification']);
  });

  it('dissects with the chosen profile', () => {
    const ro98 = dissectMipMessage(RRQ_RO98, 0, RRQ_RO98.length, 'ro98');
    const rfc3344 = dissectMipMessage(RRQ_RO98, 0, RRQ_RO98.length, 'rfc3344');
    expect(ro98.ok && findNode(ro98.value, 'Covered bytes').length).toBe(26);
    expect(rfc3344.ok && findNode(rfc3344.value, 'Covered bytes').length).toBe(30);
    for (const v of Object.values(VECTORS)) expect(dissectMipMessage(v).ok).toBe(true);
  });

  for (const kind of Object.keys(arbMessageOfKind) as (keyof typeof arbMessageOfKind)[]) {
    it(`round-trips any ${kind} message through the union codec`, () => {
      checkRoundTrip(mipMessageCodec, arbMessageOfKind[kind], undefined, 150);
    });
  }

  it('every truncation of every vector is a typed error or the shorter message it is', () => {
    for (const v of Object.values(VECTORS)) checkEveryTruncation(mipMessageCodec, v);
    checkEveryTruncation(mipMessageCodec, concatBytes(RRQ_RO98, PFAN_EXTENSION));
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(mipMessageCodec, [...Object.values(VECTORS), concatBytes(RRQ_RO98, PFAN_EXTENSION)], 3000);
  });

  it('round-trips a random mix of messages', () => {
    checkRoundTrip(mipMessageCodec, arbMipMessage, undefined, 300);
  });
});
