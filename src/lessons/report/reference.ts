// The lab report of a headless lesson run (`mip-lab lesson … --solve
// --report`): the reference run's, with the lesson's own answers to its
// predictions when solving — a report known to be true, to test a grading
// pipeline on.
//
// It is the page's reading of the run: what the lesson player would show a
// learner who sent the same commands at the same times and pressed Next as
// soon as each step ended. A headless run may go on sending a step's
// reference actions after its checks have passed, and so start the next step
// later than Next would; the report starts it where Next would, and says so
// (`moved`).

import type { LoadedLesson } from '../format/validate';
import type { LessonRun } from '../headless/run-lesson';
import { buildReport } from './build';
import { replayRecordedRun, startAsTheLearnerWould } from './replay';
import type { AnswerClaim, LabReport } from './schema';
import { timeInWords } from './words';

/** The lesson's right answers (solving), or none (idle: the learner did nothing). */
function referenceAnswers(loaded: LoadedLesson, run: LessonRun): (AnswerClaim | null)[] {
  return loaded.lesson.steps.map((s) => {
    if (run.mode !== 'solve' || s.prediction === undefined) return null;
    return s.prediction.kind === 'choice' ? { choice: s.prediction.answer } : { value: s.prediction.answer };
  });
}

export interface ReferenceReport {
  readonly report: LabReport;
  /** Steps the report starts earlier than the run did, in words. */
  readonly moved: readonly string[];
}

export async function referenceReport(
  loaded: LoadedLesson,
  run: LessonRun,
  made: { readonly source: 'builtin' | 'file'; readonly lab: LabReport['lab']; readonly createdAt: Date },
): Promise<ReferenceReport> {
  const replay = await replayRecordedRun(loaded, { seed: run.seed, commands: run.commandLog, until: run.endedAt });
  const runStarts = run.steps.map((s) => s.status.startedAt ?? run.endedAt);
  const starts = startAsTheLearnerWould(replay, runStarts);
  const moved = starts.flatMap((at, k) => (at === runStarts[k] ? [] : [`step ${k + 1} starts at ${timeInWords(at)}, where step ${k} ended, not at ${timeInWords(runStarts[k]!)} as this run did`]));
  const report = buildReport({
    loaded, ...made, madeBy: 'mip-lab',
    seed: run.seed, endedAt: run.endedAt, commands: run.commandLog,
    statuses: replay.statuses(),
    answers: referenceAnswers(loaded, run),
  });
  return { report, moved };
}
