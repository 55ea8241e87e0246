// Story: two hosts on two LANs, two routers and a slow core link between them.
// Every arrival time below is worked out by hand from the link figures in
// lineTopology (delay + serialization + FIFO waiting), not read off a run.
//
//   100-octet datagrams; serialization: lan1 10 Mbit/s → 80 µs,
//   core 1 Mbit/s → 800 µs, lan2 100 Mbit/s → 8 µs.

import { describe, expect, it } from 'vitest';
import { eventsOf, flow, hostState, lineSimulation } from '../test-support/scenarios';

describe('two hosts across two routers', () => {
  it('H1 → H2: three datagrams sent 10 µs apart queue behind each other on the slow core link', () => {
    const sim = lineSimulation(1, { H1: [flow('a', '10.2.0.10', 1000, 10, 3)] });
    sim.runUntilIdle();
    // #0 sent 1000: leaves H1 1080, at R1 1180; core free: leaves 1980, at R2 3980; leaves 3988, at H2 4038.
    // #1 sent 1010: waits for #0 on H1 (free 1080): leaves 1160, at R1 1260; core busy until 1980:
    //    leaves 2780, at R2 4780; leaves 4788, at H2 4838.
    // #2 sent 1020: leaves H1 1240, at R1 1340; core free at 2780: leaves 3580, at R2 5580; at H2 5638.
    const got = hostState(sim, 'H2').deliveries.map((d) => [d.flow, d.sequence, d.time, d.ttl, d.source, d.destinationPort]);
    expect(got).toEqual([
      ['a', 0, 4038, 62, '10.1.0.10', 7],
      ['a', 1, 4838, 62, '10.1.0.10', 7],
      ['a', 2, 5638, 62, '10.1.0.10', 7],
    ]);
    expect(eventsOf(sim.trace, 'R1', 'received').map((e) => e.time)).toEqual([1180, 1260, 1340]);
    expect(eventsOf(sim.trace, 'R1', 'forwarded').map((e) => e.time)).toEqual([1180, 1260, 1340]);
    expect(eventsOf(sim.trace, 'R2', 'received').map((e) => e.time)).toEqual([3980, 4780, 5580]);
  });

  it('H2 → H1 at the same moment uses the other direction of the core, which has its own queue', () => {
    const sim = lineSimulation(1, { H1: [flow('a', '10.2.0.10', 1000, 10, 1)], H2: [flow('b', '10.1.0.10', 1000, 10, 1)] });
    sim.runUntilIdle();
    // b: leaves H2 1008, at R2 1058; core R2→R1 idle: leaves 1858, at R1 3858; leaves 3938, at H1 4038.
    expect(hostState(sim, 'H1').deliveries.map((d) => [d.flow, d.time, d.source])).toEqual([['b', 4038, '10.2.0.10']]);
    expect(hostState(sim, 'H2').deliveries.map((d) => [d.flow, d.time, d.source])).toEqual([['a', 4038, '10.1.0.10']]);
  });

  it('every hop of a datagram is a chain of trace events a learner can follow back to the send', () => {
    const sim = lineSimulation(1, { H1: [flow('a', '10.2.0.10', 1000, 10, 1)] });
    sim.runUntilIdle();
    const byId = new Map(sim.trace.map((e) => [e.id, e]));
    const delivered = eventsOf(sim.trace, 'H2', 'delivered')[0]!;
    const chain: string[] = [];
    for (let e = byId.get(delivered.causedBy!); e !== undefined; e = e.causedBy === undefined ? undefined : byId.get(e.causedBy)) chain.push(`${e.node} ${e.kind}`);
    expect(chain).toEqual(['H2 received', 'R2 forwarded', 'R2 received', 'R1 forwarded', 'R1 received', 'H1 sent', 'H1 timer']);
    const forwarded = eventsOf(sim.trace, 'R1', 'forwarded')[0]!;
    expect(forwarded.summary).toBe('UDP 10.1.0.10 → 10.2.0.10 → next hop 10.0.12.2, TTL 64 → 63');
    expect(forwarded.ref).toBe('RFC 791 §3.1');
    expect(forwarded.bytes![8]).toBe(63);
  });

  it('routers learn their tables at time 0 and say so', () => {
    const sim = lineSimulation(1);
    sim.runUntilIdle();
    const change = eventsOf(sim.trace, 'R1', 'table-changed')[0]!;
    expect(change.time).toBe(0);
    expect(change.after).toEqual([
      '10.0.12.0/30 on-link on eth1 (1 hop, 2000 µs)',
      '10.1.0.0/24 on-link on eth0 (1 hop, 100 µs)',
      '10.2.0.0/24 via 10.0.12.2 on eth1 (2 hops, 2050 µs)',
    ]);
    expect(sim.isIdle()).toBe(true);
  });
});
