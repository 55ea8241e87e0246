// What a role's factory gives the network (load.ts asks the registry for one per
// node): kept apart from load.ts, which also parses scenario files, so the
// factories — and a node's Web Worker, which runs one of them — load neither the
// scenario validator nor zod, nor the in-process simulation.

import type { NodeBehaviour } from '../engine/node/contract';
import type { Role } from './roles';
import type { LoadedNode, LoadedScenario } from './to-topology';

export interface RoleSetup {
  readonly behaviour: NodeBehaviour<unknown, unknown>;
  readonly initialState: unknown;
  /** True when the initial state already holds `node.flows`: no start-flow commands are sent. */
  readonly flowsInState?: boolean;
}

export type RoleFactory = (node: LoadedNode, loaded: LoadedScenario) => RoleSetup;
export type RoleRegistry = Readonly<Partial<Record<Role, RoleFactory>>>;

export class ScenarioLoadError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`cannot load scenario:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ScenarioLoadError';
  }
}
