// The in-page backend: the whole network in one in-process Simulation
// (engine/network/simulation.ts), for tests and for browsers or topologies
// where the worker fabric cannot run (docs/architecture.md "Runtime"). It implements the
// SimulationBackend contract (../backend.ts) directly on the scheduler:
// advanceTo is runUntil, a snapshot is a structured clone of the plain-data
// state, restore pairs that clone with the same behaviours again.
//
// Everything runs synchronously inside the returned promises; the control
// layer bounds how much is asked per frame (control/pacing.ts).

import { restoreSimulation, type Simulation } from '../../engine/network/simulation';
import type { SimulationState } from '../../engine/network/simulation-state';
import type { NodeId, TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { RoleRegistry } from '../../scenarios/load';
import { PROTOCOL_REGISTRY } from '../../scenarios/registry';
import type { LoadedScenario } from '../../scenarios/to-topology';
import type { BackendSnapshot, SimulationBackend } from '../backend';
import { toEngineCommand } from '../commands/to-engine';
import type { LabCommand, NodeView, RuntimeFailure } from '../types';
import { failureOf } from '../control/failure';
import { buildRestorableSimulation } from './behaviours';

/** `registry` defaults to the real protocol; tests pass one with a failing behaviour. */
export function createInPageBackend(loaded: LoadedScenario, seed: number, registry: RoleRegistry = PROTOCOL_REGISTRY): SimulationBackend {
  const built = buildRestorableSimulation(loaded, registry, seed);
  let simulation: Simulation = built.simulation;
  const listeners: ((failure: RuntimeFailure) => void)[] = [];
  let failure: RuntimeFailure | undefined;
  let destroyed = false;

  const usable = (): void => {
    if (destroyed) throw new Error('the in-page network was destroyed');
    if (failure !== undefined) throw new Error(`the run stopped: ${failure.reason}`);
  };

  const view = (id: NodeId, interfaces: readonly { readonly name: string }[]): NodeView => {
    const position = simulation.position(id);
    return {
      id,
      ...(position === undefined ? {} : { position: { ...position } }),
      attachments: Object.fromEntries(interfaces.map((i) => [i.name, [...simulation.attachment(id, i.name)]])),
      // A copy: the live state keeps changing under a view the UI still holds.
      state: structuredClone(simulation.nodeState(id)),
    };
  };

  return {
    kind: 'in-page',
    now: () => simulation.now,
    nextEventTime: async () => simulation.nextEventTime(),

    async advanceTo(t: Micros): Promise<TraceEvent[]> {
      usable();
      try {
        simulation.runUntil(t);
      } catch (error) {
        failure = failureOf(error);
        for (const listener of listeners) listener(failure);
        throw error;
      }
      return simulation.takeTrace();
    },

    apply(command: LabCommand, at: Micros): void {
      usable();
      const engine = toEngineCommand(command, loaded);
      switch (engine.kind) {
        case 'move':
          simulation.moveNode(engine.node, engine.position, at);
          return;
        case 'set-link':
          simulation.setLink(engine.link, { ...(engine.delay === undefined ? {} : { delay: engine.delay }), ...(engine.loss === undefined ? {} : { loss: engine.loss }) }, at);
          return;
        case 'node':
          simulation.command(engine.node, engine.command, at);
          return;
      }
    },

    async views(): Promise<Record<NodeId, NodeView>> {
      usable();
      return Object.fromEntries(loaded.topology.nodes.map((n) => [n.id, view(n.id, n.interfaces)]));
    },

    async snapshot(): Promise<BackendSnapshot> {
      usable();
      return { kind: 'in-page', time: simulation.now, data: structuredClone(simulation.state()) };
    },

    async restore(snapshot: BackendSnapshot): Promise<void> {
      if (destroyed) throw new Error('the in-page network was destroyed');
      if (snapshot.kind !== 'in-page') throw new Error(`cannot restore a ${snapshot.kind} snapshot into the in-page network`);
      // Clone again: the snapshot stays in the rewind store for the next seek.
      simulation = restoreSimulation(structuredClone(snapshot.data as SimulationState), built.behaviours);
    },

    onFailure(listener: (failure: RuntimeFailure) => void): void {
      listeners.push(listener);
    },

    destroy(): void {
      destroyed = true;
      listeners.length = 0;
    },
  };
}
