// The IPv6 mobile node's own traffic and its host duties: flows from the
// care-of address with a Home Address option away and plain at home (OC-54;
// RFC 6275 §6.3, §11.3.1), echoes, Neighbor Advertisements for its addresses
// (RFC 4861 §7.2.4), which packets it accepts (RFC 6275 §11.3.3; mipv6-07
// §10.8), and the previous router's forwarding, nested around the home
// agent's tunnel.

import { describe, expect, it } from 'vitest';
import type { UdpFlow } from '../../../network/behaviours/host';
import { linkLocalAddressOf, solicitedNodeAddress } from '../../../wire/ipv6/ipv6-address';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { buildIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { emitNdMessage, ndMessageLength, parseNdMessage, type NeighborSolicitation } from '../../../wire/ipv6/neighbor-discovery';
import { encodeUdp6, parseUdp6 } from '../../../wire/ipv6/udp6';
import type { MobileNodeV6State } from './mobile-node-v6-state';
import {
  AR1, AR1_MAC, AR2_MAC, CN, COA1, COA2, HA, HA_KEY, HOME, MN_MAC, awayInCell1, frameIn, freshState, mobilityPacketTo, parsed, raFromAr2, raFromHa, step, traces, transmits, tunnelled, udpFromCn,
} from './test-support/mn6-fixture';

const flow: UdpFlow = { id: 'f', destination: CN, sourcePort: 6000, destinationPort: 9, start: 0, interval: 100_000, count: 2, payloadOctets: 16 };
const baFrom = (source: string, destination: string, sequence: number, key: Uint8Array, spi: number, boundAddress = HOME) => frameIn(mobilityPacketTo({
  source, destination, routingHeader2: boundAddress, message: { kind: 'binding-acknowledgement', status: 0, keyManagement: false, sequence, lifetimeUnits: 75, options: [] }, ah: { spi, sequence: 1, key },
}), AR1_MAC);

function sentUdp(state: MobileNodeV6State, at: number) {
  const withFlow = step(state, { kind: 'command', command: { type: 'start-flow', flow } }, at);
  const r = step(withFlow.state, { kind: 'timer', key: 'mn6:flow:f' }, at);
  const p = parsed(transmits(r.outputs)[0]!.frame.payload);
  return { p, r };
}

describe('the IPv6 mobile node\'s traffic and host duties', () => {
  it('away: its flow leaves from the care-of address with a Home Address option; the UDP checksum covers the home address (RFC 6275 §6.3)', () => {
    const { p } = sentUdp(awayInCell1().state, 2);
    expect(p.header.source).toBe(COA1);
    expect(p.homeAddressOption).toBe(HOME);
    expect(p.finalSource).toBe(HOME);
    const u = parseUdp6(p.upperBytes, 0, p.upperBytes.length, { source: HOME, destination: CN });
    expect(u.ok && u.value.checksumValid).toBe(true);
    expect(u.ok && u.value.destinationPort).toBe(9);
  });

  it('at home: a plain datagram from the home address', () => {
    const home = step(freshState(), raFromHa(), 0.1).state;
    expect(home.atHome).toBe(true);
    const { p } = sentUdp(home, 1);
    expect(p.header.source).toBe(HOME);
    expect(p.homeAddressOption).toBeUndefined();
    expect(p.headerChain).toHaveLength(0);
  });

  it('echoes a datagram to port 7 back to its sender', () => {
    const s = awayInCell1().state;
    const datagram = buildIpv6Packet({
      source: CN, destination: COA1, hopLimit: 60, routingHeader2: { homeAddress: HOME },
      upper: { nextHeader: NextHeader.UDP, bytes: (pseudo) => encodeUdp6({ sourcePort: 5000, destinationPort: 7, payload: new Uint8Array(4) }, pseudo) },
    });
    const r = step(s, frameIn(datagram, AR1_MAC), 2);
    const echo = parsed(transmits(r.outputs)[0]!.frame.payload);
    expect(echo.header.destination).toBe(CN);
    expect(echo.homeAddressOption).toBe(HOME);
    expect(r.state.echoed).toBe(1);
    expect(r.state.deliveredCount).toBe(1);
  });

  it('answers a Neighbor Solicitation for its care-of address with its link-layer address (RFC 4861 §7.2.4), and ignores one for another address', () => {
    const s = awayInCell1().state;
    const ns = (target: string) => {
      const m: NeighborSolicitation = { kind: 'neighbor-solicitation', code: 0, reserved: 0, target, options: [{ kind: 'source-link-layer-address', linkAddress: AR1_MAC }] };
      return frameIn(buildIpv6Packet({
        source: linkLocalAddressOf(AR1_MAC), destination: solicitedNodeAddress(target), hopLimit: 255,
        upper: { nextHeader: NextHeader.ICMPV6, bytes: (pseudo) => { const out = new Uint8Array(ndMessageLength(m)); emitNdMessage(m, out, 0, pseudo); return out; } },
      }), AR1_MAC);
    };
    const r = step(s, ns(COA1), 2);
    const [t] = transmits(r.outputs);
    expect(t!.frame.destination).toBe(AR1_MAC);
    const p = parsed(t!.frame.payload);
    expect(p.header.hopLimit).toBe(255);
    expect(p.header.destination).toBe(linkLocalAddressOf(AR1_MAC));
    const na = parseNdMessage(p.upperBytes, 0, p.upperBytes.length, { source: p.header.source, destination: p.header.destination });
    expect(na.ok && na.value).toMatchObject({ kind: 'neighbor-advertisement', router: false, solicited: true, override: true, target: COA1, checksumValid: true, options: [{ kind: 'target-link-layer-address', linkAddress: MN_MAC }] });
    expect(transmits(step(s, ns('2001:db8:2::99'), 2).outputs)).toHaveLength(0);
  });

  it('drops a packet for an address that is not its own, and a type 2 Routing header naming another home address', () => {
    const s = awayInCell1().state;
    const stranger = step(s, frameIn(udpFromCn('2001:db8:2::99'), AR1_MAC), 2);
    expect(traces(stranger.outputs, 'dropped')[0]!.reason).toMatch(/not a care-of address of this node/);
    const other = buildIpv6Packet({ source: CN, destination: '2001:db8:1::77', hopLimit: 60, upper: { nextHeader: NextHeader.NONE, bytes: new Uint8Array(0) } });
    expect(traces(step(s, frameIn(other, AR1_MAC), 2).outputs, 'dropped')[0]!.reason).toMatch(/a mobile node does not forward/);
  });

  it('after a move it accepts what the previous router forwards — the home agent\'s tunnel to the old care-of address inside the router\'s (mipv6-07 §10.8)', () => {
    let s = step(awayInCell1().state, baFrom(HA, COA1, 1, HA_KEY, 1000), 1.03).state;
    s = step(s, { kind: 'command', command: { type: 'attachment-changed', interface: 'wlan0', before: ['cell1'], after: ['cell2'] } }, 5).state;
    s = step(s, raFromAr2(), 5.001).state;
    expect(s.attachment?.careOfAddress).toBe(COA2);
    expect(s.previous?.careOfAddress).toBe(COA1);
    const nested = tunnelled(tunnelled(udpFromCn(), HA, COA1), AR1, COA2);
    const r = step(s, frameIn(nested, AR2_MAC), 5.2);
    expect(traces(r.outputs, 'delivered')[0]!.summary).toMatch(/delivered forwarded by the previous router/);
    // The home agent's tunnel inside still tells it the correspondent has no binding.
    expect(transmits(r.outputs).map((t) => parsed(t.frame.payload).header.destination)).toContain(CN);
  });
});
