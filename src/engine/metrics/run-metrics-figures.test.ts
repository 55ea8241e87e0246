import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../node/contract';
import { flowPayload } from '../network/behaviours/udp-datagram';
import { udpDatagram } from '../wire/datagram';
import { computeRunMetrics, RunMetricsAccumulator } from './run-metrics';
import { wholeTraceRunMetrics } from './test-support/whole-trace-metrics';

// The figures added for the Statistics tab, on small hand-written traces whose
// expected values are worked out by hand in the comments.

const CN = '198.51.100.5';
const MN = '10.1.0.10';
const MOBILES = [{ id: 'MN', addresses: [MN] }];
let seq = 0;
function ev(time: number, node: string, kind: TraceEvent['kind'], extra: Partial<TraceEvent> = {}): TraceEvent {
  return { id: `${node}:${seq++}`, time, node, kind, summary: kind, ref: 'test', ...extra };
}
const toMn = (flow: string, n: number) => udpDatagram({ source: CN, destination: MN }, 5000, 7, flowPayload(flow, n, 24));
const send = (t: number, flow: string, n: number) => ev(t, 'CN', 'sent', { bytes: toMn(flow, n) });
const deliver = (t: number, flow: string, n: number) => ev(t, 'MN', 'delivered', { bytes: toMn(flow, n) });
const lose = (t: number, flow: string, n: number) => ev(t, 'FA1', 'lost', { bytes: toMn(flow, n), reason: 'no station on cell1 has that address: MN has left' });
const move = (t: number, before: string[], after: string[]) => ev(t, 'MN', 'table-changed', { interface: 'radio', before, after, summary: 'radio' });

describe('latency: mean and worst, per flow and over all flows', () => {
  it('takes each datagram\'s first delivery minus its send', () => {
    const trace = [
      send(0, 'a', 0), deliver(10_000, 'a', 0), // a#0: 10 ms, 1 hop
      send(100_000, 'a', 1), deliver(130_000, 'a', 1), // a#1: 30 ms
      send(200_000, 'b', 0), deliver(202_000, 'b', 0), // b#0: 2 ms
      deliver(250_000, 'a', 1), // a duplicate of a#1: no new latency
    ];
    const m = computeRunMetrics(trace, []);
    expect(m.flows.map((f) => [f.flow, f.meanLatencyMs, f.worstLatencyMs, f.duplicated])).toEqual([['a', 20, 30, 1], ['b', 2, 2, 0]]);
    // Over all flows: (10 + 30 + 2) / 3 = 14 ms, worst 30 ms; 3 of 3 delivered, 1 duplicate.
    expect(m.overall).toMatchObject({ sent: 3, delivered: 3, lost: 0, duplicated: 1, meanLatencyMs: 14, worstLatencyMs: 30, meanHops: 1 });
  });

  it('has no latency while nothing is delivered, and says so with null', () => {
    const m = computeRunMetrics([send(0, 'a', 0)], []);
    expect(m.flows[0]).toMatchObject({ sent: 1, delivered: 0, lost: 1, inFlight: 1, meanLatencyMs: null, worstLatencyMs: null, meanHops: null });
    expect(m.overall.meanLatencyMs).toBeNull();
  });
});

describe('loss around each handoff', () => {
  // MN leaves cell1 at 1 s, is in cell2 at 1.5 s; the first datagram reaches it there at 1.8 s.
  const trace = [
    send(900_000, 'a', 0), deliver(905_000, 'a', 0),
    send(950_000, 'a', 1), // in flight when MN leaves
    move(1_000_000, ['cell1'], []),
    lose(1_005_000, 'a', 1), // lost after the move: the handoff's
    send(1_100_000, 'a', 2), lose(1_105_000, 'a', 2), // the handoff's
    move(1_500_000, [], ['cell2']),
    send(1_600_000, 'a', 3), lose(1_605_000, 'a', 3), // the second handoff's
    send(1_700_000, 'a', 4), lose(1_701_000, 'a', 4), // lost once here…
    deliver(1_800_000, 'a', 4), // …but delivered after all: counts for nobody; closes the second window
    send(1_900_000, 'a', 5), lose(1_905_000, 'a', 5), // after the first delivery: not a handoff loss
  ];

  it('counts the datagrams lost between each move and the first delivery after it', () => {
    const m = computeRunMetrics(trace, [], MOBILES);
    expect(m.handoffs).toEqual([
      { node: 'MN', time: 1_000_000, from: ['cell1'], to: [], firstDeliveryAt: null, lost: 2 },
      { node: 'MN', time: 1_500_000, from: [], to: ['cell2'], firstDeliveryAt: 1_800_000, lost: 1 },
    ]);
    // 6 sent, #0 and #4 delivered: 4 lost, all explained.
    expect(m.flows[0]).toMatchObject({ sent: 6, delivered: 2, lost: 4, inFlight: 0 });
    expect(m).toEqual(wholeTraceRunMetrics(trace, [], MOBILES));
  });

  it('follows only the mobile nodes it is given, and only the datagrams for them', () => {
    expect(computeRunMetrics(trace, []).handoffs).toEqual([]);
    const other = computeRunMetrics(trace, [], [{ id: 'MN', addresses: ['10.9.9.9'] }]);
    expect(other.handoffs.map((h) => [h.lost, h.firstDeliveryAt])).toEqual([[0, null], [0, null]]);
  });
});

describe('checkpoints', () => {
  it('a clone carries on as the original would, and the original is untouched by it', () => {
    const events = [send(0, 'a', 0), move(5_000, ['cell1'], ['cell2']), lose(6_000, 'a', 0), send(10_000, 'a', 1), deliver(12_000, 'a', 1), deliver(13_000, 'a', 1)];
    const acc = new RunMetricsAccumulator(['HA'], MOBILES);
    for (const e of events.slice(0, 3)) acc.add(e);
    const before = acc.result();
    const clone = acc.clone();
    for (const e of events.slice(3)) clone.add(e);
    expect(acc.result()).toEqual(before);
    expect(clone.result()).toEqual(computeRunMetrics(events, ['HA'], MOBILES));
    expect(clone.result().handoffs[0]).toMatchObject({ lost: 1, firstDeliveryAt: 12_000 });
  });

  it('reports each first delivery as it is added, for the latency chart', () => {
    const acc = new RunMetricsAccumulator([]);
    expect(acc.add(send(1_000, 'a', 7))).toBeUndefined();
    expect(acc.add(deliver(4_500, 'a', 7))).toEqual({ flow: 'a', sequence: 7, sentAt: 1_000, deliveredAt: 4_500, latencyMs: 3.5, hops: 1, tunnelled: false, viaHomeAgent: false });
    expect(acc.add(deliver(5_000, 'a', 7))).toBeUndefined(); // a duplicate
  });
});
