import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, okValue } from '../wire/test-support/laws';
import { bindingAuthorizationInput, emitMobilityHeader, parseMobilityHeader } from '../wire/ipv6/mobility-header';
import type { BindingUpdateMessage } from '../wire/ipv6/mobility-messages';
import {
  bindingAuthorizationData, careOfKeygenToken, hmacSha1, homeKeygenToken, kbm, sha1Of, verifyBindingAuthorizationData,
} from './return-routability';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const repeat = (byte: number, n: number) => new Uint8Array(n).fill(byte);
const hex = (b: Uint8Array) => bytesToHex(b).replace(/ /g, '');

const HOME = '2001:db8:1::10';
const CARE_OF = '2001:db8:2::a';
const CORRESPONDENT = '2001:db8:100::5';
// The addresses as octets, typed out (RFC 4291 §2.2), for the independent computations.
const HOME_OCTETS = hexToBytes('20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 10');
const CARE_OF_OCTETS = hexToBytes('20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 0a');
const CORRESPONDENT_OCTETS = hexToBytes('20 01 0d b8 01 00 00 00 00 00 00 00 00 00 00 05');
const KCN = Uint8Array.from({ length: 20 }, (_, i) => i + 1);
const NONCE = hexToBytes('01 23 45 67 89 ab cd ef');

