// What the panel shows of a step: the live evaluation, with the passes the
// learner already saw kept (a seek backwards, or a reload that has not
// replayed that far yet, must not take a passed check away from them).

import type { CheckStatus, LessonStep, StepState, StepStatus } from '../../lessons';
import type { PredictionAnswer, PassedCheck } from './lesson-progress';

export interface CheckView extends CheckStatus {
  /** Passed earlier in this run (or before a reload), not in what the page holds now. */
  readonly remembered?: boolean;
}

export interface StepView {
  readonly state: StepState;
  readonly checks: readonly CheckView[];
}

export function stepView(live: StepStatus, passed: readonly (PassedCheck | null)[]): StepView {
  const checks = live.checks.map((c, i): CheckView => {
    const seen = passed[i];
    if (c.state !== 'pending' || seen === null || seen === undefined) return c;
    return { state: 'passed', ...seen, remembered: true };
  });
  const started = live.state !== 'not-started' || checks.some((c) => c.state !== 'pending');
  const state: StepState = !started ? 'not-started'
    : checks.some((c) => c.state === 'failed') ? 'failed'
      : checks.every((c) => c.state === 'passed') ? 'passed' : 'pending';
  return { state, checks };
}

/** Whether an answer is the right one. */
export function isRight(step: LessonStep, answer: PredictionAnswer): boolean {
  const p = step.prediction;
  if (p === undefined) return false;
  if (p.kind === 'choice') return 'choice' in answer && answer.choice === p.answer;
  return 'value' in answer && Math.abs(answer.value - p.answer) <= p.tolerance;
}
