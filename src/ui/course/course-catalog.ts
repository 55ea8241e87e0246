// What the course page and the playlists read about the lab's lessons and
// scenarios: whatever is registered (src/lessons/builtin/index.ts,
// src/scenarios/builtin/index.ts), never a list of our own.

import { BUILTIN_SCENARIOS, builtinScenario } from '../../scenarios/builtin';
import { BUILTIN_LESSONS, lessonById } from '../lessons/lesson-catalog';
import type { CourseLesson } from './course-map';
import type { PlaylistCatalog, PlaylistItem } from './playlist-link';

export function courseLessons(): CourseLesson[] {
  return BUILTIN_LESSONS.map((b) => {
    const { id, title, summary, sections, steps } = lessonById(b.id)!.lesson;
    return { id, title, summary, sections, steps: steps.length };
  });
}

export const builtinCatalog: PlaylistCatalog = {
  lessonSteps: (id) => lessonById(id)?.lesson.steps.length,
  hasScenario: (id) => builtinScenario(id) !== undefined,
};

export function scenarioTitle(id: string): string {
  return BUILTIN_SCENARIOS.find((s) => s.id === id)?.title ?? id;
}

/** An item as the playlist bar and the builder name it: "Triangle routing, steps 2–4". */
export function itemTitle(item: PlaylistItem): string {
  if (item.kind === 'free-play') return item.title;
  const loaded = lessonById(item.lesson);
  const title = loaded?.lesson.title ?? item.lesson;
  const steps = loaded?.lesson.steps.length ?? 0;
  const from = item.from ?? 1;
  const to = item.to ?? steps;
  if (from === 1 && to === steps) return title;
  return from === to ? `${title}, step ${from}` : `${title}, steps ${from}–${to}`;
}
