// Test support for the lessons: a one-step lesson around a few checks, a
// built-in scenario's trace, and a run replayed from its command log in
// frame-sized batches, as the page's runtime delivers it — and so a solved
// lesson's whole trace, for tests that recompute what a lesson says.

import { runHeadless } from '../../cli/commands/run';
import type { TraceEvent } from '../../engine/node/contract';
import { seconds, type Micros } from '../../engine/node/time';
import { Timeline } from '../../runtime/control/timeline';
import { createInPageBackend } from '../../runtime/in-page/in-page-backend';
import type { CommandLogEntry } from '../../runtime/types';
import { loadBuiltin } from '../../scenarios/builtin/index';
import { runLesson, type LessonRun } from '../headless/run-lesson';
import { LESSON_FORMAT } from '../format/schema';
import { parseLesson, type LoadedLesson } from '../format/validate';

/** A lesson of one step on built-in `scenario`, with these checks (JSON, as in a file) and reference actions. */
export function oneStepLesson(scenario: string, checks: readonly object[], referenceActions: readonly object[] = []): LoadedLesson {
  const parsed = parseLesson({
    format: LESSON_FORMAT, id: 'test', title: 'Test', summary: 'A test.', sections: ['§3'], scenario,
    steps: [{ title: 'Test', narrative: 'Perkins & Johnson §3.', action: 'Watch.', checks, referenceActions }],
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.loaded;
}

/** A built-in scenario run headless to `untilS`, with no learner command. */
export function scenarioTrace(id: string, untilS: number): readonly TraceEvent[] {
  return runHeadless(loadBuiltin(id), { until: seconds(untilS) }).trace;
}

export interface Batch {
  readonly events: readonly TraceEvent[];
  /** The trace is complete up to here. */
  readonly now: Micros;
  /** Log entries applied in this batch. */
  readonly commands: readonly CommandLogEntry[];
}

/** The lesson's scenario replayed with `log` by the runtime's Timeline, delivered every `frame` µs up to `until`. */
export async function replayInBatches(loaded: LoadedLesson, log: readonly CommandLogEntry[], until: Micros, frame: Micros): Promise<Batch[]> {
  const backend = createInPageBackend(loaded.scenario, loaded.scenario.seed);
  const timeline = new Timeline(backend, { commandLog: log });
  const batches: Batch[] = [];
  let applied = 0;
  const take = (events: readonly TraceEvent[]) => {
    const commands = log.slice(applied, timeline.log.applied);
    applied = timeline.log.applied;
    batches.push({ events, now: timeline.now, commands });
  };
  take(await timeline.begin());
  while (timeline.now < until) take(await timeline.advance(Math.min(until, timeline.now + frame)));
  backend.destroy();
  return batches;
}

/** The lesson solved with its reference actions, and that run's whole trace (replayed from its command log). */
export async function solvedRunTrace(loaded: LoadedLesson): Promise<{ readonly solved: LessonRun; readonly trace: readonly TraceEvent[] }> {
  const solved = await runLesson(loaded, { mode: 'solve' });
  const batches = await replayInBatches(loaded, solved.commandLog, solved.endedAt, seconds(1));
  return { solved, trace: batches.flatMap((b) => b.events) };
}
