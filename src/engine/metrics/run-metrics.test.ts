import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../node/contract';
import { flowPayload } from '../network/behaviours/udp-datagram';
import { buildSamplePackets } from '../samples/sample-packets';
import { udpDatagram } from '../wire/datagram';
import { encapsulateIpInIp } from '../wire/ip-in-ip';
import { okValue } from '../wire/test-support/laws';
import { computeRunMetrics } from './run-metrics';

// A hand-written trace of the triangle: the CN sends datagram #n, the router
// forwards it, the HA tunnels it, FA1 delivers it to the MN.
const CN = '198.51.100.5';
const MN = '10.1.0.10';
let seq = 0;
function ev(time: number, node: string, kind: TraceEvent['kind'], bytes?: Uint8Array): TraceEvent {
  return { id: `${node}:${seq++}`, time, node, kind, summary: kind, ref: 'test', ...(bytes ? { bytes } : {}) };
}
const datagram = (n: number) => udpDatagram({ source: CN, destination: MN }, 5000, 7, flowPayload('cn', n, 24));
const tunnelled = (n: number) => okValue(encapsulateIpInIp(datagram(n), { source: '10.1.0.1', destination: '192.168.2.1', identification: n, decrementInnerTtl: true }));

describe('run metrics from a trace', () => {
  it('counts delivered, lost and duplicated datagrams, hops, latency and the HA tunnelling load', () => {
    const trace: TraceEvent[] = [];
    for (const n of [0, 1, 2]) {
      const t = n * 100_000;
      trace.push(ev(t, 'CN', 'sent', datagram(n)), ev(t + 5_000, 'R', 'forwarded', datagram(n)), ev(t + 10_000, 'HA', 'sent', tunnelled(n)));
      if (n !== 2) trace.push(ev(t + 15_000, 'FA1', 'forwarded', datagram(n)), ev(t + 20_000, 'MN', 'delivered', datagram(n)));
    }
    trace.push(ev(250_000, 'MN', 'delivered', datagram(1))); // a duplicate of #1
    const m = computeRunMetrics(trace, ['HA']);
    // #0 and #1 each took 20 ms and 4 hops, tunnelled once by the HA (20 octets of IP in IP each time); #2 is still on its way.
    expect(m.flows).toEqual([{
      flow: 'cn', sent: 3, delivered: 2, lost: 1, inFlight: 1, lossCauses: {}, duplicated: 1, meanHops: 4, meanLatencyMs: 20, worstLatencyMs: 20,
      tunnelled: 2, viaHomeAgent: 2, encapsulation: { 'IP in IP': { transmissions: 3, octets: 60 } },
    }]);
    expect(m.homeAgentTunnelling).toEqual([{ node: 'HA', packets: 3, octets: 3 * tunnelled(0).length }]);
    expect(m.control.messages).toBe(0);
    expect(m.endTime).toBe(250_000);
  });

  it('counts every link transmission of control messages by name as overhead', () => {
    const s = buildSamplePackets({ seed: 1 });
    const rrq = s.find((p) => p.name.startsWith('Registration Request (MN → FA2: configured'))!.bytes;
    const bu = s.find((p) => p.name.startsWith('Binding Update (HA → CN'))!.bytes;
    const m = computeRunMetrics([ev(0, 'MN', 'sent', rrq), ev(1, 'FA', 'sent', rrq), ev(2, 'HA', 'sent', bu), ev(3, 'R', 'forwarded', bu)], ['HA']);
    expect(m.control).toEqual({
      messages: 4, octets: 2 * rrq.length + 2 * bu.length,
      byMessage: { 'Registration Request': 2, 'Binding Update': 2 }, octetsByMessage: { 'Registration Request': 2 * rrq.length, 'Binding Update': 2 * bu.length },
    });
    expect(m.flows).toEqual([]);
  });
});

