// Registration keys on the running lab (Perkins & Johnson §9; regkey-00 §3): the MN
// registers through FA1, which advertises S; for each of the five methods the
// same 16-octet key and SPI end up at the MN (held for its next move) and in
// FA1's visitor entry, and the traced decision steps name the method.

import { describe, expect, it } from 'vitest';
import { toHex } from '../../../crypto/bytes';
import type { SecurityAssociation } from '../../../crypto/security-association';
import type { TraceEvent } from '../../../node/contract';
import { seconds } from '../../../node/time';
import { KEY_METHOD_NAMES, type KeyExchangeRecord, type KeyMethod } from '../../keys';
import { FA_RSA, MN_RSA } from '../../keys/test-support/key-story';
import type { ForeignAgentState } from '../fa/foreign-agent';
import type { HomeAgentState } from '../ha/home-agent';
import { FA1, HA, HOME, labSimulation, mnHaAssociation, type LabOptions } from '../test-support/lab';
import { mipMessages } from '../test-support/trace-reading';
import type { MobileNodeState } from './mobile-node';

const FA_HA: SecurityAssociation = { spi: 300, peer: HA, algorithm: 'keyed-md5', key: Uint8Array.from({ length: 16 }, (_, i) => 0xa1 + i), replay: 'timestamp' };
const MN_FA: SecurityAssociation = { spi: 400, peer: FA1, algorithm: 'keyed-md5', key: Uint8Array.from({ length: 16 }, (_, i) => 0x40 + i), replay: 'timestamp' };
/** FA1's address towards the HA: the IP source of what it relays (RFC 2002 §3.7.2.2), so the HA's MSA names it. */
const FA1_UPLINK = '10.0.2.2';
const S_BIT = { smoothHandoff: { enabled: true } } as const;
const NO_KEYS = { keyPair: null, diffieHellman: false } as const;

function run(o: LabOptions) {
  const sim = labSimulation(o);
  sim.runUntil(seconds(3));
  return { sim, trace: sim.trace, mn: sim.nodeState<MobileNodeState>('MN'), fa: sim.nodeState<ForeignAgentState>('FA1'), ha: sim.nodeState<HomeAgentState>('HA') };
}

const takenAt = (trace: readonly TraceEvent[], node: string): string[] => trace.filter((e) => e.node === node && e.kind === 'decision' && e.reason === 'branch taken').map((e) => e.summary);
const establishedAt = (trace: readonly TraceEvent[], node: string): TraceEvent[] => trace.filter((e) => e.node === node && e.kind === 'key-established');

function expectSharedKey(r: ReturnType<typeof run>, method: KeyMethod): { key: string; spi: number } {
  expect(r.ha.bindings.bindings[HOME]!.map((b) => b.careOfAddress)).toEqual([FA1]); // the registration stands
  const held = r.mn.foreignAgentKeys;
  expect(held).toHaveLength(1);
  const mnKey = held[0]!;
  expect(mnKey.faAddress).toBe(FA1);
  expect(mnKey.method).toBe(method);
  expect(mnKey.association.key).toHaveLength(16); // OC-12
  expect(mnKey.association.spi).toBeGreaterThanOrEqual(256);
  const faKey = r.fa.visitors.current[HOME]!.registrationKey!;
  expect(toHex(faKey.key)).toBe(toHex(mnKey.association.key));
  expect(faKey.spi).toBe(mnKey.association.spi);
  expect(faKey.peer).toBe(HOME);
  for (const node of ['MN', 'FA1']) {
    const events = establishedAt(r.trace, node);
    expect(events).toHaveLength(1);
    const record = events[0]!.after as KeyExchangeRecord;
    expect(record.method).toBe(method);
    expect(record.methodName).toBe(KEY_METHOD_NAMES[method]);
    expect(events[0]!.summary).toContain(`SPI ${faKey.spi}, method ${method}`);
    expect((node === 'MN' ? record.mobileNode : record.foreignAgent).key).toBe(toHex(faKey.key));
  }
  return { key: toHex(faKey.key), spi: faKey.spi };
}

