// Moves and link changes issued mid-run (the learner drags the mobile node,
// turns a link's delay or loss), through `apply` at various times: the
// fabric's trace stays the in-process one (Simulation.moveNode / setLink).

import { afterEach, describe, expect, it } from 'vitest';
import type { Simulation } from '../../engine/network/simulation';
import type { TraceEvent } from '../../engine/node/contract';
import { loadBuiltin } from '../../scenarios/builtin';
import type { SimulationBackend } from '../backend';
import type { LabCommand } from '../types';
import { fabric, inProcess, traceJson } from './test-support/compare';

const running: SimulationBackend[] = [];
afterEach(() => {
  for (const b of running.splice(0)) b.destroy();
});

type WorldCommand = Extract<LabCommand, { type: 'move' | 'set-link' }>;

/** The same scenario both ways, with the same world commands. */
async function pair(id: string) {
  const loaded = loadBuiltin(id);
  const backend = await fabric(loaded);
  running.push(backend);
  const sim: Simulation = inProcess(loaded);
  const workers: TraceEvent[] = [];
  return {
    loaded,
    workers,
    sim,
    apply(command: WorldCommand, at: number): void {
      backend.apply(command, at);
      if (command.type === 'move') sim.moveNode(command.node, command.position, at);
      else sim.setLink(command.link, { ...(command.delay === undefined ? {} : { delay: command.delay }), ...(command.loss === undefined ? {} : { loss: command.loss }) }, at);
    },
    async advance(t: number): Promise<void> {
      workers.push(...await backend.advanceTo(t));
      sim.runUntil(t);
    },
    backend,
  };
}

const CELL2 = { x: 780, y: 450 };
const HOME = { x: 160, y: 450 };
const NOWHERE = { x: 2000, y: 2000 };

describe('moves and link changes mid-run', () => {
  it('moves at now, ahead of time, out of every cell, and within a cell give the in-process trace', async () => {
    const run = await pair('route-optimization');
    await run.advance(4_000_000);
    run.apply({ type: 'move', node: 'MN', position: CELL2 }, 4_000_000); // at now
    run.apply({ type: 'move', node: 'MN', position: { x: CELL2.x + 10, y: CELL2.y } }, 6_000_000); // same cell: nothing changes
    run.apply({ type: 'move', node: 'MN', position: NOWHERE }, 9_000_123); // out of range: frames are dropped
    await run.advance(8_000_000);
    run.apply({ type: 'move', node: 'MN', position: HOME }, 12_000_000); // back home
    run.apply({ type: 'move', node: 'MN', position: CELL2 }, 12_000_000); // and away again at the same instant
    await run.advance(run.loaded.duration);
    const moves = run.workers.filter((e) => e.kind === 'table-changed' && e.node === 'MN' && e.interface !== undefined && Array.isArray(e.after));
    expect(moves.map((e) => [e.time, e.after])).toEqual([[4_000_000, ['cell2']], [9_000_123, []], [12_000_000, ['home']], [12_000_000, ['cell2']]]);
    expect(traceJson(run.workers)).toBe(traceJson(run.sim.takeTrace()));
  }, 60_000);

  it('link changes — slower, lossy, faster than the old lookahead — give the in-process trace', async () => {
    const run = await pair('triangle-routing');
    await run.advance(3_000_000);
    run.apply({ type: 'set-link', link: 'ha-r', delay: 20_000 }, 3_000_000); // routes' metrics follow
    run.apply({ type: 'set-link', link: 'fa1-r', loss: 0.5 }, 5_000_000); // seeded loss draws
    run.apply({ type: 'set-link', link: 'cn-lan', delay: 300 }, 7_000_000); // below the old lookahead (1 ms)
    await run.advance(9_500_000);
    run.apply({ type: 'set-link', link: 'fa1-r', loss: 0, delay: 1 }, 9_500_000); // the smallest delay allowed
    run.apply({ type: 'move', node: 'MN', position: CELL2 }, 9_500_000); // and a move at the same instant
    await run.advance(run.loaded.duration);
    const trace = run.sim.takeTrace();
    expect(run.workers.some((e) => e.kind === 'lost' && e.summary.startsWith('lost on link fa1-r'))).toBe(true);
    expect(traceJson(run.workers)).toBe(traceJson(trace));
  }, 60_000);

  it('refuses a delay below 1 µs and an unknown link, at once and with a clear RangeError', async () => {
    const run = await pair('triangle-routing');
    expect(() => run.backend.apply({ type: 'set-link', link: 'ha-r', delay: 0 }, 0)).toThrow(/delay must be a whole number of µs ≥ 1 \(got 0\)/);
    expect(() => run.backend.apply({ type: 'set-link', link: 'nope', delay: 5 }, 0)).toThrow(/no link "nope"/);
  });
});
