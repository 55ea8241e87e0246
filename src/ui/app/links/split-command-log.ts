// A link's command log, checked entry by entry before the run starts: the
// runtime refuses a whole log for one bad entry (control/check-command-log.ts),
// so the page asks the same validator about each entry first, keeps the good
// ones and names each one it leaves out — its number in the link, its time,
// and the validator's reason — so a link with one bad entry still opens the
// run its author made, as nearly as it can be made (docs/architecture.md "Runtime").

import type { Micros } from '../../../engine/node/time';
import { validateLabCommand } from '../../../runtime/commands/validate';
import { commandLogWorkProblem } from '../../../runtime/commands/work';
import type { CommandLogEntry, LabCommand } from '../../../runtime/types';
import type { LoadedScenario } from '../../../scenarios/to-topology';
import { timeText } from '../../controls/time-text';
import type { LinkEntry, RefusedEntry } from './link-entries';

export interface SplitLog {
  readonly accepted: readonly CommandLogEntry[];
  /** In link order, the unreadable ones included. */
  readonly refused: readonly RefusedEntry[];
  /** The accepted entries together are more work than a run may take: none of them is used. */
  readonly tooMuch?: string;
}

export function splitCommandLog(entries: readonly LinkEntry[], unreadable: readonly RefusedEntry[], loaded: LoadedScenario): SplitLog {
  const accepted: CommandLogEntry[] = [];
  const refused: RefusedEntry[] = [...unreadable];
  let previous: Micros = 0;
  for (const { index, at, command } of entries) {
    const refuse = (reason: string): void => void refused.push({ index, at, reason });
    if (at > loaded.duration) refuse(`it is after the end of the scenario (${timeText(loaded.duration)})`);
    else if (at < previous) refuse(`it comes before the entry ahead of it (${timeText(previous)}); a log is in time order`);
    else {
      const problem = validateLabCommand(command as LabCommand, loaded);
      if (problem !== null) refuse(problem);
      else {
        accepted.push({ at, command: command as LabCommand });
        previous = at;
      }
    }
  }
  refused.sort((a, b) => a.index - b.index);
  const work = commandLogWorkProblem(accepted, loaded);
  return work === null ? { accepted, refused } : { accepted: [], refused, tooMuch: work };
}

/** "command log entry 3 (at 2.500 s) was left out: unknown node …" */
export function refusedText(e: RefusedEntry): string {
  return `command log entry ${e.index}${e.at === undefined ? '' : ` (at ${timeText(e.at)})`} was left out: ${e.reason}`;
}
