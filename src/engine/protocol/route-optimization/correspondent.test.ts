import { describe, expect, it } from 'vitest';
import { sealMessage } from '../../crypto/seal';
import { decapsulateIpInIp } from '../../wire/ip-in-ip';
import { parseIpv4 } from '../../wire/ipv4';
import { bindingUpdate } from '../../wire/mip/binding-update';
import { parseMipMessage } from '../../wire/mip/mip-message';
import { needsRefresh, peekBinding } from '../tables/binding-cache';
import { receiveBindingUpdate, routeForDestination, tunnelFromCorrespondent, type CorrespondentState } from './correspondent';
import { afterTunnellingFor, receiveBindingRequest } from './home-agent-ro';
import {
  CN, FA1, HA, HA_CN_KEY, HA_CN_SPI, MN, S, arrival, associations, cnContext, dataDatagram, emptyCorrespondentState, emptyHomeAgentState,
  haContext, msa, registered, seeded,
} from './test-support/ro-world';
import type { RoResult } from './types';

function baOf(r: RoResult<unknown>) {
  expect(r.sends).toHaveLength(1);
  const m = parseMipMessage(r.sends[0]!.payload);
  if (!m.ok || m.value.kind !== 'binding-acknowledge') throw new Error('expected a Binding Acknowledge');
  return { send: r.sends[0]!, ba: m.value };
}

/** A BU from the HA to the CN sealed with `key`, timestamped `secondsFromEpoch` after the config epoch. */
function cnBu(fields: { lifetime?: number; careOf?: string; acknowledge?: boolean; key?: Uint8Array; id?: { high: number; low: number } } = {}): Uint8Array {
  const epochSeconds = 1_767_225_600 + 2_208_988_800; // DEFAULT_RO_CONFIG epoch in NTP seconds
  return sealMessage(bindingUpdate({
    flags: { acknowledge: fields.acknowledge ?? true, minimalEncapsulation: false, greEncapsulation: false, reserved: 0 },
    lifetime: fields.lifetime ?? 300, homeAddress: MN, careOfAddress: fields.careOf ?? FA1,
    identification: fields.id ?? { high: epochSeconds >>> 0, low: 0 },
    extensions: [{ kind: 'ro-auth', spi: HA_CN_SPI, authenticator: new Uint8Array(16) }],
  }), { auth: { 'ro-auth': { key: fields.key ?? HA_CN_KEY } } });
}

const bytes = (hex: string) => Uint8Array.from(hex.split(' '), (h) => parseInt(h, 16));
const fromHa = (payload: Uint8Array) => ({ payload, source: HA, destination: CN });

describe('correspondent: Perkins & Johnson §3.3 story', () => {
  it('the HA tunnels for the CN and sends an authenticated BU; the CN caches HoA→CoA and tunnels its next datagram straight to the CoA', () => {
    const random = seeded();
    const ha = afterTunnellingFor(emptyHomeAgentState(), haContext(), CN, MN, 0, random);
    expect(ha.sends).toHaveLength(1);
    expect(ha.sends[0]).toMatchObject({ source: HA, destination: CN, sourcePort: 434, destinationPort: 434, ttl: 64 });

    const cn = receiveBindingUpdate(emptyCorrespondentState(), cnContext(), arrival(ha.sends[0]!), 10_000, random);
    expect(cn.sends).toEqual([]); // A = 0 from trigger (a)
    expect(peekBinding(cn.state.cache, MN, 10_000)).toMatchObject({ careOfAddress: FA1, haAddress: HA, lifetimeSeconds: 300, origin: 'home-agent' });
    expect(cn.traces.map((t) => t.summary)).toContain('Binding Update authenticated');

    const route = routeForDestination(cn.state, cnContext(), MN, S, random);
    expect(route.route).toEqual({ kind: 'tunnel', careOfAddress: FA1, encapsulation: 'ip-in-ip' });
    if (route.route.kind !== 'tunnel') throw new Error('unreachable');
    const tunnelled = tunnelFromCorrespondent(dataDatagram(), route.route, CN, 9);
    if (!tunnelled.ok) throw new Error('tunnel failed');
    const outer = parseIpv4(tunnelled.value);
    expect(outer.ok && outer.value).toMatchObject({ source: CN, destination: FA1, ttl: 64, protocol: 4 });
    const inner = decapsulateIpInIp(tunnelled.value);
    expect(inner.ok && inner.value.innerDatagram).toMatchObject({ source: CN, destination: MN, ttl: 64 }); // CN is the originator: TTL unchanged
  });

  it('the HA BU matches the test vector (docs/protocol-notes.md §Test vectors) (nonce style, next = 2, current = 1)', () => {
    const state = { ...emptyHomeAgentState(), replay: { contexts: { [CN]: { lastTimestamp: null, nonce: { current: 1, next: 2 } } } } };
    const ctx = haContext({ associations: associations(msa(CN, HA_CN_KEY, HA_CN_SPI, 'nonce')) });
    const r = afterTunnellingFor(state, ctx, CN, MN, 0, seeded());
    expect(r.sends[0]!.payload).toEqual(bytes('12 40 01 2c 0a 01 00 0a c0 a8 02 01 00 00 00 02 00 00 00 01 23 14 00 00 01 01 1c 65 b3 93 d2 b1 e5 fb e4 89 e4 c0 48 1d 3f b8'));
  });

  it('without route optimization the datagram takes normal routing', () => {
    const r = routeForDestination(emptyCorrespondentState(), cnContext(), MN, 0, seeded());
    expect(r.route).toEqual({ kind: 'normal' });
  });
});

