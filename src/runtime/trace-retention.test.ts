// The runtime keeps a window of the trace, not the whole run (PAGE_TRACE_RETENTION,
// docs/architecture.md "Engine"): a late subscriber gets the recent window and the counts
// of what came before it; a seek backwards brings the window at the new time;
// `recall` re-derives an older stretch without moving the run. Every stretch
// re-derived by replay must be exactly the straight run's — the same events,
// numbered the same — on the in-page backend and on the worker fabric.

import { describe, expect, it } from 'vitest';
import { isPacketEvent } from '../engine/metrics/trace-events';
import type { TraceEvent } from '../engine/node/contract';
import { loadBuiltin } from '../scenarios/builtin';
import { buildSimulation } from '../scenarios/load';
import { PROTOCOL_REGISTRY } from '../scenarios/registry';
import { createLabRuntime } from './create-lab-runtime';
import { FakeFrameClock, settle } from './control/testing/fake-frame-clock';
import { BatchMirror, traceJson } from './control/testing/runs';
import { inThreadSpawner } from './fabric/in-thread-spawner';
import { createWorkerBackend } from './fabric/worker-backend';
import type { LabCommand, LabRuntime, RuntimeBatch, TraceStretch } from './types';

const S = 1_000_000;
const MOVE: LabCommand = { type: 'move', node: 'MN', position: { x: 780, y: 470 } };
/** Small, so the 30 s scenario goes far past it. */
const RETENTION = { span: 2 * S, maxEvents: 300 };
const scenario = loadBuiltin('route-optimization');

/** The engine alone, driven as the runtime drives it: to 4 s, the move, on to the end. */
function straightRun(): TraceEvent[] {
  const simulation = buildSimulation(scenario, PROTOCOL_REGISTRY, scenario.seed);
  simulation.runUntil(4 * S);
  simulation.moveNode('MN', MOVE.type === 'move' ? MOVE.position : { x: 0, y: 0 }, 4 * S);
  simulation.runUntil(4 * S);
  simulation.runUntil(scenario.duration);
  return simulation.takeTrace();
}
const straight = straightRun();

/** A stretch is the straight run's events from its first one's instant (whole) to `to`, counted as in the whole run. */
function expectExact(stretch: { readonly events: readonly TraceEvent[]; readonly to: number; readonly before: { readonly events: number; readonly packets: number } }): void {
  const i = stretch.before.events;
  const n = stretch.events.length;
  expect(n).toBeGreaterThan(0);
  expect(traceJson(stretch.events)).toBe(traceJson(straight.slice(i, i + n)));
  expect(straight[i + n]?.time ?? Infinity).toBeGreaterThan(stretch.to);
  if (i > 0) expect(straight[i - 1]!.time).toBeLessThan(stretch.events[0]!.time);
  expect(stretch.before.packets).toBe(straight.slice(0, i).filter(isPacketEvent).length);
  expect(n).toBeLessThanOrEqual(RETENTION.maxEvents);
  expect(stretch.events[0]!.time).toBeGreaterThanOrEqual(stretch.events[n - 1]!.time - RETENTION.span);
}

async function start(mode: 'in-page' | 'workers'): Promise<{ runtime: LabRuntime; mirror: BatchMirror; flush: () => Promise<void> }> {
  const clock = new FakeFrameClock();
  const runtime = createLabRuntime(scenario, { mode, traceRetention: RETENTION }, { clock, startWorkers: (s, seed) => createWorkerBackend(s, seed, inThreadSpawner()) });
  const mirror = new BatchMirror();
  runtime.subscribe((b) => mirror.apply(b));
  await runtime.ready;
  return { runtime, mirror, flush: async () => { await settle(); await clock.frame(); } };
}

describe.each(['in-page', 'workers'] as const)('a window of the trace, older stretches by replay (%s)', (mode) => {
  it('a late subscriber gets the recent window; recall and a seek backwards re-derive older windows exactly; the run is not disturbed', async () => {
    const { runtime, mirror, flush } = await start(mode);
    await runtime.seek(4 * S);
    runtime.send(MOVE);
    const seen = mirror.batches.length;
    await runtime.seek(20 * S);
    await flush();
    // A long seek goes out in pieces as it grows: no batch holds much more than a window (a span's stretch at most on top).
    const pieces = mirror.batches.slice(seen).map((b) => b.trace.length);
    const mostInSpan = Math.max(...straight.map((e, i) => straight.slice(i).findIndex((f) => f.time > e.time + RETENTION.span)));
    expect(pieces.length).toBeGreaterThan(1);
    expect(Math.max(...pieces)).toBeLessThanOrEqual(RETENTION.maxEvents + mostInSpan);
    const upTo20 = straight.filter((e) => e.time <= 20 * S);
    expect(traceJson(mirror.trace)).toBe(traceJson(upTo20)); // the stream itself is whole

    const late: RuntimeBatch[] = [];
    runtime.subscribe((b) => late.push(b));
    await flush();
    expect(late[0]!.traceBefore).toBeDefined();
    expectExact({ events: late[0]!.trace, to: 20 * S, before: late[0]!.traceBefore! });
    expect(late[0]!.trace[late[0]!.trace.length - 1]).toBe(mirror.trace[mirror.trace.length - 1]); // it ends where the stream is

    const recalled: TraceStretch[] = [];
    for (const t of [1, 3 * S, 4 * S, 4 * S + 1, 11 * S, 20 * S + 1]) recalled.push(await runtime.recall(t));
    for (const r of recalled) expectExact(r);
    expect(recalled[0]!.events.every((e) => e.time === 0)).toBe(true); // before 1 µs: time 0, re-derived from the run's start
    expect(recalled[2]!.to).toBe(4 * S - 1);
    expect(recalled[3]!.events.some((e) => e.time === 4 * S)).toBe(true); // the move's own instant

    // The run went on from where it was: nothing of the recalls shows in the stream.
    await runtime.seek(25 * S);
    await flush();
    expect(traceJson(mirror.trace)).toBe(traceJson(straight.filter((e) => e.time <= 25 * S)));

    await runtime.seek(3 * S); // before the move, far outside the window
    await flush();
    expect(mirror.last.truncatedTo).toBe(3 * S);
    expectExact(mirror.last.window!);
    expect(mirror.last.window!.to).toBe(3 * S);
    expect(traceJson(mirror.trace)).toBe(traceJson(straight.filter((e) => e.time <= 3 * S)));
    await runtime.seek(scenario.duration);
    await flush();
    expect(traceJson(mirror.trace)).toBe(traceJson(straight));
    runtime.destroy();
  }, 60_000);
});
