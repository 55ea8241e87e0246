// The built-in lessons in teaching order, read from the registry the page uses
// (src/lessons/builtin/index.ts) and each lesson's own file, so the e2e tests
// follow the course as lessons are added or reordered rather than a copy of it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const BUILTIN = join('src', 'lessons', 'builtin');

export interface BuiltinLessonTitle {
  readonly id: string;
  readonly title: string;
}

/** Every built-in lesson, in BUILTIN_LESSONS order, with the title its file gives it. */
export function builtinLessonsInOrder(): readonly BuiltinLessonTitle[] {
  const registry = readFileSync(join(BUILTIN, 'index.ts'), 'utf8');
  const list = registry.slice(registry.indexOf('BUILTIN_LESSONS'));
  const entries = [...list.matchAll(/\{ id: '([a-z0-9-]+)', file: '([a-z0-9-]+\.json)'/g)];
  if (entries.length === 0) throw new Error(`no lesson entries found in ${join(BUILTIN, 'index.ts')}: has the registry's format changed?`);
  return entries.map(([, id, file]) => {
    const { title } = JSON.parse(readFileSync(join(BUILTIN, file!), 'utf8')) as { title?: unknown };
    if (typeof title !== 'string') throw new Error(`${join(BUILTIN, file!)} has no title`);
    return { id: id!, title };
  });
}

/** The lesson after `id` in teaching order — what the "Next lesson" button offers. */
export function nextBuiltinLesson(id: string): BuiltinLessonTitle {
  const lessons = builtinLessonsInOrder();
  const at = lessons.findIndex((l) => l.id === id);
  const next = at < 0 ? undefined : lessons[at + 1];
  if (next === undefined) throw new Error(`"${id}" is not a built-in lesson followed by another`);
  return next;
}