describe('correspondent: refusals leave the state unchanged', () => {
  it('no type-35 extension → Status 134 when A is set', () => {
    const bare = sealMessage(bindingUpdate({ flags: { acknowledge: true, minimalEncapsulation: false, greEncapsulation: false, reserved: 0 }, lifetime: 300, homeAddress: MN, careOfAddress: FA1, identification: { high: 1, low: 2 } }), {});
    const before = emptyCorrespondentState();
    const r = receiveBindingUpdate(before, cnContext(), fromHa(bare), 0, seeded());
    expect(r.state).toBe(before);
    const { ba, send } = baOf(r);
    expect(ba).toMatchObject({ status: 134, homeAddress: MN, identification: { high: 0, low: 0 } });
    expect(send).toMatchObject({ source: CN, destination: HA, destinationPort: 434 });
  });

  it('a truncated BU with A set → 134; without A → nothing sent', () => {
    const truncated = new Uint8Array(cnBu().subarray(0, 10));
    const withA = receiveBindingUpdate(emptyCorrespondentState(), cnContext(), fromHa(truncated), 0, seeded());
    expect(baOf(withA).ba).toMatchObject({ status: 134, homeAddress: MN });
    expect(withA.traces[0]).toMatchObject({ kind: 'dropped' });
    const r = receiveBindingUpdate(emptyCorrespondentState(), cnContext(), fromHa(Uint8Array.of(18, 0x00, 0, 1)), 0, seeded());
    expect(r.sends).toEqual([]);
    expect(r.traces[0]).toMatchObject({ kind: 'dropped' });
  });

  it('wrong key → Status 131, nothing cached', () => {
    const before = emptyCorrespondentState();
    const r = receiveBindingUpdate(before, cnContext(), fromHa(cnBu({ key: new Uint8Array(16).fill(1) })), 0, seeded());
    expect(r.state).toBe(before);
    expect(baOf(r).ba.status).toBe(131);
    expect(r.traces.some((t) => t.kind === 'dropped' && /authentication exception/.test(t.reason ?? ''))).toBe(true);
  });

  it('a BU from an address with no MSA → 131', () => {
    const r = receiveBindingUpdate(emptyCorrespondentState(), cnContext(), { payload: cnBu(), source: '203.0.113.9', destination: CN }, 0, seeded());
    expect(baOf(r).ba.status).toBe(131);
  });

  it('a replayed timestamp → Status 133', () => {
    const bu = cnBu();
    const first = receiveBindingUpdate(emptyCorrespondentState(), cnContext(), fromHa(bu), 0, seeded());
    expect(baOf(first).ba.status).toBe(0);
    const second = receiveBindingUpdate(first.state, cnContext(), fromHa(bu), S, seeded());
    expect(second.state).toBe(first.state);
    expect(baOf(second).ba.status).toBe(133);
  });

  it('a legacy correspondent ignores Binding Updates', () => {
    const before = emptyCorrespondentState();
    const r = receiveBindingUpdate(before, cnContext({ implementsRouteOptimization: false }), fromHa(cnBu()), 0, seeded());
    expect(r.state).toBe(before);
    expect(r.sends).toEqual([]);
    expect(r.traces[0]!.reason).toBe('ignored: this correspondent does not implement Route Optimization');
  });
});

