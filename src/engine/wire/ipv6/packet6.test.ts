import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describePacket, dissectPacketFully, MAX_TUNNEL_DEPTH } from '../packet';
import type { FieldNode } from '../dissection';
import { expectInside, hexToBytes, okValue } from '../test-support/laws';
import { routerSolicitation } from './icmpv6-builders';
import { NextHeader } from './ipv6-header';
import { encapsulateIpv6 } from './ipv6-in-ipv6';
import { buildIpv6Packet } from './ipv6-packet';
import { emitMobilityHeader } from './mobility-header';
import { MAX_TUNNEL_DEPTH6 } from './packet6';
import { encodeUdp6, udp } from './udp6';

const HA = '2001:db8:1::1';
const HOME = '2001:db8:1::10';
const COA = '2001:db8:2::10';
const CN = '2001:db8:100::5';

const bindingUpdate = buildIpv6Packet({
  source: COA, destination: HA, hopLimit: 64, homeAddressOption: HOME,
  authentication: { spi: 256, sequence: 1, icv: () => new Uint8Array(12).fill(0x5a) },
  upper: {
    nextHeader: NextHeader.MOBILITY,
    bytes: (pseudo) => emitMobilityHeader({ kind: 'binding-update', sequence: 1, acknowledge: true, homeRegistration: true, linkLocalCompatibility: false, keyManagement: false, lifetimeUnits: 75, options: [] }, pseudo),
  },
});

const routed = buildIpv6Packet({
  source: CN, destination: COA, hopLimit: 64, routingHeader2: { homeAddress: HOME },
  upper: { nextHeader: NextHeader.UDP, bytes: (pseudo) => encodeUdp6(udp(5000, 7, new TextEncoder().encode('ping')), pseudo) },
});

const direct = buildIpv6Packet({ source: CN, destination: HOME, hopLimit: 64, upper: { nextHeader: NextHeader.UDP, bytes: (pseudo) => encodeUdp6(udp(5000, 7, new TextEncoder().encode('ping')), pseudo) } });

function names(node: FieldNode): string[] {
  return (node.children ?? []).map((c) => c.name);
}

