// Rewind needs the behaviours a run was built with: restoreSimulation pairs a
// cloned SimulationState (plain data) with the same behaviour functions again.
// buildSimulation (scenarios/load.ts) keeps them to itself, so we hand it a
// registry that records what each factory returned, instead of building the
// nodes a second time (some factories generate RSA key pairs: slow).
//
// Each recorded behaviour is also wrapped so that a throw names its node: the
// runtime reports "node X failed" (docs/architecture.md "Runtime") rather than an anonymous stack.
// The wrapper only catches; it never changes inputs or outputs, so the trace
// stays byte-for-byte the one of an unwrapped run.

import { emptyKeyed } from '../../engine/keyed';
import type { Simulation } from '../../engine/network/simulation';
import type { NodeBehaviour, NodeId } from '../../engine/node/contract';
import { buildSimulation, type RoleFactory, type RoleRegistry } from '../../scenarios/load';
import type { Role } from '../../scenarios/schema';
import type { LoadedScenario } from '../../scenarios/to-topology';

/** A node's behaviour threw while handling an input. */
export class NodeFailure extends Error {
  constructor(readonly node: NodeId, error: unknown) {
    super(`node "${node}" failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    this.name = 'NodeFailure';
  }
}

export type BehaviourTable = Readonly<Record<NodeId, NodeBehaviour<unknown, unknown>>>;

function reportingFailures(node: NodeId, behaviour: NodeBehaviour<unknown, unknown>): NodeBehaviour<unknown, unknown> {
  return {
    kind: behaviour.kind,
    handle(state, input, context) {
      try {
        return behaviour.handle(state, input, context);
      } catch (error) {
        throw error instanceof NodeFailure ? error : new NodeFailure(node, error);
      }
    },
  };
}

/** buildSimulation, plus the behaviour of every node (for restoreSimulation). */
export function buildRestorableSimulation(loaded: LoadedScenario, registry: RoleRegistry, seed: number): { simulation: Simulation; behaviours: BehaviourTable } {
  const behaviours = emptyKeyed<NodeBehaviour<unknown, unknown>>(); // node ids are data: "__proto__" is a node
  const recording: Partial<Record<Role, RoleFactory>> = {};
  for (const [role, factory] of Object.entries(registry) as [Role, RoleFactory | undefined][]) {
    if (factory === undefined) continue;
    recording[role] = (node, run) => {
      const setup = factory(node, run);
      const behaviour = reportingFailures(node.id, setup.behaviour);
      behaviours[node.id] = behaviour;
      return { ...setup, behaviour };
    };
  }
  const simulation = buildSimulation(loaded, recording, seed);
  return { simulation, behaviours };
}
