// Hostile run links (src/scenarios/FORMAT.md "Limits"): a shared link carries a
// command log anyone can write. One case per kind: each is refused before the
// run starts, naming the entry and what is wrong, or runs; and a run that
// outgrows its work estimate anyway stops with a message — in the page's
// runtime and on the worker fabric, and headless — all within a time bound.

import { describe, expect, it } from 'vitest';
import { runHeadless } from '../cli/commands/run';
import { loadBuiltin } from '../scenarios/builtin';
import { WorkLimitExceeded } from '../scenarios/work';
import { parseRunLink } from '../ui/app/run-link';
import { FakeFrameClock, settle } from './control/testing/fake-frame-clock';
import { BatchMirror, startInPage } from './control/testing/runs';
import { createLabRuntime } from './create-lab-runtime';
import { inThreadSpawner } from './fabric/in-thread-spawner';
import { createWorkerBackend } from './fabric/worker-backend';
import type { CommandLogEntry, LabRuntime } from './types';

const S = 1_000_000;
const BOUND_MS = 5_000;
const scenario = loadBuiltin('route-optimization');
const flow = { id: 'extra', destination: '10.1.0.10', sourcePort: 5001, destinationPort: 7, start: S, interval: 100_000, count: 10, payloadOctets: 32 };
const startFlow = (over: Record<string, unknown>, at = S): CommandLogEntry => ({ at, command: { type: 'start-flow', node: 'CN', flow: { ...flow, ...over } } as CommandLogEntry['command'] });

/** A link as the page reads it, from the JSON text of its command log: what the address says is what is checked. */
function viaLink(json: string): CommandLogEntry[] {
  const base64url = Buffer.from(json, 'utf8').toString('base64url');
  const { link, problems } = parseRunLink(`?scenario=route-optimization&commands=${base64url}`);
  expect(problems).toEqual([]);
  return [...link.commands!];
}

const log = (...entries: unknown[]): string => JSON.stringify(entries);
/** Written as text: nesting this deep is more than JSON.stringify itself can write. */
const deepMove = (depth: number): string => `[{"at":0,"command":{"type":"move","node":"MN","position":${'['.repeat(depth)}1${']'.repeat(depth)}}}]`;

