import { describe, expect, it } from 'vitest';
import { toHex } from '../../crypto/bytes';
import { tableFromJson, tableToJson } from '../tables/plain-data';
import type { DecisionStep, KeyOutcome, RegistrationKey } from './key-types';
import { ADDR, FA_HA, FA_RSA, MN_HA, MN_RSA, runKeyStory, type Story } from './test-support/key-story';

const takenSteps = (steps: readonly DecisionStep[]) => steps.filter((s) => s.branch === 'taken').map((s) => s.step);
const kinds = (s: Story) => s.reply.extensions.map((e) => e.kind);

function bothKeys(s: Story): { mn: RegistrationKey; fa: RegistrationKey } {
  const mn: KeyOutcome = s.mnKey.outcome;
  const fa: KeyOutcome = s.faKey.outcome;
  if (mn.kind !== 'key') throw new Error(`MN has no key: ${mn.reason.detail}`);
  if (fa.kind !== 'key') throw new Error(`FA has no key: ${fa.reason.detail}`);
  return { mn, fa };
}

function expectSharedKey(s: Story, method: number): RegistrationKey {
  const { mn, fa } = bothKeys(s);
  expect(mn.key).toHaveLength(16); // OC-12
  expect(toHex(mn.key)).toBe(toHex(fa.key));
  expect(mn.spi).toBe(fa.spi);
  expect(mn.spi).toBeGreaterThanOrEqual(256);
  expect([mn.method, fa.method]).toEqual([method, method]);
  expect(mn.faAddress).toBe(ADDR.fa);
  expect(s.mnKey.pending).toBeNull();
  expect(s.faKey.pending).toBeNull();
  // the record shows the same key at both sides, and the method chosen
  expect(s.record.method).toBe(method);
  expect(s.record.mobileNode.key).toBe(toHex(mn.key));
  expect(s.record.foreignAgent.key).toBe(toHex(fa.key));
  expect(s.record.newKeySpi).toBe(mn.spi);
  return mn;
}

describe('method 1: configured MN–FA association (no key needed)', () => {
  const s = runKeyStory({ mn: { keyPair: MN_RSA, diffieHellman: true }, situation: { configuredAssociationWithNewFa: true }, fa: { homeAgentAssociation: FA_HA, keyPair: FA_RSA } });
  it('requests nothing, and nobody adds a key extension', () => {
    expect(s.mnRequest.extensions).toEqual([]);
    expect(s.faRequest.extensions).toEqual([]);
    expect(s.haReply?.extensions).toEqual([]);
    expect(takenSteps(s.mnRequest.steps)).toContain('§9.1 MN: configured MSA with the new FA → request nothing (method 1)');
    expect(s.faRequest.steps).toEqual([expect.objectContaining({ branch: 'skipped', step: expect.stringContaining('114 or 116') })]);
  });
  it('ends with "no key: not requested" on both sides and method 1 in the record', () => {
    expect(s.mnKey.outcome).toMatchObject({ kind: 'no-key', reason: { code: 'not-requested', detail: expect.stringContaining('method 1') } });
    expect(s.faKey.outcome).toMatchObject({ kind: 'no-key', reason: { code: 'cannot-meet' } });
    expect(s.record.method).toBe(1);
    expect(s.record.methodName).toMatch(/existing MN–FA security association/);
  });
});

describe('method 2: home agent as key distributor via the FA–HA association (113 → 120 + 125 + 121)', () => {
  const s = runKeyStory({ mn: { keyPair: null, diffieHellman: false }, fa: { homeAgentAssociation: FA_HA, keyPair: FA_RSA } });
  it('MN sends 116 Length 0; FA appends 113 with the SPI of its MSA with the HA', () => {
    expect(s.mnRequest.extensions).toEqual([{ kind: 'registration-key-request', diffieHellman: null }]);
    expect(s.faRequest.extensions).toEqual([{ kind: 'fa-key-request', spi: FA_HA.spi }]);
    expect(takenSteps(s.faRequest.steps)).toContain(`§9.2 FA: shares an MSA with the HA → append FA Key Request (113), SPI ${FA_HA.spi}`);
    expect(s.faRequest.pending).toBeNull();
  });
  it('HA replies 120, 125, 121 before the MH authenticator, with FH auth mandatory (OC-17)', () => {
    expect(kinds(s)).toEqual(['home-mobile-key-reply', 'spi', 'fa-key-reply', 'mobile-home-auth', 'foreign-home-auth']);
    expect(s.haReply?.foreignHomeAuthRequired).toBe(true);
    expect(takenSteps(s.haReply!.steps)[0]).toMatch(/^§9\.3 HA: 113 present/);
    const r120 = s.reply.extensions[0]!;
    expect(r120.kind === 'home-mobile-key-reply' && r120.spi).toBe(MN_HA.spi);
    const r121 = s.reply.extensions[2]!;
    expect(r121.kind === 'fa-key-reply' && r121.spi).toBe(FA_HA.spi);
    // 120 and 121 carry the same key under different secrets: their octets differ, and are not the placeholder
    expect(r120.kind === 'home-mobile-key-reply' && toHex(r120.encryptedKey)).not.toBe('00'.repeat(16));
  });
  it('both derive the HA-chosen key with the SPI from 125', () => {
    const k = expectSharedKey(s, 2);
    expect(toHex(k.key)).toBe(toHex(s.haReply!.chosenKey!));
    const spi125 = s.reply.extensions[1]!;
    expect(spi125.kind === 'spi' && spi125.spi).toBe(k.spi);
    expect(k.spi).not.toBe(MN_HA.spi); // OC-16: unused by the MN's existing MSAs
    expect(takenSteps(s.faKey.steps)).toEqual([expect.stringMatching(/^§9\.2 FA: 121 present/)]);
    expect(takenSteps(s.mnKey.steps)).toEqual([expect.stringMatching(/^§9\.1 MN: 120 present/)]);
  });
});

