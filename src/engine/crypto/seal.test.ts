import { describe, expect, it } from 'vitest';
import { bindingUpdate } from '../wire/mip/binding-update';
import { bindingWarning } from '../wire/mip/binding-warning';
import { extensionOffsets } from '../wire/mip/extensions/extensions';
import type { MipExtension } from '../wire/mip/extensions/mip-extension';
import { registrationReply } from '../wire/mip/registration-reply';
import { registrationRequest } from '../wire/mip/registration-request';
import {
  BASE_KEY, BU_HA_TO_CN, EXTENSION_120, RFC3344_MH_AUTHENTICATOR, RO_KEY, RRP_FIXED, RRQ_FIXED, MH_EXTENSION_HEADER, RRQ_RO98, BW_VECTOR,
} from '../wire/mip/test-support/vectors';
import { bytesToHex, hexToBytes } from '../wire/test-support/laws';
import { verifyExtension } from './authenticator';
import { decodeKeyFromReply } from './key-encoding';
import { concatBytes } from './bytes';
import { SealError, sealMessage } from './seal';

// Golden bytes: the spec's vectors (docs/protocol-notes.md §Test vectors), computed independently.

const blank = () => new Uint8Array(16);
const IDENT = { high: 0xd5c1e2a0, low: 0x12345678 };
const mh = (spi = 256): MipExtension => ({ kind: 'mobile-home-auth', spi, authenticator: blank() });

/** The docs/protocol-notes.md §Test vectors Request, before sealing. */
const request = (extensions: MipExtension[] = [mh()]) =>
  registrationRequest({ lifetime: 300, homeAddress: '10.1.0.10', homeAgent: '10.1.0.1', careOfAddress: '192.168.2.1', identification: IDENT, extensions });

const reply = (extensions: MipExtension[]) =>
  registrationReply({ code: 0, lifetime: 300, homeAddress: '10.1.0.10', homeAgent: '10.1.0.1', identification: IDENT, extensions });

