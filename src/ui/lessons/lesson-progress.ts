// A learner's progress through one lesson, kept in the browser (localStorage,
// one key per lesson) so a reload puts them back where they were: the step
// they are on, their answers, the checks they passed — and the run itself
// (seed + command log + how far it had got), which the page replays, so the
// network is back in the state those checks saw. This is also what a lab
// report holds (docs/lessons.md): replaying the command log is the proof.
//
// What is stored is untrusted (another version of the lab, a hand edit, a
// full disk): `readProgress` checks every field against the lesson and
// returns null for anything it cannot use, and storage errors are swallowed.

import type { Micros } from '../../engine/node/time';
import type { LoadedLesson } from '../../lessons';
import type { EventRef } from '../../lessons';
import { validateLabCommand } from '../../runtime/commands/validate';
import { commandLogProblem } from '../../runtime/control/check-command-log';
import type { CommandLogEntry, LabCommand } from '../../runtime/types';

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

// ---- checking what was stored -------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isIndex = (v: unknown, below: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < below;

function answerOk(v: unknown, loaded: LoadedLesson, step: number): boolean {
  if (v === null) return true;
  const prediction = loaded.lesson.steps[step]?.prediction;
  if (!isObject(v) || prediction === undefined) return false;
  if (v.revealed !== undefined && v.revealed !== true) return false;
  if (prediction.kind === 'choice') return isIndex(v.choice, prediction.choices.length);
  return typeof v.value === 'number' && Number.isFinite(v.value);
}

function passedOk(v: unknown): boolean {
  if (v === null) return true;
  if (!isObject(v) || !isTime(v.at) || typeof v.detail !== 'string') return false;
  if (v.measured !== undefined && (typeof v.measured !== 'number' || !Number.isFinite(v.measured))) return false;
  return v.evidence === undefined || (isObject(v.evidence) && typeof v.evidence.eventId === 'string' && isTime(v.evidence.time));
}

/** The stored value as progress through `loaded`, or null if any of it does not fit. */
export function parseProgress(raw: unknown, loaded: LoadedLesson): LessonProgress | null {
  if (!isObject(raw) || raw.version !== PROGRESS_VERSION) return null;
  const steps = loaded.lesson.steps;
  const { step, reached, starts, answers, passed, seed, commands, now } = raw;
  if (!isIndex(reached, steps.length) || !isIndex(step, reached + 1)) return null;
  if (!Array.isArray(starts) || starts.length !== reached + 1 || !starts.every(isTime)) return null;
  if (starts.some((t, i) => i > 0 && t < (starts[i - 1] as number))) return null;
  if (!Array.isArray(answers) || answers.length !== steps.length || !answers.every((a, i) => answerOk(a, loaded, i))) return null;
  if (!Array.isArray(passed) || passed.length !== steps.length) return null;
  if (!passed.every((p, i) => Array.isArray(p) && p.length === steps[i]!.checks.length && p.every(passedOk))) return null;
  if (!isTime(seed) || seed > 0xffffffff || !isTime(now) || now > loaded.scenario.duration) return null;
  const validate = (c: LabCommand): string | null => validateLabCommand(c, loaded.scenario);
  if (commandLogProblem(commands, loaded.scenario.duration, validate) !== null) return null;
  return raw as unknown as LessonProgress;
}

// ---- the browser's storage -----------------------------------------------------------------

/** localStorage, or null where the browser refuses it (a sandboxed frame, storage switched off). */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const progressKey = (lessonId: string): string => `${PREFIX}${lessonId}`;

/** The stored progress through `loaded`, or null if there is none or it is unusable. */
export function readProgress(loaded: LoadedLesson): LessonProgress | null {
  try {
    const text = storage()?.getItem(progressKey(loaded.lesson.id)) ?? null;
    return text === null ? null : parseProgress(JSON.parse(text), loaded);
  } catch {
    return null;
  }
}

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

/** What the picker shows per lesson: how far the learner got, from storage. */
export function storedStep(loaded: LoadedLesson): { step: number; passedAll: boolean } | null {
  const p = readProgress(loaded);
  if (p === null) return null;
  const passedAll = p.passed.every((checks) => checks.every((c) => c !== null));
  return { step: p.reached, passedAll };
}
