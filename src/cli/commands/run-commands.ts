// `mip-lab run --commands FILE`: a run with the learner's commands, as the page
// ran it. The file is the run's command log — a JSON list of { at, command }
// entries (`at` in µs of virtual time), or an object holding one under
// "commands" or "commandLog" (a saved run, a lab report) — checked entry by
// entry as the page checks a shared run's log (runtime/control/check-command-log.ts).
//
// Each command is applied as the page's runtime applies it (runtime/control/
// timeline.ts): the run first processes everything at the command's time, then
// the command is applied at that time and its consequences there are
// processed at once. So the trace — and the pcap — are the page's, byte for
// byte (src/ui/capture/page-capture.test.ts proves it).

import { readFile } from 'node:fs/promises';
import type { Simulation } from '../../engine/network/simulation';
import type { Micros } from '../../engine/node/time';
import { toEngineCommand } from '../../runtime/commands/to-engine';
import { replayProblem } from '../../runtime/replay/replay-run';
import type { CommandLogEntry } from '../../runtime/types';
import type { LoadedScenario } from '../../scenarios/to-topology';
import { CliError } from '../io';

/** The command log in `path`: a list of entries, or an object with one under "commands" / "commandLog". */
export async function readCommandLogFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read the command log ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${path} is not JSON: ${(e as Error).message}`);
  }
  if (Array.isArray(json)) return json;
  if (typeof json === 'object' && json !== null) {
    const o = json as Record<string, unknown>;
    const log = o.commands ?? o.commandLog;
    if (Array.isArray(log)) return log;
  }
  throw new CliError(`${path} holds no command log: expected a list of { at, command } entries, or an object with one under "commands" or "commandLog"`);
}

/** Refuses, with the entry and the reason, a log the page could not replay either. */
export function checkCommandLog(loaded: LoadedScenario, log: unknown, until: Micros, path: string): readonly CommandLogEntry[] {
  const problem = replayProblem({ loaded, seed: loaded.seed, commandLog: log as readonly CommandLogEntry[], until });
  if (problem !== null) throw new CliError(`${path}: ${problem}`);
  return log as readonly CommandLogEntry[];
}

/** Runs `simulation` to `until`, applying each logged command at its time the way the page's runtime does. */
export function runUntilWithCommands(simulation: Simulation, loaded: LoadedScenario, log: readonly CommandLogEntry[], until: Micros): void {
  for (const { at, command } of log) {
    if (at > until) break;
    simulation.runUntil(at);
    const engine = toEngineCommand(command, loaded);
    switch (engine.kind) {
      case 'move':
        simulation.moveNode(engine.node, engine.position, at);
        break;
      case 'set-link':
        simulation.setLink(engine.link, { ...(engine.delay === undefined ? {} : { delay: engine.delay }), ...(engine.loss === undefined ? {} : { loss: engine.loss }) }, at);
        break;
      case 'node':
        simulation.command(engine.node, engine.command, at);
        break;
    }
    simulation.runUntil(at);
  }
  simulation.runUntil(until);
}
