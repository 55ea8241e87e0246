// The in-page backend over real built-ins: commands reach the engine, views
// are copies, snapshots restore, and a behaviour that throws becomes a
// failure that names its node — also through the control layer, without
// hanging.

import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../../scenarios/builtin';
import type { RoleRegistry } from '../../scenarios/load';
import { PROTOCOL_REGISTRY } from '../../scenarios/registry';
import { RuntimeController } from '../control/controller';
import { FakeFrameClock } from '../control/testing/fake-frame-clock';
import { BatchMirror, traceJson } from '../control/testing/runs';
import { createInPageBackend } from './in-page-backend';

const S = 1_000_000;

/** The real router, except that from 2 s on it throws on every frame. */
const BROKEN_ROUTER: RoleRegistry = {
  ...PROTOCOL_REGISTRY,
  router: (node, loaded) => {
    const real = PROTOCOL_REGISTRY.router!(node, loaded);
    return {
      ...real,
      behaviour: {
        kind: real.behaviour.kind,
        handle(state, input, context) {
          if (input.kind === 'frame' && context.now >= 2 * S) throw new Error('forwarding table corrupt');
          return real.behaviour.handle(state, input, context);
        },
      },
    };
  },
};

describe('in-page backend', () => {
  const scenario = loadBuiltin('handoff-without-smooth-handoff');

  it('moves a node at the time given; the views show where it is and what it is attached to', async () => {
    const backend = createInPageBackend(scenario, scenario.seed);
    await backend.advanceTo(1 * S);
    const before = await backend.views();
    backend.apply({ type: 'move', node: 'MN', position: { x: 780, y: 470 } }, 1 * S);
    const trace = await backend.advanceTo(1 * S);
    const after = await backend.views();
    expect(before.MN).toMatchObject({ position: { x: 540, y: 470 }, attachments: { [Object.keys(before.MN!.attachments)[0]!]: ['cell1'] } });
    expect(after.MN).toMatchObject({ position: { x: 780, y: 470 }, attachments: { [Object.keys(after.MN!.attachments)[0]!]: ['cell2'] } });
    expect(trace[0]).toMatchObject({ time: 1 * S, node: 'MN', kind: 'table-changed' });
    // A view is a copy: running on leaves the one already handed out alone.
    const held = JSON.stringify(after.MN!.state);
    await backend.advanceTo(5 * S);
    expect(JSON.stringify(after.MN!.state)).toBe(held);
  });

  it('changes a link through the engine (set-link)', async () => {
    const backend = createInPageBackend(scenario, scenario.seed);
    backend.apply({ type: 'set-link', link: 'ha-r', delay: 20_000 }, 0);
    await backend.advanceTo(0);
    const snapshot = await backend.snapshot();
    const links = (snapshot.data as { topology: { links: { id: string; delay: number }[] } }).topology.links;
    expect(links.find((l) => l.id === 'ha-r')?.delay).toBe(20_000);
  });

  it('continues identically from a restored snapshot', async () => {
    const a = createInPageBackend(scenario, scenario.seed);
    await a.advanceTo(3 * S);
    const snapshot = await a.snapshot();
    const onwards = traceJson(await a.advanceTo(6 * S));
    await a.restore(snapshot);
    expect(a.now()).toBe(3 * S);
    expect(traceJson(await a.advanceTo(6 * S))).toBe(onwards);
    await expect(a.restore({ kind: 'workers', time: 0, data: null })).rejects.toThrow(/cannot restore a workers snapshot/);
  });

  it('a behaviour that throws fails the run, naming the node', async () => {
    const backend = createInPageBackend(scenario, scenario.seed, BROKEN_ROUTER);
    const reported: unknown[] = [];
    backend.onFailure((f) => reported.push(f));
    await expect(backend.advanceTo(10 * S)).rejects.toThrow('node "R" failed: forwarding table corrupt');
    expect(reported).toEqual([{ node: 'R', reason: 'node "R" failed: forwarding table corrupt' }]);
    await expect(backend.advanceTo(11 * S)).rejects.toThrow(/the run stopped/);
  });

  it('through the control layer: status failed, one batch saying so, and nothing hangs', async () => {
    const clock = new FakeFrameClock();
    const controller = new RuntimeController(Promise.resolve(createInPageBackend(scenario, scenario.seed, BROKEN_ROUTER)), { duration: scenario.duration, clock });
    const mirror = new BatchMirror();
    controller.subscribe((b) => mirror.apply(b));
    await controller.ready;
    await controller.seek(10 * S);
    await clock.frame();
    expect(mirror.last).toMatchObject({ status: 'failed', failure: { node: 'R', reason: 'node "R" failed: forwarding table corrupt' } });
    await controller.step();
    controller.start();
    await clock.runFrames(3);
    expect(mirror.last.status).toBe('failed');
    controller.destroy();
  });
});
