import { describe, expect, it } from 'vitest';
import { bigIntToBytes } from '../../crypto/bigint-math';
import { toHex } from '../../crypto/bytes';
import { dhRegistrationKey, dhValueBytes, MODP_768 } from '../../crypto/diffie-hellman';
import { modPow } from '../../crypto/bigint-math';
import { sealMessage } from '../../crypto/seal';
import { createRandom, type RandomSource } from '../../random';
import type { MipExtension } from '../../wire/mip/extensions/mip-extension';
import { registrationReply } from '../../wire/mip/registration-reply';
import { registrationRequest } from '../../wire/mip/registration-request';
import { foreignAgentKeyFromReply, foreignAgentKeyRequest, type ForeignAgentKeyConfig } from './foreign-agent-keys';
import { homeAgentKeyReply } from './home-agent-keys';
import { allocateSpi } from './key-types';
import { mobileNodeKeyFromReply, mobileNodeKeyRequest, type MobileNodePendingKey } from './mobile-node-keys';
import { ADDR, FA_HA, ID, MN_HA, MN_RSA } from './test-support/key-story';

const bareFa: ForeignAgentKeyConfig = { address: ADDR.fa, homeAgentAssociation: null, keyPair: null };
const rrq = (extensions: MipExtension[]) => registrationRequest({ lifetime: 300, homeAddress: ADDR.mn, homeAgent: ADDR.ha, careOfAddress: ADDR.fa, identification: ID, extensions });
const rrpBytes = (extensions: MipExtension[], keyDelivery = {}) => sealMessage(
  registrationReply({ code: 0, lifetime: 300, homeAddress: ADDR.mn, homeAgent: ADDR.ha, identification: ID, extensions: [...extensions, { kind: 'mobile-home-auth', spi: MN_HA.spi, authenticator: new Uint8Array(16) }] }),
  { auth: { 'mobile-home-auth': { key: MN_HA.key } }, keyDelivery },
);
const L = MODP_768.length;
const P = dhValueBytes(MODP_768, MODP_768.p);
const G = dhValueBytes(MODP_768, 2n);
const offer = (prime: Uint8Array, generator: Uint8Array, computedValue: Uint8Array): MipExtension => ({ kind: 'registration-key-request', diffieHellman: { prime, generator, computedValue } });

