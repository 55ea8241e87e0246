// The edges of the window protocol (coordinator.ts), each checked against the
// in-process scheduler: simultaneous events on several nodes, empty time
// skipped, a frame landing exactly on a window's end, and commands applied
// at window boundaries.

import { afterEach, describe, expect, it } from 'vitest';
import type { UdpFlow } from '../../engine/network/behaviours/host';
import type { Simulation } from '../../engine/network/simulation';
import type { TraceEvent } from '../../engine/node/contract';
import type { SimulationBackend } from '../backend';
import type { LabCommand } from '../types';
import { inProcess, traceJson } from './test-support/compare';
import { recordingSpawner, windows, type SentRequest } from './test-support/recording-spawner';
import { ADDRESS, smallNetwork } from './test-support/small-network';
import { createWorkerBackend } from './worker-backend';

const running: SimulationBackend[] = [];
afterEach(() => {
  for (const b of running.splice(0)) b.destroy();
});

async function start(loaded = smallNetwork(), log: SentRequest[] = []): Promise<SimulationBackend> {
  const backend = await createWorkerBackend(loaded, loaded.seed, recordingSpawner(log));
  running.push(backend);
  return backend;
}

function flow(id: string, destination: string, start: number, interval: number, count: number): UdpFlow {
  return { id, destination, sourcePort: 5000, destinationPort: 7, start, interval, count, payloadOctets: 32 };
}

describe('the window protocol', () => {
  it('processes simultaneous events on several nodes in the in-process order (time, source, seq)', async () => {
    // A, B and C all send at 100 ms; R hears A (node 0) and C (node 3) at the same instant, 101 ms.
    const loaded = smallNetwork({ flows: [
      { id: 'a', from: 'A', to: ADDRESS.B, startS: 0.1, intervalMs: 50, count: 3 },
      { id: 'c', from: 'C', to: ADDRESS.B, startS: 0.1, intervalMs: 50, count: 3 },
      { id: 'b', from: 'B', to: ADDRESS.A, startS: 0.1, intervalMs: 50, count: 3 },
    ] });
    const backend = await start(loaded);
    const workers = await backend.advanceTo(loaded.duration);
    const sim = inProcess(loaded);
    sim.runUntil(loaded.duration);
    expect(traceJson(workers)).toBe(traceJson(sim.trace));
    const atR = workers.filter((e) => e.node === 'R' && e.time === 101_000 && e.kind === 'received');
    expect(atR.map((e) => e.causedBy?.split(':')[0])).toEqual(['A', 'C']);
  });

  it('skips empty time: two datagrams a second apart take six windows, not two thousand', async () => {
    const loaded = smallNetwork({ flows: [{ id: 'slow', from: 'A', to: ADDRESS.B, startS: 0.5, intervalMs: 1000, count: 2 }] });
    const log: SentRequest[] = [];
    const backend = await start(loaded, log);
    const workers = await backend.advanceTo(loaded.duration);
    const sim = inProcess(loaded);
    sim.runUntil(loaded.duration);
    expect(traceJson(workers)).toBe(traceJson(sim.trace));
    // Per datagram: A sends (0.5 s), R forwards (+1 ms), B receives (+2 ms more) — one window each, one host each,
    // each as long as the round trip back to its host (nothing else is on its way): A–R 2 ms, R–A 2 ms, B–R 4 ms.
    expect(windows(log)).toEqual([
      ['A', 502_000], ['R', 503_000], ['B', 507_000],
      ['A', 1_502_000], ['R', 1_503_000], ['B', 1_507_000],
    ]);
    expect(backend.now()).toBe(loaded.duration);
  });

  it('a frame landing exactly on a window’s end is processed in the next window, at its own time', async () => {
    const loaded = smallNetwork({ flows: [{ id: 'one', from: 'A', to: ADDRESS.B, startS: 0.1, intervalMs: 100, count: 1 }] });
    const log: SentRequest[] = [];
    const backend = await start(loaded, log);
    const sim = inProcess(loaded);
    const stops = [100_999, 101_000, 101_001, loaded.duration];
    const workers: TraceEvent[][] = [];
    const expected: TraceEvent[][] = [];
    for (const t of stops) {
      workers.push(await backend.advanceTo(t));
      sim.runUntil(t);
      expected.push(sim.takeTrace());
    }
    expect(traceJson(workers.flat())).toBe(traceJson(expected.flat()));
    // Sent at 100 000 µs in the window [100 000, 101 000); received at exactly 101 000 µs, in the next call.
    expect(windows(log).slice(0, 2)).toEqual([['A', 101_000], ['R', 101_001]]);
    expect(workers[0]!.map((e) => [e.node, e.kind, e.time]).slice(-1)).toEqual([['A', 'sent', 100_000]]);
    expect(workers[1]!.filter((e) => e.kind === 'received').map((e) => [e.node, e.time])).toEqual([['R', 101_000]]);
  });

  it('commands applied at window boundaries run before the node events at their time, as in process', async () => {
    const loaded = smallNetwork({ flows: [{ id: 'base', from: 'A', to: ADDRESS.B, startS: 0.1, intervalMs: 100, count: 5 }] });
    const backend = await start(loaded);
    const sim: Simulation = inProcess(loaded);
    const workers: TraceEvent[] = [];
    const both = (command: Extract<LabCommand, { type: 'start-flow' }>, at: number): void => {
      backend.apply(command, at);
      sim.command(command.node, { type: 'start-flow', flow: command.flow }, at);
    };
    const advance = async (t: number): Promise<void> => {
      workers.push(...await backend.advanceTo(t));
      sim.runUntil(t);
    };
    await advance(101_000); // R has just received A's first datagram at 101 000 µs
    both({ type: 'start-flow', node: 'R', flow: flow('r-now', ADDRESS.C, 101_000, 10_000, 2) }, 101_000); // at now: after what already ran at 101 000
    both({ type: 'start-flow', node: 'B', flow: flow('b-on-arrival', ADDRESS.A, 103_000, 10_000, 2) }, 103_000); // when A's datagram reaches B
    both({ type: 'start-flow', node: 'C', flow: flow('c-same-time-1', ADDRESS.A, 103_000, 10_000, 2) }, 103_000); // two nodes at one instant
    both({ type: 'start-flow', node: 'A', flow: flow('a-mid-window', ADDRESS.C, 150_500, 1_000, 3) }, 150_500);
    await advance(150_500); // stop exactly on the command's time
    both({ type: 'start-flow', node: 'C', flow: flow('c-later', ADDRESS.B, 150_500, 1, 3) }, 150_500); // the same time again, after it ran
    await advance(loaded.duration);
    expect(workers.length).toBeGreaterThan(50);
    expect(traceJson(workers)).toBe(traceJson(sim.takeTrace()));
    // At 103 000 µs B's command (no trace of its own) set its flow timer for that very instant; then
    // come R's frame (source R = 1) and B's timer (source B = 2), in that order.
    const atB = workers.filter((e) => e.node === 'B' && e.time === 103_000).map((e) => e.kind);
    expect(atB).toContain('timer');
    expect(atB.indexOf('received')).toBeGreaterThanOrEqual(0);
    expect(atB.indexOf('received')).toBeLessThan(atB.indexOf('timer'));
  });

  it('refuses a command for a time already past, as the in-process scheduler does', async () => {
    const backend = await start();
    await backend.advanceTo(5_000);
    expect(() => backend.apply({ type: 'start-flow', node: 'A', flow: flow('late', ADDRESS.B, 5_000, 1_000, 1) }, 4_999)).toThrow(RangeError);
  });
});
