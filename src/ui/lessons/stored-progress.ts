// Reading a lesson's stored progress back (lesson-progress.ts says what is kept). What is
// stored is untrusted — another version of the lab, a hand edit — so every field is
// checked against the lesson, the command log as a run would check it, and anything
// that does not fit reads as no progress. Apart from lesson-progress.ts because the
// command check carries the scenario validator, which the page's first load need not
// (it comes with the first lesson opened).

import type { LoadedLesson } from '../../lessons';
import { validateLabCommand } from '../../runtime/commands/validate';
import { commandLogProblem } from '../../runtime/control/check-command-log';
import type { LabCommand } from '../../runtime/types';
import { PROGRESS_VERSION, progressKey, storage, type LessonProgress } from './lesson-progress';

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

/** The stored progress through `loaded`, or null if there is none or it is unusable. */
export function readProgress(loaded: LoadedLesson): LessonProgress | null {
  try {
    const text = storage()?.getItem(progressKey(loaded.lesson.id)) ?? null;
    return text === null ? null : parseProgress(JSON.parse(text), loaded);
  } catch {
    return null;
  }
}

/** What the picker shows per lesson: how far the learner got, from storage. */
export function storedStep(loaded: LoadedLesson): { step: number; passedAll: boolean } | null {
  const p = readProgress(loaded);
  if (p === null) return null;
  const passedAll = p.passed.every((checks) => checks.every((c) => c !== null));
  return { step: p.reached, passedAll };
}
