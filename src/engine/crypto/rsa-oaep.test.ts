import { constants, createHash, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, type JsonWebKey } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { bytesToHex } from '../wire/test-support/laws';
import { bigIntToBytes, bitLength, byteLength, gcd, isProbablePrime } from './bigint-math';
import { generateRsaKeyPair, modulusLength, publicKeyOf, type RsaPrivateKey } from './rsa-key';
import { mgf1Sha1, oaepMaxMessageLength, rsaOaepDecrypt, rsaOaepEncrypt } from './rsa-oaep';
import { encodeRsaPublicKeyDer } from './rsa-spki';

// Key generation is deterministic, so each seed's key is made once and shared.
// Timing (Node 20.20, this shared 2-core machine): a 1024-bit key pair took
// 40–120 ms for seeds 1–5 (how long depends on how soon primes turn up).
const t0 = performance.now();
const KEY = generateRsaKeyPair(createRandom(2024));
const KEYGEN_MS = Math.round(performance.now() - t0);

const b64u = (v: bigint) => Buffer.from(bigIntToBytes(v, Math.max(1, byteLength(v)))).toString('base64url');

/** Our private key as a JWK, so Node's OpenSSL can use it (test-only plumbing). */
function toJwk(k: RsaPrivateKey): JsonWebKey {
  return { kty: 'RSA', n: b64u(k.n), e: b64u(k.e), d: b64u(k.d), p: b64u(k.p), q: b64u(k.q), dp: b64u(k.dP), dq: b64u(k.dQ), qi: b64u(k.qInv) };
}

const nodePublic = () => createPublicKey({ key: Buffer.from(encodeRsaPublicKeyDer(KEY)), format: 'der', type: 'spki' });
const nodePrivate = () => createPrivateKey({ key: toJwk(KEY), format: 'jwk' });
const REGISTRATION_KEY = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);

describe(`RSA key generation (OC-19; this key took ${KEYGEN_MS} ms)`, () => {
  it('makes a 1024-bit modulus from two 512-bit primes, e = 65537, consistent CRT values', () => {
    expect(bitLength(KEY.n)).toBe(1024);
    expect(modulusLength(KEY)).toBe(128);
    expect(KEY.e).toBe(65537n);
    expect(KEY.p * KEY.q).toBe(KEY.n);
    expect([bitLength(KEY.p), bitLength(KEY.q)]).toEqual([512, 512]);
    const r = createRandom(1);
    expect(isProbablePrime(KEY.p, 20, r) && isProbablePrime(KEY.q, 20, r)).toBe(true);
    const lambda = ((KEY.p - 1n) * (KEY.q - 1n)) / gcd(KEY.p - 1n, KEY.q - 1n);
    expect((KEY.e * KEY.d) % lambda).toBe(1n);
    expect(KEY.dP).toBe(KEY.d % (KEY.p - 1n));
    expect(KEY.dQ).toBe(KEY.d % (KEY.q - 1n));
    expect((KEY.q * KEY.qInv) % KEY.p).toBe(1n);
  });

  it('is deterministic for a seed and different across seeds', () => {
    expect(generateRsaKeyPair(createRandom(2024)).n).toBe(KEY.n);
    expect(generateRsaKeyPair(createRandom(2025)).n).not.toBe(KEY.n);
  });

  it("is accepted by Node's OpenSSL: our DER SPKI as a public key, and the full private key", () => {
    expect(nodePublic().asymmetricKeyDetails).toEqual({ modulusLength: 1024, publicExponent: 65537n });
    const exported = nodePrivate().export({ format: 'jwk' });
    expect(exported.n).toBe(b64u(KEY.n));
  });
});

