// A run replayed headless from what a report records — scenario, seed,
// command log, how far the run got — through the path the lessons use
// everywhere: the in-page backend under the runtime's Timeline (which applies
// a logged command exactly as a live one), and the lessons' one evaluator.
// The run is deterministic, so this is the run the learner had; once its
// steps are started where the learner started them, the evaluator's statuses
// are those the page showed.
//
// Where a step may start. In the page, Next starts the next step at the
// first instant of the run at or after the moment the step before was
// decided (docs/lessons.md "How steps follow one another"), or, skipping a
// step not yet decided, at once. The instants are those the page sees —
// events, applied commands and step starts — so `endOf` is the page's
// (ui/lessons/lesson-feed.ts).

import type { Micros } from '../../engine/node/time';
import { Timeline } from '../../runtime/control/timeline';
import { createInPageBackend } from '../../runtime/in-page/in-page-backend';
import type { CommandLogEntry } from '../../runtime/types';
import { LessonEvaluator, type StepStatus } from '../evaluate/evaluator';
import type { LoadedLesson } from '../format/validate';

export interface RecordedRun {
  readonly seed: number;
  readonly commands: readonly CommandLogEntry[];
  readonly until: Micros;
}

/** A headless run never rewinds: no snapshots past time 0. */
const NO_REWIND: Micros = Number.MAX_SAFE_INTEGER;

/** The whole run read by the evaluator; steps are started afterwards (the evaluator re-reads what it holds for each). */
export class ReplayedRun {
  private instants: Micros[];

  constructor(private readonly evaluator: LessonEvaluator, instants: Iterable<Micros>, readonly until: Micros) {
    this.instants = [...new Set(instants)].sort((a, b) => a - b);
  }

  /** Starts step `k` at `at` (as Next did); a start after `until` is not part of the run yet. */
  start(k: number, at: Micros): void {
    if (!this.instants.includes(at)) this.instants = [...this.instants, at].sort((a, b) => a - b);
    if (at <= this.until) this.evaluator.startStep(k, at);
  }

  /** Each step's status at `until`. */
  statuses(): StepStatus[] {
    return this.evaluator.steps();
  }

  /** The instant at which step `k` ended (passed or failed), if it was decided by `until`. */
  endOf(k: number): Micros | undefined {
    const s = this.evaluator.step(k);
    if (s.startedAt === undefined) return undefined;
    let decided: Micros;
    if (s.state === 'passed') decided = s.completedAt!;
    else if (s.state === 'failed') decided = Math.min(...s.checks.filter((c) => c.state === 'failed').map((c) => c.at ?? s.startedAt!));
    else return undefined;
    const from = Math.max(s.startedAt, decided);
    return this.instants.find((t) => t >= from);
  }
}

export async function replayRecordedRun(loaded: LoadedLesson, run: RecordedRun): Promise<ReplayedRun> {
  const backend = createInPageBackend(loaded.scenario, run.seed);
  const commands = run.commands.filter((c) => c.at <= run.until);
  const timeline = new Timeline(backend, { commandLog: commands, snapshotInterval: NO_REWIND });
  const evaluator = new LessonEvaluator(loaded);
  const instants: Micros[] = [];
  try {
    const trace = await timeline.begin();
    if (run.until > timeline.now) for (const e of await timeline.advance(run.until)) trace.push(e);
    evaluator.feed(trace);
    for (const e of trace) instants.push(e.time);
    for (const c of commands) {
      evaluator.command(c);
      instants.push(c.at);
    }
    evaluator.advance(run.until);
  } finally {
    backend.destroy();
  }
  return new ReplayedRun(evaluator, instants, run.until);
}

/**
 * The starts a learner pressing Next at once would have given a run whose
 * steps started at `runStarts` (a headless run, which may go on sending a
 * step's reference actions after its checks passed): each step where the one
 * before ended, or, where that one was not decided yet, where the run started
 * it (a skip). Starts the steps on `replay` there, and returns the starts.
 */
export function startAsTheLearnerWould(replay: ReplayedRun, runStarts: readonly Micros[]): Micros[] {
  const starts: Micros[] = [];
  runStarts.forEach((runStart, k) => {
    const ended = k === 0 ? undefined : replay.endOf(k - 1);
    const at = ended === undefined ? runStart : Math.min(ended, runStart);
    starts.push(at);
    replay.start(k, at);
  });
  return starts;
}
