// Story: the same scenario and seed give the same trace, byte for byte
// (docs/architecture.md "Engine"); and a run snapshotted mid-way with structuredClone,
// then restored, continues exactly as the original did (rewind).

import { describe, expect, it } from 'vitest';
import type { NodeBehaviour, NodeId } from '../../node/contract';
import { hostBehaviour } from '../behaviours/host';
import { routerBehaviour } from '../behaviours/router';
import { restoreSimulation, type Simulation } from '../simulation';
import { cellsSimulation } from '../test-support/cells';
import { flow, lineSimulation, traceJson } from '../test-support/scenarios';

function busyLine(seed: number): Simulation {
  return lineSimulation(seed, { H1: [flow('a', '10.2.0.10', 0, 700, 30)], H2: [flow('b', '10.1.0.10', 350, 900, 30)] }, { core: { loss: 0.2 }, lan1: { loss: 0.05 } });
}

function walkingMobile(seed: number): Simulation {
  const sim = cellsSimulation(seed);
  sim.moveNode('MN', { x: 150, y: 0 }, 3500);
  sim.moveNode('MN', { x: 300, y: 0 }, 6500);
  return sim;
}

const behaviours: Record<string, Record<NodeId, NodeBehaviour<unknown, unknown>>> = {
  line: { H1: hostBehaviour, R1: routerBehaviour, R2: routerBehaviour, H2: hostBehaviour },
  cells: { CN: hostBehaviour, R: routerBehaviour, AP1: routerBehaviour, AP2: routerBehaviour, MN: hostBehaviour },
};

describe('determinism', () => {
  it('two runs with the same seed produce identical traces', () => {
    const a = busyLine(42);
    const b = busyLine(42);
    a.runUntilIdle();
    b.runUntilIdle();
    expect(a.trace.length).toBeGreaterThan(200);
    expect(traceJson(b.trace)).toBe(traceJson(a.trace));
  });

  it('a different seed gives a different loss pattern', () => {
    const lost = (seed: number): string[] => {
      const sim = busyLine(seed);
      sim.runUntilIdle();
      return sim.trace.filter((e) => e.kind === 'lost').map((e) => `${e.time} ${e.node}`);
    };
    expect(lost(43)).not.toEqual(lost(42));
  });

  it('running to the end in one go or in many small steps gives the same trace', () => {
    const whole = busyLine(42);
    whole.runUntilIdle();
    const stepped = busyLine(42);
    for (let t = 0; !stepped.isIdle(); t += 997) stepped.runUntil(t);
    expect(traceJson(stepped.trace)).toBe(traceJson(whole.trace));
  });

  for (const [name, build, at] of [['line', busyLine, 10_000], ['cells', walkingMobile, 5_000]] as const) {
    it(`a ${name} run restored from a structuredClone mid-run continues identically`, () => {
      const original = build(42);
      original.runUntil(at);
      const pending = original.state().scheduler.pending.map((e) => e.payload.kind);
      expect(pending).toContain('timer');
      if (name === 'line') expect(pending).toContain('frame'); // frames in flight are part of the snapshot
      if (name === 'cells') expect(pending).toContain('move'); // and so are moves still to come

      const snapshot = structuredClone(original.state());
      const before = original.trace.length;
      original.runUntilIdle();
      const restored = restoreSimulation(snapshot, behaviours[name]!);
      restored.runUntilIdle();

      expect(restored.now).toBe(original.now);
      expect(traceJson(restored.trace)).toBe(traceJson(original.trace.slice(before)));
      expect(restored.state()).toEqual(original.state());
    });
  }

  it('node state is plain data: it survives structuredClone unchanged', () => {
    const sim = busyLine(42);
    sim.runUntil(20_000);
    for (const id of ['H1', 'R1', 'R2', 'H2']) expect(structuredClone(sim.nodeState(id))).toEqual(sim.nodeState(id));
  });
});
