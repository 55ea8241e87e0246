// Real data for component tests: a built-in scenario run headlessly (the same
// engine the runtime hosts) to a chosen time, shaped as the RuntimeBatch the
// runtime would publish. Panels are tested on what the protocol really did,
// not on hand-made objects that could drift from the engine's state shapes.

import { runHeadless } from '../../cli/commands/run';
import type { Micros } from '../../engine/node/time';
import { loadBuiltin } from '../../scenarios/builtin';
import type { LoadedScenario } from '../../scenarios/to-topology';
import type { NodeView, RuntimeBatch } from '../../runtime/types';
import { useLab } from '../store/lab-store';

export interface LabFixture {
  readonly scenario: LoadedScenario;
  readonly batch: RuntimeBatch;
}

export function runFixture(builtinId: string, until: Micros): LabFixture {
  const scenario = loadBuiltin(builtinId);
  const run = runHeadless(scenario, { until });
  const nodes: Record<string, NodeView> = {};
  for (const spec of scenario.topology.nodes) {
    const position = run.simulation.position(spec.id);
    nodes[spec.id] = {
      id: spec.id,
      ...(position === undefined ? {} : { position }),
      attachments: Object.fromEntries(spec.interfaces.map((i) => [i.name, run.simulation.attachment(spec.id, i.name)])),
      state: run.simulation.nodeState(spec.id),
    };
  }
  return { scenario, batch: { now: until, status: 'paused', speed: 1, trace: run.trace, nodes, commands: [] } };
}

/** Puts a fixture into the store as if a paused runtime had published it (no runtime attached). */
export function loadFixtureIntoStore(fixture: LabFixture, scenarioId = 'fixture'): void {
  useLab.setState({ scenario: fixture.scenario, scenarioId, runtime: null, selectedPacket: null, selectedNode: null, traceVersion: 0 });
  useLab.getState().trace.clear();
  useLab.getState().applyBatch(fixture.batch);
}
