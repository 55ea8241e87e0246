// Ids are data (FORMAT.md "Limits"; src/engine/keyed.ts): a scenario whose
// nodes, links, flows and interfaces are called "__proto__", "constructor",
// "toString"… validates, runs and is driven by learner commands exactly as the
// same scenario with plain names — in the engine, in the page's runtime, and
// on the worker fabric.
//
// A node's random streams are seeded from its name (engine/network/seeds.ts),
// so the two namings draw different jitter and nonces: the runs are compared
// on what does not depend on those draws — every datagram of every flow, its
// path length and its tunnel — while the hostile run itself must agree byte
// for byte between the engine, the in-page runtime and the workers.

import { describe, expect, it } from 'vitest';
import { computeRunMetrics, type RunMetrics } from '../engine/metrics/run-metrics';
import { runHeadless } from '../cli/commands/run';
import { FakeFrameClock, settle } from '../runtime/control/testing/fake-frame-clock';
import { BatchMirror, startInPage, traceJson } from '../runtime/control/testing/runs';
import { createLabRuntime } from '../runtime/create-lab-runtime';
import { validateLabCommand } from '../runtime/commands/validate';
import { inThreadSpawner } from '../runtime/fabric/in-thread-spawner';
import { createWorkerBackend } from '../runtime/fabric/worker-backend';
import type { CommandLogEntry } from '../runtime/types';
import { livePositions } from '../ui/canvas/flow/node-views';
import { buildCanvasModel } from '../ui/canvas/model/canvas-model';
import { builtinScenario } from './builtin';
import { renameIds } from './test-support/rename-ids';
import { toLoadedScenario, type LoadedScenario } from './to-topology';
import { parseScenario } from './validate';

const S = 1_000_000;

/** smooth-handoff's ids, each given a name every plain object already has. */
const HOSTILE = new Map([
  ['HA', '__proto__'], ['R', 'constructor'], ['FA1', 'toString'], ['FA2', 'hasOwnProperty'], ['CN', 'valueOf'], ['MN', 'isPrototypeOf'],
  ['home', '__proto__'], ['cell1', 'constructor'], ['cell2', 'toString'], ['ha-r', 'hasOwnProperty'], ['fa1-r', 'valueOf'], ['fa2-r', 'isPrototypeOf'], ['cn-lan', '__defineGetter__'],
  ['cn-to-mn', '__proto__'],
  ['eth0', '__proto__'], ['eth1', 'constructor'], ['eth2', 'toString'], ['eth3', 'hasOwnProperty'], ['wlan0', 'valueOf'],
]);
/** The same ids with plain names. */
const PLAIN = new Map([...HOSTILE.keys()].map((id) => [id, `plain-${id}`] as const));
/** From either naming back to the scenario's own ids, per kind of id. */
const back = (naming: ReadonlyMap<string, string>, kind: readonly string[]): Map<string, string> => new Map([...naming].filter(([id]) => kind.includes(id)).map(([id, name]) => [name, id]));
const NODES = ['HA', 'R', 'FA1', 'FA2', 'CN', 'MN'];

function load(naming: ReadonlyMap<string, string>): LoadedScenario {
  const parsed = parseScenario(renameIds(builtinScenario('smooth-handoff')!.data, naming));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return toLoadedScenario(parsed.scenario);
}

/** Learner commands on every kind of id: a setting, a new flow, a stopped flow, a link change, a move. */
function commands(naming: ReadonlyMap<string, string>): CommandLogEntry[] {
  const n = (id: string): string => naming.get(id)!;
  return [
    { at: 4 * S, command: { type: 'configure', node: n('HA'), setting: 'acknowledging-correspondents', value: true } },
    { at: 5 * S, command: { type: 'start-flow', node: n('CN'), flow: { id: n('R'), destination: '10.1.0.10', sourcePort: 5001, destinationPort: 7, start: 5 * S, interval: 100_000, count: 40, payloadOctets: 32 } } },
    { at: 6 * S, command: { type: 'set-link', link: n('ha-r'), delay: 12_000 } },
    { at: 9 * S, command: { type: 'stop-flow', node: n('CN'), flow: n('R') } },
    { at: 20 * S, command: { type: 'move', node: n('MN'), position: { x: 660, y: 450 } } }, // into the overlap of both cells
  ];
}

/** What must not depend on the names: per flow (by its original id), every count and path; per home agent, its tunnelling. */
function comparable(m: RunMetrics, naming: ReadonlyMap<string, string>): unknown {
  const flows = back(naming, ['cn-to-mn', 'R']); // the started flow is named like R
  const nodes = back(naming, NODES);
  return {
    flows: m.flows.map((f) => ({ ...f, flow: flows.get(f.flow) })).sort((a, b) => String(a.flow).localeCompare(String(b.flow))).map(({ flow, sent, delivered, lost, tunnelled, meanHops }) => ({ flow, sent, delivered, lost, tunnelled, meanHops })),
    tunnelling: m.homeAgentTunnelling.map((t) => ({ ...t, node: nodes.get(t.node) })),
  };
}

