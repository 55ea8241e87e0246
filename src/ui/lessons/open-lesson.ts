// Opening a lesson: its scenario is opened like any other (a runtime, the
// store fed by its batches), then the lesson itself, on that run. Progress
// kept in the browser is restored: the run is replayed with the same seed and
// command log to where the learner left it, so the checks they passed see the
// same packets again. `?lesson=<id>` in the page address opens one directly.

import { openLoadedScenario } from '../app/run-opener';
import { withKnownLesson, type RunLink } from '../app/run-link';
import { useLab } from '../store/lab-store';
import { clearProgress, freshProgress } from './lesson-progress';

type LessonCatalog = typeof import('./lesson-catalog') & Pick<typeof import('./stored-progress'), 'readProgress'>;

/**
 * The built-in lessons, fetched the first time one is opened (lesson-catalog.ts), with the
 * reader of stored progress (stored-progress.ts); null,
 * with the problem shown, if their code cannot be fetched (offline before the lab was cached).
 */
async function lessonCatalog(): Promise<LessonCatalog | null> {
  try {
    const [catalog, { readProgress }] = await Promise.all([import('./lesson-catalog'), import('./stored-progress')]);
    return { ...catalog, readProgress };
  } catch {
    useLab.getState().setLoadError('The lessons could not be loaded: the lab may be offline, or a newer version may have replaced it. Reload the page to try again.');
    return null;
  }
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
  const catalog = await lessonCatalog();
  if (catalog === null) return;
  const loaded = catalog.lessonById(id);
  if (loaded === undefined) {
    useLab.getState().setLoadError(`There is no lesson "${id}".`);
    return;
  }
  if (options.fresh === true) clearProgress(id);
  const stored = options.fresh === true ? null : catalog.readProgress(loaded);
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
  const catalog = await lessonCatalog();
  if (catalog === null) return;
  const { link, problems } = withKnownLesson(parsed, (id) => catalog.builtinLesson(id) !== undefined, catalog.FIRST_LESSON);
  await openLesson(link.lesson ?? catalog.FIRST_LESSON, link.mode === undefined ? {} : { mode: link.mode });
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

/** The greeting's "start the first lesson". */
export async function openFirstLessonByChoice(): Promise<void> {
  const catalog = await lessonCatalog();
  if (catalog !== null) await openLessonByChoice(catalog.FIRST_LESSON);
}
