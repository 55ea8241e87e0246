// Test support for the page's lab report: a learner's run of a lesson
// delivered to the store in frame-sized batches, as the runtime publishes
// it — their answers given as each step is shown, Next pressed as soon as a
// step has ended (or, to skip, earlier).

import { expect } from 'vitest';
import type { Micros } from '../../../engine/node/time';
import type { LoadedLesson } from '../../../lessons';
import { replayInBatches } from '../../../lessons/test-support/fixtures';
import type { CommandLogEntry } from '../../../runtime/types';
import { fakeRuntime } from '../../controls/test-support/fake-runtime';
import { useLab } from '../../store/lab-store';
import { resetLabStore } from '../../test-support/component-test';
import { freshProgress, type PredictionAnswer } from '../lesson-progress';

export interface Learner {
  /** The command log of their run. */
  readonly log: readonly CommandLogEntry[];
  readonly until: Micros;
  /** Their answer to step k's prediction, given as soon as the step is shown. */
  answer(loaded: LoadedLesson, k: number): PredictionAnswer | null;
  /** They press Next as soon as a step has ended — and on this step at this time, even before it has. */
  readonly skip?: { readonly step: number; readonly at: Micros };
}

export async function playInPage(loaded: LoadedLesson, learner: Learner): Promise<void> {
  resetLabStore();
  useLab.setState({ runtime: fakeRuntime(loaded.scenario), scenario: loaded.scenario, scenarioId: loaded.scenarioId ?? 'inline', status: 'paused' });
  const batches = await replayInBatches(loaded, learner.log, learner.until, 50_000);
  expect(batches.length).toBeGreaterThan(10);
  let log: CommandLogEntry[] = [];
  const answer = (k: number): void => {
    const a = learner.answer(loaded, k);
    if (a !== null) useLab.getState().answerPrediction(k, a);
  };
  batches.forEach((b, i) => {
    if (b.commands.length > 0) log = [...log, ...b.commands];
    useLab.getState().applyBatch({ now: b.now, status: 'playing', speed: 1, trace: b.events, ...(b.commands.length > 0 || i === 0 ? { commands: log } : {}) });
    if (i === 0) {
      useLab.getState().beginLesson(loaded, freshProgress(loaded, loaded.scenario.seed));
      answer(0);
    }
    for (;;) {
      const l = useLab.getState().lesson!;
      const k = l.progress.reached;
      const skipping = learner.skip?.step === k && b.now >= learner.skip.at;
      if (k === loaded.lesson.steps.length - 1 || (l.feed.endOf(k) === undefined && !skipping)) break;
      useLab.getState().lessonNext();
      answer(k + 1);
    }
  });
}
