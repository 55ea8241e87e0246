// The built-in lessons as the page reads them, validated once each. They are the
// heaviest content of the lab (src/lessons/builtin), so only views that are
// themselves fetched on demand import this module statically — the lesson panel,
// the lesson list, the course page, the lecture bar; everything in the page's
// first load reaches it through loadLessonCatalog() (app/lazy-view.tsx explains why).

import { BUILTIN_LESSONS, builtinLesson, loadBuiltinLesson } from '../../lessons/builtin/index';
import type { LoadedLesson } from '../../lessons';

export { BUILTIN_LESSONS, builtinLesson };

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
