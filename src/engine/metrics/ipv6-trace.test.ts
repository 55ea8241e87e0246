import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceKind } from '../node/contract';
import {
  CN6, COA6, HA6, HOME6, MOBILITY_MESSAGES, UNCHECKED_AH, flowPacket, mobilityPacket, routerAdvertisementPacket, tunnel6,
} from '../wire/ipv6/test-support/route-optimization-packets';
import { computeRunMetrics } from './run-metrics';
import { flowDatagramOf, mobilityMessageOf, mipMessageOf } from './trace-events';

let n = 0;
const ev = (node: string, kind: TraceKind, time: number, bytes?: Uint8Array, extra: Partial<TraceEvent> = {}): TraceEvent =>
  ({ id: `${node}:${++n}`, time, node, kind, summary: kind, ref: '', ...(bytes === undefined ? {} : { bytes }), ...extra });

describe('reading one IPv6 trace event', () => {
  it('finds a flow datagram by its final addresses, and the outer source: the care-of address or the tunnel entry', () => {
    const hao = flowPacket('mn-to-cn', 3, { source: COA6, destination: CN6, homeAddressOption: HOME6 });
    expect(flowDatagramOf(ev('MN', 'sent', 0, hao))).toEqual({ flow: 'mn-to-cn', sequence: 3, source: HOME6, destination: CN6, tunnels: [], outerSource: COA6 });
    const tunnelled = tunnel6(flowPacket('cn-to-mn', 4, { source: CN6, destination: HOME6 }), HA6, COA6);
    expect(flowDatagramOf(ev('HA', 'forwarded', 0, tunnelled))).toEqual({ flow: 'cn-to-mn', sequence: 4, source: CN6, destination: HOME6, tunnels: ['IPv6 in IPv6'], outerSource: HA6 });
    expect(mipMessageOf(ev('HA', 'forwarded', 0, tunnelled))).toBeNull();
  });

  it('finds a Mobility Header message, by the final addresses, with its parsed fields', () => {
    const bu = mobilityPacket(MOBILITY_MESSAGES['binding-update'], { source: COA6, destination: CN6, homeAddressOption: HOME6, authentication: UNCHECKED_AH });
    const m = mobilityMessageOf(ev('MN', 'sent', 0, bu))!;
    expect(m).toMatchObject({ source: HOME6, destination: CN6, mhType: 5, name: 'Binding Update', checksumValid: true });
    expect(m.message).toMatchObject({ kind: 'binding-update', sequence: 7, acknowledge: true });
    expect(m.packet.header.source).toBe(COA6);
    expect(mobilityMessageOf(ev('X', 'sent', 0, routerAdvertisementPacket()))).toBeNull();
    expect(mobilityMessageOf(ev('X', 'sent', 0))).toBeNull();
    // Read where it is decapsulated, not inside the tunnel.
    expect(mobilityMessageOf(ev('MN', 'sent', 0, tunnel6(mobilityPacket(MOBILITY_MESSAGES['home-test-init'], { source: HOME6, destination: CN6 }), COA6, HA6)))).toBeNull();
    expect(flowDatagramOf(ev('MN', 'sent', 0, bu))).toBeNull();
  });
});

describe('run metrics of an IPv6 flow: triangle, then route optimized, then a loss', () => {
  // CN → R → HA (intercepted) → R → AR1 → MN for datagram 0; CN → R → AR1 → MN with a type 2 Routing header for 1; 2 dropped at AR1.
  const d0 = flowPacket('cn-to-mn', 0, { source: CN6, destination: HOME6 });
  const t0 = tunnel6(d0, HA6, COA6);
  const d1 = flowPacket('cn-to-mn', 1, { source: CN6, destination: COA6, routingHeader2: { homeAddress: HOME6 } });
  const d2 = flowPacket('cn-to-mn', 2, { source: CN6, destination: COA6, routingHeader2: { homeAddress: HOME6 } });
  const bu = mobilityPacket(MOBILITY_MESSAGES['binding-update'], { source: COA6, destination: CN6, homeAddressOption: HOME6, authentication: UNCHECKED_AH });
  const hoti = tunnel6(mobilityPacket(MOBILITY_MESSAGES['home-test-init'], { source: HOME6, destination: CN6 }), COA6, HA6);
  const trace = [
    ev('CN', 'sent', 0, d0), ev('R', 'forwarded', 2_000, d0), ev('HA', 'forwarded', 10_000, t0), ev('R', 'forwarded', 18_000, t0), ev('AR1', 'forwarded', 21_000, t0),
    ev('MN', 'delivered', 22_000, d0),
    ev('MN', 'sent', 23_000, hoti), ev('MN', 'sent', 23_500, bu),
    ev('CN', 'sent', 500_000, d1), ev('R', 'forwarded', 502_000, d1), ev('AR1', 'forwarded', 505_000, d1), ev('MN', 'delivered', 506_000, d1),
    ev('CN', 'sent', 1_000_000, d2), ev('R', 'forwarded', 1_002_000, d2), ev('AR1', 'dropped', 1_005_000, d2, { reason: 'no neighbour answers for 2001:db8:2::10: address resolution failed' }),
  ];

  it('counts the flow\'s datagrams sent, delivered and lost, with hops, latency, the home agent\'s share and the octets added', () => {
    const m = computeRunMetrics(trace, ['HA'], [{ id: 'MN', addresses: [HOME6, COA6] }]);
    expect(m.flows).toHaveLength(1);
    const f = m.flows[0]!;
    expect(f).toMatchObject({ flow: 'cn-to-mn', sent: 3, delivered: 2, lost: 1, inFlight: 0, tunnelled: 1, viaHomeAgent: 1, meanHops: 4, meanLatencyMs: 14, worstLatencyMs: 22 });
    // The clause ends at the colon after the address, not inside it.
    expect(f.lossCauses).toEqual({ 'AR1 dropped it: no neighbour answers for 2001:db8:2::10': 1 });
    // Every transmission of a datagram not yet delivered counts: 3 of datagram 1, 2 of datagram 2.
    expect(f.encapsulation).toEqual({ 'IPv6 in IPv6': { transmissions: 3, octets: 120 }, 'type 2 Routing header': { transmissions: 5, octets: 120 } });
    expect(m.homeAgentTunnelling).toEqual([{ node: 'HA', packets: 1, octets: t0.length }]);
    expect(m.control.byMessage).toEqual({ 'Binding Update': 1, 'Home Test Init': 1 });
  });
});
