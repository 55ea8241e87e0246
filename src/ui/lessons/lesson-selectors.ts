// Selectors of the lessons slice, as module constants (zustand docs: a
// selector made inline on every render defeats memoisation).

import type { LabState } from '../store/lab-store';
import { gatedStep } from './lesson-slice';

export const selectLesson = (s: LabState) => s.lesson;
export const selectLessonId = (s: LabState): string | null => s.lesson?.id ?? null;
export const selectGatedStep = (s: LabState): number | null => gatedStep(s);
export const selectShowMe = (s: LabState) => s.showMe;
export const selectAnswerPrediction = (s: LabState) => s.answerPrediction;
export const selectLessonSend = (s: LabState) => s.lessonSend;
/** The scenario has run to its end. */
export const selectRunEnded = (s: LabState): boolean => s.status === 'finished';
/** Whether the run is at a point where a learner command can be sent. */
export const selectCanAct = (s: LabState): boolean => s.runtime !== null && (s.status === 'paused' || s.status === 'playing');

/** The furthest step has run past the time its checks should have needed: the panel offers a hint. */
export const selectOverdue = (s: LabState): boolean => {
  const l = s.lesson;
  if (l === null) return false;
  const k = l.progress.reached;
  if (l.views[k]?.state !== 'pending') return false;
  const start = l.progress.starts[k] ?? 0;
  return s.now - start > l.loaded.lesson.steps[k]!.expectWithinS * 1_000_000;
};