describe('correspondent: deletion, refresh and encapsulation', () => {
  const at = (s: number) => ({ high: (1_767_225_600 + 2_208_988_800 + s) >>> 0, low: 0 });

  it('Lifetime 0 or CoA = home address deletes the entry', () => {
    const created = receiveBindingUpdate(emptyCorrespondentState(), cnContext(), fromHa(cnBu({ id: at(0) })), 0, seeded());
    const gone = receiveBindingUpdate(created.state, cnContext(), fromHa(cnBu({ lifetime: 0, id: at(1) })), S, seeded());
    expect(peekBinding(gone.state.cache, MN, S)).toBeNull();
    const again = receiveBindingUpdate(gone.state, cnContext(), fromHa(cnBu({ id: at(2) })), 2 * S, seeded());
    const home = receiveBindingUpdate(again.state, cnContext(), fromHa(cnBu({ careOf: MN, id: at(3) })), 3 * S, seeded());
    expect(peekBinding(home.state.cache, MN, 3 * S)).toBeNull();
  });

  it('sends one Binding Request near expiry (OC-43); the HA answer copies its Identification and refreshes the entry', () => {
    const random = seeded();
    const cached = receiveBindingUpdate(emptyCorrespondentState(), cnContext(), fromHa(cnBu({ id: at(0) })), 0, random).state;
    let state: CorrespondentState = routeForDestination(cached, cnContext(), MN, 200 * S, random).state; // used, not yet near the end
    const near = routeForDestination(state, cnContext(), MN, 250 * S, random);
    expect(near.sends).toHaveLength(1);
    const brSend = near.sends[0]!;
    expect(brSend).toMatchObject({ source: CN, destination: HA });
    state = near.state;
    expect(routeForDestination(state, cnContext(), MN, 251 * S, random).sends).toEqual([]); // one outstanding

    const ha = receiveBindingRequest(emptyHomeAgentState(), haContext({ bindings: registered(FA1, {}, 600) }), arrival(brSend), 250 * S, random);
    expect(ha.sends).toHaveLength(1);
    const br = parseMipMessage(brSend.payload);
    const answer = parseMipMessage(ha.sends[0]!.payload);
    if (!br.ok || !answer.ok || br.value.kind !== 'binding-request' || answer.value.kind !== 'binding-update') throw new Error('unexpected messages');
    expect(answer.value.identification).toEqual(br.value.identification); // optim-08 §4.3
    expect(answer.value.lifetime).toBe(350);

    const refreshed = receiveBindingUpdate(state, cnContext(), arrival(ha.sends[0]!), 250 * S + 1000, random);
    expect(refreshed.traces.some((t) => /answers our Binding Request/.test(t.reason ?? ''))).toBe(true);
    expect(peekBinding(refreshed.state.cache, MN, 250 * S + 1000)).toMatchObject({ lifetimeSeconds: 350, bindingRequestSentAt: 250 * S });
    expect(needsRefresh(peekBinding(refreshed.state.cache, MN, 250 * S + 1000)!, 300 * S)).toBe(false); // the new window starts at 250 s + 280 s
  });

  it('uses minimal encapsulation only when configured and permitted by M (OC-39)', () => {
    const random = seeded();
    const plain = receiveBindingUpdate(emptyCorrespondentState(), cnContext(), fromHa(cnBu({ id: at(0) })), 0, random).state;
    expect(routeForDestination(plain, cnContext({ preferredEncapsulation: 'minimal' }), MN, S, random).route).toMatchObject({ encapsulation: 'ip-in-ip' });
    const ha = afterTunnellingFor(emptyHomeAgentState(), haContext({ bindings: registered(FA1, { minimalEncapsulation: true }) }), CN, MN, 0, random);
    const withM = receiveBindingUpdate(emptyCorrespondentState(), cnContext(), arrival(ha.sends[0]!), 0, random).state;
    expect(routeForDestination(withM, cnContext({ preferredEncapsulation: 'minimal' }), MN, S, random).route).toMatchObject({ encapsulation: 'minimal' });
  });
});
