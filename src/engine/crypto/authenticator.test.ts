import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../wire/test-support/laws';
import {
  computeExtensionAuthenticator,
  coveredRange,
  defaultAlgorithm,
  describeVerification,
  signExtensionInPlace,
  verifyExtension,
  type AuthAlgorithm,
  type MobileIpProfile,
} from './authenticator';
import { concatBytes } from './bytes';

// Byte strings assembled by hand from the spec's test vectors (docs/protocol-notes.md §Test vectors), which were computed by an independent script.
const RRQ_FIXED = hexToBytes('01 00 01 2c 0a 01 00 0a 0a 01 00 01 c0 a8 02 01 d5 c1 e2 a0 12 34 56 78');
const MH_HEADER = hexToBytes('20 14 00 00 01 00'); // Type 32, Length 20, SPI 256
const MN_HA_KEY = hexToBytes('00112233445566778899aabbccddeeff');
const RO98_AUTH = '70 55 55 e8 c6 22 fa 19 b3 6b 51 46 37 63 fb f9';
const RFC3344_AUTH = '5d 82 1b 1c 45 42 eb 50 44 af bd 0b f4 8e c1 9a';

const HA_CN_BU = hexToBytes(`
  12 40 01 2c 0a 01 00 0a c0 a8 02 01 00 00 00 02 00 00 00 01
  23 14 00 00 01 01 1c 65 b3 93 d2 b1 e5 fb e4 89 e4 c0 48 1d 3f b8`);
const HA_CN_KEY = hexToBytes('0f0e0d0c0b0a09080706050403020100');

const PFAN_EXTENSION = hexToBytes(`
  60 1e 00 14 c0 a8 02 01 c0 a8 03 01 00 00 10 00
  05 4a 45 df 72 f2 c4 0b c6 73 8e 22 eb 4e bb 57`);
const SMOOTH_HANDOFF_BU = hexToBytes(`
  12 c0 00 14 0a 01 00 0a c0 a8 03 01 d5 c1 e2 a0 12 34 56 78
  23 14 00 00 10 00 05 4a 45 df 72 f2 c4 0b c6 73 8e 22 eb 4e bb 57`);
const REGISTRATION_KEY = new Uint8Array(16).fill(0x5a);

/** The Registration Request of docs/protocol-notes.md §Test vectors with its authenticator octets filled with 0xa5 (unwritten). */
const unsignedRequest = () => concatBytes(RRQ_FIXED, MH_HEADER, new Uint8Array(16).fill(0xa5));

