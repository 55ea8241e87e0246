import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, checkEveryTruncation, checkFuzz, checkRoundTrip, hexToBytes } from '../../test-support/laws';
import { emitMipMessage, mipMessageLength, parseMipMessage, type MipMessage } from '../mip-message';
import { arbExtension, arbMipMessage } from '../test-support/arbitraries';
import { findAll } from '../test-support/tree';
import {
  BASE_KEY, BU_FROM_NEW_FA, BU_HA_TO_CN, BW_VECTOR, EXTENSION_120, PFAN_EXTENSION, REGISTRATION_KEY, RFC3344_MH_AUTHENTICATOR,
  RO98_MH_AUTHENTICATOR, RO_KEY, RRP_FIXED, RRQ_RO98,
} from '../test-support/vectors';
import { authCoverage, dissectExtensions, emitExtensions, extensionListCodec, extensionOffsets, extensionsLength, parseExtensions } from './extensions';
import { MAX_EXTENSIONS } from './extension-types';
import { concatBytes } from '../../bytes';

function parsed(bytes: Uint8Array): MipMessage {
  const r = parseMipMessage(bytes);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** Keyed-MD5 prefix+suffix (RFC 2002 §3.5.1), independently of src/engine/crypto. */
const keyedMd5 = (key: Uint8Array, data: Uint8Array) => new Uint8Array(createHash('md5').update(key).update(data).update(key).digest());
const hmacMd5 = (key: Uint8Array, data: Uint8Array) => new Uint8Array(createHmac('md5', key).update(data).digest());

// A Reply in the OC-17 order, hand-assembled: fixed part ‖ 120 ‖ 125 (SPI 0x1001) ‖ 32 (SPI 256, 16-octet authenticator of 0x11).
const SPI_125 = hexToBytes('7d 04 00 00 10 01');
const MH_32 = concatBytes(hexToBytes('20 14 00 00 01 00'), new Uint8Array(16).fill(0x11));
const REPLY_WITH_KEYS = concatBytes(RRP_FIXED, EXTENSION_120, SPI_125, MH_32);

describe('the extension list of a message', () => {
  it('parses the extensions of the docs/protocol-notes.md §Test vectors Request, which run to the end of the payload', () => {
    const r = parseExtensions(RRQ_RO98, 24, RRQ_RO98.length);
    expect(r).toEqual({ ok: true, value: [{ kind: 'mobile-home-auth', spi: 256, authenticator: RO98_MH_AUTHENTICATOR }] });
  });

  it('parses mixed 16-bit and 8-bit headers back to back (Reply in the OC-17 order)', () => {
    const r = parseExtensions(REPLY_WITH_KEYS, 20);
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value.map((e) => e.kind)).toEqual(['home-mobile-key-reply', 'spi', 'mobile-home-auth']);
    expect(extensionsLength(r.value)).toBe(REPLY_WITH_KEYS.length - 20);
  });

  it('an empty region is an empty list', () => {
    expect(parseExtensions(RRQ_RO98, 46, 46)).toEqual({ ok: true, value: [] });
  });

  it('reports a bad extension at its absolute offset', () => {
    const bad = concatBytes(RRQ_RO98.slice(0, 24), hexToBytes('74 00 04 01 02 03 04'));
    expect(parseExtensions(bad, 24)).toMatchObject({ ok: false, error: { layer: 'Registration Key Request extension', field: 'Length', offset: 25 } });
  });

  it(`stops at ${MAX_EXTENSIONS} extensions (hard limit against hostile input)`, () => {
    const many = (n: number) => concatBytes(...Array.from({ length: n }, () => hexToBytes('c8 00')));
    expect(parseExtensions(many(MAX_EXTENSIONS)).ok).toBe(true);
    expect(parseExtensions(many(MAX_EXTENSIONS + 1))).toMatchObject({ ok: false, error: { field: 'Extensions', offset: 2 * MAX_EXTENSIONS } });
    expect(() => emitExtensions(Array.from({ length: MAX_EXTENSIONS + 1 }, () => ({ kind: 'spi' as const, spi: 1 })), new Uint8Array(1000))).toThrow(/limit/);
  });

  it('gives each extension offset relative to the message start', () => {
    expect(extensionOffsets(parsed(RRQ_RO98))).toEqual([24]);
    expect(extensionOffsets(parsed(REPLY_WITH_KEYS))).toEqual([20, 43, 49]);
    expect(extensionOffsets(parsed(BU_HA_TO_CN))).toEqual([20]);
    // OC-06: a BU with I = 0 has its extensions at 12 (hand-assembled: flags 0x00, then a type-35 header)
    expect(extensionOffsets(parsed(concatBytes(hexToBytes('12 00 00 0a 0a 01 00 0a c0 a8 02 01'), hexToBytes('23 04 00 00 01 01'))))).toEqual([12]);
    expect(extensionOffsets(parsed(BW_VECTOR))).toEqual([]);
    expect(extensionOffsets(parsed(hexToBytes('07 01 02')))).toEqual([]);
  });

  it('offsets always land on the Type octets the emitter wrote', () => {
    fc.assert(fc.property(arbMipMessage, (m) => {
      const bytes = new Uint8Array(mipMessageLength(m));
      emitMipMessage(m, bytes, 0);
      const offsets = extensionOffsets(m);
      if ('extensions' in m) {
        expect(offsets.length).toBe(m.extensions.length);
        offsets.forEach((o, i) => {
          const r = parseExtensions(bytes, o);
          expect(r.ok && r.value[0]).toEqual(m.extensions[i]);
        });
      } else expect(offsets).toEqual([]);
    }), { numRuns: 200 });
  });

  describe('authCoverage: the bytes an authenticator covers (RFC 2002 §3.5.1, OC-11)', () => {
    it('ro98: MD5(K ‖ [0, E+2) ‖ K) reproduces the Mobile-Home authenticator of docs/protocol-notes.md §Test vectors', () => {
      const m = parsed(RRQ_RO98);
      const range = authCoverage(m, 0, 'ro98');
      expect(range).toEqual({ start: 0, end: 26 });
      expect(bytesToHex(keyedMd5(BASE_KEY, RRQ_RO98.slice(range!.start, range!.end)))).toBe(bytesToHex(RO98_MH_AUTHENTICATOR));
    });

    it('rfc3344: HMAC-MD5(K, [0, E+6)) reproduces the RFC 3344 authenticator of docs/protocol-notes.md §Test vectors (SPI covered)', () => {
      const rfc3344 = concatBytes(RRQ_RO98.slice(0, 30), RFC3344_MH_AUTHENTICATOR);
      const range = authCoverage(parsed(rfc3344), 0, 'rfc3344');
      expect(range).toEqual({ start: 0, end: 30 });
      expect(bytesToHex(hmacMd5(BASE_KEY, rfc3344.slice(range!.start, range!.end)))).toBe(bytesToHex(RFC3344_MH_AUTHENTICATOR));
    });

    it('type 35: reproduces both Binding Update authenticators of docs/protocol-notes.md §Test vectors', () => {
      const range = authCoverage(parsed(BU_HA_TO_CN), 0, 'ro98');
      expect(range).toEqual({ start: 0, end: 22 });
      expect(bytesToHex(keyedMd5(RO_KEY, BU_HA_TO_CN.slice(0, 22)))).toBe(bytesToHex(BU_HA_TO_CN.slice(26)));
      const fromFa = authCoverage(parsed(BU_FROM_NEW_FA), 0, 'ro98');
      expect(bytesToHex(keyedMd5(REGISTRATION_KEY, BU_FROM_NEW_FA.slice(fromFa!.start, fromFa!.end)))).toBe(bytesToHex(BU_FROM_NEW_FA.slice(26)));
      // …which is the authenticator the MN precomputed in its PFAN extension (OC-10)
      expect(bytesToHex(PFAN_EXTENSION.slice(16))).toBe(bytesToHex(BU_FROM_NEW_FA.slice(26)));
    });

    it('covers earlier extensions in full: the Mobile-Home extension after 120 and 125', () => {
      expect(authCoverage(parsed(REPLY_WITH_KEYS), 2, 'ro98')).toEqual({ start: 0, end: 51 });
      expect(authCoverage(parsed(REPLY_WITH_KEYS), 2, 'rfc3344')).toEqual({ start: 0, end: 55 });
    });

    it('is null for non-authentication extensions, out-of-range indexes and messages without extensions', () => {
      expect(authCoverage(parsed(REPLY_WITH_KEYS), 0, 'ro98')).toBeNull();
      expect(authCoverage(parsed(REPLY_WITH_KEYS), 3, 'ro98')).toBeNull();
      expect(authCoverage(parsed(concatBytes(RRQ_RO98, PFAN_EXTENSION)), 1, 'ro98')).toBeNull(); // OC-10: covers a future BU
      expect(authCoverage(parsed(BW_VECTOR), 0, 'ro98')).toBeNull();
    });
  });

  it('dissects every extension with absolute offsets and, inside a message, the covered range', () => {
    const d = dissectExtensions(REPLY_WITH_KEYS, 20, REPLY_WITH_KEYS.length, { messageStart: 0, profile: 'ro98' });
    if (!d.ok) throw new Error(d.error.reason);
    expect(d.value).toMatchObject({ name: 'Extensions', offset: 20, length: REPLY_WITH_KEYS.length - 20, value: '3 extensions' });
    expect(d.value.children?.map((c) => [c.name, c.offset, c.length])).toEqual([
      ['Home-Mobile Key Reply extension', 20, 23],
      ['SPI extension', 43, 6],
      ['Mobile-Home Authentication extension', 49, 22],
    ]);
    expect(findAll(d.value, 'Covered bytes')).toMatchObject([{ offset: 0, length: 51 }]);
  });

  const arbList = fc.array(arbExtension, { maxLength: 10 });

  it('round-trips any list of extensions', () => {
    checkRoundTrip(extensionListCodec, arbList, undefined, 300);
  });

  it('every truncation is a typed error or, at an extension boundary, the shorter list', () => {
    checkEveryTruncation(extensionListCodec, REPLY_WITH_KEYS.slice(20));
    checkEveryTruncation(extensionListCodec, concatBytes(MH_32, PFAN_EXTENSION, hexToBytes('74 00 00')));
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(extensionListCodec, [REPLY_WITH_KEYS.slice(20), concatBytes(MH_32, PFAN_EXTENSION)], 1500);
  });
});
