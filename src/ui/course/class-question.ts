// The presenter view's logic (presentation mode): the prediction of the lesson
// step the network waits on becomes a question to the class. Revealing it is
// answering it with the right answer, flagged `revealed` — the same path as a
// learner's answer (lesson-slice.ts answerPrediction), so the network plays the
// answer out exactly as it does for a learner, the progress stays a valid lab
// record, and the panel says "Revealed to the class", never "Right."

import type { LessonStep } from '../../lessons';
import type { PredictionAnswer } from '../lessons/lesson-progress';
import type { LessonSession } from '../lessons/lesson-slice';

export interface ClassQuestionView {
  readonly step: number;
  readonly data: LessonStep;
  /** null while the question is open; the answer once revealed (or answered in the panel). */
  readonly answer: PredictionAnswer | null;
}

/** The question on screen: the prediction of the step the lesson is at, if it has one. */
export function classQuestion(lesson: LessonSession | null): ClassQuestionView | null {
  if (lesson === null) return null;
  const k = lesson.progress.reached;
  const data = lesson.loaded.lesson.steps[k]!;
  if (data.prediction === undefined || lesson.progress.step !== k) return null;
  return { step: k, data, answer: lesson.progress.answers[k] ?? null };
}

/** The answer the presenter reveals. */
export function revealedAnswer(step: LessonStep): PredictionAnswer | null {
  const p = step.prediction;
  if (p === undefined) return null;
  return p.kind === 'choice' ? { choice: p.answer, revealed: true } : { value: p.answer, revealed: true };
}
