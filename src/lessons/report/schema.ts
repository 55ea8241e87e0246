// The lab report format, route-optimization-lab/report@1 (docs/lessons.md
// "Lab reports"): what a learner hands in after a lesson, and what
// `mip-lab check` verifies by replaying it.
//
// A report is a claim about a run: the lesson and scenario it ran, the seed,
// the learner's command log (the whole of what they did), where each step
// started, and what they saw — each check's state, virtual time and evidence,
// each prediction's answer and whether it was right. The run is
// deterministic (scenario + seed + command log → the same trace), so every
// claim can be confirmed or refuted by replaying it headless.
//
// Shape only, strict like the other formats (a field not listed is an
// error); times are whole µs of virtual time, named `…Us`.

import { z } from 'zod';
import { CHECK_STATES, STEP_STATES } from './states';

export const REPORT_FORMAT = 'route-optimization-lab/report@1';

const micros = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = z.string().min(1);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { message: 'is not a SHA-256 digest (64 lower-case hex digits)' });

/** The lab that made the report: package version, and the build when the site was built with one. */
const labSchema = z.strictObject({
  version: text,
  build: text.optional(),
});

/** A built-in lesson by id, or a lesson file by its content hash (with its id and title, for a person). */
const lessonRef = z.strictObject({
  source: z.enum(['builtin', 'file']),
  id: text,
  title: text,
  /** SHA-256 of the validated lesson as canonical JSON (identity.ts). */
  sha256,
});

const scenarioRef = z.strictObject({
  /** A built-in scenario's id; absent for a scenario written inside the lesson. */
  id: text.optional(),
  sha256,
});

/** A learner command as the runtime applied it (runtime LabCommand); checked against the scenario when the report is checked. */
const commandEntry = z.strictObject({
  atUs: micros,
  command: z.looseObject({ type: z.string() }),
});

const answerSchema = z.union([
  z.strictObject({ choice: z.number().int().min(0) }),
  z.strictObject({ value: z.number() }),
]);

const evidenceSchema = z.strictObject({
  eventId: text,
  atUs: micros,
});

const checkClaim = z.strictObject({
  /** The check's line, as the lesson words it. */
  text,
  state: z.enum(CHECK_STATES),
  /** When it passed or failed. */
  atUs: micros.optional(),
  /** The trace event that shows it. */
  evidence: evidenceSchema.optional(),
  /** What it counted (hops, datagrams lost, messages sent). */
  measured: z.number().optional(),
  /** What was seen, in words. */
  detail: z.string(),
});

const stepClaim = z.strictObject({
  title: text,
  state: z.enum(STEP_STATES),
  startedAtUs: micros.optional(),
  actedAtUs: micros.optional(),
  completedAtUs: micros.optional(),
  /** The learner's answer to the step's prediction, and whether it was right; absent if not answered. */
  prediction: z.strictObject({
    answer: answerSchema,
    right: z.boolean(),
    /** No learner answered: a presenter revealed the answer to a class. */
    revealed: z.literal(true).optional(),
  }).optional(),
  checks: z.array(checkClaim),
});

export const reportSchema = z.strictObject({
  /** Where an editor finds this format's JSON Schema; ignored by the lab. */
  $schema: z.string().optional(),
  format: z.literal(REPORT_FORMAT),
  /** When the report was made (ISO 8601, wall-clock time). */
  createdAt: z.iso.datetime({ offset: true }),
  /** Who made it: the page (a learner's run) or `mip-lab lesson --solve` (the reference run). */
  madeBy: z.enum(['page', 'mip-lab']),
  lab: labSchema,
  lesson: lessonRef,
  scenario: scenarioRef,
  seed: z.number().int().min(0).max(0xffffffff),
  /** How far the run had got: every claim is about the run up to here. */
  endedAtUs: micros,
  commands: z.array(commandEntry),
  steps: z.array(stepClaim).min(1),
});

export type LabReport = z.output<typeof reportSchema>;
export type StepClaim = LabReport['steps'][number];
export type CheckClaim = StepClaim['checks'][number];
export type AnswerClaim = NonNullable<StepClaim['prediction']>['answer'];
