import { describe, expect, it } from 'vitest';
import { sealMessage } from '../../../crypto/seal';
import { verifyExtension } from '../../../crypto/authenticator';
import { createRandom } from '../../../random';
import { bindingUpdate } from '../../../wire/mip/binding-update';
import { extensionOffsets } from '../../../wire/mip/extensions/extensions';
import { parseMipMessage } from '../../../wire/mip/mip-message';
import { initialAdversaryState, type AdversaryAttack, type AdversaryState } from './adversary-state';
import { planAttack } from './attacks';

const KEY = new Uint8Array(16).fill(0x11);
const EPOCH = Date.UTC(2026, 0, 1);
const genuineBu = sealMessage(bindingUpdate({
  lifetime: 300, homeAddress: '10.1.0.10', careOfAddress: '192.168.2.1', identification: { high: 0xeb000000, low: 0x12345678 },
  extensions: [{ kind: 'ro-auth', spi: 1001, authenticator: new Uint8Array(16) }],
}), { auth: { 'ro-auth': { key: KEY } } });

function withOverheardBu(s: AdversaryState): AdversaryState {
  return { ...s, lastBindingUpdate: { payload: genuineBu, source: '10.1.0.1', destination: '198.51.100.5', sourcePort: 434, destinationPort: 434, at: 0 } };
}

const state = (attacks: AdversaryAttack[] = []) => initialAdversaryState({ attacks, epochUnixMs: EPOCH });
const plan = (s: AdversaryState, a: AdversaryAttack) => planAttack(s, a, '198.51.100.66', 5_000_000, createRandom(1));

function verifies(payload: Uint8Array, key: Uint8Array): boolean {
  const m = parseMipMessage(payload);
  if (!m.ok || !('extensions' in m.value)) throw new Error('does not parse');
  const r = verifyExtension(payload, extensionOffsets(m.value).at(-1)!, key, 'ro98');
  return r.ok && r.value.verified;
}

describe('planAttack', () => {
  it('replays the overheard Binding Update byte for byte, from the source it was overheard with', () => {
    const p = plan(withOverheardBu(state()), { kind: 'replay-binding-update', at: 0, destination: '198.51.100.5' });
    expect(p).toMatchObject({ ok: true, source: '10.1.0.1', sourcePort: 434, destinationPort: 434 });
    if (p.ok) expect(p.payload).toEqual(genuineBu);
  });

  it('cannot replay or tamper before it has overheard anything, and says why', () => {
    expect(plan(state(), { kind: 'replay-binding-update', at: 0, destination: '198.51.100.5' })).toEqual({ ok: false, reason: expect.stringMatching(/no Binding Update has been overheard/) });
    expect(plan(state(), { kind: 'replay-registration', at: 0, destination: '10.1.0.1' })).toEqual({ ok: false, reason: expect.stringMatching(/no Registration Request/) });
    expect(plan(state(), { kind: 'tamper-binding-update', at: 0, destination: '198.51.100.5', careOfAddress: '198.51.100.66' }).ok).toBe(false);
  });

  it('tampers with the whole care-of address and keeps the authenticator, which then fails', () => {
    const p = plan(withOverheardBu(state()), { kind: 'tamper-binding-update', at: 0, destination: '198.51.100.5', careOfAddress: '198.51.100.66' });
    if (!p.ok) throw new Error(p.reason);
    expect(Array.from(p.payload.subarray(8, 12))).toEqual([198, 51, 100, 66]); // BU octets 8–11
    expect(p.payload.subarray(12)).toEqual(genuineBu.subarray(12));
    expect(verifies(genuineBu, KEY)).toBe(true);
    expect(verifies(p.payload, KEY)).toBe(false);
  });

  it('forges a Binding Update with a fresh timestamp and the given SPI, signed with a key that is not the real one', () => {
    const p = plan(state(), { kind: 'forge-binding-update', at: 0, destination: '198.51.100.5', homeAddress: '10.1.0.10', careOfAddress: '198.51.100.66', lifetime: 300, spi: 1001, spoofedSource: '10.1.0.1' });
    if (!p.ok) throw new Error(p.reason);
    expect(p.source).toBe('10.1.0.1');
    const m = parseMipMessage(p.payload);
    if (!m.ok || m.value.kind !== 'binding-update') throw new Error('not a BU');
    expect(m.value).toMatchObject({ homeAddress: '10.1.0.10', careOfAddress: '198.51.100.66', lifetime: 300, extensions: [{ kind: 'ro-auth', spi: 1001 }] });
    expect(m.value.identification!.high).toBeGreaterThan(0xe0000000); // NTP seconds of 2026
    expect(verifies(p.payload, KEY)).toBe(false);
    expect(Array.from((m.value.extensions[0] as { authenticator: Uint8Array }).authenticator).some((b) => b !== 0)).toBe(true);
  });

  it('forges a Registration Request to the home agent with the given SPI, from the care-of address', () => {
    const p = plan(state(), { kind: 'forge-registration', at: 0, destination: '10.1.0.1', homeAddress: '10.1.0.10', careOfAddress: '198.51.100.66', lifetime: 300, spi: 1000 });
    if (!p.ok) throw new Error(p.reason);
    expect(p.source).toBe('198.51.100.66');
    const m = parseMipMessage(p.payload);
    expect(m.ok && m.value).toMatchObject({ kind: 'registration-request', homeAgent: '10.1.0.1', homeAddress: '10.1.0.10', careOfAddress: '198.51.100.66', extensions: [{ kind: 'mobile-home-auth', spi: 1000 }] });
  });
});

describe('initialAdversaryState', () => {
  it('puts the attacks in time order', () => {
    const s = state([{ kind: 'replay-registration', at: 9, destination: '10.1.0.1' }, { kind: 'replay-binding-update', at: 3, destination: '198.51.100.5' }]);
    expect(s.config.attacks.map((a) => a.at)).toEqual([3, 9]);
  });
});
