// Story: a lossy core link. Which frames are lost is decided by a seeded
// stream owned by the sending interface, so the same seed loses the same
// frames on every run, and another seed loses others.

import { describe, expect, it } from 'vitest';
import { eventsOf, flow, hostState, lineSimulation } from '../test-support/scenarios';

function lostSequences(seed: number, loss: number): number[] {
  const sim = lineSimulation(seed, { H1: [flow('a', '10.2.0.10', 0, 1000, 40)] }, { core: { loss } });
  sim.runUntilIdle();
  const delivered = new Set(hostState(sim, 'H2').deliveries.map((d) => d.sequence));
  const lostFrames = eventsOf(sim.trace, 'R1', 'lost');
  const lost = Array.from({ length: 40 }, (_, i) => i).filter((i) => !delivered.has(i));
  expect(lostFrames).toHaveLength(lost.length); // every missing datagram has its loss event
  return lost;
}

describe('loss on a link', () => {
  it('the same seed drops the same frames every run', () => {
    const first = lostSequences(7, 0.3);
    expect(lostSequences(7, 0.3)).toEqual(first);
    expect(first.length).toBeGreaterThan(3); // 40 frames at 30 %: far from none …
    expect(first.length).toBeLessThan(25); // … and far from all
  });

  it('another seed gives another loss pattern', () => {
    expect(lostSequences(8, 0.3)).not.toEqual(lostSequences(7, 0.3));
  });

  it('loss 0 loses nothing and loss 1 loses everything', () => {
    expect(lostSequences(7, 0)).toEqual([]);
    expect(lostSequences(7, 1)).toHaveLength(40);
  });

  it('a lost frame is traced on the sender, when it would have arrived, with a reason that names the link and the probability', () => {
    const sim = lineSimulation(7, { H1: [flow('a', '10.2.0.10', 0, 1000, 1)] }, { core: { loss: 1 } });
    sim.runUntilIdle();
    const [sent] = eventsOf(sim.trace, 'R1', 'forwarded');
    const [lost] = eventsOf(sim.trace, 'R1', 'lost');
    // R1 forwards at 180 µs; 100 octets take 800 µs at 1 Mb/s, then 2 ms of propagation.
    expect(sent!.time).toBe(180);
    expect(lost).toMatchObject({
      time: 180 + 800 + 2000,
      interface: 'eth1',
      summary: 'lost on link core on the way to R2',
      reason: 'link core loses each frame with probability 1 (the link is down); the seeded draw for this frame and receiver came out "lost"',
      causedBy: sent!.id,
    });
    expect(eventsOf(sim.trace, 'R2', 'received')).toEqual([]);
  });

  it('each sending interface has its own stream: loss on the core does not change which frames H2 loses on lan2', () => {
    const lostOnLan2 = (coreLoss: number): string[] => {
      const sim = lineSimulation(7, { H1: [flow('a', '10.2.0.10', 0, 1000, 20)], H2: [flow('b', '10.1.0.10', 0, 1000, 20)] }, { core: { loss: coreLoss }, lan2: { loss: 0.5 } });
      sim.runUntilIdle();
      const byId = new Map(sim.trace.map((e) => [e.id, e]));
      return eventsOf(sim.trace, 'H2', 'lost').map((e) => byId.get(e.causedBy!)!.summary);
    };
    const quiet = lostOnLan2(0);
    expect(quiet.length).toBeGreaterThan(0);
    expect(lostOnLan2(0.9)).toEqual(quiet);
  });
});