describe('authenticator of a base authentication extension (RFC 2002 §3.5; docs/protocol-notes.md §Test vectors)', () => {
  it('ro98 signs the Registration Request of docs/protocol-notes.md §Test vectors with keyed-MD5 over octets [0, E+2)', () => {
    const payload = unsignedRequest();
    const r = signExtensionInPlace(payload, 24, MN_HA_KEY, 'ro98');
    expect(r.ok && bytesToHex(r.value)).toBe(RO98_AUTH);
    expect(bytesToHex(payload.subarray(30))).toBe(RO98_AUTH);
    expect(bytesToHex(payload.subarray(0, 30))).toBe(bytesToHex(concatBytes(RRQ_FIXED, MH_HEADER))); // nothing else touched
  });

  it('rfc3344 signs the same Request with HMAC-MD5 over octets [0, E+6) (SPI covered)', () => {
    const payload = unsignedRequest();
    const r = signExtensionInPlace(payload, 24, MN_HA_KEY, 'rfc3344');
    expect(r.ok && bytesToHex(r.value)).toBe(RFC3344_AUTH);
  });

  it('verifies the complete 46-octet ro98 Request and reports what was covered', () => {
    const payload = concatBytes(RRQ_FIXED, MH_HEADER, hexToBytes(RO98_AUTH));
    const r = verifyExtension(payload, 24, MN_HA_KEY, 'ro98');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      extensionType: 32,
      extensionName: 'Mobile-Home Authentication',
      extensionOffset: 24,
      spi: 256,
      algorithm: 'keyed-md5',
      covered: { start: 0, end: 26, spiCovered: false },
      authenticatorOffset: 30,
      verified: true,
      ref: 'RFC 2002 §3.5.1',
    });
    expect(bytesToHex(r.value.expected)).toBe(RO98_AUTH);
    expect(describeVerification(r.value)).toBe(
      'keyed-MD5 prefix+suffix MD5(K ‖ data ‖ K) over octets 0–25 (message, earlier extensions, Type and Length; SPI not covered), SPI 256: verified',
    );
  });

  it('shows expected and received authenticators when the key is wrong', () => {
    const payload = concatBytes(RRQ_FIXED, MH_HEADER, hexToBytes(RO98_AUTH));
    const r = verifyExtension(payload, 24, HA_CN_KEY, 'ro98');
    expect(r.ok && r.value.verified).toBe(false);
    if (!r.ok) return;
    expect(bytesToHex(r.value.received)).toBe(RO98_AUTH);
    expect(bytesToHex(r.value.expected)).not.toBe(RO98_AUTH);
    expect(describeVerification(r.value)).toMatch(/MISMATCH/);
  });

  it('an rfc3344 node rejects the ro98 authenticator and vice versa (OC-01)', () => {
    const ro98 = concatBytes(RRQ_FIXED, MH_HEADER, hexToBytes(RO98_AUTH));
    const rfc3344 = concatBytes(RRQ_FIXED, MH_HEADER, hexToBytes(RFC3344_AUTH));
    expect(verifyExtension(ro98, 24, MN_HA_KEY, 'rfc3344')).toMatchObject({ ok: true, value: { verified: false } });
    expect(verifyExtension(rfc3344, 24, MN_HA_KEY, 'ro98')).toMatchObject({ ok: true, value: { verified: false } });
    const both = verifyExtension(rfc3344, 24, MN_HA_KEY, 'rfc3344');
    expect(both.ok && both.value.verified && both.value.covered).toEqual({ start: 0, end: 30, spiCovered: true });
  });

  it('in ro98 the SPI is not covered: changing it still verifies; in rfc3344 it does not', () => {
    const ro98 = concatBytes(RRQ_FIXED, MH_HEADER, hexToBytes(RO98_AUTH));
    ro98[29] = 0x07; // SPI 256 → 263
    expect(verifyExtension(ro98, 24, MN_HA_KEY, 'ro98')).toMatchObject({ ok: true, value: { verified: true, spi: 263 } });
    const rfc3344 = concatBytes(RRQ_FIXED, MH_HEADER, hexToBytes(RFC3344_AUTH));
    rfc3344[29] = 0x07;
    expect(verifyExtension(rfc3344, 24, MN_HA_KEY, 'rfc3344')).toMatchObject({ ok: true, value: { verified: false } });
  });

  it('any change to a covered octet breaks verification; octets after the extension are not covered', () => {
    fc.assert(
      fc.property(fc.constantFrom<MobileIpProfile>('ro98', 'rfc3344'), fc.nat(), fc.integer({ min: 1, max: 255 }), (profile, pos, delta) => {
        const payload = concatBytes(unsignedRequest(), hexToBytes('80 02 aa bb')); // a skippable extension after it
        signExtensionInPlace(payload, 24, MN_HA_KEY, profile);
        const covered = coveredRange(24, profile);
        const tampered = payload.slice();
        const at = pos % covered.end;
        tampered[at] = tampered[at]! ^ delta;
        const r = verifyExtension(tampered, 24, MN_HA_KEY, profile);
        // a changed Type or Length octet is already structurally wrong; anything else fails the MAC
        expect(r.ok && r.value.verified).toBe(false);
        if (at < 24) expect(r.ok).toBe(true);
        const trailing = payload.slice();
        trailing[46 + (pos % 4)]! ^= delta;
        expect(verifyExtension(trailing, 24, MN_HA_KEY, profile)).toMatchObject({ ok: true, value: { verified: true } });
      }),
      { numRuns: 200 },
    );
  });
});

