// Binding Updates under AH at the IPv6 correspondent (Perkins & Johnson §10;
// RFC 6275 §9.5; RFC 4302 §3.4), one decision per test.

import { describe, expect, it } from 'vitest';
import { seconds } from '../../../node/time';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { peekIpv6Binding } from './binding-cache-v6';
import { COA, CN, HOME, OTHER_COA, bindingUpdate, correspondent, driver, fromMobileNode, sent, traces } from './test-support/cn6-fixture';

const T = seconds(10);

function bound() {
  const d = driver(correspondent());
  d.receive(fromMobileNode({ message: bindingUpdate({ sequence: 7 }), ah: { sequence: 1 } }), T);
  return d;
}

describe('IPv6 correspondent: Binding Updates under AH', () => {
  it('accepts an AH-protected Binding Update, caches the binding and acknowledges through it', () => {
    const d = driver(correspondent());
    const out = d.receive(fromMobileNode({ message: bindingUpdate({ sequence: 7, lifetimeUnits: 10 }), ah: { sequence: 1 } }), T);
    expect(traces(out, 'decision')[0]!.reason).toMatch(/AH verified under SPI 256.*2001:db8:1::10 → 2001:db8:2::10 for 40 s/);
    expect(peekIpv6Binding(d.state.cache, HOME, T)).toMatchObject({ careOfAddress: COA, sequence: 7, lifetimeSeconds: 40, authorization: { kind: 'ipsec', spi: 256 } });
    const [ba] = sent(out);
    expect(ba!.packet.header).toMatchObject({ source: CN, destination: COA });
    expect(ba!.packet.routingHeader2).toMatchObject({ homeAddress: HOME, segmentsLeft: 1 });
    expect(ba!.packet.authentication).toMatchObject({ spi: 256, sequence: 1 });
    expect(ba!.mobility).toMatchObject({ kind: 'binding-acknowledgement', status: 0, sequence: 7, lifetimeUnits: 10 });
    expect(out.filter((o) => o.kind === 'set-timer').map((o) => o.kind === 'set-timer' && o.at)).toEqual([T + seconds(40), T + seconds(30)]);
  });

  it('then sends its datagrams to the care-of address with a type 2 Routing header', () => {
    const d = bound();
    const out = d.step({ kind: 'command', command: { type: 'send-udp', destination: HOME, sourcePort: 5000, destinationPort: 7, payload: new Uint8Array(8) } }, T + 1).outputs;
    const [u] = sent(out);
    expect(u!.packet.header.destination).toBe(COA);
    expect(u!.packet.routingHeader2?.homeAddress).toBe(HOME);
    expect(u!.packet.upperNextHeader).toBe(NextHeader.UDP);
    expect(peekIpv6Binding(d.state.cache, HOME, T + 1)!.lastUsedAt).toBe(T + 1);
  });

  it('without a binding sends to the home address, no Routing header', () => {
    const d = driver(correspondent());
    const [u] = sent(d.step({ kind: 'command', command: { type: 'send-udp', destination: HOME, sourcePort: 5000, destinationPort: 7, payload: new Uint8Array(8) } }, T).outputs);
    expect(u!.packet.header.destination).toBe(HOME);
    expect(u!.packet.routingHeader2).toBeUndefined();
  });

  it('discards a replayed packet: its AH Sequence Number was already seen (RFC 4302 §3.4.3)', () => {
    const d = driver(correspondent());
    const packet = fromMobileNode({ message: bindingUpdate({ sequence: 7 }), ah: { sequence: 1 } });
    d.receive(packet, T);
    const out = d.receive(packet, T + seconds(1));
    expect(traces(out, 'dropped')[0]).toMatchObject({ reason: expect.stringMatching(/AH Sequence Number 1 was already received.*replayed/), ref: 'RFC 4302 §3.4.3' });
    expect(sent(out)).toHaveLength(0);
    expect(d.state.refused.at(-1)).toMatchObject({ status: null, sequence: 7 });
  });

  it('discards a Binding Update whose ICV was made with another key, and keeps the window where it was', () => {
    const d = bound();
    const out = d.receive(fromMobileNode({ message: bindingUpdate({ sequence: 8 }), source: OTHER_COA, ah: { sequence: 5, key: new Uint8Array(16).fill(0x22) } }), T + 1);
    expect(traces(out, 'dropped')[0]!.reason).toMatch(/AH Integrity Check Value does not verify/);
    expect(sent(out)).toHaveLength(0);
    expect(d.state.ah.inbound['256']!.highest).toBe(1);
    expect(peekIpv6Binding(d.state.cache, HOME, T + 1)!.careOfAddress).toBe(COA);
  });

  it('discards a Binding Update whose care-of address was changed on the way (the ICV covers it)', () => {
    const d = driver(correspondent());
    const packet = fromMobileNode({ message: bindingUpdate({ sequence: 7 }), ah: { sequence: 1 } });
    const tampered = packet.slice();
    tampered.set([0x20, 0x01, 0x0d, 0xb8, 0, 3], 8); // IPv6 source 2001:db8:2::10 → 2001:db8:3::10
    tampered[13] = 0x03;
    const out = d.receive(tampered, T);
    expect(traces(out, 'dropped')[0]!.reason).toMatch(/Integrity Check Value does not verify/);
    expect(peekIpv6Binding(d.state.cache, HOME, T)).toBeNull();
  });

  it('refuses a Binding Update whose Sequence Number is not newer with BA 135 carrying the last accepted one', () => {
    const d = bound();
    const out = d.receive(fromMobileNode({ message: bindingUpdate({ sequence: 7, acknowledge: false }), ah: { sequence: 2 } }), T + 1);
    expect(traces(out, 'dropped')[0]!.reason).toMatch(/Sequence Number 7 is not newer than 7/);
    const [ba] = sent(out);
    expect(ba!.mobility).toMatchObject({ kind: 'binding-acknowledgement', status: 135, sequence: 7 });
  });

  it('accepts a newer sequence across the 16-bit wrap (RFC 6275 §9.5.1)', () => {
    const d = driver(correspondent());
    d.receive(fromMobileNode({ message: bindingUpdate({ sequence: 0xffff }), ah: { sequence: 1 } }), T);
    d.receive(fromMobileNode({ message: bindingUpdate({ sequence: 0, options: [] }), source: OTHER_COA, ah: { sequence: 2 } }), T + 1);
    expect(peekIpv6Binding(d.state.cache, HOME, T + 1)).toMatchObject({ careOfAddress: OTHER_COA, sequence: 0 });
  });

  it('deletes the binding on Lifetime 0, and on a care-of address equal to the home address', () => {
    const d = bound();
    d.receive(fromMobileNode({ message: bindingUpdate({ sequence: 8, lifetimeUnits: 0 }), ah: { sequence: 2 } }), T + 1);
    expect(peekIpv6Binding(d.state.cache, HOME, T + 1)).toBeNull();
    const e = bound();
    const out = e.receive(fromMobileNode({ message: bindingUpdate({ sequence: 8 }), source: HOME, homeAddressOption: null, ah: { sequence: 2 } }), T + 1);
    expect(peekIpv6Binding(e.state.cache, HOME, T + 1)).toBeNull();
    const [ba] = sent(out);
    expect(ba!.packet.header.destination).toBe(HOME); // at home: no Routing header
    expect(ba!.packet.routingHeader2).toBeUndefined();
  });

  it('refuses H (home registration) with BA 131: it is no home agent', () => {
    const d = driver(correspondent());
    const out = d.receive(fromMobileNode({ message: bindingUpdate({ homeRegistration: true }), ah: { sequence: 1 } }), T);
    expect(sent(out)[0]!.mobility).toMatchObject({ status: 131 });
    expect(peekIpv6Binding(d.state.cache, HOME, T)).toBeNull();
  });

  it('refuses an association that is not the home address\'s with BA 129', () => {
    const d = driver(correspondent({ associations: [{ spi: 256, peer: 'MN2', peerAddresses: ['2001:db8:1::99'], key: new Uint8Array(16).fill(0x11) }] }));
    const out = d.receive(fromMobileNode({ message: bindingUpdate(), ah: { sequence: 1 } }), T);
    expect(traces(out, 'dropped')[0]!.reason).toMatch(/SPI 256 is with MN2 \(2001:db8:1::99\).*only bind its own home address/);
    expect(sent(out)[0]!.mobility).toMatchObject({ status: 129 });
  });

  it('refuses an unauthenticated Binding Update with BA 129, and an unknown SPI silently', () => {
    const d = driver(correspondent());
    const none = d.receive(fromMobileNode({ message: bindingUpdate() }), T);
    expect(traces(none, 'dropped')[0]!.reason).toMatch(/no way to authenticate/);
    expect(sent(none)[0]!.mobility).toMatchObject({ status: 129 });
    const unknown = d.receive(fromMobileNode({ message: bindingUpdate(), ah: { spi: 999, sequence: 1 } }), T);
    expect(traces(unknown, 'dropped')[0]!.reason).toMatch(/no security association with that SPI/);
    expect(sent(unknown)).toHaveLength(0);
  });
});
