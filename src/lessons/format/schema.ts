// The lesson file format, route-optimization-lab/lesson@1 (docs/lessons.md).
//
// A lesson is data, like a scenario: the scenario it runs on (a built-in id
// or a whole scenario@1 object) and ordered steps. Each step tells the
// learner what is going on (citing the paper), what to do, optionally asks a
// prediction first, and names the checks that decide when the step is done,
// with the learner commands that solve it (reference actions).
//
// This file is the *shape* (zod: every problem comes with a path; every
// object is strict, so a typo is an error); semantics.ts checks what a shape
// cannot — that nodes, flows and cells exist in the scenario, that a command
// would be accepted by the runtime, that learner-facing text cites sections.
// Units are in field names: `afterS`, `withinS`, `expectWithinS`.

import { z } from 'zod';
import { MESSAGE_NAMES, TABLE_NAMES, type MessageName, type TableName } from './names';

export const LESSON_FORMAT = 'route-optimization-lab/lesson@1';

const id = z.string().min(1);
const text = z.string().min(1);
const count = z.number().int().min(0);
const seconds = z.number().min(0);
const position = z.strictObject({ x: z.number(), y: z.number() });

export { MESSAGE_NAMES, TABLE_NAMES, type MessageName, type TableName };

// ---- checks -------------------------------------------------------------------

const checkCommon = {
  /** The line the learner reads in the step's checklist, e.g. "The correspondent refuses the forged Binding Update". */
  text,
  /**
   * Where the check starts looking: at the step's start (default) or at the
   * learner's first command in the step — for "after you do X, Y happens".
   */
  after: z.enum(['step', 'action']).default('step'),
};

/** One message of a kind, from the node that first sent it to the node that received it, accepted or refused. */
const messageCheck = z.strictObject({
  ...checkCommon,
  kind: z.literal('message'),
  message: z.enum(MESSAGE_NAMES),
  from: id,
  to: id,
  /** accepted: received and not refused; refused: received and dropped, with the reason; received: either. */
  outcome: z.enum(['accepted', 'refused', 'received']),
  /** A refusal's reason must contain this text (case-insensitive), e.g. "Status 133". */
  reasonIncludes: text.optional(),
});

/** How many messages of a kind were sent (first transmissions), optionally by one node and to one node. */
const messageCountCheck = z.strictObject({
  ...checkCommon,
  kind: z.literal('message-count'),
  message: z.enum(MESSAGE_NAMES),
  from: id.optional(),
  to: id.optional(),
  atLeast: count.optional(),
  atMost: count.optional(),
  /** The span's length from where the check starts looking; required with atMost. */
  withinS: z.number().positive().optional(),
});

/** A node's table holds, or lost, the entry for a mobile node (optionally: with that care-of address). */
const tableCheck = z.strictObject({
  ...checkCommon,
  kind: z.literal('table'),
  node: id,
  table: z.enum(TABLE_NAMES),
  /** The mobile node whose entry it is (its home address is the entry's key). */
  mobileNode: id,
  /** The node whose address the entry's care-of address must be (a foreign agent), if it matters. */
  careOf: id.optional(),
  state: z.enum(['holds', 'lost']),
});

/** The route a flow's datagram took, for the first one sent after the check starts looking that arrives by a matching route. */
const routeCheck = z.strictObject({
  ...checkCommon,
  kind: z.literal('route'),
  flow: id,
  /** Link transmissions from the sender until it arrived. */
  atLeastHops: count.optional(),
  atMostHops: z.number().int().min(1).optional(),
  /** Nodes it must pass through (received by), in any order. */
  via: z.array(id).min(1).optional(),
  /** Nodes it must not pass through. */
  notVia: z.array(id).min(1).optional(),
});

/** How many of a flow's datagrams, sent in the span, never arrived. */
const flowLossCheck = z.strictObject({
  ...checkCommon,
  kind: z.literal('flow-loss'),
  flow: id,
  atLeast: count.optional(),
  atMost: count.optional(),
  withinS: z.number().positive().optional(),
});

/** The registration key a mobile node establishes with a foreign agent, and by which method (Perkins & Johnson §9; regkey-00 §3). */
const registrationKeyCheck = z.strictObject({
  ...checkCommon,
  kind: z.literal('registration-key'),
  mobileNode: id,
  foreignAgent: id,
  /** 1 existing association, 2 home agent as key distributor, 3 FA public key, 4 MN public key, 5 Diffie-Hellman. */
  method: z.number().int().min(1).max(5),
});

/** How long a flow's datagram took to arrive, one way, for the first one sent after the check starts looking whose route and latency match. */
const latencyCheck = z.strictObject({
  ...checkCommon,
  kind: z.literal('latency'),
  flow: id,
  /** Milliseconds of virtual time from its sending to its arrival. */
  atLeastMs: z.number().min(0).optional(),
  atMostMs: z.number().positive().optional(),
  via: z.array(id).min(1).optional(),
  notVia: z.array(id).min(1).optional(),
});