async function inPageRun(loaded: LoadedScenario, log: readonly CommandLogEntry[]): Promise<BatchMirror> {
  const run = await startInPage(loaded, { commandLog: log });
  await run.runtime.seek(loaded.duration);
  await run.flush();
  run.runtime.destroy();
  expect(run.mirror.last).toMatchObject({ status: 'finished' });
  return run.mirror;
}

describe('ids named like Object.prototype\'s properties are ordinary ids', () => {
  const hostile = load(HOSTILE);
  const plain = load(PLAIN);

  it('validates and runs in the engine, every flow datagram accounted for as with plain names', () => {
    const started = performance.now();
    const a = runHeadless(hostile);
    const b = runHeadless(plain);
    expect(a.metrics.flows[0]).toMatchObject({ flow: '__proto__', sent: 131, delivered: 131 });
    expect(comparable(a.metrics, HOSTILE)).toEqual(comparable(b.metrics, PLAIN));
    // Every node did its part under its hostile name.
    const actors = new Set(a.trace.map((e) => e.node));
    for (const id of NODES) expect(actors.has(HOSTILE.get(id)!)).toBe(true);
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 30_000);

  it('runs learner commands on them in the page\'s runtime as with plain names, and the views hold every node', async () => {
    const a = await inPageRun(hostile, commands(HOSTILE));
    const b = await inPageRun(plain, commands(PLAIN));
    const homeAgent = [HOSTILE.get('HA')!];
    expect(comparable(computeRunMetrics(a.trace, homeAgent), HOSTILE)).toEqual(comparable(computeRunMetrics(b.trace, [PLAIN.get('HA')!]), PLAIN));
    expect(computeRunMetrics(a.trace, homeAgent).flows.map((f) => f.flow).sort()).toEqual(['__proto__', 'constructor']);
    // The move reached the node called "isPrototypeOf": its radio re-attached then.
    expect(a.trace.some((e) => e.time === 20 * S && e.node === 'isPrototypeOf' && e.kind === 'table-changed')).toBe(true);
    const views = a.last.nodes!;
    for (const id of NODES) {
      const name = HOSTILE.get(id)!;
      expect(Object.hasOwn(views, name)).toBe(true);
      expect(views[name]!.id).toBe(name);
    }
    expect(Object.getPrototypeOf(views)).toBe(Object.prototype); // "__proto__" was stored as a node, not as the prototype
  }, 60_000);

  it('the in-page runtime and the worker fabric record the same trace byte for byte', async () => {
    const log = commands(HOSTILE);
    const inPage = await inPageRun(hostile, log);
    const clock = new FakeFrameClock();
    const workers = createLabRuntime(hostile, { mode: 'workers', commandLog: log }, { clock, startWorkers: (s, seed) => createWorkerBackend(s, seed, inThreadSpawner()) });
    const mirror = new BatchMirror();
    workers.subscribe((batch) => mirror.apply(batch));
    await workers.ready;
    await workers.seek(hostile.duration);
    await settle();
    await clock.frame();
    workers.destroy();
    expect(mirror.trace.length).toBeGreaterThan(1000);
    expect(traceJson(mirror.trace)).toBe(traceJson(inPage.trace));
  }, 60_000);

  it('the canvas draws each node where the scenario puts it, before the runtime reports any', () => {
    const positions = livePositions(buildCanvasModel(hostile), {}, {});
    for (const node of hostile.topology.nodes) expect(positions.get(node.id)).toEqual(node.position);
    expect(positions.get('constructor')).toEqual({ x: 480, y: 120 }); // R, not Object
  });

  it('a setting, a node or a flow named after a prototype property is refused as unknown, not mistaken for one', () => {
    const refusal = (command: unknown): string | null => validateLabCommand(command as never, plain);
    expect(refusal({ type: 'configure', node: 'plain-HA', setting: 'toString', value: true })).toMatch(/^unknown setting "toString" \(settings: /);
    expect(refusal({ type: 'configure', node: 'plain-HA', setting: '__proto__', value: true })).toMatch(/^unknown setting "__proto__"/);
    expect(refusal({ type: 'move', node: 'constructor', position: { x: 1, y: 1 } })).toMatch(/^unknown node "constructor"/);
    expect(refusal({ type: 'set-link', link: 'hasOwnProperty', delay: 1000 })).toMatch(/^unknown link "hasOwnProperty"/);
  });
});
