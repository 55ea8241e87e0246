// Building a runnable simulation from a loaded scenario.
//
// The scenario layer does not know the protocol behaviours: they register
// themselves in a RoleRegistry (dependency injection), one factory per role,
// which turns a node's resolved settings into a behaviour and its initial
// state. So the same scenario runs with the real mobile node later and with a
// plain host in today's tests.
//
// Traffic flows reach their sender either through the factory (it put
// `node.flows` into its initial state and says so with `flowsInState`) or, by
// default, as host `start-flow` commands at time 0 (network/behaviours/host.ts),
// delivered after the simulation's own install-routes and start commands.
// Scripted moves are scheduled with moveNode. Scripted faults: message
// faults go into the senders' slots (network/faults.ts); a reboot is a
// `reboot` command to its node at its time.

import type { HostCommand } from '../engine/network/behaviours/host';
import { createSimulation, type NodeSetup, type Simulation } from '../engine/network/simulation';
import type { SystemCommand } from '../engine/node/contract';
import { ScenarioLoadError, type RoleRegistry } from './role-factory';
import { messageFaults, scheduledReboots, toLoadedScenario, type LoadedScenario } from './to-topology';
import { parseScenario } from './validate';

export { ScenarioLoadError, type RoleFactory, type RoleRegistry, type RoleSetup } from './role-factory';

/** Parses, validates and resolves a scenario from JSON data. */
export function loadScenario(json: unknown): { ok: true; loaded: LoadedScenario } | { ok: false; errors: readonly string[] } {
  const parsed = parseScenario(json);
  return parsed.ok ? { ok: true, loaded: toLoadedScenario(parsed.scenario) } : parsed;
}

/** A simulation at time 0 with every move and flow scheduled. Throws ScenarioLoadError if a role has no factory. */
export function buildSimulation(loaded: LoadedScenario, registry: RoleRegistry, seed: number = loaded.seed): Simulation {
  const missing = [...new Set(loaded.nodes.map((n) => n.role).filter((role) => registry[role] === undefined))];
  if (missing.length > 0) throw new ScenarioLoadError(missing.map((role) => `no behaviour is registered for role "${role}" (nodes ${loaded.nodes.filter((n) => n.role === role).map((n) => `"${n.id}"`).join(', ')})`));

  // A factory that draws from the seed (e.g. a node's key pair) sees the run's seed, not only the scenario's.
  const run = seed === loaded.seed ? loaded : { ...loaded, seed };
  const setups = new Map(loaded.nodes.map((node) => [node.id, registry[node.role]!(node, run)] as const));
  // Built with defined (own) properties: a node may be called "__proto__" (keyed.ts).
  const nodes: Record<string, NodeSetup> = Object.fromEntries([...setups].map(([id, s]) => [id, { behaviour: s.behaviour, state: s.initialState }]));
  const faults = messageFaults(loaded);
  const simulation = createSimulation({ topology: loaded.topology, nodes, seed, ...(faults.length === 0 ? {} : { faults }) });

  for (const node of loaded.nodes) {
    if (setups.get(node.id)!.flowsInState === true) continue;
    for (const flow of node.flows) simulation.command(node.id, { type: 'start-flow', flow } satisfies HostCommand, 0);
  }
  for (const move of loaded.moves) simulation.moveNode(move.node, move.position, move.at);
  // After the moves, in file order: the worker fabric schedules its world events in this same order.
  for (const r of scheduledReboots(loaded)) simulation.command(r.node, { type: 'reboot' } satisfies SystemCommand, r.at);
  return simulation;
}
