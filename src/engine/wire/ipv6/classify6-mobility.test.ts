import { describe, expect, it } from 'vitest';
import { readFlowPayload } from '../../network/behaviours/udp-datagram';
import { classifyPacket } from '../classify';
import {
  AR1_6, CN6, COA6, HA6, HOME6, MOBILITY_MESSAGES, UNCHECKED_AH, flowPacket, mobilityPacket, parameterProblemPacket,
  routerAdvertisementPacket, routerSolicitationPacket, tunnel6,
} from './test-support/route-optimization-packets';

describe('classifyPacket on IPv6 route optimization (Perkins & Johnson §10)', () => {
  it('keys a flow datagram on its final addresses: plain, with a type 2 Routing header, with a Home Address option', () => {
    const plain = classifyPacket(flowPacket('f', 1, { source: CN6, destination: HOME6 }))!;
    const rh2 = classifyPacket(flowPacket('f', 2, { source: CN6, destination: COA6, routingHeader2: { homeAddress: HOME6 } }))!;
    const hao = classifyPacket(flowPacket('g', 3, { source: COA6, destination: CN6, homeAddressOption: HOME6 }))!;
    expect([plain, rh2, hao].map((c) => [c.kind, c.source, c.destination, c.tunnels.length])).toEqual([
      ['data', CN6, HOME6, 0],
      ['data', CN6, HOME6, 0],
      ['data', HOME6, CN6, 0],
    ]);
    expect(plain.routingHeader2).toBeUndefined();
    expect(plain.homeAddressOption).toBeUndefined();
    expect(rh2.routingHeader2).toBe(true);
    expect(rh2.homeAddressOption).toBeUndefined();
    expect(hao.homeAddressOption).toBe(true);
    expect(hao.routingHeader2).toBeUndefined();
    expect(readFlowPayload(rh2.udpPayload!)).toEqual({ flow: 'f', sequence: 2 });
    expect(plain.ipv6).toBe(true);
  });

  it('names the tunnel of a datagram the home agent intercepted, and reads the flow inside it', () => {
    const c = classifyPacket(tunnel6(flowPacket('f', 4, { source: CN6, destination: HOME6 }), HA6, COA6))!;
    expect(c).toMatchObject({ kind: 'tunnelled-data', tunnels: ['IPv6 in IPv6'], source: CN6, destination: HOME6 });
    expect(readFlowPayload(c.udpPayload!)).toEqual({ flow: 'f', sequence: 4 });
    // A previous router re-tunnelling the home agent's tunnel (smooth handoff, mipv6-07 §10.8): two tunnels.
    const twice = classifyPacket(tunnel6(tunnel6(flowPacket('f', 5, { source: CN6, destination: HOME6 }), HA6, COA6), AR1_6, '2001:db8:3::10'))!;
    expect(twice.tunnels).toEqual(['IPv6 in IPv6', 'IPv6 in IPv6']);
  });

  it('calls the return routability tests key exchange and the other Mobility Header messages control, with MH Type and name', () => {
    const seen = Object.values(MOBILITY_MESSAGES).map((m) => classifyPacket(mobilityPacket(m, { source: COA6, destination: CN6 }))!);
    expect(seen.map((c) => [c.mhType, c.name, c.kind])).toEqual([
      [0, 'Binding Refresh Request', 'control'],
      [1, 'Home Test Init', 'key-exchange'],
      [2, 'Care-of Test Init', 'key-exchange'],
      [3, 'Home Test', 'key-exchange'],
      [4, 'Care-of Test', 'key-exchange'],
      [5, 'Binding Update', 'control'],
      [6, 'Binding Acknowledgement', 'control'],
      [7, 'Binding Error', 'control'],
    ]);
  });

  it('reads a Binding Update from the care-of address as the home address, with its Home Address option and AH flagged', () => {
    const bu = classifyPacket(mobilityPacket(MOBILITY_MESSAGES['binding-update'], { source: COA6, destination: CN6, homeAddressOption: HOME6, authentication: UNCHECKED_AH }))!;
    expect(bu).toMatchObject({ kind: 'control', mhType: 5, source: HOME6, destination: CN6, homeAddressOption: true, authenticated: true });
    const ba = classifyPacket(mobilityPacket(MOBILITY_MESSAGES['binding-acknowledgement'], { source: HA6, destination: COA6, routingHeader2: { homeAddress: HOME6 } }))!;
    expect(ba).toMatchObject({ kind: 'control', name: 'Binding Acknowledgement', source: HA6, destination: HOME6, routingHeader2: true });
    expect(ba.authenticated).toBeUndefined();
  });

  it('a Home Test Init reverse-tunnelled to the home agent is a key exchange inside IPv6 in IPv6', () => {
    const c = classifyPacket(tunnel6(mobilityPacket(MOBILITY_MESSAGES['home-test-init'], { source: HOME6, destination: CN6 }), COA6, HA6))!;
    expect(c).toMatchObject({ kind: 'key-exchange', tunnels: ['IPv6 in IPv6'], name: 'Home Test Init', source: HOME6, destination: CN6 });
  });

  it('Neighbor Discovery is discovery, an ICMPv6 error is icmp-error', () => {
    expect(classifyPacket(routerAdvertisementPacket())).toMatchObject({ kind: 'discovery', name: 'Router Advertisement', destination: 'ff02::1' });
    expect(classifyPacket(routerSolicitationPacket())).toMatchObject({ kind: 'discovery', name: 'Router Solicitation', destination: 'ff02::2' });
    const bu = mobilityPacket(MOBILITY_MESSAGES['binding-update'], { source: COA6, destination: CN6, homeAddressOption: HOME6 });
    expect(classifyPacket(parameterProblemPacket(bu, CN6, COA6))).toMatchObject({ kind: 'icmp-error', name: 'ICMPv6 Parameter Problem', source: CN6, destination: COA6 });
  });

  it('gives up (null) on a truncated packet and calls a too-short Mobility Header malformed', () => {
    const bu = mobilityPacket(MOBILITY_MESSAGES['binding-update'], { source: COA6, destination: CN6 });
    expect(classifyPacket(bu.subarray(0, 39))).toBeNull();
    const short = bu.slice(0, 44);
    short[4] = 0; short[5] = 4; // Payload Length 4: a Mobility Header cut after its checksum's first octet
    expect(classifyPacket(short)).toMatchObject({ kind: 'other', name: 'malformed Mobility Header' });
  });
});
