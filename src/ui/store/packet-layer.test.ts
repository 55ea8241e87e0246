import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/node/contract';
import {
  CN6, COA6, HA6, HOME6, MOBILITY_MESSAGES, UNCHECKED_AH, flowPacket, mobilityPacket, routerAdvertisementPacket, tunnel6,
} from '../../engine/wire/ipv6/test-support/route-optimization-packets';
import { buildUdpDatagram, flowPayload } from '../../engine/network/behaviours/udp-datagram';
import { filterPackets } from '../inspector/list/filter-packets';
import { protocolColumnText } from './packet-layer';
import { packetRowOf } from './trace-log';

const sent = (node: string, bytes: Uint8Array, n: number): TraceEvent => ({ id: `${node}:${n}`, time: n, node, kind: 'sent', summary: 'sent', ref: '', bytes });

describe('packet list rows for IPv6 (Perkins & Johnson §10)', () => {
  const bu = packetRowOf(sent('MN', mobilityPacket(MOBILITY_MESSAGES['binding-update'], { source: COA6, destination: CN6, homeAddressOption: HOME6, authentication: UNCHECKED_AH }), 1), 1);
  const routed = packetRowOf(sent('CN', flowPacket('cn-to-mn', 3, { source: CN6, destination: COA6, routingHeader2: { homeAddress: HOME6 } }), 2), 2);
  const tunnelled = packetRowOf(sent('HA', tunnel6(flowPacket('cn-to-mn', 1, { source: CN6, destination: HOME6 }), HA6, COA6), 3), 3);
  const ra = packetRowOf(sent('AR1', routerAdvertisementPacket(), 4), 4);
  const hoti = packetRowOf(sent('MN', tunnel6(mobilityPacket(MOBILITY_MESSAGES['home-test-init'], { source: HOME6, destination: CN6 }), COA6, HA6), 5), 5);

  it('names the message, and shows the layers it is read through in the protocol column', () => {
    expect([bu, routed, tunnelled, ra, hoti].map((r) => [protocolColumnText(r), r.kind])).toEqual([
      ['IPv6 · HAO · AH · MH · Binding Update', 'control'],
      ['IPv6 · RH2 · UDP · UDP 9000 → 9000', 'data'],
      ['IPv6 in IPv6 · UDP · UDP 9000 → 9000', 'tunnelled-data'],
      ['IPv6 · ICMPv6 · Router Advertisement', 'discovery'],
      ['IPv6 in IPv6 · MH · Home Test Init', 'key-exchange'],
    ]);
    expect(bu.protocol).toBe('Binding Update');
    expect([bu.source, bu.destination]).toEqual([HOME6, CN6]);
    expect(routed.destination).toBe(HOME6);
  });

  it('an IPv4 row is what it always was: no layer, no outer addresses', () => {
    const v4 = packetRowOf(sent('CN', buildUdpDatagram({ source: '198.51.100.5', destination: '10.1.0.10', sourcePort: 5000, destinationPort: 7, payload: flowPayload('f', 1, 64), ttl: 64, identification: 1 }), 6), 6);
    expect(v4.layer).toBeUndefined();
    expect(v4.outerAddresses).toBeUndefined();
    expect(protocolColumnText(v4)).toBe('UDP 5000 → 7');
  });

  it('the text filter finds IPv6 rows by final address, by care-of address, by tunnel end and by layer', () => {
    const rows = [bu, routed, tunnelled, ra, hoti];
    const ids = (text: string) => filterPackets(rows, { nodes: [], kinds: [] }, text).map((r) => r.number);
    expect(ids(HOME6)).toEqual([1, 2, 3, 5]);
    expect(ids(COA6)).toEqual([1, 2, 3, 5]);
    expect([bu.outerAddresses, routed.outerAddresses, tunnelled.outerAddresses, hoti.outerAddresses]).toEqual([[COA6], [COA6], [HA6, COA6], [COA6, HA6]]);
    expect(ids('rh2')).toEqual([2]);
    expect(ids('ipv6 · mh')).toEqual([1, 5]);
    expect(ids('ff02::1')).toEqual([4]);
  });
});
