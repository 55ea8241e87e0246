// Return routability through the IPv6 correspondent (RFC 6275 §5.2, §9.4, §9.5.1):
// known answers — every token, Kbm and authenticator is recomputed here with
// node:crypto from the nonces and Kcn the correspondent holds.

import { describe, expect, it } from 'vitest';
import { seconds } from '../../../node/time';
import { peekIpv6Binding } from './binding-cache-v6';
import {
  CN, COA, HOME, bindingUpdate, correspondent, driver, fromMobileNode, independentBad, independentKbm, independentToken, option, sent, traces, type Driver,
} from './test-support/cn6-fixture';

const T = seconds(10);
const HOME_COOKIE = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
const COA_COOKIE = Uint8Array.of(9, 9, 9, 9, 9, 9, 9, 9);

/** HoTI (arriving from the home agent's tunnel: source = home address) and CoTI, answered; the tokens the mobile node receives. */
function tested(d: Driver, at: number) {
  const hoti = d.receive(fromMobileNode({ message: { kind: 'home-test-init', cookie: HOME_COOKIE, options: [] }, source: HOME, homeAddressOption: null }), at);
  const coti = d.receive(fromMobileNode({ message: { kind: 'care-of-test-init', cookie: COA_COOKIE, options: [] }, source: COA, homeAddressOption: null }), at);
  const hot = sent(hoti)[0]!;
  const cot = sent(coti)[0]!;
  if (hot.mobility?.kind !== 'home-test' || cot.mobility?.kind !== 'care-of-test') throw new Error('no Home Test / Care-of Test');
  return { hot, cot, homeToken: hot.mobility.keygenToken, careOfToken: cot.mobility.keygenToken, homeIndex: hot.mobility.nonceIndex, careOfIndex: cot.mobility.nonceIndex };
}

function rrBindingUpdate(homeIndex: number, careOfIndex: number, sequence = 1) {
  return bindingUpdate({ sequence, options: [{ kind: 'nonce-indices', homeNonceIndex: homeIndex, careOfNonceIndex: careOfIndex }, { kind: 'binding-authorization-data', authenticator: new Uint8Array(12) }] });
}