describe('sealMessage', () => {
  it('seals the docs/protocol-notes.md §Test vectors Registration Request: ro98 keyed-MD5 by default', () => {
    expect(bytesToHex(sealMessage(request(), { auth: { 'mobile-home-auth': { key: BASE_KEY } } }))).toBe(bytesToHex(RRQ_RO98));
  });

  it('seals it with HMAC-MD5 over the SPI too under the rfc3344 profile (OC-01)', () => {
    const sealed = sealMessage(request(), { auth: { 'mobile-home-auth': { key: BASE_KEY } } }, 'rfc3344');
    expect(bytesToHex(sealed)).toBe(bytesToHex(concatBytes(RRQ_FIXED, MH_EXTENSION_HEADER, RFC3344_MH_AUTHENTICATOR)));
  });

  it('honours an algorithm given with the key (HMAC-MD5 under ro98 coverage)', () => {
    const sealed = sealMessage(request(), { auth: { 'mobile-home-auth': { key: BASE_KEY, algorithm: 'hmac-md5' } } });
    expect(bytesToHex(sealed)).not.toBe(bytesToHex(RRQ_RO98));
    const v = verifyExtension(sealed, 24, BASE_KEY, 'ro98', 'hmac-md5');
    expect(v.ok && v.value.verified).toBe(true);
  });

  it('seals the docs/protocol-notes.md §Test vectors Binding Update from HA to CN (RO authenticator, type 35)', () => {
    const bu = bindingUpdate({ lifetime: 300, homeAddress: '10.1.0.10', careOfAddress: '192.168.2.1', identification: { high: 2, low: 1 }, extensions: [{ kind: 'ro-auth', spi: 0x101, authenticator: blank() }] });
    expect(bytesToHex(sealMessage(bu, { auth: { 'ro-auth': { key: RO_KEY } } }))).toBe(bytesToHex(BU_HA_TO_CN));
  });

  it('encodes a 120 key as docs/protocol-notes.md §Test vectors does (regrep = everything before the key, OC-13)', () => {
    const key = hexToBytes('a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af');
    const sealed = sealMessage(reply([{ kind: 'home-mobile-key-reply', spi: 256, encryptedKey: blank() }]), { keyDelivery: { 'home-mobile-key-reply': { secret: BASE_KEY, key } } });
    expect(bytesToHex(sealed)).toBe(bytesToHex(concatBytes(RRP_FIXED, EXTENSION_120)));
  });

  it('works in wire order: each authenticator covers the encrypted keys and the authenticators before it', () => {
    const key = hexToBytes('0102030405060708090a0b0c0d0e0f10');
    const faSecret = hexToBytes('a1a2a3a4a5a6a7a8a9aaabacadaeafb0');
    const message = reply([
      { kind: 'home-mobile-key-reply', spi: 256, encryptedKey: blank() },
      { kind: 'spi', spi: 0x1001 },
      { kind: 'fa-key-reply', spi: 300, encryptedKey: blank() },
      mh(),
      { kind: 'foreign-home-auth', spi: 300, authenticator: blank() },
    ]);
    const sealed = sealMessage(message, {
      auth: { 'mobile-home-auth': { key: BASE_KEY }, 'foreign-home-auth': { key: faSecret } },
      keyDelivery: { 'home-mobile-key-reply': { secret: BASE_KEY, key }, 'fa-key-reply': { secret: faSecret, key } },
    });
    const [e120, , e121, e32, e34] = extensionOffsets(message);
    for (const [at, secret] of [[e120!, BASE_KEY], [e121!, faSecret]] as const) {
      const k = decodeKeyFromReply(sealed, at, secret);
      expect(k.ok && bytesToHex(k.value)).toBe(bytesToHex(key));
    }
    for (const [at, secret] of [[e32!, BASE_KEY], [e34!, faSecret]] as const) {
      const v = verifyExtension(sealed, at, secret, 'ro98');
      expect(v.ok && v.value.verified).toBe(true);
    }
    // the encrypted keys really were written: the 16 key octets are no longer the zeros emitted
    expect(bytesToHex(sealed.subarray(e120! + 7, e120! + 23))).not.toBe(bytesToHex(blank()));
  });

  it('leaves a message without extensions, and a Binding Warning, as emitted', () => {
    expect(bytesToHex(sealMessage(bindingWarning({ homeAddress: '10.1.0.10', targets: ['198.51.100.5'] }), {}))).toBe(bytesToHex(BW_VECTOR));
    expect(bytesToHex(sealMessage(request([]), {}))).toBe(bytesToHex(RRQ_FIXED));
  });

  it('copies a precomputed PFAN authenticator untouched (OC-10: it belongs to another message)', () => {
    const pfanAuth = hexToBytes('05 4a 45 df 72 f2 c4 0b c6 73 8e 22 eb 4e bb 57');
    const pfan: MipExtension = { kind: 'previous-fa-notification', cacheLifetime: 20, previousForeignAgent: '192.168.2.1', newCareOfAddress: '192.168.3.1', spi: 0x1000, authenticator: pfanAuth };
    const sealed = sealMessage(request([mh(), pfan]), { auth: { 'mobile-home-auth': { key: BASE_KEY } } });
    expect(bytesToHex(sealed.subarray(sealed.length - 16))).toBe(bytesToHex(pfanAuth));
  });

  it('throws SealError — a programming error, not bad input — when a key or secret is missing', () => {
    const attempts: [string, () => unknown][] = [
      ['no auth secrets at all', () => sealMessage(request(), {})],
      ['a key for another extension only', () => sealMessage(request(), { auth: { 'foreign-home-auth': { key: BASE_KEY } } })],
      ['no RO key', () => sealMessage(bindingUpdate({ lifetime: 1, homeAddress: '10.1.0.10', careOfAddress: '192.168.2.1', identification: IDENT, extensions: [{ kind: 'ro-auth', spi: 0x101, authenticator: blank() }] }), {})],
      ['no key delivery for 120', () => sealMessage(reply([{ kind: 'home-mobile-key-reply', spi: 256, encryptedKey: blank() }, mh()]), { auth: { 'mobile-home-auth': { key: BASE_KEY } } })],
      ['no key delivery for 121', () => sealMessage(reply([{ kind: 'fa-key-reply', spi: 300, encryptedKey: blank() }]), { keyDelivery: { 'home-mobile-key-reply': { secret: BASE_KEY, key: blank() } } })],
    ];
    for (const [what, attempt] of attempts) {
      let thrown: unknown;
      try { attempt(); } catch (e) { thrown = e; }
      expect(thrown, what).toBeInstanceOf(SealError);
      expect((thrown as Error).name, what).toBe('SealError');
      expect((thrown as Error).message, what).toMatch(/auth|key-reply/);
    }
  });
});