describe('IPv6 packet walker (through packet.ts)', () => {
  it('describes a home registration Binding Update: HAO, AH, Mobility Header', () => {
    const d = okValue(dissectPacketFully(bindingUpdate));
    expect(d.description).toEqual({
      name: 'Binding Update',
      summary: `${COA} → ${HA} [home address ${HOME}] — Binding Update`,
      protocols: ['IPv6', 'Destination Options', 'AH', 'Mobility Header'],
      kind: 'control',
      tunnelled: false,
    });
    expect(names(d.root)).toEqual(['Internet Protocol Version 6', 'Destination Options', 'Authentication Header', 'Mobility Header']);
    const options = d.root.children![1]!;
    expect(names(options)).toEqual(['Next Header', 'Hdr Ext Len', 'PadN', 'Home Address option']);
    expectInside(d.root, 0, bindingUpdate.length);
  });

  it('describes a route-optimised datagram to a care-of address: type 2 Routing header, UDP checksummed to the home address', () => {
    const d = okValue(describePacket(routed));
    expect(d).toEqual({
      name: 'UDP data 5000 → 7',
      summary: `${CN} → ${COA} [to home address ${HOME}] — UDP data 5000 → 7`,
      protocols: ['IPv6', 'Routing (type 2)', 'UDP'],
      kind: 'data',
      tunnelled: false,
    });
    const root = okValue(dissectPacketFully(routed)).root;
    const udpNode = root.children!.find((c) => c.name === 'User Datagram Protocol')!;
    expect(udpNode.children!.find((c) => c.name === 'Checksum')!.value).toMatch(/\[correct\]$/);
  });

  it('describes a datagram tunnelled by the home agent (IPv6 in IPv6), the tunnel grouping the outer header', () => {
    const tunnelled = okValue(encapsulateIpv6(direct, { source: HA, destination: COA, decrementInnerHopLimit: true }));
    const d = okValue(dissectPacketFully(tunnelled));
    expect(d.description).toEqual({
      name: 'UDP data 5000 → 7',
      summary: `${HA} → ${COA} [IPv6 in IPv6] ⇒ ${CN} → ${HOME} — UDP data 5000 → 7`,
      protocols: ['IPv6', 'IPv6 in IPv6', 'IPv6', 'UDP'],
      kind: 'data',
      tunnelled: true,
    });
    expect(names(d.root)).toEqual(['IPv6 in IPv6 tunnel', 'Internet Protocol Version 6', 'User Datagram Protocol', 'Data']);
    expectInside(d.root, 0, tunnelled.length);
  });

  it('describes Neighbor Discovery as discovery', () => {
    const rs = routerSolicitation({ source: 'fe80::1', destination: 'ff02::2', sourceLinkAddress: '02:00:00:00:00:01' });
    const packet = buildIpv6Packet({ source: 'fe80::1', destination: 'ff02::2', hopLimit: 255, upper: { nextHeader: NextHeader.ICMPV6, bytes: rs } });
    const d = okValue(describePacket(packet));
    expect(d).toMatchObject({ name: 'Router Solicitation', protocols: ['IPv6', 'ICMPv6'], kind: 'discovery' });
  });

  it('shows a fragment with the reason it goes no further', () => {
    const fragment = hexToBytes(`
      60 00 00 00 00 10 2c 40
      20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 10
      20 01 0d b8 00 03 00 00 00 00 00 00 00 00 00 20
      11 00 00 09 00 00 00 01  01 02 03 04 05 06 07 08`);
    const d = okValue(dissectPacketFully(fragment));
    expect(d.description).toMatchObject({ name: 'IPv6 fragment (offset 8)', protocols: ['IPv6', 'Fragment'] });
    expect(d.root.children![1]!.warning).toMatch(/^fragments are not reassembled in the lab/);
    expect(names(d.root)).toEqual(['Internet Protocol Version 6', 'Fragment Header', 'Data']);
  });

  it('shows trailing octets after the Payload Length', () => {
    const padded = new Uint8Array(direct.length + 6);
    padded.set(direct);
    const d = okValue(dissectPacketFully(padded));
    expect(d.root.children!.at(-1)).toMatchObject({ name: 'Trailing octets', offset: direct.length, length: 6 });
  });

  it('dispatches on the first nibble: neither 4 nor 6 is a clear error; IPv4 still goes the IPv4 way', () => {
    const v5 = direct.slice();
    v5[0] = 0x50;
    expect(dissectPacketFully(v5)).toEqual({ ok: false, error: { layer: 'Packet', field: 'Version', offset: 0, reason: 'version 5: neither IPv4 (4) nor IPv6 (6)' } });
    const v4 = hexToBytes('45 00 00 14 00 00 00 00 40 3b 00 00 0a 00 00 01 0a 00 00 02');
    expect(dissectPacketFully(v4)).toMatchObject({ ok: true, value: { description: { protocols: ['IPv4', 'unknown(59)'] } } });
  });

  it('bounds tunnel nesting at the IPv4 walker\'s depth', () => {
    expect(MAX_TUNNEL_DEPTH6).toBe(MAX_TUNNEL_DEPTH);
    let p = direct;
    for (let i = 0; i <= MAX_TUNNEL_DEPTH6; i++) p = okValue(encapsulateIpv6(p, { source: HA, destination: COA, decrementInnerHopLimit: false }));
    expect(dissectPacketFully(p)).toMatchObject({ ok: false, error: { field: 'tunnel nesting', reason: `more than ${MAX_TUNNEL_DEPTH6} nested tunnels` } });
    let q = direct;
    for (let i = 0; i < MAX_TUNNEL_DEPTH6; i++) q = okValue(encapsulateIpv6(q, { source: HA, destination: COA, decrementInnerHopLimit: false }));
    expect(okValue(describePacket(q)).protocols.filter((x) => x === 'IPv6 in IPv6')).toHaveLength(MAX_TUNNEL_DEPTH6);
  });

  it('bounds the extension-header chain', () => {
    const n = 17; // Routing headers of type 4, Segments Left 0: each may be skipped, but not forever
    const chain = new Uint8Array(40 + 8 * n);
    chain.set(hexToBytes('60 00 00 00'), 0);
    chain[5] = 8 * n;
    chain[6] = 43;
    for (let i = 0; i < n; i++) chain.set([i === n - 1 ? 59 : 43, 0, 4, 0], 40 + 8 * i);
    expect(dissectPacketFully(chain)).toMatchObject({ ok: false, error: { field: 'Next Header', reason: 'more than 16 extension headers' } });
    const fewer = chain.slice(0, 40 + 8 * 16);
    fewer[5] = 8 * 16;
    fewer[40 + 8 * 15] = 59;
    expect(okValue(describePacket(fewer)).protocols).toHaveLength(17);
  });

  it('never throws on random or mutated IPv6 packets, and every field lies inside the packet', () => {
    const samples = [bindingUpdate, routed, direct, okValue(encapsulateIpv6(routed, { source: HA, destination: COA, decrementInnerHopLimit: false }))];
    const check = (b: Uint8Array) => {
      const r = dissectPacketFully(b);
      if (r.ok) expectInside(r.value.root, 0, b.length);
      else expect(r.error.reason.length).toBeGreaterThan(0);
    };
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (b) => { b[0] = 0x60 | (b[0]! & 0x0f); check(b); }), { numRuns: 1000 });
    const mutated = fc.tuple(fc.constantFrom(...samples), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }))
      .map(([base, muts]) => { const b = base.slice(); for (const [pos, val] of muts) b[pos % b.length] = val; return b; });
    fc.assert(fc.property(mutated, check), { numRuns: 2000 });
  });
});