/** The extensions the first message of a kind from one node to another carries: all of `include`, none of `exclude` (RFC 2002 §1.9; regkey-00 §4, §5). */
const extensionType = z.number().int().min(0).max(255);
const messageExtensionsCheck = z.strictObject({
  ...checkCommon,
  kind: z.literal('message-extensions'),
  message: z.enum(MESSAGE_NAMES),
  from: id,
  to: id,
  /** Extension Types it must carry, e.g. [116] (Registration Key Request); for an IPv6 Mobility Header message, mobility option types (RFC 6275 §6.2), e.g. [5]. */
  include: z.array(extensionType).min(1).optional(),
  /** Extension Types it must not carry, e.g. [120, 121, 123]. */
  exclude: z.array(extensionType).min(1).optional(),
});

export const checkSchema = z.discriminatedUnion('kind', [messageCheck, messageCountCheck, tableCheck, routeCheck, flowLossCheck, registrationKeyCheck, latencyCheck, messageExtensionsCheck]);

// ---- predictions ----------------------------------------------------------------

const predictionCommon = {
  question: text,
  /** Index of the step's check whose result shows the answer (the player reveals it with "show me"). */
  answeredBy: z.number().int().min(0),
};

const choicePrediction = z.strictObject({
  ...predictionCommon,
  kind: z.literal('choice'),
  choices: z.array(z.strictObject({ text, explanation: text })).min(2),
  /** Index of the correct choice. */
  answer: z.number().int().min(0),
});

const numberPrediction = z.strictObject({
  ...predictionCommon,
  kind: z.literal('number'),
  answer: z.number(),
  /** An answer within ± tolerance is right. */
  tolerance: z.number().min(0).default(0),
  /** Shown after the number, e.g. "hops". */
  unit: text.optional(),
  explanation: text,
});

export const predictionSchema = z.discriminatedUnion('kind', [choicePrediction, numberPrediction]);

// ---- reference actions: learner commands (runtime/types.ts LabCommand) ---------------

/** A move to a point, or to the centre of the radio cell served by a node (as a scenario's moves). */
const moveCommand = z.union([
  z.strictObject({ type: z.literal('move'), node: id, position }),
  z.strictObject({ type: z.literal('move'), node: id, toCellOf: id }),
]);

const commandSchema = z.union([
  moveCommand,
  z.strictObject({ type: z.literal('configure'), node: id, setting: id, value: z.union([z.boolean(), z.string()]) }),
  z.strictObject({ type: z.literal('set-link'), link: id, delay: z.number().optional(), loss: z.number().optional() }),
  z.strictObject({ type: z.literal('stop-flow'), node: id, flow: id }),
  /** The action is checked by the runtime's own adversary rules (the scenario format's actions without atS). */
  z.strictObject({ type: z.literal('adversary'), node: id, action: z.looseObject({ kind: z.string() }) }),
]);

export const referenceActionSchema = z.strictObject({
  /** Seconds of virtual time after the step starts. */
  afterS: seconds,
  command: commandSchema,
});

// ---- steps and the lesson ------------------------------------------------------------

export const stepSchema = z.strictObject({
  title: text,
  /** A short paragraph in plain language citing the paper, e.g. "Perkins & Johnson §3.3". */
  narrative: text,
  /** What the learner does, e.g. "Drag the mobile node into FA2's cell." */
  action: text,
  prediction: predictionSchema.optional(),
  checks: z.array(checkSchema).min(1),
  /** Commands that solve the step; empty for a step in which the learner only watches. */
  referenceActions: z.array(referenceActionSchema).default([]),
  /** The checks should pass within this much virtual time after the step starts; a headless run gives up then. */
  expectWithinS: z.number().positive().default(30),
});

export const lessonSchema = z.strictObject({
  /** Where an editor finds this format's JSON Schema (public/schemas/); ignored by the lab. */
  $schema: z.string().optional(),
  format: z.literal(LESSON_FORMAT),
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'is not a lesson id (lower-case words joined by "-", e.g. "triangle-routing")' }),
  title: text,
  summary: text,
  /** Sections of Perkins & Johnson the lesson covers, e.g. ["§3", "§3.1"]. */
  sections: z.array(z.string().regex(/^§\d+(\.\d+)*$/, { message: 'is not a section of the paper (e.g. "§3.1")' })).min(1),
  /** A built-in scenario id, or a whole route-optimization-lab/scenario@1 object (checked as a scenario file). */
  scenario: z.union([id, z.looseObject({ format: z.string() })]),
  steps: z.array(stepSchema).min(1),
});

export type Lesson = z.output<typeof lessonSchema>;
export type LessonInput = z.input<typeof lessonSchema>;
export type LessonStep = Lesson['steps'][number];
export type Check = z.output<typeof checkSchema>;
export type Prediction = z.output<typeof predictionSchema>;
export type ReferenceAction = z.output<typeof referenceActionSchema>;
export type LessonCommand = ReferenceAction['command'];
