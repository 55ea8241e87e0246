import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../wire/test-support/laws';
import { concatBytes } from './bytes';
import { decodeKeyFromReply, decryptKeyWithMd5, encodeKeyInPlace, encryptKeyWithMd5, md5KeyPad, regrepOf } from './key-encoding';

// docs/protocol-notes.md §Test vectors "MD5 key encoding (120)", computed by an independent script.
const REPLY_FIXED = hexToBytes('03 00 01 2c 0a 01 00 0a 0a 01 00 01 d5 c1 e2 a0 12 34 56 78');
const EXT_120_HEADER = hexToBytes('78 00 14 00 00 01 00'); // Type 120, Length 20, SPI 256
const SECRET = hexToBytes('00112233445566778899aabbccddeeff');
const KEY = hexToBytes('a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af');
const REGREP = '03 00 01 2c 0a 01 00 0a 0a 01 00 01 d5 c1 e2 a0 12 34 56 78 78 00 14 00 00 01 00';
const PAD = '4c 06 4a f6 23 94 83 c2 ba 6d 43 a1 31 eb f8 21';
const EXT_120 = '78 00 14 00 00 01 00 ec a7 e8 55 87 31 25 65 12 c4 e9 0a 9d 46 56 8e';

describe('MD5 key encoding (regkey-00 §3.1, OC-13)', () => {
  it('computes the docs/protocol-notes.md §Test vectors pad and encrypted key from regrep', () => {
    const regrep = hexToBytes(REGREP);
    expect(bytesToHex(md5KeyPad(SECRET, regrep))).toBe(PAD);
    expect(bytesToHex(encryptKeyWithMd5(SECRET, regrep, KEY))).toBe(EXT_120.slice(-47));
    expect(bytesToHex(decryptKeyWithMd5(SECRET, regrep, hexToBytes(EXT_120.slice(-47))))).toBe(bytesToHex(KEY));
  });

  it('regrep is the Reply up to and including the SPI of the key-reply extension (OC-13)', () => {
    const reply = concatBytes(REPLY_FIXED, hexToBytes(EXT_120), hexToBytes('20 14 00 00 01 00'), new Uint8Array(16));
    const r = regrepOf(reply, 20);
    expect(r.ok && bytesToHex(r.value)).toBe(REGREP);
  });

  it('the HA fills an emitted 120 extension in place, giving exactly the docs/protocol-notes.md §Test vectors bytes', () => {
    const reply = concatBytes(REPLY_FIXED, EXT_120_HEADER, new Uint8Array(16).fill(0xa5));
    const r = encodeKeyInPlace(reply, 20, SECRET, KEY);
    expect(r.ok).toBe(true);
    expect(bytesToHex(reply.subarray(20))).toBe(EXT_120);
    expect(bytesToHex(reply.subarray(0, 20))).toBe(bytesToHex(REPLY_FIXED));
  });

  it('the MN recovers the key from the docs/protocol-notes.md §Test vectors Reply', () => {
    const reply = concatBytes(REPLY_FIXED, hexToBytes(EXT_120));
    const r = decodeKeyFromReply(reply, 20, SECRET);
    expect(r.ok && bytesToHex(r.value)).toBe(bytesToHex(KEY));
  });

  it('a different Identification (replayed Reply) gives a different key: freshness is inside regrep', () => {
    const reply = concatBytes(REPLY_FIXED, hexToBytes(EXT_120));
    reply[19]! ^= 1;
    const r = decodeKeyFromReply(reply, 20, SECRET);
    expect(r.ok && bytesToHex(r.value)).not.toBe(bytesToHex(KEY));
  });

  it('encode then decode gives the key back for 120 and 121 anywhere in a Reply', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.constantFrom(120, 121), fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), (before, type, secret, key) => {
        const reply = concatBytes(before, Uint8Array.of(type, 0, 20, 1, 2, 3, 4), new Uint8Array(16), Uint8Array.of(32, 20));
        expect(encodeKeyInPlace(reply, before.length, secret, key).ok).toBe(true);
        const back = decodeKeyFromReply(reply, before.length, secret);
        expect(back.ok && bytesToHex(back.value)).toBe(bytesToHex(key));
      }),
      { numRuns: 200 },
    );
  });

  it('names the broken field with its offset, and never throws on random input', () => {
    const reply = concatBytes(REPLY_FIXED, hexToBytes(EXT_120));
    expect(decodeKeyFromReply(reply, 0, SECRET)).toMatchObject({ ok: false, error: { layer: 'Key Reply extension', field: 'Type', offset: 0 } });
    const badLength = reply.slice();
    badLength[22] = 19;
    expect(decodeKeyFromReply(badLength, 20, SECRET)).toMatchObject({ ok: false, error: { field: 'Length', offset: 21, reason: 'Length 19, expected 20 (SPI + 16-octet key, lab choice, regkey-00 §3, §5.2)' } });
    expect(decodeKeyFromReply(reply.subarray(0, 42), 20, SECRET)).toMatchObject({ ok: false, error: { field: 'Encrypted key', offset: 27 } });
    expect(decodeKeyFromReply(reply.subarray(0, 25), 20, SECRET)).toMatchObject({ ok: false, error: { field: 'SPI', offset: 23 } });
    expect(decodeKeyFromReply(reply.subarray(0, 22), 20, SECRET)).toMatchObject({ ok: false, error: { field: 'Length', offset: 21 } });
    expect(decodeKeyFromReply(reply, 43, SECRET)).toMatchObject({ ok: false, error: { field: 'Type' } });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), fc.integer({ min: -3, max: 70 }), (bytes, e) => {
        const r = decodeKeyFromReply(bytes, e, SECRET);
        if (!r.ok) expect(r.error.offset).toBeLessThanOrEqual(bytes.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses keys that are not 16 octets (OC-12)', () => {
    expect(() => encryptKeyWithMd5(SECRET, new Uint8Array(0), new Uint8Array(15))).toThrow(/16 octets/);
  });
});
