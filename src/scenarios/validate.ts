// Reading a scenario file: a bad one is refused with what is wrong and where.
//
// Four stages, each reporting every problem it finds:
//  1. JSON syntax (parseScenarioText only): line and column of the first error;
//  2. shape (schema.ts, zod): paths such as nodes[3].interfaces[0].address,
//     with the limits of limits.ts;
//  3. meaning (semantics.ts): references, prefixes, times, security associations;
//  4. work (work.ts): the run's estimated work fits the budget, or the field
//     doing most of it is named.
// Each stage runs only on a file that passed the one before, because it relies on it.

import { describeIssues } from './issues';
import { readJsonFile } from './json-syntax';
import { LIMITS } from './limits';
import { scenarioSchema, type Scenario } from './schema';
import { scenarioProblems } from './semantics';
import { toLoadedScenario } from './to-topology';
import { scenarioWork, workProblem } from './work';

export type ScenarioResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: readonly string[] };

export function parseScenario(json: unknown): ScenarioResult {
  const shaped = scenarioSchema.safeParse(json);
  if (!shaped.success) return { ok: false, errors: describeIssues(shaped.error.issues, json) };
  const problems = scenarioProblems(shaped.data);
  if (problems.length > 0) return { ok: false, errors: problems };
  const loaded = toLoadedScenario(shaped.data);
  const flowIndex = new Map(shaped.data.flows.map((f, k) => [f.id, k] as const));
  const work = workProblem(scenarioWork(loaded, loaded.duration, (id) => `flows[${flowIndex.get(id)}]`));
  return work === null ? { ok: true, scenario: shaped.data } : { ok: false, errors: [work] };
}

/** The text of a scenario file, e.g. from an editor or a file picker. */
export function parseScenarioText(file: string): ScenarioResult {
  const read = readJsonFile(file, LIMITS.maxFileCharacters);
  return read.ok ? parseScenario(read.json) : { ok: false, errors: read.errors };
}
