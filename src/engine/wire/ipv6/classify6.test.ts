import { describe, expect, it } from 'vitest';
import { classifyPacket } from '../classify';
import { describePacket } from '../packet';
import { bytesToHex, okValue } from '../test-support/laws';
import { echoRequest, routerSolicitation } from './icmpv6-builders';
import { NextHeader } from './ipv6-header';
import { encapsulateIpv6 } from './ipv6-in-ipv6';
import { buildIpv6Packet } from './ipv6-packet';
import { emitMobilityHeader } from './mobility-header';
import { encodeUdp6, udp } from './udp6';

const HA = '2001:db8:1::1';
const HOME = '2001:db8:1::10';
const COA = '2001:db8:2::10';
const CN = '2001:db8:100::5';
const ping = new TextEncoder().encode('ping');

const fromCn = buildIpv6Packet({ source: CN, destination: HOME, hopLimit: 64, upper: { nextHeader: NextHeader.UDP, bytes: (p) => encodeUdp6(udp(5000, 7, ping), p) } });
const samples = {
  'UDP from the correspondent to the home address': fromCn,
  'the same, tunnelled by the home agent': okValue(encapsulateIpv6(fromCn, { source: HA, destination: COA, decrementInnerHopLimit: true })),
  'the same, route-optimised with a type 2 Routing header': buildIpv6Packet({ source: CN, destination: COA, hopLimit: 64, routingHeader2: { homeAddress: HOME }, upper: { nextHeader: NextHeader.UDP, bytes: (p) => encodeUdp6(udp(5000, 7, ping), p) } }),
  'a Binding Update with a Home Address option and AH': buildIpv6Packet({
    source: COA, destination: HA, hopLimit: 64, homeAddressOption: HOME,
    authentication: { spi: 256, sequence: 1, icv: () => new Uint8Array(12) },
    upper: { nextHeader: NextHeader.MOBILITY, bytes: (p) => emitMobilityHeader({ kind: 'binding-update', sequence: 1, acknowledge: true, homeRegistration: true, linkLocalCompatibility: false, keyManagement: false, lifetimeUnits: 75, options: [] }, p) },
  }),
  'a Router Solicitation': buildIpv6Packet({ source: 'fe80::1', destination: 'ff02::2', hopLimit: 255, upper: { nextHeader: NextHeader.ICMPV6, bytes: (p) => routerSolicitation({ ...p }) } }),
  'an Echo Request': buildIpv6Packet({ source: CN, destination: HOME, hopLimit: 64, upper: { nextHeader: NextHeader.ICMPV6, bytes: (p) => echoRequest({ ...p, identifier: 1, sequenceNumber: 1, data: ping }) } }),
};

describe('classifyPacket on IPv6: the fast look the trace and the UI colours use', () => {
  it('agrees with the full dissection: kind, tunnelled or not, control message names', () => {
    for (const [name, bytes] of Object.entries(samples)) {
      const c = classifyPacket(bytes);
      const d = okValue(describePacket(bytes));
      expect(c, name).not.toBeNull();
      expect(c!.tunnels.length > 0, name).toBe(d.tunnelled);
      if (d.kind === 'control' || d.kind === 'discovery') expect(c!.name, name).toBe(d.name);
      expect(c!.kind === 'tunnelled-data' ? 'data' : c!.kind, name).toBe(d.kind);
    }
  });

  it('keys a flow on the final addresses, however the datagram travelled', () => {
    const seen = Object.entries(samples).slice(0, 3).map(([, b]) => classifyPacket(b)!);
    expect(seen.map((c) => [c.source, c.destination, c.kind, c.tunnels])).toEqual([
      [CN, HOME, 'data', []],
      [CN, HOME, 'tunnelled-data', ['IPv6 in IPv6']],
      [CN, HOME, 'data', []],
    ]);
    for (const c of seen) expect(bytesToHex(c.udpPayload!)).toBe(bytesToHex(ping));
    expect(classifyPacket(samples['a Binding Update with a Home Address option and AH'])).toMatchObject({ kind: 'control', name: 'Binding Update', source: HOME, destination: HA });
  });

  it('gives up (null) on a packet the lab cannot read', () => {
    expect(classifyPacket(fromCn.subarray(0, 30))).toBeNull();
  });
});
