// The lab's built-in lessons: one JSON file each (the format is
// docs/lessons.md), listed here in teaching order. The files are imported as
// data and go through the same validation as a lesson someone writes, so a
// built-in can never bypass a check.

import { parseLesson, type LoadedLesson } from '../format/validate';
import triangleRouting from './triangle-routing.json' with { type: 'json' };
import bindingCache from './binding-cache.json' with { type: 'json' };
import smoothHandoff from './smooth-handoff.json' with { type: 'json' };
import bindingUpdateAttacks from './binding-update-attacks.json' with { type: 'json' };

export interface BuiltinLesson {
  readonly id: string;
  /** File name inside src/lessons/builtin/. */
  readonly file: string;
  /** The file's contents, as JSON data (not yet validated). */
  readonly data: unknown;
}

export const BUILTIN_LESSONS: readonly BuiltinLesson[] = [
  { id: 'triangle-routing', file: 'triangle-routing.json', data: triangleRouting },
  { id: 'binding-cache', file: 'binding-cache.json', data: bindingCache },
  { id: 'smooth-handoff', file: 'smooth-handoff.json', data: smoothHandoff },
  { id: 'binding-update-attacks', file: 'binding-update-attacks.json', data: bindingUpdateAttacks },
];

export function builtinLesson(id: string): BuiltinLesson | undefined {
  return BUILTIN_LESSONS.find((l) => l.id === id);
}

/** Validates and loads a built-in; throws if it is broken (a test makes sure none is). */
export function loadBuiltinLesson(id: string): LoadedLesson {
  const entry = builtinLesson(id);
  if (entry === undefined) throw new Error(`no built-in lesson "${id}"`);
  const parsed = parseLesson(entry.data);
  if (!parsed.ok) throw new Error(`built-in lesson "${id}" is invalid:\n  - ${parsed.errors.join('\n  - ')}`);
  return parsed.loaded;
}