describe('RSA-OAEP with SHA-1 / MGF1-SHA-1 (OC-19, RFC 8017 §7.1)', () => {
  it('encrypts a 16-octet registration key into 128 octets', () => {
    const c = rsaOaepEncrypt(publicKeyOf(KEY), REGISTRATION_KEY, createRandom(1));
    expect(c).toHaveLength(128);
    expect(oaepMaxMessageLength(KEY)).toBe(86);
  });

  it("what we encrypt, Node's privateDecrypt (OAEP, SHA-1) decrypts", () => {
    const random = createRandom(11);
    for (const message of [REGISTRATION_KEY, new Uint8Array(0), new Uint8Array(86).fill(0xee)]) {
      const c = rsaOaepEncrypt(publicKeyOf(KEY), message, random);
      const m = privateDecrypt({ key: nodePrivate(), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, c);
      expect(bytesToHex(new Uint8Array(m))).toBe(bytesToHex(message));
    }
  });

  it("what Node's publicEncrypt (OAEP, SHA-1) encrypts under our SPKI, we decrypt", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 86 }), (message) => {
        const c = publicEncrypt({ key: nodePublic(), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, message);
        const m = rsaOaepDecrypt(KEY, new Uint8Array(c));
        expect(m.ok && bytesToHex(m.value)).toBe(bytesToHex(message));
      }),
      { numRuns: 25 },
    );
  });

  it('the ciphertext depends on the seed (randomised padding) and only on it', () => {
    const a = rsaOaepEncrypt(KEY, REGISTRATION_KEY, createRandom(1));
    const b = rsaOaepEncrypt(KEY, REGISTRATION_KEY, createRandom(1));
    const c = rsaOaepEncrypt(KEY, REGISTRATION_KEY, createRandom(2));
    expect(bytesToHex(a)).toBe(bytesToHex(b));
    expect(bytesToHex(a)).not.toBe(bytesToHex(c));
  });

  it('any altered ciphertext gives the one generic "decryption error"', () => {
    const c = rsaOaepEncrypt(KEY, REGISTRATION_KEY, createRandom(3));
    fc.assert(
      fc.property(fc.nat(127), fc.integer({ min: 1, max: 255 }), (at, delta) => {
        const bad = c.slice();
        bad[at] = bad[at]! ^ delta;
        const r = rsaOaepDecrypt(KEY, bad);
        expect(r.ok).toBe(false);
        // either "not below the modulus" (public) or the single padding error
        if (!r.ok && r.error.field !== 'Ciphertext') {
          expect(r.error).toEqual({ layer: 'RSA-OAEP', field: 'OAEP padding', offset: 0, reason: 'decryption error (wrong key, or the ciphertext was altered)' });
        }
      }),
      { numRuns: 40 },
    );
  });

  it('the wrong private key fails the same way', () => {
    const other = generateRsaKeyPair(createRandom(77));
    const c = rsaOaepEncrypt(KEY, REGISTRATION_KEY, createRandom(3));
    const r = rsaOaepDecrypt(other, c);
    expect(r.ok).toBe(false);
  });

  it('reports a ciphertext of the wrong length or not below the modulus', () => {
    expect(rsaOaepDecrypt(KEY, new Uint8Array(127))).toMatchObject({ ok: false, error: { field: 'Ciphertext', reason: '127 octets; a 1024-bit key gives 128-octet ciphertexts' } });
    expect(rsaOaepDecrypt(KEY, new Uint8Array(128).fill(0xff))).toMatchObject({ ok: false, error: { field: 'Ciphertext', reason: 'the ciphertext is not below the modulus' } });
  });

  it('refuses a message too long for the key', () => {
    expect(() => rsaOaepEncrypt(KEY, new Uint8Array(87), createRandom(1))).toThrow(RangeError);
  });

  it('MGF1-SHA-1 is SHA-1(seed ‖ counter) blocks, checked against Node', () => {
    const seed = Uint8Array.from([1, 2, 3]);
    const expected = Buffer.concat([0, 1, 2].map((c) => createHash('sha1').update(seed).update(Buffer.from([0, 0, 0, c])).digest())).subarray(0, 50);
    expect(bytesToHex(mgf1Sha1(seed, 50))).toBe(bytesToHex(new Uint8Array(expected)));
    expect(mgf1Sha1(seed, 0)).toHaveLength(0);
  });
});
