// Rewind for the fabric: snapshot → continue → restore → continue gives the
// same trace again — and the in-process one — with a move already scheduled
// past the snapshot (the coordinator's world queue is in the snapshot too) and
// frames in flight at the moment it was taken.

import { afterEach, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/node/contract';
import { loadBuiltin } from '../../scenarios/builtin';
import type { SimulationBackend } from '../backend';
import { fabric, inProcess, traceJson } from './test-support/compare';

const running: SimulationBackend[] = [];
afterEach(() => {
  for (const b of running.splice(0)) b.destroy();
});

describe('fabric snapshots', () => {
  it('restore puts every host, its queue and the coordinator back: the run continues identically', async () => {
    const loaded = loadBuiltin('smooth-handoff');
    const backend = await fabric(loaded);
    running.push(backend);
    const sim = inProcess(loaded);

    const t1 = 10_000_500; // mid-flow: datagrams are on the wire
    await backend.advanceTo(t1);
    sim.runUntil(t1);
    sim.takeTrace();
    backend.apply({ type: 'move', node: 'MN', position: { x: 160, y: 450 } }, 20_000_000);
    sim.moveNode('MN', { x: 160, y: 450 }, 20_000_000);

    const snapshot = await backend.snapshot();
    expect(snapshot).toMatchObject({ kind: 'workers', time: t1 });
    const first: TraceEvent[] = await backend.advanceTo(loaded.duration);
    await backend.restore(snapshot);
    expect(backend.now()).toBe(t1);
    const second: TraceEvent[] = [...await backend.advanceTo(25_000_000), ...await backend.advanceTo(loaded.duration)];

    sim.runUntil(loaded.duration);
    const expected = traceJson(sim.takeTrace());
    expect(first.length).toBeGreaterThan(100);
    expect(traceJson(first)).toBe(expected);
    expect(traceJson(second)).toBe(expected);
  }, 60_000);

  it('a snapshot can be restored twice, and views follow the restored state', async () => {
    const loaded = loadBuiltin('triangle-routing');
    const backend = await fabric(loaded);
    running.push(backend);
    await backend.advanceTo(2_000_000);
    const snapshot = await backend.snapshot();
    const before = await backend.views();
    backend.apply({ type: 'move', node: 'MN', position: { x: 780, y: 450 } }, 2_000_000);
    await backend.advanceTo(5_000_000);
    expect((await backend.views()).MN!.attachments).toEqual({ wlan0: ['cell2'] });
    for (let i = 0; i < 2; i++) {
      await backend.restore(snapshot);
      const views = await backend.views();
      expect(views).toEqual(before);
      expect(views.MN).toMatchObject({ id: 'MN', position: { x: 540, y: 470 }, attachments: { wlan0: ['cell1'] } });
    }
  }, 60_000);
});
