import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../wire/test-support/laws';
import { bytesToBigInt } from './bigint-math';
import type { RsaPublicKey } from './rsa-key';
import { dissectRsaPublicKeyDer, encodeRsaPublicKeyDer, parseRsaPublicKeyDer, rsaSpkiCodec } from './rsa-spki';

// Golden DER assembled by hand from the layout in rsa-spki.ts (RFC 5280 / RFC 3279).
const N_512_HEX = `c0${'11'.repeat(62)}01`; // any odd 512-bit number: the parser does not factor
const N_1024_HEX = `d5${'3c'.repeat(126)}a7`;
const SPKI_512 = hexToBytes(`
  30 5c
     30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00
     03 4b 00
        30 48
           02 41 00 ${N_512_HEX}
           02 03 01 00 01`);
const SPKI_1024 = hexToBytes(`
  30 81 9d
     30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00
     03 81 8b 00
        30 81 87
           02 81 81 00 ${N_1024_HEX}
           02 01 03`);
const KEY_512: RsaPublicKey = { n: BigInt(`0x${N_512_HEX}`), e: 65537n };
const KEY_1024: RsaPublicKey = { n: BigInt(`0x${N_1024_HEX}`), e: 3n };

const b64urlToBigInt = (s: string) => bytesToBigInt(Buffer.from(s, 'base64url'));

describe('RSA public key as DER SubjectPublicKeyInfo (OC-19)', () => {
  it('encodes and parses a 512-bit key (short-form lengths) byte for byte', () => {
    expectGolden(rsaSpkiCodec, KEY_512, SPKI_512);
  });

  it('encodes and parses a 1024-bit key (long-form lengths 0x81) byte for byte, e = 3', () => {
    expectGolden(rsaSpkiCodec, KEY_1024, SPKI_1024);
    expect(SPKI_1024).toHaveLength(160); // 2 octets less than the familiar 162 of e = 65537
  });

  it("reads keys Node's OpenSSL generates, and encodes ours exactly as Node re-exports them", () => {
    for (const modulusLength of [1024, 2048]) {
      const { publicKey } = generateKeyPairSync('rsa', { modulusLength });
      const der = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
      const jwk = publicKey.export({ format: 'jwk' });
      const parsed = parseRsaPublicKeyDer(der);
      expect(parsed).toEqual({ ok: true, value: { n: b64urlToBigInt(jwk.n!), e: b64urlToBigInt(jwk.e!) } });
      if (parsed.ok) expect(bytesToHex(encodeRsaPublicKeyDer(parsed.value))).toBe(bytesToHex(der));
    }
    const fromOurs = createPublicKey({ key: Buffer.from(SPKI_1024), format: 'der', type: 'spki' });
    expect(fromOurs.asymmetricKeyDetails).toMatchObject({ modulusLength: 1024, publicExponent: 3n });
  });

  it('dissects into algorithm, parameters, modulus and exponent with byte ranges', () => {
    const d = dissectRsaPublicKeyDer(SPKI_512);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value).toMatchObject({ name: 'SubjectPublicKeyInfo', offset: 0, length: 94, value: 'RSA public key, 512-bit modulus, e = 65537', ref: 'lab choice, regkey-00 §5.3' });
    const [algorithm, bitString] = d.value.children!;
    expect(algorithm!.children!.map((c) => [c.name, c.offset, c.length, c.value])).toEqual([
      ['algorithm', 4, 11, 'rsaEncryption (1.2.840.113549.1.1.1)'],
      ['parameters', 15, 2, 'NULL'],
    ]);
    const rsaKey = bitString!.children![1]!;
    expect(rsaKey.children!.map((c) => [c.name, c.offset, c.length])).toEqual([
      ['modulus', 22, 67],
      ['publicExponent', 89, 5],
    ]);
    expect(rsaKey.children![0]!.value).toBe('512 bits: 00 c0 11 11 11 11 11 11 … (65 octets)');
  });

  const arbKey: fc.Arbitrary<RsaPublicKey> = fc.record({
    n: fc.bigInt({ min: 1n << 511n, max: (1n << 4096n) - 1n }).map((n) => n | 1n),
    e: fc.bigInt({ min: 3n, max: (1n << 64n) - 1n }).map((e) => e | 1n),
  });

  it('round-trips any key in the accepted range', () => {
    checkRoundTrip(rsaSpkiCodec, arbKey, (k) => k, 200);
  });

  it('returns a typed error for every truncation', () => {
    checkEveryTruncation(rsaSpkiCodec, SPKI_512, true);
    checkEveryTruncation(rsaSpkiCodec, SPKI_1024, true);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(rsaSpkiCodec, [SPKI_512, SPKI_1024]);
  });
});

