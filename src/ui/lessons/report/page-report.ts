// The lab report of the learner's run in the page (docs/lessons.md "Lab
// reports"): made by the lessons' own buildReport from what the store holds
// — the runtime's seed, the command log, how far the run has got, where each
// step started, the learner's answers, and the live evaluator's statuses —
// so it claims exactly what `mip-lab check` will see when it replays the run.
// (The passes the learner saw before a seek backwards are not claimed: the
// run they were in is no longer the one the command log replays.)

import { buildReport, LAB_VERSION, type LabReport } from '../../../lessons/report/index';
import type { LabState } from '../../store/lab-store';

/** The build id the site was built with (`VITE_LAB_BUILD=… npm run build`), if any. */
function labBuild(): string | undefined {
  const build: unknown = import.meta.env.VITE_LAB_BUILD;
  return typeof build === 'string' && build !== '' ? build : undefined;
}

export function pageReport(state: Pick<LabState, 'lesson' | 'runtime' | 'commands' | 'now'>, createdAt: Date): LabReport | null {
  const l = state.lesson;
  if (l === null) return null;
  const build = labBuild();
  return buildReport({
    loaded: l.loaded,
    source: 'builtin', // the page opens built-in lessons only
    madeBy: 'page',
    lab: { version: LAB_VERSION, ...(build === undefined ? {} : { build }) },
    createdAt,
    seed: state.runtime?.seed ?? l.progress.seed,
    endedAt: state.now,
    commands: state.commands,
    statuses: l.loaded.lesson.steps.map((_, k) => l.feed.status(k)),
    answers: l.progress.answers,
  });
}