describe('method 3: home agent as key distributor via the FA public key (115 → 120 + 125 + 123)', () => {
  const s = runKeyStory({ mn: { keyPair: null, diffieHellman: true, dhGroup: 'modp-768' }, fa: { homeAgentAssociation: null, keyPair: FA_RSA } });
  it('FA appends 115 with a new SPI and its DER public key; the HA answers 120, 125, 123', () => {
    const fa115 = s.faRequest.extensions[0]!;
    expect(fa115.kind).toBe('fa-public-key');
    expect(takenSteps(s.faRequest.steps)).toContain('§9.2 FA: has a public key → append FA Public Key (115) with a new SPI');
    expect(kinds(s)).toEqual(['home-mobile-key-reply', 'spi', 'fa-public-key-reply', 'mobile-home-auth']);
    expect(s.haReply?.foreignHomeAuthRequired).toBe(false);
    const spi125 = s.reply.extensions[1]!;
    expect(fa115.kind === 'fa-public-key' && spi125.kind === 'spi' && spi125.spi === fa115.spi).toBe(true); // OC-16
  });
  it('both derive the same key; the SPI is the one the FA put in 115', () => {
    const k = expectSharedKey(s, 3);
    const fa115 = s.faRequest.extensions[0]!;
    expect(fa115.kind === 'fa-public-key' && fa115.spi).toBe(k.spi);
    expect(takenSteps(s.faKey.steps)).toEqual([expect.stringMatching(/^§9\.2 FA: 123 present/)]);
  });
});

describe('method 4: FA chooses the key, encrypted with the MN public key (114 → 122)', () => {
  const s = runKeyStory({ mn: { keyPair: MN_RSA, diffieHellman: true }, fa: { homeAgentAssociation: null, keyPair: null } });
  it('MN sends 114; FA appends 122 (128-octet RSA-OAEP ciphertext) and keeps K pending', () => {
    expect(s.mnRequest.extensions.map((e) => e.kind)).toEqual(['mn-public-key']);
    expect(takenSteps(s.mnRequest.steps)).toContain('§9.1 MN: has a public/private key pair → append MN Public Key (114)');
    const r122 = s.faRequest.extensions[0]!;
    expect(r122.kind === 'mn-public-key-reply' && r122.encryptedKey.length).toBe(128); // OC-19
    expect(s.faRequest.pending).toMatchObject({ method: 'chosen-key' });
  });
  it('the HA copies 122 unchanged before the MH authenticator', () => {
    expect(kinds(s)).toEqual(['mn-public-key-reply', 'mobile-home-auth']);
    expect(s.reply.extensions[0]).toEqual(s.faRequest.extensions[0]);
  });
  it('both hold K with the SPI from 122', () => {
    const k = expectSharedKey(s, 4);
    expect(s.faRequest.pending?.method === 'chosen-key' && toHex(s.faRequest.pending.key)).toBe(toHex(k.key));
    expect(s.record.foreignAgent.privateValue).toBe(toHex(k.key)); // K belongs to the FA side
    expect(s.record.mobileNode.privateValue).toBeNull();
  });
});

