// The IPv6 correspondent's other decisions: datagrams with a Home Address
// option, no Mobility Header support, Binding Refresh Requests, expiry and the
// learner's switch (Perkins & Johnson §10; RFC 6275 §9).

import { describe, expect, it } from 'vitest';
import { seconds } from '../../../node/time';
import { parseIcmpv6 } from '../../../wire/ipv6/icmpv6';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { buildIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { encodeUdp6, udp } from '../../../wire/ipv6/udp6';
import { flowPayload } from '../../../network/behaviours/udp-datagram';
import { peekIpv6Binding } from './binding-cache-v6';
import { CN6_EXPIRY_TIMER, CN6_REFRESH_TIMER } from './correspondent-v6';
import { CN, COA, HOME, bindingUpdate, correspondent, driver, fromMobileNode, sent, traces } from './test-support/cn6-fixture';

const T = seconds(10);

describe('IPv6 correspondent', () => {
  it('delivers a datagram with a Home Address option as coming from the home address, without a binding (RFC 6275 §9.3.1)', () => {
    const d = driver(correspondent());
    const packet = buildIpv6Packet({
      source: COA, destination: CN, hopLimit: 62, homeAddressOption: HOME,
      upper: { nextHeader: NextHeader.UDP, bytes: (pseudo) => encodeUdp6(udp(7, 5000, flowPayload('echo', 3, 32)), pseudo) },
    });
    const out = d.receive(packet, T);
    expect(traces(out, 'delivered')[0]!.summary).toMatch(/from care-of address 2001:db8:2::10 \(Home Address option: the sender is 2001:db8:1::10/);
    expect(d.state.deliveries).toEqual([expect.objectContaining({ source: HOME, destination: CN, flow: 'echo', sequence: 3, ttl: 62, sourcePort: 7 })]);
    expect(d.state.deliveredCount).toBe(1);
  });

  it('drops a UDP datagram whose checksum was computed over the care-of address instead of the home address', () => {
    const d = driver(correspondent());
    const packet = buildIpv6Packet({
      source: COA, destination: CN, hopLimit: 62, homeAddressOption: HOME,
      upper: { nextHeader: NextHeader.UDP, bytes: encodeUdp6(udp(7, 5000, new Uint8Array(8)), { source: COA, destination: CN }) },
    });
    expect(traces(d.receive(packet, T), 'dropped')[0]!.reason).toMatch(/bad UDP checksum/);
    expect(d.state.deliveries).toHaveLength(0);
  });

  it('without route optimization answers a Binding Update with ICMPv6 Parameter Problem pointing at the Next Header, and caches nothing (RFC 6275 §9.2, §11.3.5)', () => {
    const d = driver(correspondent({ routeOptimization: false }));
    const packet = fromMobileNode({ message: bindingUpdate(), ah: { sequence: 1 } });
    const out = d.receive(packet, T);
    expect(traces(out, 'dropped')[0]!.reason).toMatch(/does not process the Mobility Header/);
    const [icmp] = sent(out);
    expect(icmp!.packet.header).toMatchObject({ source: CN, destination: COA });
    expect(icmp!.packet.upperNextHeader).toBe(NextHeader.ICMPV6);
    const m = parseIcmpv6(icmp!.packet.upperBytes, 0, icmp!.packet.upperBytes.length, { source: CN, destination: COA });
    expect(m.ok && m.value).toMatchObject({ kind: 'parameter-problem', code: 1, checksumValid: true }); // unrecognized Next Header type (RFC 4443 §3.4)
    const pointer = m.ok && m.value.kind === 'parameter-problem' ? m.value.pointer : -1;
    expect(packet[pointer]).toBe(NextHeader.MOBILITY); // the Next Header field (of AH) that named the Mobility Header
    expect(d.state.cache.entries).toEqual({});
  });

  it('sends one Binding Refresh Request at the refresh point for a binding in use, through the binding', () => {
    const d = driver(correspondent());
    d.receive(fromMobileNode({ message: bindingUpdate({ sequence: 1, lifetimeUnits: 10 }), ah: { sequence: 1 } }), T); // 40 s: refresh point at T + 30 s
    d.step({ kind: 'command', command: { type: 'send-udp', destination: HOME, sourcePort: 5000, destinationPort: 7, payload: new Uint8Array(4) } }, T + seconds(25));
    const out = d.step({ kind: 'timer', key: CN6_REFRESH_TIMER }, T + seconds(30)).outputs;
    const [brr] = sent(out);
    expect(brr!.mobility).toMatchObject({ kind: 'binding-refresh-request' });
    expect(brr!.packet.header.destination).toBe(COA);
    expect(brr!.packet.routingHeader2?.homeAddress).toBe(HOME);
    expect(sent(d.step({ kind: 'timer', key: CN6_REFRESH_TIMER }, T + seconds(31)).outputs)).toHaveLength(0); // one per window
    // The answering Binding Update refreshes the entry and opens a new window.
    d.receive(fromMobileNode({ message: bindingUpdate({ sequence: 2, lifetimeUnits: 10 }), ah: { sequence: 2 } }), T + seconds(32));
    expect(peekIpv6Binding(d.state.cache, HOME, T + seconds(32))).toMatchObject({ sequence: 2, expiresAt: T + seconds(72) });
  });

  it('sends no Binding Refresh Request for a binding not used in the last 30 s, and lets it expire', () => {
    const d = driver(correspondent());
    d.receive(fromMobileNode({ message: bindingUpdate({ lifetimeUnits: 10 }), ah: { sequence: 1 } }), T);
    expect(sent(d.step({ kind: 'timer', key: CN6_REFRESH_TIMER }, T + seconds(30)).outputs)).toHaveLength(0);
    const out = d.step({ kind: 'timer', key: CN6_EXPIRY_TIMER }, T + seconds(40)).outputs;
    expect(traces(out, 'table-changed')[0]!.summary).toBe('binding cache: 2001:db8:1::10 expired');
    expect(out).toContainEqual({ kind: 'cancel-timer', key: CN6_EXPIRY_TIMER });
  });

  it('the learner turning route optimization off empties the cache', () => {
    const d = driver(correspondent());
    d.receive(fromMobileNode({ message: bindingUpdate(), ah: { sequence: 1 } }), T);
    const out = d.step({ kind: 'command', command: { type: 'configure', setting: 'route-optimization', value: false } }, T + 1).outputs;
    expect(traces(out, 'table-changed').map((e) => e.summary)).toEqual(['binding cache: 2001:db8:1::10 removed']);
    expect(d.state.cache.entries).toEqual({});
    expect(traces(d.step({ kind: 'command', command: { type: 'configure', setting: 'smooth-handoff', value: true } }, T + 2).outputs, 'decision')).toHaveLength(1);
  });

  it('sends its flows on their timers, numbering each datagram', () => {
    const d = driver(correspondent({ flows: [{ id: 'f', destination: HOME, sourcePort: 5000, destinationPort: 7, start: seconds(1), interval: seconds(1), count: 2, payloadOctets: 32 }] }));
    expect(d.step({ kind: 'command', command: { type: 'start' } }, 0).outputs).toEqual([{ kind: 'set-timer', key: 'flow:f', at: seconds(1) }]);
    const first = d.step({ kind: 'timer', key: 'flow:f' }, seconds(1)).outputs;
    expect(sent(first)[0]!.packet.header.destination).toBe(HOME);
    expect(first).toContainEqual({ kind: 'set-timer', key: 'flow:f', at: seconds(2) });
    const second = d.step({ kind: 'timer', key: 'flow:f' }, seconds(2)).outputs;
    expect(second.some((o) => o.kind === 'set-timer')).toBe(false);
    expect(d.state.sent).toEqual({ f: 2 });
  });
});
