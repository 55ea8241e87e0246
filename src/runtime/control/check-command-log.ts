// A shared run's command log is untrusted JSON (a link, a file): every entry
// is checked before the run starts, and a bad one is refused with one sentence
// naming the entry and what is wrong with it (docs/architecture.md "Runtime") — the runtime never
// starts a run it could not replay faithfully.

import type { Micros } from '../../engine/node/time';
import type { CommandLogEntry, LabCommand } from '../types';

/** Null if `log` can be replayed on a run of `duration` µs; otherwise why not. */
export function commandLogProblem(log: unknown, duration: Micros, validate: (command: LabCommand) => string | null): string | null {
  if (!Array.isArray(log)) return 'the command log must be a list of { at, command } entries';
  let previous = 0;
  for (let i = 0; i < log.length; i++) {
    const entry: unknown = log[i];
    const where = `command log entry ${i + 1}`;
    if (typeof entry !== 'object' || entry === null) return `${where} is not an { at, command } object`;
    const { at, command } = entry as Partial<CommandLogEntry>;
    if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0) return `${where}: at ${JSON.stringify(at)} is not a whole number of µs ≥ 0`;
    if (at > duration) return `${where}: at ${at} µs is after the end of the scenario (${duration} µs)`;
    if (at < previous) return `${where}: at ${at} µs comes before the previous entry's ${previous} µs (the log must be in time order)`;
    previous = at;
    const problem = validate(command as LabCommand);
    if (problem !== null) return `${where} (at ${at} µs): ${problem}`;
  }
  return null;
}
