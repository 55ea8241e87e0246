// Test support for the command stories: a built-in scenario run headless on
// virtual time with learner commands applied at given times, exactly as a
// runtime applies them — validated against the scenario, converted by
// toEngineCommand, then handed to the simulation.

import type { Simulation } from '../../engine/network/simulation';
import { seconds } from '../../engine/node/time';
import { loadBuiltin } from '../../scenarios/builtin';
import { buildSimulation } from '../../scenarios/load';
import { PROTOCOL_REGISTRY } from '../../scenarios/registry';
import type { LabCommand } from '../types';
import { toEngineCommand, validateLabCommand } from './to-engine';

export interface TimedCommand {
  readonly atS: number;
  readonly command: LabCommand;
}

/** Runs built-in `id` to `untilS` with `commands` applied; a command the runtime would refuse fails the test. */
export function runWithCommands(id: string, commands: readonly TimedCommand[], untilS: number): Simulation {
  const loaded = loadBuiltin(id);
  const sim = buildSimulation(loaded, PROTOCOL_REGISTRY);
  for (const { atS, command } of commands) {
    const problem = validateLabCommand(command, loaded);
    if (problem !== null) throw new Error(`the runtime would refuse ${JSON.stringify(command)}: ${problem}`);
    const c = toEngineCommand(command, loaded);
    if (c.kind === 'move') sim.moveNode(c.node, c.position, seconds(atS));
    else if (c.kind === 'node') sim.command(c.node, c.command, seconds(atS));
    else throw new Error('set-link is the network\'s, not exercised here');
  }
  sim.runUntil(seconds(untilS));
  return sim;
}
