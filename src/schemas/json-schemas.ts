// JSON Schemas of the lab's file formats — scenario@1, lesson@1, report@1 —
// generated from their zod validators with zod's own z.toJSONSchema, so an
// editor can complete and check a file as it is written (docs/lessons.md
// "Editing with a JSON Schema"). `npm run schemas` writes them to
// public/schemas/, which the site serves; a test keeps the files equal to
// what this generates.
//
// A schema checks shape: fields, types, ranges, the words a field takes. The
// lab's validators also check meaning — that a node named exists, that an
// address is one, that a lesson cites the paper — so a file the schema
// accepts may still be refused, with the reason and where.

import { z } from 'zod';
import { LESSON_FORMAT, lessonSchema } from '../lessons/format/schema';
import { REPORT_FORMAT, reportSchema } from '../lessons/report/schema';
import { SCENARIO_FORMAT, scenarioSchema } from '../scenarios/schema';

export interface SchemaFile {
  /** File name in public/schemas/. */
  readonly file: string;
  readonly format: string;
  readonly schema: Record<string, unknown>;
}

/** Files may leave out what has a default: the schema is of the input. */
const toSchema = (schema: z.ZodType): Record<string, unknown> => z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;

function described(schema: Record<string, unknown>, title: string, description: string): Record<string, unknown> {
  const { $schema, ...rest } = schema;
  return { $schema, title, description, ...rest };
}

/** A lesson's inline scenario is a scenario file: say so, so an editor checks it as one. */
function withScenarioRef(lesson: Record<string, unknown>): Record<string, unknown> {
  const properties = lesson.properties as Record<string, { anyOf?: unknown[] }>;
  const scenario = properties.scenario!;
  if (scenario.anyOf?.length !== 2) throw new Error('the lesson schema\'s "scenario" is no longer a built-in id or a scenario object');
  return { ...lesson, properties: { ...properties, scenario: { ...scenario, anyOf: [scenario.anyOf[0], { $ref: 'scenario.schema.json' }] } } };
}

export function jsonSchemas(): SchemaFile[] {
  return [
    {
      file: 'scenario.schema.json', format: SCENARIO_FORMAT,
      schema: described(toSchema(scenarioSchema), 'Route Optimization Lab scenario', `A ${SCENARIO_FORMAT} file: a network, its nodes and settings, flows, moves and faults (src/scenarios/FORMAT.md).`),
    },
    {
      file: 'lesson.schema.json', format: LESSON_FORMAT,
      schema: withScenarioRef(described(toSchema(lessonSchema), 'Route Optimization Lab lesson', `A ${LESSON_FORMAT} file: a scenario and the steps a learner takes through it (docs/lessons.md).`)),
    },
    {
      file: 'report.schema.json', format: REPORT_FORMAT,
      schema: described(toSchema(reportSchema), 'Route Optimization Lab report', `A ${REPORT_FORMAT} file: a learner's lesson run, which mip-lab check replays (docs/lessons.md "Lab reports").`),
    },
  ];
}

/** A schema file's text: two-space JSON and a final newline, as committed. */
export const schemaText = (s: SchemaFile): string => `${JSON.stringify(s.schema, null, 2)}\n`;