describe('strict DER: what the parser refuses, and where', () => {
  const mutate = (at: number, value: number, base = SPKI_512) => {
    const b = base.slice();
    b[at] = value;
    return b;
  };
  const rebuild = (hex: string) => hexToBytes(hex);

  it('a different algorithm (an EC key from Node)', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const der = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
    expect(parseRsaPublicKeyDer(der)).toMatchObject({ ok: false, error: { field: 'algorithm OID', offset: 6, reason: 'OID 1.2.840.10045.2.1 is not rsaEncryption (1.2.840.113549.1.1.1), the only key type the lab uses (lab choice, regkey-00 §5.3)' } });
  });

  it('indefinite and non-minimal lengths', () => {
    expect(parseRsaPublicKeyDer(mutate(1, 0x80))).toMatchObject({ ok: false, error: { field: 'SubjectPublicKeyInfo', offset: 1, reason: 'indefinite length is not allowed in DER' } });
    const longForm = rebuild(`30 81 5c ${bytesToHex(SPKI_512.subarray(2))}`);
    expect(parseRsaPublicKeyDer(longForm)).toMatchObject({ ok: false, error: { offset: 1, reason: 'length 92 is not in minimal DER form' } });
    const tooManyLengthOctets = rebuild(`30 83 00 00 5c ${bytesToHex(SPKI_512.subarray(2))}`);
    expect(parseRsaPublicKeyDer(tooManyLengthOctets)).toMatchObject({ ok: false, error: { reason: 'a length in 3 octets exceeds the limit of 2' } });
  });

  it('non-minimal and negative integers', () => {
    const paddedExponent = rebuild(bytesToHex(SPKI_512).replace('02 03 01 00 01', '02 04 00 01 00 01').replace(/^30 5c/, '30 5d').replace('03 4b 00 30 48', '03 4c 00 30 49'));
    expect(parseRsaPublicKeyDer(paddedExponent)).toMatchObject({ ok: false, error: { field: 'publicExponent', offset: 91, reason: 'INTEGER not in minimal DER form (superfluous leading zero)' } });
    const negativeModulus = rebuild(bytesToHex(SPKI_512).replace(/^30 5c/, '30 5b').replace('03 4b 00 30 48 02 41 00', '03 4a 00 30 47 02 40'));
    expect(parseRsaPublicKeyDer(negativeModulus)).toMatchObject({ ok: false, error: { field: 'modulus', reason: 'negative INTEGER' } });
  });

  it('trailing octets, unused bits, missing NULL parameters', () => {
    expect(parseRsaPublicKeyDer(Uint8Array.of(...SPKI_512, 0))).toMatchObject({ ok: false, error: { field: 'SubjectPublicKeyInfo', offset: 94, reason: '1 unexpected octets after SubjectPublicKeyInfo' } });
    expect(parseRsaPublicKeyDer(mutate(19, 1))).toMatchObject({ ok: false, error: { field: 'subjectPublicKey', offset: 19, reason: '1 unused bits; an RSA key has 0' } });
    expect(parseRsaPublicKeyDer(mutate(15, 0x04))).toMatchObject({ ok: false, error: { field: 'parameters', offset: 15, reason: 'expected tag 0x05 (NULL), found 0x04' } });
  });

  it('moduli outside 512–4096 bits, even moduli, bad exponents', () => {
    const small = encodeRsaPublicKeyDer({ n: (1n << 255n) | 1n, e: 65537n });
    expect(parseRsaPublicKeyDer(small)).toMatchObject({ ok: false, error: { field: 'modulus', reason: "256-bit modulus is outside the lab's range 512–4096" } });
    const even = encodeRsaPublicKeyDer({ n: KEY_512.n + 1n, e: 65537n });
    expect(parseRsaPublicKeyDer(even)).toMatchObject({ ok: false, error: { field: 'modulus', reason: 'an RSA modulus is odd' } });
    for (const e of [1n, 4n, 1n << 70n | 1n]) {
      expect(parseRsaPublicKeyDer(encodeRsaPublicKeyDer({ n: KEY_512.n, e }))).toMatchObject({ ok: false, error: { field: 'publicExponent' } });
    }
  });

  it('parses a key inside a larger buffer (an extension 114), with absolute offsets in errors', () => {
    const ext = new Uint8Array(3 + SPKI_512.length);
    ext.set([114, 0, SPKI_512.length], 0);
    ext.set(SPKI_512, 3);
    expect(parseRsaPublicKeyDer(ext, 3, ext.length)).toEqual({ ok: true, value: KEY_512 });
    ext[3 + 19] = 1;
    expect(parseRsaPublicKeyDer(ext, 3, ext.length)).toMatchObject({ ok: false, error: { offset: 22 } });
  });
});
