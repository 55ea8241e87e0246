// A lesson run headless, as a learner would run it in the page: the same
// runtime path (the in-page backend under the runtime's Timeline, which
// applies a learner command exactly as the page's controller does) and the
// same evaluator. Steps follow one another: a step starts at the instant the
// previous one ended — its checks passed and its actions were made, or it
// failed, or its expectWithinS ran out — just as a learner pressing Next.
//
// The run advances one instant at a time (like the page's Step button), so
// a step's end, and hence the times of the next step's actions, do not
// depend on any batch size. In 'solve' mode each step's reference actions
// are sent at their time after the step's start; in 'idle' mode none are.
// The command log of the run is returned: replayed on the same scenario and
// seed it reproduces the run (the proof a lab report carries).

import { seconds, type Micros } from '../../engine/node/time';
import { Timeline } from '../../runtime/control/timeline';
import { createInPageBackend } from '../../runtime/in-page/in-page-backend';
import type { CommandLogEntry } from '../../runtime/types';
import { LessonEvaluator, type StepStatus } from '../evaluate/evaluator';
import type { LoadedLesson, StepAction } from '../format/validate';

export type LessonMode = 'solve' | 'idle';

export interface StepReport {
  readonly index: number;
  readonly title: string;
  readonly status: StepStatus;
  /** The step ran out of its expectWithinS (or of the scenario) while a check was still pending. */
  readonly timedOut: boolean;
  /** Reference actions this run sent in the step. */
  readonly actionsSent: number;
}

export interface LessonRun {
  readonly mode: LessonMode;
  readonly seed: number;
  readonly steps: readonly StepReport[];
  readonly commandLog: readonly CommandLogEntry[];
  readonly endedAt: Micros;
  /** Every check of every step passed. */
  readonly allPassed: boolean;
}

export interface LessonRunOptions {
  readonly mode: LessonMode;
  readonly seed?: number;
  /** Which actions to send in a step (default: its reference actions when solving, none when idle). */
  readonly actionsFor?: (step: number) => readonly StepAction[];
}

/** Never snapshot past time 0: a headless run does not rewind. */
const NO_REWIND: Micros = Number.MAX_SAFE_INTEGER;

export async function runLesson(loaded: LoadedLesson, options: LessonRunOptions): Promise<LessonRun> {
  const seed = options.seed ?? loaded.scenario.seed;
  const actionsFor = options.actionsFor ?? ((k: number) => (options.mode === 'solve' ? loaded.actions[k] ?? [] : []));
  const backend = createInPageBackend(loaded.scenario, seed);
  const timeline = new Timeline(backend, { snapshotInterval: NO_REWIND });
  const evaluator = new LessonEvaluator(loaded);
  const commandLog: CommandLogEntry[] = [];
  const end = loaded.scenario.duration;
  const reports: StepReport[] = [];
  try {
    evaluator.startStep(0, 0);
    evaluator.feed(await timeline.begin());
    evaluator.advance(timeline.now);
    for (let k = 0; k < evaluator.stepCount; k++) {
      if (k > 0) evaluator.startStep(k, timeline.now);
      const start = timeline.now;
      const actions = actionsFor(k);
      const deadline = Math.min(start + seconds(loaded.lesson.steps[k]!.expectWithinS), end);
      let sent = 0;
      for (;;) {
        const state = evaluator.step(k).state;
        if (state === 'failed' || (state === 'passed' && sent === actions.length)) break;
        const now = timeline.now;
        const next = actions[sent];
        const due = next === undefined ? Infinity : Math.max(now, start + next.after);
        if (due === now) {
          evaluator.feed(await timeline.send(next!.command));
          evaluator.command({ at: now, command: next!.command });
          evaluator.advance(now);
          commandLog.push({ at: now, command: next!.command });
          sent++;
          continue;
        }
        if (now >= deadline) break;
        const target = Math.max(now + 1, Math.min((await timeline.nextInstant()) ?? Infinity, due, deadline));
        evaluator.feed(await timeline.advance(target));
        evaluator.advance(target);
      }
      const status = evaluator.step(k);
      reports.push({ index: k, title: loaded.lesson.steps[k]!.title, status, timedOut: status.state === 'pending', actionsSent: sent });
    }
  } finally {
    backend.destroy();
  }
  return { mode: options.mode, seed, steps: reports, commandLog, endedAt: timeline.now, allPassed: reports.every((r) => r.status.state === 'passed') };
}