describe('run metrics: a flow has one direction', () => {
  it('does not count the echo of a datagram as its delivery, and counts a datagram tunnelled by its sender as sent', () => {
    const echo = (n: number) => udpDatagram({ source: MN, destination: CN }, 7, 5000, flowPayload('cn', n, 24));
    const direct = (n: number) => okValue(encapsulateIpInIp(datagram(n), { source: CN, destination: '192.168.2.1', identification: n, decrementInnerTtl: false }));
    const trace: TraceEvent[] = [
      ev(0, 'CN', 'sent', direct(0)), ev(5_000, 'R', 'forwarded', direct(0)), ev(7_000, 'MN', 'delivered', datagram(0)),
      ev(8_000, 'MN', 'sent', echo(0)), ev(12_000, 'CN', 'delivered', echo(0)),
      ev(100_000, 'CN', 'sent', direct(1)), ev(105_000, 'R', 'forwarded', direct(1)),
      ev(108_000, 'MN', 'sent', echo(9)), ev(112_000, 'CN', 'delivered', echo(9)),
    ];
    // Tunnelled by the CN itself, not by a home agent: 20 octets of IP in IP on each of the four transmissions.
    expect(computeRunMetrics(trace, ['HA']).flows).toEqual([{
      flow: 'cn', sent: 2, delivered: 1, lost: 1, inFlight: 1, lossCauses: {}, duplicated: 0, meanHops: 2, meanLatencyMs: 7, worstLatencyMs: 7,
      tunnelled: 1, viaHomeAgent: 0, encapsulation: { 'IP in IP': { transmissions: 4, octets: 80 } },
    }]);
  });
});

describe('run metrics: every loss explained by its trace event', () => {
  const lossEvent = (time: number, node: string, kind: 'dropped' | 'lost', bytes: Uint8Array, reason: string): TraceEvent => ({ ...ev(time, node, kind, bytes), reason });

  it('counts each lost datagram under the last loss that carried it, and the rest as still in flight', () => {
    const trace: TraceEvent[] = [
      // #0 delivered, though one copy of it was lost on the way (the loss explains nothing then)
      ev(0, 'CN', 'sent', datagram(0)), lossEvent(1_000, 'CN', 'lost', datagram(0), 'link lan loses each frame with probability 0.5; the seeded draw for this frame and receiver came out "lost"'),
      ev(2_000, 'R', 'forwarded', datagram(0)), ev(3_000, 'MN', 'delivered', datagram(0)),
      // #1 and #2 sent into a cell the mobile node had left
      ev(100_000, 'CN', 'sent', datagram(1)), ev(101_000, 'FA1', 'forwarded', datagram(1)),
      lossEvent(102_000, 'FA1', 'lost', datagram(1), 'no station on cell1 has that address: MN, whose address it is, has left the cell (it is now attached to cell2)'),
      ev(200_000, 'CN', 'sent', datagram(2)), ev(201_000, 'FA1', 'forwarded', datagram(2)),
      lossEvent(202_000, 'FA1', 'lost', datagram(2), 'no station on cell1 has that address: MN, whose address it is, has left the cell (it is now out of range of every cell)'),
      // #3 refused by a node; #4 never left its sender (no transmission at all: sent and lost at once); #5 on its way
      ev(300_000, 'CN', 'sent', datagram(3)), lossEvent(301_000, 'R', 'dropped', datagram(3), 'TTL reached 0'),
      lossEvent(400_000, 'CN', 'lost', datagram(4), 'its radio is out of range of every cell, so it is attached to no link'),
      ev(500_000, 'CN', 'sent', datagram(5)),
    ];
    const [flow] = computeRunMetrics(trace, ['HA']).flows;
    expect(flow).toMatchObject({ sent: 6, delivered: 1, lost: 5, inFlight: 1, meanHops: 2 });
    expect(flow!.lossCauses).toEqual({
      'CN lost it: its radio is out of range of every cell, so it is attached to no link': 1,
      'FA1 lost it: no station on cell1 has that address': 2,
      'R dropped it: TTL reached 0': 1,
    });
    const explained = Object.values(flow!.lossCauses).reduce((a, b) => a + b, 0);
    expect(flow!.delivered + explained + flow!.inFlight).toBe(flow!.sent);
  });
});
