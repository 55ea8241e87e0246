// Return routability at the mobile node (RFC 6275 §5.2.3–§5.2.6, §11.6,
// §11.7.3), with hand-built tests from the correspondent; the Binding
// Authorization Data is checked here with node's own HMAC-SHA1, independently
// of the lab's crypto module.

import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ipv6Bytes } from '../../../wire/ipv6/ipv6-address';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { bindingAuthorizationInput } from '../../../wire/ipv6/mobility-header';
import type { MobilityMessage, TestInitMessage } from '../../../wire/ipv6/mobility-messages';
import type { MobileNodeV6State } from './mobile-node-v6-state';
import {
  AR1_MAC, CN, COA1, HA, HA_KEY, HOME, awayInCell1, frameIn, mobilityOf, mobilityPacketTo, parsed, step, traces, transmits, tunnelled, udpFromCn,
} from './test-support/mn6-fixture';

const HOME_TOKEN = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
const CARE_OF_TOKEN = Uint8Array.from([9, 10, 11, 12, 13, 14, 15, 16]);

const registered = (): MobileNodeV6State => step(awayInCell1({ correspondentAuthentication: 'return-routability' }).state, frameIn(mobilityPacketTo({
  source: HA, destination: COA1, routingHeader2: HOME, message: { kind: 'binding-acknowledgement', status: 0, keyManagement: false, sequence: 1, lifetimeUnits: 75, options: [] }, ah: { spi: 1000, sequence: 1, key: HA_KEY },
}), AR1_MAC), 1.03).state;

interface Inits { readonly home?: TestInitMessage; readonly careOf?: TestInitMessage; readonly homeTunnelledTo?: string }
function initsIn(outputs: Parameters<typeof transmits>[0]): Inits {
  let out: Inits = {};
  for (const t of transmits(outputs)) {
    const p = parsed(t.frame.payload);
    if (p.upperNextHeader === NextHeader.IPV6) {
      const inner = parsed(p.upperBytes);
      const m = mobilityOf(inner);
      if (m.kind === 'home-test-init') out = { ...out, home: m, homeTunnelledTo: p.header.destination };
      expect(inner.header.source).toBe(HOME);
      expect(p.header.source).toBe(COA1);
    } else if (p.upperNextHeader === NextHeader.MOBILITY) {
      const m = mobilityOf(p);
      if (m.kind === 'care-of-test-init') {
        expect(p.header.source).toBe(COA1);
        expect(p.homeAddressOption).toBeUndefined(); // RFC 6275 §6.1.4: the CoTI carries no Home Address option
        out = { ...out, careOf: m };
      }
    }
  }
  return out;
}

const homeTest = (cookie: Uint8Array, nonceIndex = 3): MobilityMessage => ({ kind: 'home-test', nonceIndex, cookie, keygenToken: HOME_TOKEN, options: [] });
const careOfTest = (cookie: Uint8Array, nonceIndex = 4): MobilityMessage => ({ kind: 'care-of-test', nonceIndex, cookie, keygenToken: CARE_OF_TOKEN, options: [] });
const hotIn = (cookie: Uint8Array) => frameIn(tunnelled(mobilityPacketTo({ source: CN, destination: HOME, message: homeTest(cookie) })), AR1_MAC);
const cotIn = (cookie: Uint8Array) => frameIn(mobilityPacketTo({ source: CN, destination: COA1, message: careOfTest(cookie) }), AR1_MAC);

