// Reading a scenario file: a bad one is refused with what is wrong and where.
//
// Three stages, each reporting every problem it finds:
//  1. JSON syntax (parseScenarioText only): line and column of the first error;
//  2. shape (schema.ts, zod): paths such as nodes[3].interfaces[0].address;
//  3. meaning (semantics.ts): references, prefixes, times, security associations.
// Stage 3 runs only on a file that passed stage 2, because it relies on the shape.

import { describeIssues } from './issues';
import { findJsonSyntaxError } from './json-syntax';
import { scenarioSchema, type Scenario } from './schema';
import { scenarioProblems } from './semantics';

export type ScenarioResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: readonly string[] };

export function parseScenario(json: unknown): ScenarioResult {
  const shaped = scenarioSchema.safeParse(json);
  if (!shaped.success) return { ok: false, errors: describeIssues(shaped.error.issues, json) };
  const problems = scenarioProblems(shaped.data);
  return problems.length > 0 ? { ok: false, errors: problems } : { ok: true, scenario: shaped.data };
}

/** The text of a scenario file, e.g. from an editor or a file picker. */
export function parseScenarioText(text: string): ScenarioResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const where = findJsonSyntaxError(text);
    if (where === undefined) return { ok: false, errors: [`(file): not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
    return { ok: false, errors: [`(file) line ${where.line}, column ${where.column}: not valid JSON: ${where.reason}`] };
  }
  return parseScenario(json);
}
