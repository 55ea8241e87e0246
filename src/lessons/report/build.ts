// A lab report (schema.ts) from a lesson run: the same function for the
// page's lesson player (a learner's real run) and for `mip-lab lesson
// --solve --report` (the reference run), so a grader's pipeline can be tested
// on the one and trusted on the other. Pure: the caller gives the time.

import type { Micros } from '../../engine/node/time';
import type { CommandLogEntry } from '../../runtime/types';
import type { StepStatus } from '../evaluate/evaluator';
import type { LoadedLesson } from '../format/validate';
import { isRightAnswer } from './answers';
import { lessonHash, scenarioRef } from './identity';
import { REPORT_FORMAT, type AnswerClaim, type CheckClaim, type LabReport, type StepClaim } from './schema';

export interface ReportInput {
  readonly loaded: LoadedLesson;
  /** A built-in lesson, or one read from a file. */
  readonly source: 'builtin' | 'file';
  readonly madeBy: LabReport['madeBy'];
  readonly lab: LabReport['lab'];
  readonly createdAt: Date;
  readonly seed: number;
  /** How far the run has got. */
  readonly endedAt: Micros;
  /** The run's command log; entries after `endedAt` (ahead of a seek backwards) are not part of the run so far. */
  readonly commands: readonly CommandLogEntry[];
  /** Per step, the evaluator's status at `endedAt`. */
  readonly statuses: readonly StepStatus[];
  /** Per step, the learner's answer to its prediction, or null; `revealed`: a presenter showed it to a class. */
  readonly answers: readonly ((AnswerClaim & { readonly revealed?: true }) | null)[];
}

function checkClaim(text: string, c: StepStatus['checks'][number]): CheckClaim {
  return {
    text,
    state: c.state,
    ...(c.at === undefined ? {} : { atUs: c.at }),
    ...(c.evidence === undefined ? {} : { evidence: { eventId: c.evidence.eventId, atUs: c.evidence.time } }),
    ...(c.measured === undefined ? {} : { measured: c.measured }),
    detail: c.detail,
  };
}

export function buildReport(input: ReportInput): LabReport {
  const { loaded } = input;
  const steps = loaded.lesson.steps.map((step, k): StepClaim => {
    const s = input.statuses[k];
    if (s === undefined) throw new RangeError(`no status for step ${k + 1}`);
    const given = input.answers[k] ?? null;
    const answer: AnswerClaim | null = given === null ? null : 'choice' in given ? { choice: given.choice } : { value: given.value };
    const prediction = step.prediction !== undefined && answer !== null
      ? { answer, right: isRightAnswer(step.prediction, answer), ...(given?.revealed === true ? { revealed: true as const } : {}) }
      : undefined;
    return {
      title: step.title,
      state: s.state,
      ...(s.startedAt === undefined ? {} : { startedAtUs: s.startedAt }),
      ...(s.actedAt === undefined ? {} : { actedAtUs: s.actedAt }),
      ...(s.completedAt === undefined ? {} : { completedAtUs: s.completedAt }),
      ...(prediction === undefined ? {} : { prediction }),
      checks: step.checks.map((check, j) => checkClaim(check.text, s.checks[j]!)),
    };
  });
  return {
    format: REPORT_FORMAT,
    createdAt: input.createdAt.toISOString(),
    madeBy: input.madeBy,
    lab: input.lab,
    lesson: { source: input.source, id: loaded.lesson.id, title: loaded.lesson.title, sha256: lessonHash(loaded) },
    scenario: scenarioRef(loaded),
    seed: input.seed,
    endedAtUs: input.endedAt,
    commands: input.commands.filter((c) => c.at <= input.endedAt).map((c) => ({ atUs: c.at, command: c.command as LabReport['commands'][number]['command'] })),
    steps,
  };
}

/** A report's file name: the lesson's id and the day it was made, e.g. "triangle-routing-report-2026-12-06.json". */
export const reportFileName = (report: Pick<LabReport, 'lesson' | 'createdAt'>): string => `${report.lesson.id}-report-${report.createdAt.slice(0, 10)}.json`;
