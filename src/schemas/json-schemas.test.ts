import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_LESSONS } from '../lessons/builtin/index';
import { parseLesson } from '../lessons/format/validate';
import type { LabReport } from '../lessons/report/schema';
import { referenceReportOf } from '../lessons/report/test-support';
import { BUILTIN_SCENARIOS } from '../scenarios/builtin/index';
import { parseScenario } from '../scenarios/validate';
import { jsonSchemas, schemaText } from './json-schemas';
import { MiniValidator } from './mini-validator';

// The published JSON Schemas (public/schemas/) are what `npm run schemas`
// generates from the zod validators now, and every built-in file, and a real
// report, passes them — so an author's editor never flags a file the lab
// accepts, and the schemas never go stale.

const schemas = jsonSchemas();
const validator = new MiniValidator(Object.fromEntries(schemas.map((s) => [s.file, s.schema])));
const SCHEMA_URL = 'https://example.edu/lab/schemas/';

let report: LabReport;
beforeAll(async () => { report = await referenceReportOf('triangle-routing'); }, 60_000);

describe('the committed schema files', () => {
  it.each(schemas.map((s) => [s.file, s] as const))('public/schemas/%s is what `npm run schemas` generates', (file, s) => {
    const committed = readFileSync(new URL(`../../public/schemas/${file}`, import.meta.url), 'utf8');
    expect(committed, 'the schema is stale: run `npm run schemas`').toBe(schemaText(s));
  });

  it('name their format, and a lesson\'s inline scenario refers to the scenario schema', () => {
    expect(schemas.map((s) => s.file)).toEqual(['scenario.schema.json', 'lesson.schema.json', 'report.schema.json']);
    for (const s of schemas) expect((s.schema.properties as Record<string, { const?: string }>).format!.const).toBe(s.format);
    const scenario = (schemas[1]!.schema.properties as Record<string, { anyOf: unknown[] }>).scenario!;
    expect(scenario.anyOf[1]).toEqual({ $ref: 'scenario.schema.json' });
  });
});

describe('every built-in file passes the schemas, "$schema" and all', () => {
  it('the built-in scenarios', () => {
    expect(BUILTIN_SCENARIOS.length).toBeGreaterThanOrEqual(18);
    for (const s of BUILTIN_SCENARIOS) {
      expect(validator.validate('scenario.schema.json', s.data), s.id).toEqual([]);
      const pointed = { $schema: `${SCHEMA_URL}scenario.schema.json`, ...(s.data as object) };
      expect(validator.validate('scenario.schema.json', pointed), s.id).toEqual([]);
      expect(parseScenario(pointed).ok, `${s.id} with "$schema"`).toBe(true);
    }
  });

  it('the built-in lessons', () => {
    expect(BUILTIN_LESSONS.length).toBeGreaterThanOrEqual(4);
    for (const l of BUILTIN_LESSONS) {
      expect(validator.validate('lesson.schema.json', l.data), l.id).toEqual([]);
      const pointed = { $schema: `${SCHEMA_URL}lesson.schema.json`, ...(l.data as object) };
      expect(validator.validate('lesson.schema.json', pointed), l.id).toEqual([]);
      expect(parseLesson(pointed).ok, `${l.id} with "$schema"`).toBe(true);
    }
  });

  it('a report of a real run', () => {
    expect(validator.validate('report.schema.json', JSON.parse(JSON.stringify(report)))).toEqual([]);
  });
});

describe('the schemas refuse what the lab refuses for its shape', () => {
  const triangle = BUILTIN_SCENARIOS.find((s) => s.id === 'triangle-routing')!.data as Record<string, unknown>;

  it('an unknown field, a wrong type, a missing field, a word not allowed', () => {
    const bad = { ...triangle, colour: 'blue', durationS: 'long', profile: 'rfc9999' } as Record<string, unknown>;
    delete bad.nodes;
    expect(validator.validate('scenario.schema.json', bad)).toEqual(expect.arrayContaining([
      '(root).nodes: is required', '(root).colour: is not allowed', '(root).durationS: expected number', '(root).profile: must be one of ["ro98","rfc3344"]',
    ]));
  });

  it('a lesson\'s inline scenario is checked as a scenario file', () => {
    const attacks = BUILTIN_LESSONS.find((l) => l.id === 'binding-update-attacks')!.data as Record<string, unknown>;
    expect(typeof attacks.scenario).toBe('object');
    const bad = { ...attacks, scenario: { ...(attacks.scenario as object), seed: -1 } };
    expect(validator.validate('lesson.schema.json', bad)).toEqual(['(root).scenario: matches none of anyOf']);
  });

  it('a report with a claim of the wrong shape', () => {
    const bad = JSON.parse(JSON.stringify(report)) as Record<string, unknown> & LabReport;
    (bad.steps[0]!.checks[0] as Record<string, unknown>).atUs = 1.5;
    bad.createdAt = 'yesterday';
    expect(validator.validate('report.schema.json', bad)).toEqual(expect.arrayContaining(['(root).steps[0].checks[0].atUs: expected integer', '(root).createdAt: not a date-time']));
  });

  it('the checker refuses a schema keyword it does not know, rather than ignore it', () => {
    const v = new MiniValidator({ 'x.json': { type: 'string', contentEncoding: 'base64' } });
    expect(() => v.validate('x.json', 'abc')).toThrow('the schema uses "contentEncoding", which this checker does not know');
  });
});
