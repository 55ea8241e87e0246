// A run replayed headless from its scenario, seed and command log, to a given
// virtual time, handing every trace event to a consumer as it comes. It is the
// page's runtime path — the in-page backend under the Timeline, which applies
// each logged command exactly as the live run did (docs/architecture.md
// "Runtime") — without pacing, rewind snapshots or a kept window, so memory
// does not grow with the run. Determinism makes it exact: the page saves a
// capture of the whole run with it (older packets than its window included),
// and `mip-lab run --commands` writes the same capture with it.

import type { TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { LoadedScenario } from '../../scenarios/to-topology';
import { createInPageBackend } from '../in-page/in-page-backend';
import { commandLogProblem } from '../control/check-command-log';
import { Timeline } from '../control/timeline';
import { validateLabCommand } from '../commands/validate';
import { commandLogWorkProblem } from '../commands/work';
import type { CommandLogEntry, LabCommand } from '../types';

export interface ReplayRequest {
  readonly loaded: LoadedScenario;
  readonly seed: number;
  readonly commandLog: readonly CommandLogEntry[];
  /** Replay every event with time ≤ until (the page's playhead, or `mip-lab run --until`). */
  readonly until: Micros;
  /** Events after which the replay stops with WorkLimitExceeded (default: the run's, src/scenarios/work.ts). */
  readonly workLimit?: number;
}

/** Never snapshot past time 0: a replay does not rewind. */
const NO_REWIND: Micros = Number.MAX_SAFE_INTEGER;
/** Virtual time per backend call: bounds what one call hands back, so a long replay holds little at once. */
const SLICE: Micros = 1_000_000;
/** Between slices the replay lets the page breathe (a frame, an input event). */
const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface ReplayPacing {
  /** Let the page breathe between slices of the replay. */
  readonly yieldBetweenSlices?: boolean;
  /** After each slice: how far the replay has come, of how far it goes (µs). */
  readonly onProgress?: (now: Micros, until: Micros) => void;
}

/** Why this log cannot be replayed on this scenario (one sentence), or null. */
export function replayProblem(request: ReplayRequest): string | null {
  const { loaded, commandLog, until } = request;
  if (!Number.isSafeInteger(until) || until < 0) return `the end time ${until} µs is not a whole number of µs ≥ 0`;
  const validate = (c: LabCommand): string | null => validateLabCommand(c, loaded);
  const problem = commandLogProblem(commandLog, loaded.duration, validate);
  if (problem !== null) return problem;
  return commandLogWorkProblem(commandLog, loaded);
}

/**
 * Replays the run to `until`, calling `onEvent` for every trace event in trace
 * order. Throws (one sentence) on a log it cannot replay. Yielding between
 * slices keeps a page responsive; the command line does not replay this way.
 */
export async function replayRun(request: ReplayRequest, onEvent: (event: TraceEvent) => void, options: ReplayPacing = {}): Promise<void> {
  const problem = replayProblem(request);
  if (problem !== null) throw new Error(`cannot replay this run: ${problem}`);
  const backend = createInPageBackend(request.loaded, request.seed);
  const timeline = new Timeline(backend, {
    snapshotInterval: NO_REWIND,
    commandLog: request.commandLog,
    ...(request.workLimit === undefined ? {} : { workLimit: request.workLimit }),
  });
  try {
    for (const e of await timeline.begin()) onEvent(e);
    while (timeline.now < request.until) {
      const to = Math.min(request.until, timeline.now + SLICE);
      for (const e of await timeline.advance(to)) onEvent(e);
      options.onProgress?.(timeline.now, request.until);
      if (options.yieldBetweenSlices === true) await yieldToPage();
    }
  } finally {
    backend.destroy();
  }
}
