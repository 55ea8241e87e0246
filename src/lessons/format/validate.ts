// Reading a lesson file: a bad one is refused with what is wrong and where,
// in the scenario format's style ("steps[2].checks[0].from: no node …").
//
// Four stages, each reporting every problem it finds:
//  1. JSON syntax (parseLessonText only): line and column of the first error;
//  2. shape (schema.ts, zod);
//  3. its scenario: a built-in id that exists, or an inline scenario that
//     passes the scenario format's own validation (its problems are reported
//     under `scenario.`);
//  4. meaning (semantics.ts), against that scenario.
// A later stage runs only when the earlier ones passed: each relies on them.

import type { Micros } from '../../engine/node/time';
import { seconds } from '../../engine/node/time';
import type { LabCommand } from '../../runtime/types';
import { BUILTIN_SCENARIOS, builtinScenario } from '../../scenarios/builtin/index';
import { describeIssues } from '../../scenarios/issues';
import { readJsonFile } from '../../scenarios/json-syntax';
import { LIMITS } from '../../scenarios/limits';
import { toLoadedScenario, type LoadedScenario } from '../../scenarios/to-topology';
import { parseScenario } from '../../scenarios/validate';
import { resolveCommand } from './resolve';
import { lessonSchema, type Lesson } from './schema';
import { lessonProblems } from './semantics';

/** A reference action as the runtime takes it: a learner command, `after` µs into its step. */
export interface StepAction {
  readonly after: Micros;
  readonly command: LabCommand;
}

/** A lesson ready to run: validated, its scenario loaded, its reference actions resolved. */
export interface LoadedLesson {
  readonly lesson: Lesson;
  /** The built-in scenario's id; null for an inline scenario. */
  readonly scenarioId: string | null;
  readonly scenario: LoadedScenario;
  /** Per step, in order. */
  readonly actions: readonly (readonly StepAction[])[];
}

export type LessonResult =
  | { readonly ok: true; readonly loaded: LoadedLesson }
  | { readonly ok: false; readonly errors: readonly string[] };

/** The scenario format's wording, for a lesson: the whole input is "(lesson)", and its reference is docs/lessons.md. */
const lessonIssues = (issues: Parameters<typeof describeIssues>[0], json: unknown): string[] =>
  describeIssues(issues, json).map((line) => line.replace(/^\(scenario\)/, '(lesson)').replace('FORMAT.md', 'docs/lessons.md'));

/** An inline scenario's problems, located inside the lesson. */
const underScenario = (line: string): string => (line.startsWith('(scenario)') ? `scenario${line.slice('(scenario)'.length)}` : `scenario.${line}`);

function loadScenarioOf(lesson: Lesson): { id: string | null; loaded: LoadedScenario } | { errors: string[] } {
  if (typeof lesson.scenario === 'string') {
    const builtin = builtinScenario(lesson.scenario);
    if (builtin === undefined) return { errors: [`scenario: no built-in scenario ${JSON.stringify(lesson.scenario)} (built-ins: ${BUILTIN_SCENARIOS.map((s) => s.id).join(', ')})`] };
    const parsed = parseScenario(builtin.data);
    if (!parsed.ok) return { errors: parsed.errors.map((e) => `scenario: built-in ${JSON.stringify(lesson.scenario)} is invalid: ${e}`) };
    return { id: lesson.scenario, loaded: toLoadedScenario(parsed.scenario) };
  }
  const parsed = parseScenario(lesson.scenario);
  if (!parsed.ok) return { errors: parsed.errors.map(underScenario) };
  return { id: null, loaded: toLoadedScenario(parsed.scenario) };
}

export function parseLesson(json: unknown): LessonResult {
  const shaped = lessonSchema.safeParse(json);
  if (!shaped.success) return { ok: false, errors: lessonIssues(shaped.error.issues, json) };
  const lesson = shaped.data;
  const scenario = loadScenarioOf(lesson);
  if ('errors' in scenario) return { ok: false, errors: scenario.errors };
  const problems = lessonProblems(lesson, scenario.loaded);
  if (problems.length > 0) return { ok: false, errors: problems };
  const actions = lesson.steps.map((step) => step.referenceActions.map((a): StepAction => ({
    after: seconds(a.afterS),
    command: resolveCommand(a.command, scenario.loaded) as LabCommand, // semantics.ts refused any that does not resolve
  })));
  return { ok: true, loaded: { lesson, scenarioId: scenario.id, scenario: scenario.loaded, actions } };
}

/** The text of a lesson file. */
export function parseLessonText(file: string): LessonResult {
  const read = readJsonFile(file, LIMITS.maxFileCharacters);
  return read.ok ? parseLesson(read.json) : { ok: false, errors: read.errors };
}