const nodeHmacSha1 = (key: Uint8Array, ...parts: Uint8Array[]) => {
  const h = createHmac('sha1', key);
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

describe('HMAC-SHA1 (RFC 2104; RFC 2202 §3)', () => {
  const cases = [
    { name: '1: 20 × 0x0b, "Hi There"', key: repeat(0x0b, 20), data: ascii('Hi There'), digest: 'b617318655057264e28bc0b6fb378c8ef146be00' },
    { name: '2: "Jefe"', key: ascii('Jefe'), data: ascii('what do ya want for nothing?'), digest: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79' },
    { name: '3: 20 × 0xaa, 50 × 0xdd', key: repeat(0xaa, 20), data: repeat(0xdd, 50), digest: '125d7342b9ac11cd91a39af48aa17b4f63f175d3' },
    { name: '4: 0x01..0x19, 50 × 0xcd', key: Uint8Array.from({ length: 25 }, (_, i) => i + 1), data: repeat(0xcd, 50), digest: '4c9007f4026250c6bc8414f9bf50c86c2d7235da' },
    { name: '5: 20 × 0x0c, "Test With Truncation"', key: repeat(0x0c, 20), data: ascii('Test With Truncation'), digest: '4c1a03424b55e07fe7f27be1d58bb9324a9a5a04' },
    { name: '6: 80 × 0xaa, key longer than a block', key: repeat(0xaa, 80), data: ascii('Test Using Larger Than Block-Size Key - Hash Key First'), digest: 'aa4ae5e15272d00e95705637ce8a3b55ed402112' },
    { name: '7: 80 × 0xaa, data longer than a block', key: repeat(0xaa, 80), data: ascii('Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data'), digest: 'e8e99d0f45237d786d6bbaa7965c7808bbff1a91' },
  ];
  for (const c of cases) {
    it(`RFC 2202 test case ${c.name}`, () => {
      expect(hex(hmacSha1(c.key, c.data))).toBe(c.digest);
    });
  }

  it('RFC 2202 test case 5 truncated to 96 bits, as Binding Authorization Data is', () => {
    expect(hex(hmacSha1(repeat(0x0c, 20), ascii('Test With Truncation')).slice(0, 12))).toBe('4c1a03424b55e07fe7f27be1');
  });

  it('SHA-1 of "abc" and of its parts (FIPS 180 example)', () => {
    expect(hex(sha1Of(ascii('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1Of(ascii('a'), ascii('bc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });
});

describe('keygen tokens and Kbm (RFC 6275 §5.2.5)', () => {
  it('home keygen token = First(64, HMAC_SHA1(Kcn, home address ‖ nonce ‖ 0))', () => {
    const token = homeKeygenToken(KCN, HOME, NONCE);
    expect(hex(token)).toBe('0d9406c305efd919');
    expect(hex(token)).toBe(hex(nodeHmacSha1(KCN, HOME_OCTETS, NONCE, Uint8Array.of(0)).subarray(0, 8)));
  });

  it('care-of keygen token = First(64, HMAC_SHA1(Kcn, care-of address ‖ nonce ‖ 1))', () => {
    const token = careOfKeygenToken(KCN, CARE_OF, NONCE);
    expect(hex(token)).toBe('99085263a01dc0a2');
    expect(hex(token)).toBe(hex(nodeHmacSha1(KCN, CARE_OF_OCTETS, NONCE, Uint8Array.of(1)).subarray(0, 8)));
  });

  it('the final octet separates the two tokens for the same address', () => {
    expect(hex(homeKeygenToken(KCN, HOME, NONCE))).not.toBe(hex(careOfKeygenToken(KCN, HOME, NONCE)));
  });

  it('Kbm = SHA1(home token ‖ care-of token), or SHA1(home token) when deregistering', () => {
    const home = homeKeygenToken(KCN, HOME, NONCE);
    const careOf = careOfKeygenToken(KCN, CARE_OF, NONCE);
    expect(hex(kbm(home, careOf))).toBe('2c1ffdd328be87e310d41603337ae7583fd65290');
    expect(hex(kbm(home, careOf))).toBe(createHash('sha1').update(home).update(careOf).digest('hex'));
    expect(hex(kbm(home))).toBe('ad2e6a36d41f0f1eb00cfe2b7618890e154b8b2a');
    expect(hex(kbm(home))).toBe(createHash('sha1').update(home).digest('hex'));
  });

  it('agrees with Node for any Kcn, nonce and address octets', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.nat(0xffff), (kcn, nonce, low) => {
      const address = `2001:db8::${low.toString(16)}`;
      const octets = hexToBytes(`20 01 0d b8 00 00 00 00 00 00 00 00 00 00 ${(low >> 8).toString(16).padStart(2, '0')} ${(low & 0xff).toString(16).padStart(2, '0')}`);
      expect(hex(homeKeygenToken(kcn, address, nonce))).toBe(hex(nodeHmacSha1(kcn, octets, nonce, Uint8Array.of(0)).subarray(0, 8)));
      expect(hex(careOfKeygenToken(kcn, address, nonce))).toBe(hex(nodeHmacSha1(kcn, octets, nonce, Uint8Array.of(1)).subarray(0, 8)));
    }), { numRuns: 100 });
  });
});

describe('Binding Authorization Data (RFC 6275 §6.2.7)', () => {
  const key = kbm(homeKeygenToken(KCN, HOME, NONCE), careOfKeygenToken(KCN, CARE_OF, NONCE));
  const bu: BindingUpdateMessage = {
    kind: 'binding-update', sequence: 7, acknowledge: true, homeRegistration: false, linkLocalCompatibility: false, keyManagement: false,
    lifetimeUnits: 10, options: [{ kind: 'nonce-indices', homeNonceIndex: 3, careOfNonceIndex: 4 }],
  };
  const pseudo = { source: HOME, destination: CORRESPONDENT };

  it('= First(96, HMAC_SHA1(Kbm, care-of address ‖ correspondent ‖ MH Data))', () => {
    const mhData = hexToBytes('3b 03 05 00 00 00 00 07 80 00 00 0a 04 04 00 03 00 04 05 0c');
    const auth = bindingAuthorizationData(key, CARE_OF, CORRESPONDENT, mhData);
    expect(hex(auth)).toBe('75fac12348c892199ed02096');
    expect(hex(auth)).toBe(hex(nodeHmacSha1(key, CARE_OF_OCTETS, CORRESPONDENT_OCTETS, mhData).subarray(0, 12)));
  });

  it('what the mobile node signs, the correspondent verifies from the received bytes alone', () => {
    const sent = emitMobilityHeader(bu, pseudo, { authorize: (b) => bindingAuthorizationData(key, CARE_OF, CORRESPONDENT, b) });
    expect(bytesToHex(sent.subarray(20))).toBe('75 fa c1 23 48 c8 92 19 9e d0 20 96');
    const parsed = okValue(parseMobilityHeader(sent, 0, sent.length, pseudo));
    expect(parsed.checksumValid).toBe(true);
    const option = parsed.message.kind === 'binding-update' ? parsed.message.options.at(-1) : undefined;
    if (option?.kind !== 'binding-authorization-data') throw new Error('no Binding Authorization Data');
    const input = okValue(bindingAuthorizationInput(sent));
    expect(verifyBindingAuthorizationData(key, CARE_OF, CORRESPONDENT, input, option.authenticator)).toBe(true);
  });

  it('fails for a tampered header, another care-of address, another correspondent or another key', () => {
    const sent = emitMobilityHeader(bu, pseudo, { authorize: (b) => bindingAuthorizationData(key, CARE_OF, CORRESPONDENT, b) });
    const auth = sent.slice(20);
    const tampered = sent.slice();
    tampered[11] = 0xff; // a longer Lifetime
    expect(verifyBindingAuthorizationData(key, CARE_OF, CORRESPONDENT, okValue(bindingAuthorizationInput(tampered)), auth)).toBe(false);
    const input = okValue(bindingAuthorizationInput(sent));
    expect(verifyBindingAuthorizationData(key, '2001:db8:3::a', CORRESPONDENT, input, auth)).toBe(false);
    expect(verifyBindingAuthorizationData(key, CARE_OF, '2001:db8:100::6', input, auth)).toBe(false);
    expect(verifyBindingAuthorizationData(kbm(homeKeygenToken(KCN, HOME, NONCE)), CARE_OF, CORRESPONDENT, input, auth)).toBe(false);
    expect(verifyBindingAuthorizationData(key, CARE_OF, CORRESPONDENT, input, auth.subarray(0, 11))).toBe(false);
  });
});