describe('registration keys through an S-advertising FA, one story per method', () => {
  it('method 1: a configured MN–FA MSA is the key; nothing is requested', () => {
    const r = run({ mn: { foreignAgentAssociations: [MN_FA] }, fa1: { ...S_BIT, associations: [{ ...MN_FA, peer: HOME }] } });
    const k = expectSharedKey(r, 1);
    expect(k).toEqual({ key: toHex(MN_FA.key), spi: MN_FA.spi });
    expect(takenAt(r.trace, 'MN')).toContain('§9.1 MN: configured MSA with the new FA → request nothing (method 1)');
    const request = mipMessages(r.trace).find((m) => m.node === 'MN' && m.message.kind === 'registration-request')!;
    expect(request.message.kind === 'registration-request' && request.message.extensions.map((e) => e.kind)).toEqual(['mobile-home-auth', 'mobile-foreign-auth']);
  });

  it('method 2: the HA distributes the key through its MSA with the FA (116 → 113 → 120 + 125 + 121)', () => {
    const r = run({ mn: { registrationKeys: NO_KEYS }, fa1: { ...S_BIT, associations: [FA_HA] }, ha: { associations: [mnHaAssociation(HOME), { ...FA_HA, peer: FA1_UPLINK }] } });
    expectSharedKey(r, 2);
    expect(takenAt(r.trace, 'FA1')).toContain(`§9.2 FA: shares an MSA with the HA → append FA Key Request (113), SPI ${FA_HA.spi}`);
    expect(takenAt(r.trace, 'HA')[0]).toMatch(/^§9\.3 HA: 113 present/);
    const kinds = (node: string, kind: string) => mipMessages(r.trace).filter((m) => m.node === node && m.message.kind === kind).map((m) => 'extensions' in m.message ? m.message.extensions.map((e) => e.kind) : []);
    // OC-17: MN's 116 before MH; FA's 113 after MH, before FH; the Reply's key replies before MH.
    expect(kinds('MN', 'registration-request')).toEqual([['registration-key-request', 'mobile-home-auth']]);
    expect(kinds('FA1', 'registration-request')).toEqual([['registration-key-request', 'mobile-home-auth', 'fa-key-request', 'foreign-home-auth']]);
    expect(kinds('HA', 'registration-reply')).toEqual([['home-mobile-key-reply', 'spi', 'fa-key-reply', 'mobile-home-auth', 'foreign-home-auth']]);
    // the FA relays the Reply's octets unchanged up to the MH authenticator (and strips FH)
    const fromHa = mipMessages(r.trace).find((m) => m.node === 'HA' && m.message.kind === 'registration-reply')!;
    const toMn = mipMessages(r.trace).find((m) => m.node === 'FA1' && m.message.kind === 'registration-reply')!;
    expect(toHex(fromHa.payload).startsWith(toHex(toMn.payload))).toBe(true);
    expect(toMn.message.kind === 'registration-reply' && toMn.message.extensions.at(-1)?.kind).toBe('mobile-home-auth');
  });

  it('method 3: the HA distributes the key encrypted with the FA public key (116 → 115 → 120 + 125 + 123)', () => {
    const r = run({ mn: { registrationKeys: NO_KEYS }, fa1: { ...S_BIT, registrationKeyPair: FA_RSA } });
    expectSharedKey(r, 3);
    expect(takenAt(r.trace, 'FA1')).toContain('§9.2 FA: has a public key → append FA Public Key (115) with a new SPI');
    expect(takenAt(r.trace, 'FA1')).toContain('§9.2 FA: 123 present → RSA-decrypt with the FA private key, SPI from 123');
  });

  it('method 4: the FA chooses the key and encrypts it with the MN public key (114 → 122)', () => {
    const r = run({ mn: { registrationKeys: { keyPair: MN_RSA, diffieHellman: true } }, fa1: S_BIT });
    expectSharedKey(r, 4);
    expect(takenAt(r.trace, 'MN')).toContain('§9.1 MN: has a public/private key pair → append MN Public Key (114)');
    expect(takenAt(r.trace, 'MN')).toContain('§9.1 MN: 122 present → RSA-decrypt with the MN private key, SPI from 122');
  });

  it('method 5: Diffie-Hellman between MN and FA (116 with g^x → 124)', () => {
    const r = run({ fa1: S_BIT }); // the MN is willing to do Diffie-Hellman by default, group OC-18
    expectSharedKey(r, 5);
    expect(takenAt(r.trace, 'MN')).toContain('§9.1 MN: willing to do Diffie-Hellman → append 116 with p, g, g^x (modp-1024)');
    const record = establishedAt(r.trace, 'FA1')[0]!.after as KeyExchangeRecord;
    expect(record.diffieHellman?.group).toBe('modp-1024');
    expect(record.diffieHellman?.Y).toMatch(/^[0-9a-f]{256}$/);
  });

  it('a request that cannot be met: the registration is accepted without a key', () => {
    const r = run({ mn: { registrationKeys: NO_KEYS }, fa1: S_BIT });
    expect(r.ha.bindings.bindings[HOME]!.map((b) => b.careOfAddress)).toEqual([FA1]);
    expect(r.mn.registration?.target.agent).toBe(FA1);
    expect(r.mn.foreignAgentKeys).toEqual([]);
    expect(r.fa.visitors.current[HOME]!.registrationKey).toBeNull();
    expect(r.trace.filter((e) => e.kind === 'key-established')).toEqual([]);
    expect(takenAt(r.trace, 'FA1')).toContain('§9.2 FA: otherwise → nothing (116 Length 0 rules out Diffie-Hellman, and no other method is available)');
    expect(takenAt(r.trace, 'MN').some((s) => s.startsWith(`no registration key with ${FA1}`))).toBe(true);
  });

  it('without S nothing is requested and no key decision is traced', () => {
    const r = run({});
    expect(r.mn.foreignAgentKeys).toEqual([]);
    expect(r.trace.filter((e) => e.kind === 'decision' && e.summary.startsWith('§9'))).toEqual([]);
  });

  it('is deterministic: the same seed gives the same key, another seed another', () => {
    const key = (seed: number) => toHex(run({ seed, fa1: S_BIT }).mn.foreignAgentKeys[0]!.association.key);
    expect(key(7)).toBe(key(7));
    expect(key(7)).not.toBe(key(8));
  });
});

describe('the private-binding flag P (Perkins & Johnson §3.6; optim-08 §4.6; OC-02)', () => {
  it('is set in the Request when the MN config asks for it, and only then', () => {
    const flagOctet = (o: LabOptions) => mipMessages(run(o).trace).find((m) => m.node === 'MN' && m.message.kind === 'registration-request')!.payload[1]!;
    expect(flagOctet({ mn: { privateBinding: true } }) & 0x02).toBe(0x02); // ro98: bit 6, mask 0x02
    expect(flagOctet({}) & 0x02).toBe(0);
  });
});
