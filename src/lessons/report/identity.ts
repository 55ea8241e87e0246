// Which lesson and scenario a report is about. A built-in is named by its id;
// a lesson from disk by its content — SHA-256 of the validated lesson written
// as canonical JSON (keys sorted, no spaces), so re-indenting the file, or
// giving it an editor's "$schema", does not change it, while changing a
// check, a step or the scenario does. Built-ins carry the hash too: a report
// made with another version of the lesson says so when it is checked.

import { sha256 } from '@noble/hashes/sha2.js';
import { builtinScenario } from '../../scenarios/builtin/index';
import type { LoadedLesson } from '../format/validate';

/** JSON with every object's keys in sorted order; `$schema` (an editor's hint) left out. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => k !== '$schema' && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256Hex(text: string): string {
  return Array.from(sha256(new TextEncoder().encode(text)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const lessonHash = (loaded: LoadedLesson): string => sha256Hex(canonicalJson(loaded.lesson));

/** The scenario as written: the built-in's file, or the lesson's inline object. */
function scenarioSource(loaded: LoadedLesson): unknown {
  if (loaded.scenarioId !== null) return builtinScenario(loaded.scenarioId)?.data ?? loaded.scenarioId;
  return loaded.lesson.scenario;
}

export function scenarioRef(loaded: LoadedLesson): { id?: string; sha256: string } {
  return { ...(loaded.scenarioId === null ? {} : { id: loaded.scenarioId }), sha256: sha256Hex(canonicalJson(scenarioSource(loaded))) };
}
