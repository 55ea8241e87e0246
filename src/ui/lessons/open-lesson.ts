// Opening a lesson: its scenario is opened like any other (a runtime, the
// store fed by its batches), then the lesson itself, on that run. Progress
// kept in the browser is restored: the run is replayed with the same seed and
// command log to where the learner left it, so the checks they passed see the
// same packets again. `?lesson=<id>` in the page address opens one directly.

import { BUILTIN_LESSONS, builtinLesson, loadBuiltinLesson, type LoadedLesson } from '../../lessons';
import { openLoadedScenario } from '../app/open-scenario';
import { withKnownLesson, type RunLink } from '../app/run-link';
import { useLab } from '../store/lab-store';
import { clearProgress, freshProgress, readProgress } from './lesson-progress';

/** The first lesson: what the greeting starts, and what an unknown lesson link opens. */
export const FIRST_LESSON = BUILTIN_LESSONS[0]!.id;

const loadedLessons = new Map<string, LoadedLesson>();

/** A built-in lesson, validated and loaded once. */
export function lessonById(id: string): LoadedLesson | undefined {
  if (builtinLesson(id) === undefined) return undefined;
  let loaded = loadedLessons.get(id);
  if (loaded === undefined) {
    loaded = loadBuiltinLesson(id);
    loadedLessons.set(id, loaded);
  }
  return loaded;
}

export interface OpenLessonOptions {
  readonly mode?: 'workers' | 'in-page';
  /** Start over: forget the stored progress. */
  readonly fresh?: boolean;
}

/** Keeps `?lesson=<id>` in the address while a lesson is open, so a reload comes back to it. */
export function setLessonAddress(id: string | null): void {
  if (typeof window === 'undefined') return;
  const url = new URL(window.location.href);
  if (url.searchParams.get('lesson') === id) return;
  if (id === null) url.searchParams.delete('lesson');
  else {
    for (const key of ['scenario', 'seed', 'commands']) url.searchParams.delete(key); // the lesson's own run replaces a shared one
    url.searchParams.set('lesson', id);
  }
  window.history.replaceState(window.history.state, '', url);
}

export async function openLesson(id: string, options: OpenLessonOptions = {}): Promise<void> {
  const loaded = lessonById(id);
  if (loaded === undefined) {
    useLab.getState().setLoadError(`There is no lesson "${id}".`);
    return;
  }
  if (options.fresh === true) clearProgress(id);
  const stored = options.fresh === true ? null : readProgress(loaded);
  await openLoadedScenario(loaded.scenario, loaded.scenarioId ?? `lesson:${id}`, {
    ...(options.mode === undefined ? {} : { mode: options.mode }),
    ...(stored === null ? {} : { seed: stored.seed, commands: stored.commands }),
  });
  const { runtime, scenario, loadError } = useLab.getState();
  if (runtime === null || scenario !== loaded.scenario || loadError !== null) return; // it did not start: the problem is shown
  useLab.getState().beginLesson(loaded, stored ?? freshProgress(loaded, runtime.seed));
  setLessonAddress(id);
  if (stored !== null && stored.now > 0) await runtime.seek(stored.now);
}

/** The learner opened the lesson themselves: its panel takes the focus when it appears. */
let focusOnOpen = false;

export function takeFocusOnOpen(): boolean {
  const take = focusOnOpen;
  focusOnOpen = false;
  return take;
}

/** Restart: the lesson's scenario reloaded, its progress cleared. */
export function restartLesson(id: string): Promise<void> {
  focusOnOpen = true;
  return openLesson(id, { fresh: true, ...modeOfRun() });
}

function modeOfRun(): { mode?: 'workers' | 'in-page' } {
  const mode = new URLSearchParams(typeof window === 'undefined' ? '' : window.location.search).get('mode');
  return mode === 'workers' || mode === 'in-page' ? { mode } : {};
}

/** Opens the lesson a page address names (an unknown one: the first lesson, and the problem is shown). */
export async function openLessonFromLink(parsed: { link: RunLink; problems: string[] }): Promise<void> {
  const { link, problems } = withKnownLesson(parsed, (id) => builtinLesson(id) !== undefined, FIRST_LESSON);
  await openLesson(link.lesson ?? FIRST_LESSON, link.mode === undefined ? {} : { mode: link.mode });
  if (problems.length === 0) return;
  const { loadError, setLoadError } = useLab.getState();
  const unused = `Parts of the link were not used:\n${problems.map((p) => `  • ${p}`).join('\n')}`;
  setLoadError(loadError === null ? unused : `${loadError}\n${unused}`);
}

/** Opens a lesson the learner picked (the picker, the greeting, "next lesson"). */
export function openLessonByChoice(id: string): Promise<void> {
  focusOnOpen = true;
  return openLesson(id, modeOfRun());
}
