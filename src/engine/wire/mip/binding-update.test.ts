import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../test-support/laws';
import { bindingUpdate, bindingUpdateCodec, dissectBindingUpdate, NO_BINDING_UPDATE_FLAGS, parseBindingUpdate, type BindingUpdate } from './binding-update';
import { arbBindingUpdate } from './test-support/arbitraries';
import { findNode } from './test-support/tree';
import { BU_FROM_NEW_FA, BU_HA_TO_CN } from './test-support/vectors';

const HA_TO_CN: BindingUpdate = bindingUpdate({
  lifetime: 300,
  homeAddress: '10.1.0.10',
  careOfAddress: '192.168.2.1',
  identification: { high: 2, low: 1 }, // nonces: next = 2, current = 1
  extensions: [{ kind: 'ro-auth', spi: 0x101, authenticator: BU_HA_TO_CN.slice(26) }],
});

const FROM_NEW_FA: BindingUpdate = bindingUpdate({
  flags: { ...NO_BINDING_UPDATE_FLAGS, acknowledge: true }, // OC-09: A = 1, I = 1, M = G = 0
  lifetime: 20,
  homeAddress: '10.1.0.10',
  careOfAddress: '192.168.3.1',
  identification: { high: 0xd5c1e2a0, low: 0x12345678 },
  extensions: [{ kind: 'ro-auth', spi: 0x1000, authenticator: BU_FROM_NEW_FA.slice(26) }],
});

// Hand-assembled from Perkins & Johnson §3.3; optim-08 §4.3 with OC-06: flags A + M (0xa0), I = 0,
// so the type-35 extension (SPI 0x1000, 4-octet authenticator) starts at octet 12.
const WITHOUT_IDENTIFICATION = hexToBytes('12 a0 00 0a 0a 01 00 0a c0 a8 03 01 23 08 00 00 10 00 de ad be ef');
// Reserved nibble all ones, I = 1, Lifetime 0, CoA = home address (a delete), Identification 0.
const ODD_DELETE = hexToBytes('12 4f 00 00 0a 01 00 0a 0a 01 00 0a 00 00 00 00 00 00 00 00');

describe('Binding Update (optim-08 §4.3; Perkins & Johnson §3.3)', () => {
  it('encodes and decodes the HA → CN vector of docs/protocol-notes.md §Test vectors (A = 0, I = 1, nonces)', () => {
    expectGolden(bindingUpdateCodec, HA_TO_CN, BU_HA_TO_CN);
  });

  it('encodes and decodes the Binding Update the new FA builds from a PFAN extension (flags 0xC0, OC-09)', () => {
    expectGolden(bindingUpdateCodec, FROM_NEW_FA, BU_FROM_NEW_FA);
  });

  it('OC-06: I = 0 means no Identification field, extensions start at octet 12', () => {
    expectGolden(bindingUpdateCodec, bindingUpdate({
      flags: { acknowledge: true, minimalEncapsulation: true, greEncapsulation: false, reserved: 0 },
      lifetime: 10,
      homeAddress: '10.1.0.10',
      careOfAddress: '192.168.3.1',
      identification: null,
      extensions: [{ kind: 'ro-auth', spi: 0x1000, authenticator: hexToBytes('de ad be ef') }],
    }), WITHOUT_IDENTIFICATION);
  });

  it('keeps the reserved low nibble so odd input round-trips', () => {
    expectGolden(bindingUpdateCodec, bindingUpdate({
      flags: { ...NO_BINDING_UPDATE_FLAGS, reserved: 0x0f },
      lifetime: 0,
      homeAddress: '10.1.0.10',
      careOfAddress: '10.1.0.10',
      identification: { high: 0, low: 0 },
    }), ODD_DELETE);
  });

  it('refuses an I = 1 message cut inside the Identification, naming that field', () => {
    expect(parseBindingUpdate(BU_HA_TO_CN, 0, 16)).toEqual({
      ok: false,
      error: { layer: 'Binding Update', field: 'Identification', offset: 12, reason: 'I = 1 announces 8 octets, only 4 remain' },
    });
    expect(parseBindingUpdate(BU_HA_TO_CN, 0, 11)).toMatchObject({ ok: false, error: { field: 'fixed part' } });
  });

  it('dissects the flags with their masks and the extension at its absolute offset', () => {
    const d = dissectBindingUpdate(BU_FROM_NEW_FA);
    if (!d.ok) throw new Error(d.error.reason);
    expect(findNode(d.value, 'Flags')).toMatchObject({ offset: 1, value: '0xc0 (A I)' });
    expect(findNode(d.value, 'A: acknowledge requested')).toMatchObject({ mask: 0x80, value: 'set' });
    expect(findNode(d.value, 'I: Identification present')).toMatchObject({ mask: 0x40, value: 'set' });
    expect(findNode(d.value, 'G: GRE encapsulation allowed')).toMatchObject({ mask: 0x10, value: 'not set' });
    expect(findNode(d.value, 'Reserved')).toMatchObject({ mask: 0x0f, value: '0' });
    expect(findNode(d.value, 'Lifetime').value).toBe('20 s');
    expect(findNode(d.value, 'Care-of Address')).toMatchObject({ offset: 8, value: '192.168.3.1' });
    expect(findNode(d.value, 'Identification')).toMatchObject({ offset: 12, length: 8 });
    expect(findNode(d.value, 'Route Optimization Authentication extension')).toMatchObject({ offset: 20, length: 22 });
    expect(findNode(d.value, 'Covered bytes')).toMatchObject({ offset: 0, length: 22 });
    expect(findNode(findNode(d.value, 'Type'), 'Wireshark').value).toMatch(/Regional Registration Request/);
  });

  it('dissects I = 0 and a delete the way a learner reads them', () => {
    const noId = dissectBindingUpdate(WITHOUT_IDENTIFICATION);
    if (!noId.ok) throw new Error(noId.error.reason);
    expect(findNode(noId.value, 'I: Identification present').value).toMatch(/extensions start at octet 12 \(lab choice, Perkins & Johnson §3.3\)/);
    expect(() => findNode(noId.value, 'Identification')).toThrow();
    expect(findNode(noId.value, 'Extensions').offset).toBe(12);
    const del = dissectBindingUpdate(ODD_DELETE);
    if (!del.ok) throw new Error(del.error.reason);
    expect(del.value.value).toBe('delete the binding of 10.1.0.10');
    expect(findNode(del.value, 'Lifetime').value).toMatch(/^0 s \(delete/);
    expect(findNode(del.value, 'Reserved').value).toMatch(/should be 0/);
  });

  it('round-trips any Binding Update, with or without Identification', () => {
    checkRoundTrip(bindingUpdateCodec, arbBindingUpdate, undefined, 300);
  });

  it('every truncation is a typed error or, at an extension boundary, the shorter Update', () => {
    checkEveryTruncation(bindingUpdateCodec, BU_HA_TO_CN);
    checkEveryTruncation(bindingUpdateCodec, WITHOUT_IDENTIFICATION);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(bindingUpdateCodec, [BU_HA_TO_CN, BU_FROM_NEW_FA, WITHOUT_IDENTIFICATION], 1000);
  });
});