const REFUSED: readonly { readonly name: string; readonly scenario?: string; readonly json: () => string; readonly says: RegExp }[] = [
  { name: 'a flow at one datagram a microsecond', json: () => log(startFlow({ interval: 1 })), says: /^cannot replay this run: command log entry 1 \(at 1000000 µs\): flow "extra": interval 1 is not a duration of at least 1000 µs/ },
  { name: 'a flow of a million datagrams at the fastest rate', scenario: 'explore', json: () => log(startFlow({ interval: 1000, count: 1_000_000 })), says: /flow "extra": it would add about [\d,]+ events of work to the scenario's [\d,]+, more than the 80,000 a run may take/ },
  { name: 'many flows, each small enough, that together are too much', json: () => log(...Array.from({ length: 40 }, (_, k) => startFlow({ id: `f${k}`, interval: 1000, count: 1000 }))), says: /^cannot start this run: the scenario and its commands would take about [\d,]+ events of work.*command log entry 1 adds the most/ },
  { name: 'a flow count past any run', json: () => log(startFlow({ count: 1e300 })), says: /count 1e\+300 is not a whole number from 1 to 1000000/ },
  { name: 'a flow to the limited broadcast address', json: () => log(startFlow({ destination: '255.255.255.255' })), says: /255\.255\.255\.255 is the limited broadcast address/ },
  { name: 'a flow to a multicast group', json: () => log(startFlow({ destination: '224.0.0.1' })), says: /224\.0\.0\.1 is a multicast address/ },
  { name: 'an escape sequence in a flow id', json: () => log(startFlow({ id: 'x\u001b[2J' })), says: /contains the control character U\+001B/ },
  { name: 'a TTL no datagram can carry', json: () => log(startFlow({ ttl: 1e300 })), says: /ttl 1e\+300 is not 1–255/ },
  { name: 'a setting named like a prototype property', json: () => log({ at: 0, command: { type: 'configure', node: 'HA', setting: 'toString', value: true } }), says: /unknown setting "toString" \(settings: / },
  { name: 'a move off any canvas', json: () => log({ at: 0, command: { type: 'move', node: 'MN', position: { x: 1e308, y: 0 } } }), says: /move "MN": position \{"x":1e\+308,"y":0\} is off the canvas/ },
  { name: 'a link delay of a century', json: () => log({ at: 0, command: { type: 'set-link', link: 'ha-r', delay: 3.2e15 } }), says: /link "ha-r": delay 3200000000000000 µs is more than a link may delay/ },
  { name: 'a position nested a hundred thousand deep', json: () => deepMove(100_000), says: /move "MN": position \[\[\[.*is not a point with finite x and y/ },
  { name: 'a node id a megabyte long', json: () => log({ at: 0, command: { type: 'move', node: 'M'.repeat(1_000_000), position: { x: 1, y: 1 } } }), says: /unknown node "MMMM[^"]*…/ },
];

describe('a hostile run link is refused before the run starts, naming the entry', () => {
  it.each(REFUSED)('$name', ({ scenario: id, json, says }) => {
    const started = performance.now();
    const commands = viaLink(json());
    expect(() => createLabRuntime(id === undefined ? scenario : loadBuiltin(id), { mode: 'in-page', commandLog: commands })).toThrow(says);
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
  }, 4 * BOUND_MS);

  it('and a link within every bound runs, its flow delivered', async () => {
    const run = await startInPage(scenario, { commandLog: viaLink(log(startFlow({ count: 10 }))) });
    await run.runtime.seek(scenario.duration);
    await run.flush();
    run.runtime.destroy();
    expect(run.mirror.last.status).toBe('finished');
    expect(run.mirror.trace.filter((e) => e.kind === 'delivered' && e.node === 'MN' && e.summary.includes('flow extra')).length).toBe(10);
  }, 4 * BOUND_MS);
});

describe('a run that outgrows its work estimate stops with a message', () => {
  const LIMIT = 400;
  const STOPPED = /^at [\d.]+ s of virtual time the run had taken 4\d\d events of work, more than the 400 a run may take, so it was stopped; send fewer or slower flows/;

  async function toTheEnd(runtime: LabRuntime, clock: FakeFrameClock): Promise<BatchMirror> {
    const mirror = new BatchMirror();
    runtime.subscribe((b) => mirror.apply(b));
    await runtime.ready;
    await runtime.seek(scenario.duration);
    await settle();
    await clock.frame();
    runtime.destroy();
    return mirror;
  }

  it.each(['in-page', 'workers'] as const)('in the page\'s runtime (%s)', async (mode) => {
    const started = performance.now();
    const clock = new FakeFrameClock();
    const runtime = createLabRuntime(scenario, { mode, workLimit: LIMIT }, { clock, startWorkers: (s, seed) => createWorkerBackend(s, seed, inThreadSpawner()) });
    const mirror = await toTheEnd(runtime, clock);
    expect(mirror.last.status).toBe('failed');
    expect(mirror.last.failure?.node).toBeUndefined(); // the run's work, not a node, failed
    expect(mirror.last.failure?.reason).toMatch(STOPPED);
    expect(mirror.last.now).toBeLessThan(scenario.duration);
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
  }, 4 * BOUND_MS);

  it('headless, as the CLI runs it', () => {
    const started = performance.now();
    expect(() => runHeadless(scenario, { workLimit: LIMIT })).toThrow(WorkLimitExceeded);
    expect(() => runHeadless(scenario, { workLimit: LIMIT })).toThrow(STOPPED);
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
  }, 4 * BOUND_MS);
});
