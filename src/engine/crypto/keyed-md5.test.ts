import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../wire/test-support/laws';
import { constantTimeEqual, hmacMd5, keyedMd5, md5Of } from './keyed-md5';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const repeat = (byte: number, n: number) => new Uint8Array(n).fill(byte);
const hex = (b: Uint8Array) => bytesToHex(b).replace(/ /g, '');

describe('HMAC-MD5 (RFC 2104)', () => {
  // RFC 2202 §2: the seven HMAC-MD5 test cases (case 1 and 2 are also RFC 2104's appendix examples).
  const cases: { name: string; key: Uint8Array; data: Uint8Array; digest: string }[] = [
    { name: '1: 16 × 0x0b, "Hi There"', key: repeat(0x0b, 16), data: ascii('Hi There'), digest: '9294727a3638bb1c13f48ef8158bfc9d' },
    { name: '2: "Jefe", "what do ya want for nothing?"', key: ascii('Jefe'), data: ascii('what do ya want for nothing?'), digest: '750c783e6ab0b503eaa86e310a5db738' },
    { name: '3: 16 × 0xaa, 50 × 0xdd', key: repeat(0xaa, 16), data: repeat(0xdd, 50), digest: '56be34521d144c88dbb8c733f0e8b3f6' },
    { name: '4: 0x01..0x19, 50 × 0xcd', key: Uint8Array.from({ length: 25 }, (_, i) => i + 1), data: repeat(0xcd, 50), digest: '697eaf0aca3a3aea3a75164746ffaa79' },
    { name: '5: 16 × 0x0c, "Test With Truncation"', key: repeat(0x0c, 16), data: ascii('Test With Truncation'), digest: '56461ef2342edc00f9bab995690efd4c' },
    { name: '6: 80 × 0xaa (key longer than a block is hashed first)', key: repeat(0xaa, 80), data: ascii('Test Using Larger Than Block-Size Key - Hash Key First'), digest: '6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd' },
    { name: '7: 80 × 0xaa, data longer than a block', key: repeat(0xaa, 80), data: ascii('Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data'), digest: '6f630fad67cda0ee1fb1f562db3aa53e' },
  ];
  for (const c of cases) {
    it(`RFC 2202 test case ${c.name}`, () => {
      expect(hex(hmacMd5(c.key, c.data))).toBe(c.digest);
    });
  }

  it('matches the check value of RFC 2002 §3.5.1', () => {
    expect(bytesToHex(hmacMd5(repeat(0x0b, 16), ascii('Hi There')))).toBe('92 94 72 7a 36 38 bb 1c 13 f4 8e f8 15 8b fc 9d');
  });

  it("agrees with Node's OpenSSL HMAC-MD5 for any key and message", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 150 }), fc.uint8Array({ maxLength: 300 }), (key, data) => {
        expect(hex(hmacMd5(key, data))).toBe(createHmac('md5', key).update(data).digest('hex'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('keyed-MD5 prefix+suffix (RFC 2002 §3.5.1)', () => {
  it('is MD5(K ‖ m ‖ K), checked against an independent MD5 (Node) for any key and message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 80 }), fc.uint8Array({ maxLength: 300 }), (key, data) => {
        const expected = createHash('md5').update(key).update(data).update(key).digest('hex');
        expect(hex(keyedMd5(key, data))).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the ro98 authenticator of docs/protocol-notes.md §Test vectors', () => {
    const key = hexToBytes('00112233445566778899aabbccddeeff');
    const protectedBytes = hexToBytes('01 00 01 2c 0a 01 00 0a 0a 01 00 01 c0 a8 02 01 d5 c1 e2 a0 12 34 56 78 20 14');
    expect(bytesToHex(keyedMd5(key, protectedBytes))).toBe('70 55 55 e8 c6 22 fa 19 b3 6b 51 46 37 63 fb f9');
  });

  it('differs from HMAC-MD5 and from a key-only-in-front MAC (the suffix matters)', () => {
    const key = repeat(0x11, 16);
    const data = ascii('registration');
    expect(hex(keyedMd5(key, data))).not.toBe(hex(hmacMd5(key, data)));
    expect(hex(keyedMd5(key, data))).not.toBe(hex(md5Of(key, data)));
  });

  it('md5Of hashes the concatenation of its parts (RFC 1321 "abc" vector)', () => {
    expect(hex(md5Of(ascii('a'), ascii('b'), ascii('c')))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(hex(md5Of())).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });
});

describe('constantTimeEqual', () => {
  it('is true exactly for equal byte strings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(hex(a) === hex(b) && a.length === b.length);
        expect(constantTimeEqual(a, a.slice())).toBe(true);
      }),
    );
  });

  it('notices a difference in the last octet and a length difference', () => {
    const a = repeat(7, 16);
    const b = a.slice();
    b[15] = 8;
    expect(constantTimeEqual(a, b)).toBe(false);
    expect(constantTimeEqual(a, a.subarray(0, 15))).toBe(false);
  });
});