describe('return routability (RFC 6275 §5.2)', () => {
  it('a tunnelled datagram starts the tests: HoTI from the home address reverse-tunnelled via the home agent, CoTI straight from the care-of address', () => {
    const r = step(registered(), frameIn(tunnelled(udpFromCn()), AR1_MAC), 2);
    const inits = initsIn(r.outputs);
    expect(inits.homeTunnelledTo).toBe(HA);
    expect(inits.home?.cookie).toHaveLength(8);
    expect(inits.careOf?.cookie).toHaveLength(8);
    expect(transmits(r.outputs).map((t) => parsed(t.frame.payload)).filter((p) => p.upperNextHeader === NextHeader.MOBILITY && mobilityOf(p).kind === 'binding-update')).toHaveLength(0);
    expect(transmits(r.outputs)).toHaveLength(2);
    expect(r.state.returnRoutability[CN]).toMatchObject({ bindingPending: true, homeToken: null, careOfToken: null });
  });

  it('with both tests back it sends a Binding Update with Nonce Indices and Binding Authorization Data = First(96, HMAC-SHA1(Kbm, care-of ‖ correspondent ‖ MH data))', () => {
    const started = step(registered(), frameIn(tunnelled(udpFromCn()), AR1_MAC), 2);
    const inits = initsIn(started.outputs);
    const afterHot = step(started.state, hotIn(inits.home!.cookie), 2.05);
    expect(transmits(afterHot.outputs)).toHaveLength(0);
    const r = step(afterHot.state, cotIn(inits.careOf!.cookie), 2.06);
    const buBytes = transmits(r.outputs)[0]!.frame.payload;
    const p = parsed(buBytes);
    expect(p.authentication).toBeUndefined();
    expect(p.homeAddressOption).toBe(HOME);
    const bu = mobilityOf(p);
    expect(bu).toMatchObject({ kind: 'binding-update', sequence: 1, homeRegistration: false, lifetimeUnits: 10 });
    if (bu.kind !== 'binding-update') return;
    expect(bu.options.find((o) => o.kind === 'nonce-indices')).toEqual({ kind: 'nonce-indices', homeNonceIndex: 3, careOfNonceIndex: 4 });
    const bad = bu.options.find((o) => o.kind === 'binding-authorization-data');
    const mhData = bindingAuthorizationInput(p.upperBytes);
    expect(mhData.ok).toBe(true);
    if (!mhData.ok || bad?.kind !== 'binding-authorization-data') throw new Error('no Binding Authorization Data');
    const kbm = createHash('sha1').update(HOME_TOKEN).update(CARE_OF_TOKEN).digest();
    const expected = createHmac('sha1', kbm).update(ipv6Bytes(COA1)).update(ipv6Bytes(CN)).update(mhData.value).digest().subarray(0, 12);
    expect(Buffer.from(bad.authenticator).toString('hex')).toBe(expected.toString('hex'));
  });

  it('a test whose cookie is not the one sent is discarded (RFC 6275 §11.6.2)', () => {
    const started = step(registered(), frameIn(tunnelled(udpFromCn()), AR1_MAC), 2);
    const r = step(started.state, cotIn(new Uint8Array(8).fill(0xee)), 2.05);
    expect(traces(r.outputs, 'dropped')[0]!.reason).toMatch(/cookie does not match/);
    expect(r.state.returnRoutability[CN]!.careOfToken).toBeNull();
  });

  it('tokens older than 210 s are not used: a Binding Refresh Request then runs the tests again (RFC 6275 §12 MAX_TOKEN_LIFETIME)', () => {
    const started = step(registered(), frameIn(tunnelled(udpFromCn()), AR1_MAC), 2);
    const inits = initsIn(started.outputs);
    const bound = step(step(started.state, hotIn(inits.home!.cookie), 2.05).state, cotIn(inits.careOf!.cookie), 2.06).state;
    const brr = (at: number) => step(bound, frameIn(mobilityPacketTo({ source: CN, destination: COA1, routingHeader2: HOME, message: { kind: 'binding-refresh-request', options: [] } }), AR1_MAC), at);
    const fresh = brr(200);
    expect(transmits(fresh.outputs).map((t) => mobilityOf(parsed(t.frame.payload)).kind)).toEqual(['binding-update']);
    const stale = brr(2.06 + 210);
    const again = initsIn(stale.outputs);
    expect(again.home).toBeDefined();
    expect(again.careOf).toBeDefined();
    expect(stale.state.returnRoutability[CN]!.bindingPending).toBe(true);
  });

  it('BA status 136 (expired home nonce index): only the home test is run again', () => {
    const started = step(registered(), frameIn(tunnelled(udpFromCn()), AR1_MAC), 2);
    const inits = initsIn(started.outputs);
    const bound = step(step(started.state, hotIn(inits.home!.cookie), 2.05).state, cotIn(inits.careOf!.cookie), 2.06).state;
    const r = step(bound, frameIn(mobilityPacketTo({ source: CN, destination: COA1, routingHeader2: HOME, message: { kind: 'binding-acknowledgement', status: 136, keyManagement: false, sequence: 1, lifetimeUnits: 0, options: [] } }), AR1_MAC), 2.08);
    const again = initsIn(r.outputs);
    expect(again.home).toBeDefined();
    expect(again.careOf).toBeUndefined();
    expect(r.state.returnRoutability[CN]!.homeToken).toBeNull();
    expect(r.state.returnRoutability[CN]!.careOfToken).not.toBeNull();
  });
});
