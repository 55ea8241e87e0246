// The runtime end to end on real built-in scenarios (in-page backend, fake
// frame clock): rewind and replay reproduce a straight run byte for byte;
// the command log is the run's script; the mode and its fallback.

import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../scenarios/builtin';
import { buildSimulation } from '../scenarios/load';
import { PROTOCOL_REGISTRY } from '../scenarios/registry';
import { chooseMode, createLabRuntime } from './create-lab-runtime';
import { FakeFrameClock, settle } from './control/testing/fake-frame-clock';
import { inThreadSpawner } from './fabric/in-thread-spawner';
import { createWorkerBackend } from './fabric/worker-backend';
import { BatchMirror, startInPage, traceJson } from './control/testing/runs';
import type { LabCommand } from './types';

const S = 1_000_000;
/** From cell1 into cell2 (both scenarios put cell2's centre at x 780). */
const MOVE: LabCommand = { type: 'move', node: 'MN', position: { x: 780, y: 470 } };
const STOP_FLOW: LabCommand = { type: 'stop-flow', node: 'CN', flow: 'cn-to-mn' };
const SMOOTH_ON: LabCommand = { type: 'configure', node: 'FA2', setting: 'smooth-handoff', value: true };

describe.each(['handoff-without-smooth-handoff', 'route-optimization'])('%s: rewind', (id) => {
  it('seeking back and forth gives the trace of a straight run, with a move in the middle', async () => {
    const scenario = loadBuiltin(id);
    // The engine alone, driven as the runtime drives it: to 4 s, the move, on to 10 s.
    const simulation = buildSimulation(scenario, PROTOCOL_REGISTRY, scenario.seed);
    simulation.runUntil(4 * S);
    simulation.moveNode('MN', { x: 780, y: 470 }, 4 * S);
    simulation.runUntil(4 * S);
    simulation.runUntil(10 * S);
    const straight = traceJson(simulation.trace);

    const { runtime, mirror, flush } = await startInPage(scenario);
    await runtime.seek(4 * S);
    runtime.send(MOVE);
    await runtime.seek(10 * S);
    await flush();
    expect(traceJson(mirror.trace)).toBe(straight);

    await runtime.seek(3 * S); // before the move: it must be replayed from the log
    await flush();
    expect(mirror.last).toMatchObject({ now: 3 * S, status: 'paused', truncatedTo: 3 * S });
    expect(mirror.trace.length).toBeGreaterThan(0);
    expect(mirror.trace.every((e) => e.time <= 3 * S)).toBe(true);
    expect(mirror.last.nodes?.MN?.attachments).toEqual({ [scenario.topology.nodes.find((n) => n.id === 'MN')!.interfaces[0]!.name]: ['cell1'] });

    await runtime.seek(7 * S);
    await runtime.seek(5.5 * S);
    await runtime.seek(10 * S);
    await flush();
    expect(traceJson(mirror.trace)).toBe(straight);
    expect(JSON.stringify(mirror.last.nodes?.MN?.state, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
      .toBe(JSON.stringify(simulation.nodeState('MN'), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
    runtime.destroy();
  });
});

describe('on the worker fabric (hosts in this thread)', () => {
  it('the same controls give the in-page trace: commands, rewind, replay', async () => {
    const scenario = loadBuiltin('handoff-without-smooth-handoff');
    const inPage = await startInPage(scenario);
    const clock = new FakeFrameClock();
    const runtime = createLabRuntime(scenario, { mode: 'workers' }, { clock, startWorkers: (s, seed) => createWorkerBackend(s, seed, inThreadSpawner()) });
    const mirror = new BatchMirror();
    runtime.subscribe((b) => mirror.apply(b));
    await runtime.ready;
    expect(runtime.mode).toEqual({ kind: 'workers' });
    for (const run of [inPage.runtime, runtime]) {
      await run.seek(3 * S);
      run.send(MOVE);
      await run.step();
      run.send(SMOOTH_ON);
      await run.seek(7 * S);
      await run.seek(2 * S);
      await run.seek(7 * S);
    }
    await inPage.flush();
    await settle();
    await clock.frame();
    expect(mirror.last).toMatchObject({ now: 7 * S, status: 'paused' });
    expect(mirror.commands).toEqual(inPage.mirror.commands);
    expect(traceJson(mirror.trace)).toBe(traceJson(inPage.mirror.trace));
    runtime.destroy();
    inPage.runtime.destroy();
  });
});

describe('the command log', () => {
  it('replays a live run (commands sent while playing, paused and stepping) to the same trace', async () => {
    const scenario = loadBuiltin('handoff-without-smooth-handoff');
    const live = await startInPage(scenario);
    live.runtime.setSpeed(4);
    live.runtime.start();
    await live.clock.runFrames(40, 16); // 4 × 640 ms = 2.56 s
    live.runtime.send(MOVE);
    await live.clock.runFrames(20, 16); // + 1.28 s
    live.runtime.send(SMOOTH_ON);
    await live.clock.runFrames(3, 16);
    live.runtime.pause();
    await live.runtime.step();
    live.runtime.send(STOP_FLOW);
    await live.runtime.seek(10 * S);
    await live.flush();

    const log = live.mirror.commands;
    expect(log.map((c) => c.at)).toEqual([2_560_000, 3_840_000, expect.any(Number)]);
    expect(log[2]!.at).toBeGreaterThan(4_032_000); // the step went past 3.84 s + 3 frames
    expect(log.map((c) => c.command)).toEqual([MOVE, SMOOTH_ON, STOP_FLOW]);

    const replay = await startInPage(scenario, { commandLog: log });
    await replay.runtime.seek(10 * S);
    await replay.flush();
    expect(traceJson(replay.mirror.trace)).toBe(traceJson(live.mirror.trace));
    expect(replay.mirror.commands).toEqual(log);

    // Played unpaced instead: the same run, however the time is cut into advances.
    const fast = await startInPage(scenario, { commandLog: log, speed: 'unpaced' });
    fast.runtime.start();
    for (let i = 0; i < 50 && fast.mirror.last.status !== 'finished'; i++) await fast.clock.frame();
    expect(fast.mirror.last.status).toBe('finished');
    expect(traceJson(fast.mirror.trace.filter((e) => e.time <= 10 * S))).toBe(traceJson(live.mirror.trace));
  });

  it('a command after a seek backwards starts a new branch: the later entries are dropped', async () => {
    const scenario = loadBuiltin('handoff-without-smooth-handoff');
    const { runtime, mirror, flush } = await startInPage(scenario);
    await runtime.seek(4 * S);
    runtime.send(MOVE);
    await runtime.seek(6 * S);
    runtime.send(STOP_FLOW);
    await flush();
    expect(mirror.commands.map((c) => c.at)).toEqual([4 * S, 6 * S]);

    await runtime.seek(5 * S);
    runtime.send(SMOOTH_ON);
    await runtime.seek(8 * S);
    await flush();
    expect(mirror.commands).toEqual([{ at: 4 * S, command: MOVE }, { at: 5 * S, command: SMOOTH_ON }]);
    // The flow was never stopped on this branch: the CN still sends after 6 s (every 200 ms).
    expect(mirror.trace.some((e) => e.node === 'CN' && e.kind === 'sent' && e.time > 6 * S)).toBe(true);

    const fresh = await startInPage(scenario, { commandLog: mirror.commands });
    await fresh.runtime.seek(8 * S);
    await fresh.flush();
    expect(traceJson(mirror.trace)).toBe(traceJson(fresh.mirror.trace));
  });

  it('a log that does not fit the scenario is refused with the entry and the reason', () => {
    const scenario = loadBuiltin('triangle-routing');
    expect(() => createLabRuntime(scenario, { mode: 'in-page', commandLog: [{ at: 5, command: { type: 'move', node: 'nobody', position: { x: 0, y: 0 } } }] }))
      .toThrow(/command log entry 1 \(at 5 µs\): unknown node "nobody"/);
    expect(() => createLabRuntime(scenario, { mode: 'in-page', commandLog: [{ at: 9, command: MOVE }, { at: 3, command: MOVE }] }))
      .toThrow(/entry 2: at 3 µs comes before the previous entry's 9 µs/);
  });

  it('a live command the scenario cannot take is reported in the batch, and nothing is logged', async () => {
    const { runtime, mirror, flush } = await startInPage(loadBuiltin('triangle-routing'));
    runtime.send({ type: 'set-link', link: 'no-such-link', delay: 5 });
    await flush();
    expect(mirror.last.rejected?.reason).toMatch(/unknown link "no-such-link"/);
    expect(mirror.commands).toEqual([]);
  });
});

describe('mode', () => {
  const scenario = loadBuiltin('triangle-routing');

  it('auto takes workers only where the browser and the topology allow them', () => {
    expect(chooseMode(scenario, 'auto', true)).toEqual({ kind: 'workers' });
    expect(chooseMode(scenario, 'auto', false)).toEqual({ kind: 'in-page', reason: 'this browser offers no Web Workers' });
    const instant = { ...scenario, topology: { ...scenario.topology, links: scenario.topology.links.map((l, i) => (i === 0 ? { ...l, delay: 0 } : l)) } };
    expect(chooseMode(instant, 'auto', true).kind).toBe('in-page');
    expect(chooseMode(instant, 'auto', true).reason).toMatch(new RegExp(`link "${scenario.topology.links[0]!.id}" has a delay of 0 µs`));
    expect(chooseMode(scenario, 'workers', false)).toEqual({ kind: 'workers' });
    expect(chooseMode(scenario, 'in-page', true).kind).toBe('in-page');
  });

  it('workers that fail to start fall back to the page, saying why; ready follows the time-0 batch', async () => {
    const clock = new FakeFrameClock();
    const runtime = createLabRuntime(scenario, { mode: 'workers' }, { clock, startWorkers: () => Promise.reject(new Error('worker script failed to load')) });
    expect(runtime.mode.kind).toBe('workers');
    const mirror = new BatchMirror();
    runtime.subscribe((b) => mirror.apply(b));
    await runtime.ready;
    expect(runtime.mode).toEqual({ kind: 'in-page', reason: 'the workers could not start (worker script failed to load); running in the page instead' });
    expect(mirror.batches).toHaveLength(1);
    expect(mirror.last).toMatchObject({ now: 0, status: 'paused', commands: [] });
    expect(Object.keys(mirror.last.nodes ?? {})).toEqual(scenario.topology.nodes.map((n) => n.id));
    expect(mirror.trace.length).toBeGreaterThan(0); // routes installed and nodes started at time 0
    runtime.destroy();
  });
});
