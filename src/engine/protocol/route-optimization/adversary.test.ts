import { describe, expect, it } from 'vitest';
import { verifyExtension } from '../../crypto/authenticator';
import { sealMessage } from '../../crypto/seal';
import { extensionOffsets } from '../../wire/mip/extensions/extensions';
import { parseMipMessage } from '../../wire/mip/mip-message';
import { registrationRequest } from '../../wire/mip/registration-request';
import { emptyBindingCache } from '../tables/binding-cache';
import { visitorFor } from '../tables/visitor-list';
import { forgeWithWrongKey, replay, stripAuthentication, tamperCareOfAddress, type AttackResult } from './adversary';
import { receiveBindingUpdate } from './correspondent';
import { afterTunnellingFor } from './home-agent-ro';
import { receiveSmoothHandoffBindingUpdate } from './previous-foreign-agent';
import { buildPreviousFaNotification } from './smooth-handoff';
import {
  CN, FA1, FA2, HA, MN, MN_FA1_KEY, MN_FA1_SPI, REQUEST_ID, S, arrival, cnContext, emptyCorrespondentState, emptyHomeAgentState, haContext, msa,
  seeded, visitorsWithMobileNode,
} from './test-support/ro-world';
import { DEFAULT_RO_CONFIG, type RoResult } from './types';

const GUESS = new Uint8Array(16).fill(0x42);

function attack(r: AttackResult): Uint8Array {
  if (!r.ok) throw new Error(r.reason);
  return r.bytes;
}

function statusOf(r: RoResult<unknown>): number {
  const m = parseMipMessage(r.sends[0]!.payload);
  if (!m.ok || m.value.kind !== 'binding-acknowledge') throw new Error('expected a Binding Acknowledge');
  return m.value.status;
}

/** A genuine HA → CN Binding Update with A = 1 (the acknowledged-list mode), captured on the wire. */
function capturedBu(): Uint8Array {
  return afterTunnellingFor(emptyHomeAgentState(), haContext({ maintainAcknowledgedList: true }), CN, MN, 0, seeded()).sends[0]!.payload;
}

describe('adversary against a correspondent (optim-08 §4.3)', () => {
  const toCn = (payload: Uint8Array) => ({ payload, source: HA, destination: CN }); // the attacker spoofs the HA's address

  it.each([
    ['forged with a guessed key', () => attack(forgeWithWrongKey(capturedBu(), GUESS)), 131, /authentication exception/],
    ['forged without authentication', () => attack(stripAuthentication(capturedBu())), 134, /no Route Optimization Authentication extension/],
    ['tampered care-of address', () => attack(tamperCareOfAddress(capturedBu(), 66)), 131, /MISMATCH/],
  ])('%s is refused with the right Status and no state change', (_name, make, status, reason) => {
    const before = emptyCorrespondentState();
    const r = receiveBindingUpdate(before, cnContext(), toCn(make()), 0, seeded());
    expect(r.state).toBe(before);
    expect(statusOf(r)).toBe(status);
    expect(r.traces.find((t) => t.kind === 'dropped')!.reason).toMatch(reason);
  });

  it('a replay of identical bytes later is refused with 133, the cached binding untouched', () => {
    const genuine = capturedBu();
    const first = receiveBindingUpdate(emptyCorrespondentState(), cnContext(), toCn(genuine), 0, seeded());
    expect(statusOf(first)).toBe(0);
    const replayed = receiveBindingUpdate(first.state, cnContext(), toCn(attack(replay(genuine))), 60 * S, seeded());
    expect(replayed.state).toBe(first.state);
    expect(statusOf(replayed)).toBe(133);
  });

  it('the tampered copy differs from the capture in exactly one octet, inside the care-of address', () => {
    const genuine = capturedBu();
    const tampered = attack(tamperCareOfAddress(genuine));
    const diff = [...genuine].flatMap((b, i) => (b === tampered[i] ? [] : [i]));
    expect(diff).toEqual([11]);
  });
});

describe('adversary against a previous foreign agent (Perkins & Johnson §4.1; optim-08 §8.1)', () => {
  const genuine = buildPreviousFaNotification({ homeAddress: MN, previousForeignAgent: FA1, newCareOfAddress: FA2, requestIdentification: REQUEST_ID, key: msa(MN, MN_FA1_KEY, MN_FA1_SPI), cacheLifetimeSeconds: 20 }).bindingUpdate;
  const state = () => ({ visitors: visitorsWithMobileNode(), cache: emptyBindingCache() });
  const ctx = { address: FA1, config: DEFAULT_RO_CONFIG };
  const toFa = (payload: Uint8Array) => ({ payload, source: '203.0.113.66', destination: FA1 });

  it.each([
    ['forged', () => attack(forgeWithWrongKey(genuine, GUESS))],
    ['tampered (redirect to the attacker)', () => attack(tamperCareOfAddress(genuine, 66))],
  ])('%s: the visitor entry is kept and the answer is 131', (_name, make) => {
    const before = state();
    const r = receiveSmoothHandoffBindingUpdate(before, ctx, toFa(make()), S);
    expect(r.state).toBe(before);
    expect(visitorFor(r.state.visitors, MN, S)).not.toBeNull();
    expect(statusOf(r)).toBe(131);
  });

  it('a replay after the single-use key was destroyed cannot be verified: nothing changes, nothing is answered (OC-21, OC-23)', () => {
    const used = receiveSmoothHandoffBindingUpdate(state(), ctx, arrival({ payload: genuine, source: FA2, destination: FA1, sourcePort: 434, destinationPort: 434, ttl: 64, summary: '', ref: '' }), 0);
    const later = receiveSmoothHandoffBindingUpdate(used.state, ctx, toFa(attack(replay(genuine))), 60 * S);
    expect(later.state).toBe(used.state);
    expect(later.sends).toEqual([]);
    expect(later.traces.at(-1)).toMatchObject({ kind: 'dropped', reason: expect.stringMatching(/holds no key/) });
  });
});

describe('adversary against a Registration Request (RFC 2002 §3.5)', () => {
  const key = new Uint8Array(16).fill(0x11);
  const rrq = sealMessage(registrationRequest({
    lifetime: 300, homeAddress: MN, homeAgent: HA, careOfAddress: FA1, identification: REQUEST_ID,
    extensions: [{ kind: 'mobile-home-auth', spi: 256, authenticator: new Uint8Array(16) }],
  }), { auth: { 'mobile-home-auth': { key } } });
  const verified = (bytes: Uint8Array) => {
    const m = parseMipMessage(bytes);
    if (!m.ok) throw new Error('unparsable');
    const v = verifyExtension(bytes, extensionOffsets(m.value)[0]!, key, 'ro98');
    return v.ok && v.value.verified;
  };

  it('the genuine Request verifies; forged and tampered ones do not; stripped has no authenticator', () => {
    expect(verified(rrq)).toBe(true);
    expect(verified(attack(forgeWithWrongKey(rrq, GUESS)))).toBe(false);
    expect(verified(attack(tamperCareOfAddress(rrq)))).toBe(false);
    const stripped = parseMipMessage(attack(stripAuthentication(rrq)));
    expect(stripped.ok && 'extensions' in stripped.value && stripped.value.extensions).toEqual([]);
  });

  it('refuses to attack messages it does not know', () => {
    expect(tamperCareOfAddress(Uint8Array.of(19, 0, 0, 0)).ok).toBe(false);
  });
});
