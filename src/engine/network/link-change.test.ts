// Changing a link while the network runs (Simulation.setLink, link-change.ts):
// frames already on the wire keep the delay they left with, later ones take
// the new one, routes follow the new delays, and what the worker fabric
// could not run (a delay below 1 µs) is refused at once.

import { describe, expect, it } from 'vitest';
import { flow, lineSimulation } from './test-support/scenarios';
import { checkLinkChange, lookahead, withLinkChange } from './link-change';

// H1 ─ lan1 (100 µs, 10 Mbit/s) ─ R1 ═ core (2 ms, 1 Mbit/s) ═ R2 ─ lan2 (50 µs) ─ H2.
// A 100-octet datagram sent by H1 at t reaches R1 at t + 80 + 100, leaves R1
// at t + 180 + 800 (serialization at 1 Mbit/s) and reaches R2 at t + 2980.

function arrivalsAtR2(trace: readonly { node: string; kind: string; interface?: string; time: number }[]): number[] {
  return trace.filter((e) => e.node === 'R2' && e.kind === 'received' && e.interface === 'eth0').map((e) => e.time);
}

describe('Simulation.setLink', () => {
  it('applies a new delay to frames sent after it; frames in flight keep theirs', () => {
    const sim = lineSimulation(1, { H1: [flow('f', '10.2.0.10', 1_000, 10_000, 3)] });
    sim.setLink('core', { delay: 5_000 }, 12_000); // datagram 2 left R1 at 11 980: in flight
    sim.runUntilIdle();
    expect(arrivalsAtR2(sim.trace)).toEqual([1_000 + 2_980, 11_000 + 2_980, 21_000 + 5_980]);
  });

  it('re-routes: the routers get tables with the new metric, traced, with no cause of their own', () => {
    const sim = lineSimulation(1);
    sim.runUntil(0);
    const toLan2 = () => sim.forwardingTable('R1')!.routes.find((r) => r.destination === '10.2.0.0')!;
    expect(toLan2().metric).toBe(2_000 + 50);
    sim.setLink('core', { delay: 7_000 }, 500);
    sim.runUntil(500);
    expect(toLan2().metric).toBe(7_000 + 50);
    const installs = sim.trace.filter((e) => e.time === 500);
    expect(installs.map((e) => [e.node, e.kind])).toEqual([['H1', 'table-changed'], ['R1', 'table-changed'], ['R2', 'table-changed'], ['H2', 'table-changed']]);
    expect(installs.every((e) => e.causedBy === undefined)).toBe(true);
    expect(sim.topology.links.find((l) => l.id === 'core')!.delay).toBe(7_000);
  });

  it('a loss of 1 drops every later frame on the link, traced as lost', () => {
    const sim = lineSimulation(1, { H1: [flow('f', '10.2.0.10', 1_000, 10_000, 3)] });
    sim.setLink('lan2', { loss: 1 }, 15_000);
    sim.runUntilIdle();
    const atH2 = sim.trace.filter((e) => e.node === 'H2' && e.kind === 'received').length;
    expect(atH2).toBe(2);
    expect(sim.trace.filter((e) => e.kind === 'lost' && e.summary === 'lost on link lan2 on the way to H2')).toHaveLength(1);
  });

  it('refuses a delay below 1 µs, a loss outside [0, 1] and an unknown link with a RangeError', () => {
    const sim = lineSimulation(1);
    expect(() => sim.setLink('core', { delay: 0 })).toThrow(new RangeError('link "core": delay must be a whole number of µs ≥ 1 (got 0); the parallel runtime\'s lookahead is the smallest link delay'));
    expect(() => sim.setLink('core', { delay: 2.5 })).toThrow(RangeError);
    expect(() => sim.setLink('core', { loss: 1.5 })).toThrow(new RangeError('link "core": loss must be a probability in [0, 1] (got 1.5)'));
    expect(() => sim.setLink('wan', { loss: 0 })).toThrow(new RangeError('no link "wan" in the topology'));
  });
});

describe('link-change helpers', () => {
  const topology = lineSimulation(1).topology;

  it('withLinkChange returns a new topology and leaves the old one alone', () => {
    const changed = withLinkChange(topology, 'lan1', { loss: 0.25 });
    expect(changed.links.find((l) => l.id === 'lan1')).toMatchObject({ delay: 100, loss: 0.25 });
    expect(topology.links.find((l) => l.id === 'lan1')!.loss).toBeUndefined();
    expect(changed.nodes).toBe(topology.nodes);
  });

  it('lookahead is the smallest delay', () => {
    expect(lookahead(topology)).toBe(50);
    expect(lookahead(withLinkChange(topology, 'core', { delay: 1 }))).toBe(1);
    expect(() => checkLinkChange(topology, 'core', { delay: 1 })).not.toThrow();
  });
});