describe('the FA refuses unusable Diffie-Hellman values with a readable reason (no key, registration proceeds)', () => {
  const cases: [string, MipExtension, RegExp][] = [
    ['X = 0', offer(P, G, new Uint8Array(L)), /outside \[2, p − 2\]/],
    ['X = 1', offer(P, G, bigIntToBytes(1n, L)), /value 1 is outside \[2, p − 2\]/],
    ['X = p − 1', offer(P, G, dhValueBytes(MODP_768, MODP_768.p - 1n)), /p − 1 is outside/],
    ['X = p', offer(P, G, P), /≥ p is outside/],
    ['g shorter than p', offer(P, G.subarray(1), dhValueBytes(MODP_768, 4n)), /Generator: the three values must have the same length/],
    ['X shorter than p', offer(P, G, new Uint8Array(L - 1).fill(7)), /Computed value: the three values must have the same length/],
    ['a 2400-bit prime', offer(new Uint8Array(300).fill(0xff), new Uint8Array(300).fill(2), new Uint8Array(300).fill(3)), /exceeds the lab's limit/],
    ['an even modulus', offer(bigIntToBytes(1000n, 2), bigIntToBytes(2n, 2), bigIntToBytes(5n, 2)), /cannot be an odd prime modulus/],
    ['g = 1', offer(P, bigIntToBytes(1n, L), dhValueBytes(MODP_768, 4n)), /generator must lie in \[2, p − 2\]/],
  ];
  it.each(cases)('%s', (_name, ext, reason) => {
    const r = foreignAgentKeyRequest(bareFa, rrq([ext]), [], createRandom(1));
    expect(r.extensions).toEqual([]);
    expect(r.pending).toBeNull();
    expect(r.refusal?.reason.code).toBe('bad-dh-values');
    expect(r.refusal?.reason.detail).toMatch(reason);
    expect(r.steps.at(-1)).toMatchObject({ branch: 'taken', step: expect.stringContaining('unusable → refuse') });
  });

  it('accepts a custom group it has no name for (the docs/protocol-notes.md §Test vectors toy group) and derives the key from its own 124', () => {
    const p = 2n ** 64n - 59n;
    const x = 0x0123456789abcdefn;
    const X = bigIntToBytes(modPow(5n, x, p), 8);
    expect(toHex(X)).toBe('445fea74f4a7a181'); // docs/protocol-notes.md §Test vectors
    const r = foreignAgentKeyRequest(bareFa, rrq([offer(bigIntToBytes(p, 8), bigIntToBytes(5n, 8), X)]), [], createRandom(2));
    const reply = r.extensions[0]!;
    expect(reply.kind === 'dh-key-reply' && reply.computedValue.length).toBe(8);
    const fa = foreignAgentKeyFromReply({ config: bareFa, payload: rrpBytes([reply]), pending: r.pending, homeAgentSecrets: [] });
    const Y = reply.kind === 'dh-key-reply' ? BigInt(`0x${toHex(reply.computedValue)}`) : 0n;
    const custom = { name: 'custom', description: '', p, g: 5n, length: 8 };
    expect(fa.outcome.kind === 'key' && toHex(fa.outcome.key)).toBe(toHex(dhRegistrationKey(custom, modPow(Y, x, p))));
  });
});

describe('public keys that are not usable DER RSA keys are refused', () => {
  const garbage = Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05);
  it('by the FA (114)', () => {
    const r = foreignAgentKeyRequest(bareFa, rrq([{ kind: 'mn-public-key', publicKey: garbage }]), [], createRandom(1));
    expect(r.extensions).toEqual([]);
    expect(r.refusal?.reason).toMatchObject({ code: 'bad-public-key', detail: expect.stringMatching(/^the MN public key in 114 was refused: SubjectPublicKeyInfo: /) });
  });
  it('by the HA (115)', () => {
    const r = homeAgentKeyReply({ mobileNodeAssociation: MN_HA, foreignAgentSecrets: [], spisInUse: [] }, rrq([{ kind: 'fa-public-key', spi: 4000, publicKey: garbage }]), createRandom(1));
    expect(r.extensions).toEqual([]);
    expect(r.keyDelivery).toEqual({});
    expect(r.refusal?.reason.code).toBe('bad-public-key');
  });
  it('an HA with no MSA under the SPI of 113 delivers no key', () => {
    const r = homeAgentKeyReply({ mobileNodeAssociation: MN_HA, foreignAgentSecrets: [FA_HA], spisInUse: [] }, rrq([{ kind: 'fa-key-request', spi: 999 }]), createRandom(1));
    expect(r).toMatchObject({ extensions: [], foreignHomeAuthRequired: false, refusal: { reason: { code: 'unknown-spi' } } });
  });
});

describe('the MN takes no key from a Reply it cannot use', () => {
  const dhPending = mobileNodeKeyRequest({ keyPair: null, diffieHellman: true, dhGroup: 'modp-768' }, { newFa: { address: ADDR.fa, smoothHandoff: true }, previousFa: null, configuredAssociationWithNewFa: false }, createRandom(5)).pending;
  const input = (extensions: MipExtension[], pending: MobileNodePendingKey | null = dhPending, keyDelivery = {}) =>
    mobileNodeKeyFromReply({ payload: rrpBytes(extensions, keyDelivery), pending, homeAgentSecrets: [MN_HA], keyPair: null });
  const code = (r: ReturnType<typeof input>) => (r.outcome.kind === 'no-key' ? r.outcome.reason.code : 'key');
  const enc = (spi: number): MipExtension => ({ kind: 'home-mobile-key-reply', spi, encryptedKey: new Uint8Array(16) });
  const delivery = { 'home-mobile-key-reply': { secret: MN_HA.key, key: new Uint8Array(16).fill(9) } };
  it('120 without 125', () => expect(code(input([enc(MN_HA.spi)], dhPending, delivery))).toBe('missing-extension'));
  it('120 under an SPI it holds no MSA for', () => expect(code(input([enc(777), { kind: 'spi', spi: 5000 }], dhPending, delivery))).toBe('unknown-spi'));
  it('124 with Y = 1', () => expect(code(input([{ kind: 'dh-key-reply', spi: 5000, computedValue: bigIntToBytes(1n, L) }]))).toBe('bad-dh-values'));
  it('124 of the wrong length', () => expect(code(input([{ kind: 'dh-key-reply', spi: 5000, computedValue: new Uint8Array(8).fill(3) }]))).toBe('bad-dh-values'));
  it('124 without a Diffie-Hellman offer', () => expect(code(input([{ kind: 'dh-key-reply', spi: 5000, computedValue: G }], null))).toBe('not-pending'));
  it('122 without having sent 114', () => expect(code(input([{ kind: 'mn-public-key-reply', spi: 5000, encryptedKey: new Uint8Array(128) }]))).toBe('not-pending'));
  it('…and with a good 120 + 125 it does decode the key', () => {
    const r = input([enc(MN_HA.spi), { kind: 'spi', spi: 5000 }], dhPending, delivery);
    expect(r.outcome).toMatchObject({ kind: 'key', spi: 5000, method: 2 });
    expect(r.outcome.kind === 'key' && toHex(r.outcome.key)).toBe('09'.repeat(16));
  });
});