describe('method 5: Diffie-Hellman between MN and FA (116 → 124)', () => {
  const s = runKeyStory({ mn: { keyPair: null, diffieHellman: true }, fa: { homeAgentAssociation: null, keyPair: null } });
  it('MN offers the default 1024-bit group (OC-18): p, g, g^x of 128 octets each', () => {
    const offer = s.mnRequest.extensions[0]!;
    expect(offer.kind === 'registration-key-request' && offer.diffieHellman?.prime.length).toBe(128);
    expect(s.mnRequest.pending.diffieHellman?.group).toBe('modp-1024');
    expect(takenSteps(s.mnRequest.steps)).toContain('§9.1 MN: willing to do Diffie-Hellman → append 116 with p, g, g^x (modp-1024)');
  });
  it('FA answers 124 with g^y mod p; the HA copies it', () => {
    expect(kinds(s)).toEqual(['dh-key-reply', 'mobile-home-auth']);
    expect(s.reply.extensions[0]).toEqual(s.faRequest.extensions[0]);
    expect(takenSteps(s.faRequest.steps)).toContain('§9.2 FA: 116 with Length > 0 → y random, append 124 (g^y mod p) with a new SPI, keep y');
  });
  it('both compute MD5(Z) with the SPI from 124; the record keeps x and y apart', () => {
    expectSharedKey(s, 5);
    const dh = s.record.diffieHellman!;
    expect(dh.group).toBe('modp-1024');
    expect(dh.X).toHaveLength(256);
    expect(dh.Y).toHaveLength(256);
    expect(s.record.mobileNode.privateValue).toBe(toHex(s.mnRequest.pending.diffieHellman!.privateExponent));
    expect(s.record.foreignAgent.privateValue).not.toBe(s.record.mobileNode.privateValue);
    expect(JSON.stringify(s.record)).not.toContain('"x"'); // no side carries the other's secret under another name
  });
  it('the 768-bit group can be chosen (OC-18, L = 96)', () => {
    const fast = runKeyStory({ mn: { keyPair: null, diffieHellman: true, dhGroup: 'modp-768' }, fa: { homeAgentAssociation: null, keyPair: null } });
    expect(fast.record.diffieHellman?.group).toBe('modp-768');
    expect(fast.record.diffieHellman?.p).toHaveLength(192);
    expectSharedKey(fast, 5);
  });
});

describe('a request that cannot be met', () => {
  const s = runKeyStory({ mn: { keyPair: null, diffieHellman: false }, fa: { homeAgentAssociation: null, keyPair: null } });
  it('FA with no MSA and no public key, MN sent 116 Length 0: no key anywhere, with the reason; the Reply is still accepted', () => {
    expect(s.faRequest.extensions).toEqual([]);
    expect(s.faRequest.refusal?.reason.code).toBe('cannot-meet');
    expect(s.haReply?.refusal?.reason.code).toBe('cannot-meet');
    expect(s.reply.code).toBe(0);
    expect(kinds(s)).toEqual(['mobile-home-auth']);
    expect(s.mnKey.outcome).toMatchObject({ kind: 'no-key', reason: { code: 'cannot-meet', detail: expect.stringContaining('registration stands without a key') } });
    expect(s.record.method).toBeNull();
    expect(s.record.mobileNode.noKeyReason?.code).toBe('cannot-meet');
  });
});

describe('a denied registration', () => {
  it('discards pending material on both sides (DH and chosen key)', () => {
    for (const mn of [{ keyPair: null, diffieHellman: true }, { keyPair: MN_RSA, diffieHellman: false }] as const) {
      const s = runKeyStory({ mn, fa: { homeAgentAssociation: null, keyPair: null }, code: 130 });
      expect(s.faRequest.pending).not.toBeNull();
      expect(s.faKey).toMatchObject({ pending: null, outcome: { kind: 'no-key', reason: { code: 'denied' } } });
      expect(s.mnKey).toMatchObject({ pending: null, outcome: { kind: 'no-key', reason: { code: 'denied', detail: expect.stringContaining('Code 130') } } });
      expect(takenSteps(s.mnKey.steps)).toEqual([expect.stringMatching(/denied \(Code 130\) → discard pending key material/)]);
    }
  });
});

describe('determinism', () => {
  const opts = { mn: { keyPair: null, diffieHellman: true, dhGroup: 'modp-768' as const }, fa: { homeAgentAssociation: FA_HA, keyPair: null } };
  it('the same seed gives the same bytes, keys and record; another seed another key', () => {
    const a = runKeyStory({ ...opts, seed: 7 });
    const b = runKeyStory({ ...opts, seed: 7 });
    const c = runKeyStory({ ...opts, seed: 8 });
    expect(toHex(a.replyBytes)).toBe(toHex(b.replyBytes));
    expect(tableToJson(a.record)).toBe(tableToJson(b.record));
    expect(bothKeys(c).mn.key).not.toEqual(bothKeys(a).mn.key);
  });
  it('the record is plain data that survives JSON and structuredClone', () => {
    const s = runKeyStory({ ...opts, seed: 3 });
    expect(tableFromJson(tableToJson(s.record))).toEqual(s.record);
    expect(structuredClone(s.record)).toEqual(s.record);
    expect(s.record.extensions.map((e) => e.type)).toEqual([116, 113, 120, 125, 121]);
  });
});
