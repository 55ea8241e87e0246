// Perkins & Johnson §9.3 step 3: the home agent knows the foreign agent's
// public key because its administrator configured it — not only because a
// Request carried one in a Foreign Agent Public Key extension (115), which
// nothing authenticates to the home agent. Told as one registration at a
// time: what the FA appended, what the HA answered, who can open the key.

import { describe, expect, it } from 'vitest';
import { toHex } from '../../crypto/bytes';
import { generateRsaKeyPair, publicKeyOf } from '../../crypto/rsa-key';
import { rsaOaepDecrypt } from '../../crypto/rsa-oaep';
import { encodeRsaPublicKeyDer } from '../../crypto/rsa-spki';
import { createRandom } from '../../random';
import type { MipExtension } from '../../wire/mip/extensions/mip-extension';
import { registrationRequest } from '../../wire/mip/registration-request';
import { homeAgentKeyReply, type HomeAgentKeyReply } from './home-agent-keys';
import { ADDR, FA_RSA, ID, MN_HA } from './test-support/key-story';

const FA_KEY = encodeRsaPublicKeyDer(publicKeyOf(FA_RSA));
const IMPOSTOR = generateRsaKeyPair(createRandom(77));
const ANY_METHOD: MipExtension = { kind: 'registration-key-request', diffieHellman: null }; // 116, Length 0
const rrq = (extensions: MipExtension[]) => registrationRequest({ lifetime: 300, homeAddress: ADDR.mn, homeAgent: ADDR.ha, careOfAddress: ADDR.fa, identification: ID, extensions });
const haWithKnownKey = (request: ReturnType<typeof rrq>, known: Uint8Array | null = FA_KEY) =>
  homeAgentKeyReply({ mobileNodeAssociation: MN_HA, foreignAgentSecrets: [], spisInUse: [MN_HA.spi], knownForeignAgentKey: known }, request, createRandom(5));
const kinds = (r: HomeAgentKeyReply) => r.extensions.map((e) => e.kind);
const sealedFor = (r: HomeAgentKeyReply) => {
  const e = r.extensions.find((x) => x.kind === 'fa-public-key-reply');
  if (e?.kind !== 'fa-public-key-reply') throw new Error('no 123 in the Reply');
  return e;
};

describe('the home agent knows the foreign agent\'s public key (Perkins & Johnson §9.3 step 3)', () => {
  it('a Request whose 115 carries someone else\'s key gets a registration key only the configured foreign agent can open', () => {
    // Someone on the path put its own key in 115: without configuration the HA would encrypt for it.
    const r = haWithKnownKey(rrq([ANY_METHOD, { kind: 'fa-public-key', spi: 4000, publicKey: encodeRsaPublicKeyDer(publicKeyOf(IMPOSTOR)) }]));
    expect(kinds(r)).toEqual(['home-mobile-key-reply', 'spi', 'fa-public-key-reply']);
    const sealed = sealedFor(r);
    const opened = rsaOaepDecrypt(FA_RSA, sealed.encryptedKey);
    expect(opened.ok && toHex(opened.value)).toBe(toHex(r.chosenKey!));
    expect(rsaOaepDecrypt(IMPOSTOR, sealed.encryptedKey).ok).toBe(false);
    expect(sealed.spi).toBe(4000); // the SPI the FA chose still names the new key (125 agrees)
    expect(r.steps.map((s) => s.step)).toContainEqual(expect.stringContaining('not the one configured for this FA'));
  });

  it('with no 115 at all the home agent still delivers a key, under an SPI it allocates', () => {
    const r = haWithKnownKey(rrq([ANY_METHOD]));
    expect(kinds(r)).toEqual(['home-mobile-key-reply', 'spi', 'fa-public-key-reply']);
    const spi = r.extensions[1]!;
    expect(spi.kind === 'spi' && spi.spi).toBe(sealedFor(r).spi);
    expect(spi.kind === 'spi' && spi.spi >= 256 && spi.spi !== MN_HA.spi).toBe(true); // OC-16
    const opened = rsaOaepDecrypt(FA_RSA, sealedFor(r).encryptedKey);
    expect(opened.ok && toHex(opened.value)).toBe(toHex(r.chosenKey!));
    expect(r.refusal).toBeNull();
  });

  it('the same Request to a home agent that knows nothing: no key, the registration still accepted', () => {
    const r = haWithKnownKey(rrq([ANY_METHOD]), null);
    expect(r.extensions).toEqual([]);
    expect(r.refusal?.reason.code).toBe('cannot-meet');
  });

  it('a foreign agent that already did the work itself (its Diffie-Hellman answer, 124) keeps it: the home agent copies 124', () => {
    const dh: MipExtension = { kind: 'dh-key-reply', spi: 4100, computedValue: new Uint8Array(96).fill(3) };
    const r = haWithKnownKey(rrq([ANY_METHOD, dh]));
    expect(r.extensions).toEqual([dh]);
  });
});
