// A learner's progress through one lesson, kept in the browser (localStorage,
// one key per lesson) so a reload puts them back where they were: the step
// they are on, their answers, the checks they passed — and the run itself
// (seed + command log + how far it had got), which the page replays, so the
// network is back in the state those checks saw. This is also what a lab
// report holds (docs/lessons.md): replaying the command log is the proof.
//
// What is stored is untrusted (another version of the lab, a hand edit, a
// full disk): `readProgress` (stored-progress.ts) checks every field against the
// lesson and returns null for anything it cannot use, and storage errors are swallowed.

import type { Micros } from '../../engine/node/time';
import type { LoadedLesson } from '../../lessons';
import type { EventRef } from '../../lessons';
import type { CommandLogEntry } from '../../runtime/types';

export const PROGRESS_VERSION = 1;
const PREFIX = 'route-optimization-lab:lesson:';
/** Set once the first-visit greeting has been answered. */
export const GREETED_KEY = 'route-optimization-lab:greeted';

/**
 * A prediction's answer: the index of a choice, or a number. `revealed`: no learner answered — the
 * presenter revealed the right answer to a class (presentation mode), and the lesson went on as after an answer.
 */
export type PredictionAnswer = { readonly choice: number; readonly revealed?: true } | { readonly value: number; readonly revealed?: true };

/** A check the learner saw pass: kept even when a seek backwards makes the live evaluation forget it. */
export interface PassedCheck {
  readonly at: Micros;
  readonly evidence?: EventRef;
  readonly measured?: number;
  readonly detail: string;
}

export interface LessonProgress {
  readonly version: typeof PROGRESS_VERSION;
  /** The step shown. */
  readonly step: number;
  /** The furthest step started. */
  readonly reached: number;
  /** Virtual time at which each step up to `reached` started. */
  readonly starts: readonly Micros[];
  /** Per step: the learner's answer to its prediction, once given. */
  readonly answers: readonly (PredictionAnswer | null)[];
  /** Per step, per check: the pass the learner saw. */
  readonly passed: readonly (readonly (PassedCheck | null)[])[];
  /** The run: replayed on reload. */
  readonly seed: number;
  readonly commands: readonly CommandLogEntry[];
  readonly now: Micros;
}

export function freshProgress(loaded: LoadedLesson, seed: number): LessonProgress {
  const steps = loaded.lesson.steps;
  return {
    version: PROGRESS_VERSION, step: 0, reached: 0, starts: [0],
    answers: steps.map(() => null), passed: steps.map((s) => s.checks.map(() => null)),
    seed, commands: [], now: 0,
  };
}

// ---- the browser's storage -----------------------------------------------------------------

/** localStorage, or null where the browser refuses it (a sandboxed frame, storage switched off). */
export function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const progressKey = (lessonId: string): string => `${PREFIX}${lessonId}`;

export function writeProgress(lessonId: string, progress: LessonProgress): void {
  try {
    storage()?.setItem(progressKey(lessonId), JSON.stringify(progress));
  } catch {
    // Full or refused: progress is then kept for this visit only.
  }
}

export function clearProgress(lessonId: string): void {
  try {
    storage()?.removeItem(progressKey(lessonId));
  } catch {
    // Nothing stored, nothing to clear.
  }
}

/** A first visit: the greeting was never answered and no lesson was ever started. */
export function isFirstVisit(): boolean {
  try {
    const s = storage();
    if (s === null) return false; // nowhere to remember the answer: do not greet on every page
    if (s.getItem(GREETED_KEY) !== null) return false;
    for (let i = 0; i < s.length; i++) if (s.key(i)?.startsWith(PREFIX) === true) return false;
    return true;
  } catch {
    return false;
  }
}

export function rememberGreeted(choice: 'lesson' | 'explore'): void {
  try {
    storage()?.setItem(GREETED_KEY, choice);
  } catch {
    // The greeting may then come back next visit; nothing breaks.
  }
}
