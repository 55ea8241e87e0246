// Checking a lab report (docs/lessons.md "Lab reports"): its run is replayed
// headless (replay.ts) and every claim is compared with what the replay
// shows — where each step started, each prediction's right or wrong, each
// check's state, time, evidence and count, each step's outcome. A report is
// confirmed only if every claim holds; otherwise each discrepancy is named in
// plain words, the first one first (in the order a learner meets them).

import type { Micros } from '../../engine/node/time';
import type { CheckStatus } from '../evaluate/check-run';
import type { StepStatus } from '../evaluate/evaluator';
import type { LoadedLesson } from '../format/validate';
import { answerInWords, isRightAnswer, rightAnswerInWords } from './answers';
import { lessonHash, scenarioRef } from './identity';
import { replayRecordedRun } from './replay';
import type { CheckClaim, LabReport, StepClaim } from './schema';
import { checkName, stepName, timeInWords } from './words';

export interface ReportVerdict {
  readonly confirmed: boolean;
  /** Every claim the replay does not bear out, first one first. */
  readonly discrepancies: readonly string[];
  /** Worth knowing, but no discrepancy (a built-in lesson changed since the report was made). */
  readonly notes: readonly string[];
}

const when = (t: Micros | undefined): string => (t === undefined ? 'no time' : timeInWords(t));

function stateAndTime(state: string, at: Micros | undefined): string {
  return at === undefined ? state : `${state} at ${timeInWords(at)}`;
}

function compareCheck(name: string, claim: CheckClaim, real: CheckStatus): string | null {
  if (claim.state !== real.state || claim.atUs !== real.at) {
    const seen = real.state === 'pending' ? `is still pending (${real.detail})` : `${stateAndTime(real.state, real.at)} (${real.detail})`;
    return `${name}: the report says ${stateAndTime(claim.state, claim.atUs)}; in the replay it ${real.state === 'pending' ? seen : `was ${seen}`}`;
  }
  if (claim.state === 'pending') return null; // how far a pending count had got is no claim
  const evidence = real.evidence === undefined ? undefined : { eventId: real.evidence.eventId, atUs: real.evidence.time };
  if (JSON.stringify(claim.evidence) !== JSON.stringify(evidence)) {
    const show = (e: typeof evidence): string => (e === undefined ? 'none' : `event ${e.eventId} at ${timeInWords(e.atUs)}`);
    return `${name}: the report gives as evidence ${show(claim.evidence)}; the replay's is ${show(evidence)}`;
  }
  if (claim.measured !== real.measured) return `${name}: the report says it counted ${claim.measured ?? 'nothing'}; the replay counted ${real.measured ?? 'nothing'}`;
  return null;
}

function compareStep(k: number, claim: StepClaim, real: StepStatus, loaded: LoadedLesson): string[] {
  const step = loaded.lesson.steps[k]!;
  const name = stepName(k, step.title);
  const out: string[] = [];
  if (claim.prediction !== undefined && step.prediction !== undefined) {
    const right = isRightAnswer(step.prediction, claim.prediction.answer);
    if (right !== claim.prediction.right) {
      const answer = answerInWords(step.prediction, claim.prediction.answer);
      out.push(`${name}, prediction: the report says the answer ${answer} was ${claim.prediction.right ? 'right' : 'wrong'}, but it is ${right ? 'right' : `wrong (the answer is ${rightAnswerInWords(step.prediction)})`}`);
    }
  }
  if (claim.actedAtUs !== real.actedAt) out.push(`${name}: the report says you first acted at ${when(claim.actedAtUs)}; in the replay, ${real.actedAt === undefined ? 'you never acted in this step' : `at ${timeInWords(real.actedAt)}`}`);
  claim.checks.forEach((c, j) => {
    const d = compareCheck(checkName(k, j, step.checks[j]!.text), c, real.checks[j]!);
    if (d !== null) out.push(d);
  });
  return out;
}

/**
 * What was seen, in words, is derived from what is compared (state, time, evidence, count) and the
 * lab's wording, which may change between versions: a difference is worth a note, not a refutation.
 */
function wordingNotes(k: number, claim: StepClaim, real: StepStatus, loaded: LoadedLesson): string[] {
  return claim.checks.flatMap((c, j) => {
    const seen = real.checks[j]!;
    if (c.state === 'pending' || c.detail === seen.detail) return [];
    return [`${checkName(k, j, loaded.lesson.steps[k]!.checks[j]!.text)}: the report words what was seen “${c.detail}”; this lab words it “${seen.detail}”`];
  });
}

function compareOutcome(k: number, claim: StepClaim, real: StepStatus, loaded: LoadedLesson): string[] {
  const out: string[] = [];
  const name = stepName(k, loaded.lesson.steps[k]!.title);
  if (claim.state !== real.state || claim.completedAtUs !== real.completedAt) {
    out.push(`${name}: the report says ${stateAndTime(claim.state, claim.completedAtUs)}; in the replay it is ${stateAndTime(real.state, real.completedAt)}`);
  }
  return out;
}

/** Replays the report's run and compares; `reportProblems` must have found nothing. */
export async function verifyReport(report: LabReport, loaded: LoadedLesson): Promise<ReportVerdict> {
  const notes: string[] = [];
  const out: string[] = [];
  if (report.lesson.sha256 !== lessonHash(loaded)) {
    notes.push(`the report was made with another version of the lesson “${loaded.lesson.title}” (lab ${report.lab.version}); it is checked against this lab's`);
  }
  const scenario = scenarioRef(loaded);
  if (report.scenario.id !== scenario.id) {
    out.push(`the report's scenario (${report.scenario.id ?? 'written in the lesson'}) is not the one the lesson runs (${scenario.id ?? 'written in the lesson'})`);
  } else if (report.scenario.sha256 !== scenario.sha256) {
    notes.push(`the report was made with another version of the scenario${scenario.id === undefined ? '' : ` “${scenario.id}”`} (lab ${report.lab.version}); it is replayed on this lab's`);
  }
  const starts = report.steps.flatMap((s) => (s.startedAtUs === undefined ? [] : [s.startedAtUs]));
  const replay = await replayRecordedRun(loaded, {
    seed: report.seed,
    commands: report.commands.map((c) => ({ at: c.atUs, command: c.command as never })),
    until: report.endedAtUs,
  });
  starts.forEach((at, k) => replay.start(k, at));
  const statuses = replay.statuses();
  report.steps.forEach((claim, k) => {
    const ended = k === 0 ? undefined : replay.endOf(k - 1);
    const start = claim.startedAtUs;
    if (ended !== undefined && start !== undefined && ended < start) {
      out.push(`${stepName(k, loaded.lesson.steps[k]!.title)} is said to start at ${timeInWords(start)}, but ${stepName(k - 1, loaded.lesson.steps[k - 1]!.title)} had ended at ${timeInWords(ended)} — where Next starts the next step`);
    }
    out.push(...compareStep(k, claim, statuses[k]!, loaded), ...compareOutcome(k, claim, statuses[k]!, loaded));
    notes.push(...wordingNotes(k, claim, statuses[k]!, loaded));
  });
  return { confirmed: out.length === 0, discrepancies: out, notes };
}
