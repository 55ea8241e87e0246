import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EncodeError } from '../../result';
import { checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../../test-support/laws';
import { arbExtension, arbExtensionOfKind } from '../test-support/arbitraries';
import { findNode } from '../test-support/tree';
import { lengthFieldSize } from './extension-types';
import { emitMipExtension, extensionTypeOf, mipExtensionCodec, mipExtensionLength, parseMipExtension, type MipExtension } from './mip-extension';

describe('one Mobile IP extension of any type', () => {
  it('decodes an unknown type as a simple 8-bit TLV and round-trips it unchanged (RFC 2002 §1.9)', () => {
    expectGolden(mipExtensionCodec, { kind: 'unknown', type: 200, data: hexToBytes('01 02 03') }, hexToBytes('c8 03 01 02 03'));
    expectGolden(mipExtensionCodec, { kind: 'unknown', type: 77, data: new Uint8Array(0) }, hexToBytes('4d 00'));
  });

  it('decides the header shape from the Type: 16-bit Length only for 114–116 and 120–124 (regkey-00 §4, §5)', () => {
    const sixteen = [114, 115, 116, 120, 121, 122, 123, 124];
    for (let t = 0; t < 256; t++) expect(lengthFieldSize(t), `type ${t}`).toBe(sixteen.includes(t) ? 2 : 1);
    // Type 117 (between the two ranges) is unknown and 8-bit: "00" is its Length, not half of one.
    expect(parseMipExtension(hexToBytes('75 00 02 aa'))).toEqual({ ok: true, value: { kind: 'unknown', type: 117, data: new Uint8Array(0) } });
    // Type 114: the same two octets are one 16-bit Length of 2.
    expect(parseMipExtension(hexToBytes('72 00 02 aa bb'))).toEqual({ ok: true, value: { kind: 'mn-public-key', publicKey: hexToBytes('aa bb') } });
  });

  it('explains in the dissection what a receiver does with an unknown type (RFC 2002 §1.9)', () => {
    const low = mipExtensionCodec.dissect(hexToBytes('4d 00'));
    const high = mipExtensionCodec.dissect(hexToBytes('c8 01 ff'));
    expect(low.ok && findNode(low.value, 'Type').value).toMatch(/discards the whole message/);
    expect(high.ok && findNode(high.value, 'Type').value).toMatch(/skips it/);
    expect(high.ok && high.value.name).toBe('Unknown extension (type 200)');
  });

  it('reports a missing Type or Length octet with the field and offset', () => {
    expect(parseMipExtension(new Uint8Array(0))).toMatchObject({ ok: false, error: { field: 'Type', offset: 0 } });
    expect(parseMipExtension(hexToBytes('20'))).toMatchObject({ ok: false, error: { layer: 'Mobile-Home Authentication extension', field: 'Length', offset: 1 } });
    expect(parseMipExtension(hexToBytes('78 00'))).toMatchObject({ ok: false, error: { field: 'Length', offset: 1, reason: 'needs 2 octets, only 1 remain' } });
  });

  it('refuses to encode what could not be decoded back', () => {
    const buf = new Uint8Array(70000);
    expect(() => emitMipExtension({ kind: 'unknown', type: 32, data: new Uint8Array(20) }, buf)).toThrow(EncodeError);
    expect(() => emitMipExtension({ kind: 'unknown', type: 114, data: new Uint8Array(2) }, buf)).toThrow(EncodeError);
    expect(() => emitMipExtension({ kind: 'ro-auth', spi: 256, authenticator: new Uint8Array(252) }, buf)).toThrow(/8-bit Length/);
    expect(() => emitMipExtension({ kind: 'mn-public-key', publicKey: new Uint8Array(65536) }, buf)).toThrow(/16-bit Length/);
    expect(() => emitMipExtension({ kind: 'spi', spi: 1 }, new Uint8Array(5))).toThrow(/buffer too small/);
  });

  it('knows the Type of every kind', () => {
    const types = Object.keys(arbExtensionOfKind).filter((k) => k !== 'unknown').map((kind) => {
      const sample = fc.sample(arbExtensionOfKind[kind as MipExtension['kind']], 1)[0]!;
      return extensionTypeOf(sample);
    });
    expect(types.sort((a, b) => a - b)).toEqual([16, 32, 33, 34, 35, 96, 113, 114, 115, 116, 120, 121, 122, 123, 124, 125]);
  });

  it('length agrees with the header shape and the data', () => {
    expect(mipExtensionLength({ kind: 'spi', spi: 1 })).toBe(6);
    expect(mipExtensionLength({ kind: 'home-mobile-key-reply', spi: 1, encryptedKey: new Uint8Array(16) })).toBe(23);
    expect(mipExtensionLength({ kind: 'registration-key-request', diffieHellman: null })).toBe(3);
  });

  it('round-trips any extension of any kind, including unknown ones', () => {
    checkRoundTrip(mipExtensionCodec, arbExtension, undefined, 400);
  });

  it('never throws on random bytes', () => {
    checkFuzz(mipExtensionCodec, [hexToBytes('c8 03 01 02 03'), hexToBytes('72 00 02 aa bb')], 1000);
  });
});