describe('Route Optimization authenticator, type 35 (Perkins & Johnson §3.5; optim-08 §4.5; Perkins & Johnson §4.1; optim-08 §5.1; docs/protocol-notes.md §Test vectors)', () => {
  it('verifies the HA → CN Binding Update of docs/protocol-notes.md §Test vectors (keyed-MD5 over BU ‖ 23 14, SPI 0x101)', () => {
    const r = verifyExtension(HA_CN_BU, 20, HA_CN_KEY, 'ro98');
    expect(r).toMatchObject({ ok: true, value: { verified: true, extensionType: 35, spi: 0x101, covered: { start: 0, end: 22 } } });
    expect(r.ok && r.value.ref).toBe('optim-08 §4.5, RFC 2002 §3.5.1, lab choice');
  });

  it('signs an emitted BU in place to exactly the docs/protocol-notes.md §Test vectors bytes', () => {
    const bu = HA_CN_BU.slice();
    bu.fill(0xa5, 26);
    expect(signExtensionInPlace(bu, 20, HA_CN_KEY, 'ro98').ok).toBe(true);
    expect(bytesToHex(bu)).toBe(bytesToHex(HA_CN_BU));
  });

  it('the PFAN authenticator is the RO authenticator of the BU the new FA will build (OC-10)', () => {
    // MN side: assemble the BU of Perkins & Johnson §4.1; optim-08 §8.1 with an empty authenticator, compute, compare with the PFAN's last 16 octets
    const bu = concatBytes(SMOOTH_HANDOFF_BU.subarray(0, 26), new Uint8Array(16));
    const mac = computeExtensionAuthenticator(bu, 20, REGISTRATION_KEY, 'ro98');
    expect(mac.ok && bytesToHex(mac.value)).toBe(bytesToHex(PFAN_EXTENSION.subarray(16)));
    // previous FA side: the BU the new FA built verifies with the ordinary RO procedure
    expect(verifyExtension(SMOOTH_HANDOFF_BU, 20, REGISTRATION_KEY, 'ro98')).toMatchObject({ ok: true, value: { verified: true, spi: 0x1000 } });
  });
});

describe('authenticator errors and robustness', () => {
  it('names the broken field with its offset', () => {
    const request = concatBytes(RRQ_FIXED, MH_HEADER, hexToBytes(RO98_AUTH));
    expect(verifyExtension(request.subarray(0, 28), 24, MN_HA_KEY, 'ro98')).toEqual({
      ok: false,
      error: { layer: 'Authentication extension', field: 'SPI', offset: 24, reason: 'the extension header needs 6 octets, only 4 remain' },
    });
    expect(verifyExtension(request.subarray(0, 40), 24, MN_HA_KEY, 'ro98')).toMatchObject({ ok: false, error: { field: 'Authenticator', offset: 30 } });
    expect(verifyExtension(request, 0, MN_HA_KEY, 'ro98')).toMatchObject({ ok: false, error: { field: 'Type', offset: 0, reason: 'type 1 is not an authentication extension (32, 33, 34 or 35)' } });
    const badLength = request.slice();
    badLength[25] = 16;
    expect(verifyExtension(badLength, 24, MN_HA_KEY, 'ro98')).toMatchObject({ ok: false, error: { field: 'Length', offset: 25 } });
    expect(verifyExtension(request, 47, MN_HA_KEY, 'ro98')).toMatchObject({ ok: false, error: { field: 'Type' } });
    expect(verifyExtension(request, -1, MN_HA_KEY, 'ro98')).toMatchObject({ ok: false, error: { field: 'Type', offset: 0 } });
    expect(verifyExtension(request, 1.5, MN_HA_KEY, 'ro98')).toMatchObject({ ok: false, error: { field: 'Type' } });
  });

  it('signing a malformed extension writes nothing', () => {
    const payload = unsignedRequest();
    payload[24] = 36;
    const before = bytesToHex(payload);
    expect(signExtensionInPlace(payload, 24, MN_HA_KEY, 'ro98').ok).toBe(false);
    expect(bytesToHex(payload)).toBe(before);
  });

  it('sign then verify succeeds for any payload, offset, key, profile and algorithm', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 60 }),
        fc.constantFrom(32, 33, 34, 35),
        fc.uint8Array({ minLength: 1, maxLength: 70 }),
        fc.constantFrom<MobileIpProfile>('ro98', 'rfc3344'),
        fc.constantFrom<AuthAlgorithm>('keyed-md5', 'hmac-md5'),
        (before, type, key, profile, algorithm) => {
          const payload = concatBytes(before, Uint8Array.of(type, 20, 0, 0, 1, 0), new Uint8Array(16));
          expect(signExtensionInPlace(payload, before.length, key, profile, algorithm).ok).toBe(true);
          expect(verifyExtension(payload, before.length, key, profile, algorithm)).toMatchObject({ ok: true, value: { verified: true, algorithm } });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws on random bytes and offsets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.integer({ min: -5, max: 90 }), (payload, e) => {
        const r = verifyExtension(payload, e, MN_HA_KEY, 'ro98');
        if (!r.ok) {
          expect(r.error.offset).toBeGreaterThanOrEqual(0);
          expect(r.error.offset).toBeLessThanOrEqual(payload.length);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('each profile defaults to its own algorithm (OC-01)', () => {
    expect(defaultAlgorithm('ro98')).toBe('keyed-md5');
    expect(defaultAlgorithm('rfc3344')).toBe('hmac-md5');
  });
});
