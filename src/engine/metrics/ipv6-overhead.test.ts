import { describe, expect, it } from 'vitest';
import {
  CN6, COA6, HA6, HOME6, MOBILITY_MESSAGES, UNCHECKED_AH, flowPacket, mobilityPacket, tunnel6,
} from '../wire/ipv6/test-support/route-optimization-packets';
import { tunnelOverheads } from './encapsulation-overhead';
import { ipv6OverheadLines } from './figure-text';

// The sizes are the specs' diagrams: a type 2 Routing header is 8 + 16 octets
// (RFC 6275 §6.4), a Destination Options header with the Home Address option
// 2 + 4 of PadN + 2 + 16 (RFC 6275 §6.3, alignment 8n+6), an AH with a 12-octet
// ICV 12 + 12 (RFC 4302 §2), the outer header of IPv6 in IPv6 40 (RFC 2473 §3).

describe('octets IPv6 mobility adds to one transmission', () => {
  it('the route-optimized path: a type 2 Routing header one way, a Home Address option the other', () => {
    expect(tunnelOverheads(flowPacket('f', 1, { source: CN6, destination: COA6, routingHeader2: { homeAddress: HOME6 } }))).toEqual([{ method: 'type 2 Routing header', octets: 24 }]);
    expect(tunnelOverheads(flowPacket('f', 1, { source: COA6, destination: CN6, homeAddressOption: HOME6 }))).toEqual([{ method: 'Home Address option', octets: 24 }]);
  });

  it('AH where the packet carries one, after the headers before it', () => {
    const bu = mobilityPacket(MOBILITY_MESSAGES['binding-update'], { source: COA6, destination: CN6, homeAddressOption: HOME6, authentication: UNCHECKED_AH });
    expect(tunnelOverheads(bu)).toEqual([{ method: 'Home Address option', octets: 24 }, { method: 'AH', octets: 24 }]);
  });

  it('the home agent\'s tunnel: 40 octets, and what the inner packet carries after it', () => {
    const plain = flowPacket('f', 1, { source: CN6, destination: HOME6 });
    expect(tunnelOverheads(plain)).toEqual([]);
    expect(tunnelOverheads(tunnel6(plain, HA6, COA6))).toEqual([{ method: 'IPv6 in IPv6', octets: 40 }]);
    const routed = flowPacket('f', 1, { source: CN6, destination: COA6, routingHeader2: { homeAddress: HOME6 } });
    expect(tunnelOverheads(tunnel6(routed, '2001:db8:2::1', '2001:db8:3::10'))).toEqual([{ method: 'IPv6 in IPv6', octets: 40 }, { method: 'type 2 Routing header', octets: 24 }]);
    expect(tunnelOverheads(plain.subarray(0, 30))).toEqual([]);
  });

  it('the run report lines appear only for a run with IPv6 mobility traffic, with the measured octets', () => {
    expect(ipv6OverheadLines({ encapsulation: { 'IP in IP': { transmissions: 4, octets: 80 } } })).toBeUndefined();
    const lines = ipv6OverheadLines({ encapsulation: { 'IPv6 in IPv6': { transmissions: 3, octets: 120 }, 'type 2 Routing header': { transmissions: 10, octets: 240 } } })!;
    expect(lines[0]).toBe('IPv6 mobility overhead per link transmission (flow datagrams): IPv6 in IPv6 40 octets on 3 transmissions; type 2 Routing header 24 octets on 10 transmissions');
    expect(lines[1]).toContain('RFC 6275 §6.4');
  });
});