describe('IPv6 correspondent: return routability', () => {
  it('answers HoTI with a Home Test to the home address and CoTI with a Care-of Test to the care-of address; tokens are the RFC 6275 §5.2.5 values', () => {
    const d = driver(correspondent());
    const t = tested(d, T);
    expect(t.hot.packet.header).toMatchObject({ source: CN, destination: HOME });
    expect(t.hot.packet.routingHeader2).toBeUndefined(); // through the home agent, not the binding
    expect(t.cot.packet.header).toMatchObject({ source: CN, destination: COA });
    expect(t.hot.mobility).toMatchObject({ cookie: HOME_COOKIE, nonceIndex: 0 });
    expect(t.cot.mobility).toMatchObject({ cookie: COA_COOKIE, nonceIndex: 0 });
    const kcn = d.state.nonces.kcn!;
    const nonce = d.state.nonces.nonces[0]!.nonce;
    expect(kcn).toHaveLength(20);
    expect(t.homeToken).toEqual(independentToken(kcn, HOME, nonce, 0));
    expect(t.careOfToken).toEqual(independentToken(kcn, COA, nonce, 1));
    expect(t.homeToken).not.toEqual(t.careOfToken);
  });

  it('accepts a Binding Update whose authorization data verifies, caps its lifetime at 420 s, and answers with authorization data of its own', () => {
    const d = driver(correspondent({ associations: [] }));
    const t = tested(d, T);
    const kbm = independentKbm(t.homeToken, t.careOfToken);
    const out = d.receive(fromMobileNode({ message: { ...rrBindingUpdate(t.homeIndex, t.careOfIndex), lifetimeUnits: 150 }, kbm }), T + seconds(1));
    expect(traces(out, 'decision')[0]!.reason).toMatch(/Binding Authorization Data verified.*for 420 s \(600 s asked/);
    expect(peekIpv6Binding(d.state.cache, HOME, T + seconds(1))).toMatchObject({ careOfAddress: COA, lifetimeSeconds: 420, authorization: { kind: 'return-routability', homeNonceIndex: 0, careOfNonceIndex: 0 } });
    const [ba] = sent(out);
    expect(ba!.mobility).toMatchObject({ kind: 'binding-acknowledgement', status: 0, lifetimeUnits: 105 });
    expect(ba!.packet.authentication).toBeUndefined();
    const bad = option(ba!.mobility, 'binding-authorization-data')!;
    const mh = ba!.packet.upperBytes.slice();
    mh[4] = 0;
    mh[5] = 0;
    const data = new Uint8Array([...mh.subarray(0, mh.length - 12)]); // the authenticator is last (RFC 6275 §6.2.7)
    expect(bad.authenticator).toEqual(independentBad(kbm, COA, CN, data));
  });

  it('accepts a deregistration from home authorized by the home token alone', () => {
    const d = driver(correspondent({ associations: [] }));
    const t = tested(d, T);
    d.receive(fromMobileNode({ message: rrBindingUpdate(t.homeIndex, t.careOfIndex, 1), kbm: independentKbm(t.homeToken, t.careOfToken) }), T + 1);
    expect(peekIpv6Binding(d.state.cache, HOME, T + 1)).not.toBeNull();
    const out = d.receive(fromMobileNode({ message: { ...rrBindingUpdate(t.homeIndex, t.careOfIndex, 2), lifetimeUnits: 0 }, source: HOME, homeAddressOption: null, kbm: independentKbm(t.homeToken) }), T + 2);
    expect(traces(out, 'decision')[0]!.reason).toMatch(/home token only/);
    expect(peekIpv6Binding(d.state.cache, HOME, T + 2)).toBeNull();
  });

  it('discards a Binding Update whose authorization data comes from a guessed Kbm, without an answer', () => {
    const d = driver(correspondent({ associations: [] }));
    const t = tested(d, T);
    const out = d.receive(fromMobileNode({ message: rrBindingUpdate(t.homeIndex, t.careOfIndex), kbm: new Uint8Array(20).fill(7) }), T + 1);
    expect(traces(out, 'dropped')[0]!.reason).toMatch(/Binding Authorization Data does not verify/);
    expect(sent(out)).toHaveLength(0);
    expect(peekIpv6Binding(d.state.cache, HOME, T + 1)).toBeNull();
  });

  it('refuses nonces past 240 s with BA 136/137/138 (and a new nonce every 30 s)', () => {
    const d = driver(correspondent({ associations: [] }));
    const old = tested(d, T);
    const fresh = tested(d, T + seconds(200));
    expect(fresh.homeIndex).toBe(1);
    const later = T + seconds(241); // nonce 0 expired, nonce 1 still honoured
    const careOfOld = d.receive(fromMobileNode({ message: rrBindingUpdate(fresh.homeIndex, old.careOfIndex), kbm: independentKbm(fresh.homeToken, old.careOfToken) }), later);
    expect(sent(careOfOld)[0]!.mobility).toMatchObject({ status: 137 });
    const homeOld = d.receive(fromMobileNode({ message: rrBindingUpdate(old.homeIndex, fresh.careOfIndex), kbm: independentKbm(old.homeToken, fresh.careOfToken) }), later);
    expect(sent(homeOld)[0]!.mobility).toMatchObject({ status: 136 });
    const both = d.receive(fromMobileNode({ message: { ...rrBindingUpdate(old.homeIndex, old.careOfIndex), acknowledge: false }, kbm: independentKbm(old.homeToken, old.careOfToken) }), later);
    expect(sent(both)[0]!.mobility).toMatchObject({ status: 138 }); // told even without A (RFC 6275 §9.5.4)
    expect(option(sent(both)[0]!.mobility, 'binding-authorization-data')).toBeUndefined();
  });

  it('with return routability off ignores test inits and refuses such a Binding Update with BA 129', () => {
    const d = driver(correspondent({ returnRoutability: false }));
    const out = d.receive(fromMobileNode({ message: { kind: 'home-test-init', cookie: HOME_COOKIE, options: [] }, source: HOME, homeAddressOption: null }), T);
    expect(traces(out, 'dropped')[0]!.reason).toMatch(/does not offer return routability/);
    expect(sent(out)).toHaveLength(0);
    const bu = d.receive(fromMobileNode({ message: rrBindingUpdate(0, 0), kbm: new Uint8Array(20) }), T);
    expect(sent(bu)[0]!.mobility).toMatchObject({ status: 129 });
  });

  it('discards a test init that carries a Home Address option (RFC 6275 §9.4.1)', () => {
    const d = driver(correspondent());
    const out = d.receive(fromMobileNode({ message: { kind: 'home-test-init', cookie: HOME_COOKIE, options: [] } }), T);
    expect(traces(out, 'dropped')[0]).toMatchObject({ ref: 'RFC 6275 §9.4.1' });
    expect(sent(out)).toHaveLength(0);
  });
});
