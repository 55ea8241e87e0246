// Real data for component tests: a built-in scenario run headlessly (the same
// engine the runtime hosts) to a chosen time, shaped as the RuntimeBatch the
// runtime would publish. Panels are tested on what the protocol really did,
// not on hand-made objects that could drift from the engine's state shapes.

import type { Position } from '../../engine/network/topology';
import type { NodeId } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import { loadBuiltin } from '../../scenarios/builtin';
import { buildSimulation } from '../../scenarios/load';
import { PROTOCOL_REGISTRY } from '../../scenarios/registry';
import type { LoadedScenario } from '../../scenarios/to-topology';
import type { CommandLogEntry, NodeView, RuntimeBatch } from '../../runtime/types';
import { useLab } from '../store/lab-store';
import { TraceLog } from '../store/trace-log';

export interface LabFixture {
  readonly scenario: LoadedScenario;
  readonly batch: RuntimeBatch;
}

/** What a learner did, as the runtime's command log records it: dragged a node, or changed a link. */
export type FixtureAction =
  | { readonly at: Micros; readonly node: NodeId; readonly position: Position }
  | { readonly at: Micros; readonly link: string; readonly loss?: number; readonly delay?: Micros };

/** Runs a built-in scenario headless to `until`, with the learner's actions (if any) applied on the way. */
export function runFixture(builtinId: string, until: Micros, actions: readonly FixtureAction[] = []): LabFixture {
  const scenario = loadBuiltin(builtinId);
  const simulation = buildSimulation(scenario, PROTOCOL_REGISTRY, scenario.seed);
  for (const a of actions) {
    if ('node' in a) simulation.moveNode(a.node, a.position, a.at);
    else simulation.setLink(a.link, { ...(a.loss === undefined ? {} : { loss: a.loss }), ...(a.delay === undefined ? {} : { delay: a.delay }) }, a.at);
  }
  simulation.runUntil(until);
  const nodes: Record<string, NodeView> = {};
  for (const spec of scenario.topology.nodes) {
    const position = simulation.position(spec.id);
    nodes[spec.id] = {
      id: spec.id,
      ...(position === undefined ? {} : { position }),
      attachments: Object.fromEntries(spec.interfaces.map((i) => [i.name, simulation.attachment(spec.id, i.name)])),
      state: simulation.nodeState(spec.id),
    };
  }
  const commands: CommandLogEntry[] = actions.map((a) => ({
    at: a.at,
    command: 'node' in a
      ? { type: 'move', node: a.node, position: a.position }
      : { type: 'set-link', link: a.link, ...(a.loss === undefined ? {} : { loss: a.loss }), ...(a.delay === undefined ? {} : { delay: a.delay }) },
  }));
  return { scenario, batch: { now: until, status: 'paused', speed: 1, trace: simulation.trace, nodes, commands } };
}

/** What a store holding this fixture would give the route watcher (path-watcher.ts): the trace as a TraceLog. */
export function fixtureSource(fixture: LabFixture, now: Micros = fixture.batch.now) {
  const trace = new TraceLog();
  trace.append(fixture.batch.trace.filter((e) => e.time <= now));
  return { trace, now, selectedNode: null, nodes: fixture.batch.nodes ?? {}, commands: fixture.batch.commands ?? [] };
}

/** Puts a fixture into the store as if a paused runtime had published it (no runtime attached). */
export function loadFixtureIntoStore(fixture: LabFixture, scenarioId = 'fixture'): void {
  useLab.setState({ scenario: fixture.scenario, scenarioId, runtime: null, selectedPacket: null, selectedNode: null, traceVersion: 0 });
  useLab.getState().trace.clear();
  useLab.getState().applyBatch(fixture.batch);
}