describe('Perkins & Johnson §9.1; regkey-00 §6 decisions of the MN', () => {
  const base = { newFa: { address: ADDR.fa, smoothHandoff: true }, previousFa: null, configuredAssociationWithNewFa: false };
  const cfg = { keyPair: MN_RSA, diffieHellman: true };
  it('S = 0: no PFAN and no key request', () => {
    const r = mobileNodeKeyRequest(cfg, { ...base, newFa: { address: ADDR.fa, smoothHandoff: false }, previousFa: { address: ADDR.previousFa, hasAssociation: true } }, createRandom(1));
    expect(r).toMatchObject({ extensions: [], previousFaNotification: false, pending: { requested: 'nothing' } });
    expect(r.steps).toEqual([expect.objectContaining({ branch: 'skipped', step: expect.stringContaining('S = 0') })]);
  });
  it('PFAN only for a different previous FA the MN shares an MSA with', () => {
    const pfan = (previousFa: { address: string; hasAssociation: boolean }) => mobileNodeKeyRequest(cfg, { ...base, previousFa }, createRandom(1)).previousFaNotification;
    expect(pfan({ address: ADDR.previousFa, hasAssociation: true })).toBe(true);
    expect(pfan({ address: ADDR.previousFa, hasAssociation: false })).toBe(false);
    expect(pfan({ address: ADDR.fa, hasAssociation: true })).toBe(false);
  });
  it('neither key pair nor DH: 116 with Length 0', () => {
    const r = mobileNodeKeyRequest({ keyPair: null, diffieHellman: false }, base, createRandom(1));
    expect(r.extensions).toEqual([{ kind: 'registration-key-request', diffieHellman: null }]);
    expect(r.steps.at(-1)).toMatchObject({ branch: 'taken', step: expect.stringContaining('Length 0') });
  });
});

describe('the FA only uses key replies it started', () => {
  it('a 122 whose SPI differs from its pending K gives no key', () => {
    const r = foreignAgentKeyFromReply({ config: bareFa, payload: rrpBytes([{ kind: 'mn-public-key-reply', spi: 6000, encryptedKey: new Uint8Array(128) }]), pending: { method: 'chosen-key', spi: 6001, key: new Uint8Array(16) }, homeAgentSecrets: [] });
    expect(r.outcome).toMatchObject({ kind: 'no-key', reason: { code: 'not-pending' } });
  });
});

describe('allocateSpi', () => {
  it('is ≥ 256 and skips SPIs in use', () => {
    const seq = [0, 0, 1];
    const stub: RandomSource = { below: () => seq.shift()!, u32: () => 0, bytes: (n) => new Uint8Array(n), state: () => ({ s: [0, 0, 0, 0] }) };
    expect(allocateSpi([256], stub)).toBe(257);
    const r = createRandom(3);
    for (let i = 0; i < 100; i++) expect(allocateSpi([], r)).toBeGreaterThanOrEqual(256);
  });
});
