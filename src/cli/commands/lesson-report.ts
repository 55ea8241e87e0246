// What `mip-lab lesson` prints: each step with each check's result and the
// virtual time it passed, the commands the run sent (its command log), and a
// verdict. In --idle mode the verdict is about the checks themselves: a
// lesson that asks the learner to act must fail without the learner, or its
// checks prove nothing.

import type { LessonRun } from '../../lessons/headless/run-lesson';
import type { LoadedLesson } from '../../lessons/format/validate';

const at = (t: number): string => `${(t / 1e6).toFixed(3)} s`;
const MARK = { passed: 'pass', failed: 'FAIL', pending: 'FAIL' } as const;

/** The checks that did not pass, as "step k check j: text". */
export function checksNotPassed(loaded: LoadedLesson, run: LessonRun): string[] {
  return run.steps.flatMap((s) => s.status.checks.flatMap((c, j) => (c.state === 'passed' ? [] : [`step ${s.index + 1} check ${j + 1}: ${loaded.lesson.steps[s.index]!.checks[j]!.text}`])));
}

/** The lesson asks the learner to act in at least one step. */
export const asksToAct = (loaded: LoadedLesson): boolean => loaded.actions.some((a) => a.length > 0);

export function formatLessonRun(loaded: LoadedLesson, run: LessonRun): string {
  const { lesson } = loaded;
  const out = [`${lesson.title} (${lesson.id}) — ${run.mode === 'solve' ? 'solved with the reference actions' : 'run with no learner action'}, seed ${run.seed}`, ''];
  for (const s of run.steps) {
    const step = lesson.steps[s.index]!;
    const started = s.status.startedAt === undefined ? '' : `, from ${at(s.status.startedAt)}`;
    const verdict = s.status.state === 'passed' ? `passed at ${at(s.status.completedAt!)}` : s.timedOut ? `not passed within ${step.expectWithinS} s` : 'failed';
    out.push(`Step ${s.index + 1}/${run.steps.length}: ${s.title}${started} — ${verdict}`);
    s.status.checks.forEach((c, j) => {
      const when = c.at === undefined ? '' : ` at ${at(c.at)}`;
      out.push(`  ${MARK[c.state]}${when}  ${step.checks[j]!.text}`);
      out.push(`        ${c.detail}`);
    });
  }
  out.push('');
  if (run.commandLog.length > 0) {
    out.push(`Commands sent (the run's command log, ${run.commandLog.length}):`);
    for (const c of run.commandLog) out.push(`  ${at(c.at)}  ${JSON.stringify(c.command)}`);
    out.push('');
  }
  const failing = checksNotPassed(loaded, run);
  const total = run.steps.reduce((n, s) => n + s.status.checks.length, 0);
  if (run.mode === 'solve') out.push(failing.length === 0 ? `All ${total} checks passed.` : `${failing.length} of ${total} checks did not pass:\n  ${failing.join('\n  ')}`);
  else if (!asksToAct(loaded)) out.push(failing.length === 0 ? `The lesson asks for no action, and all ${total} checks passed without one.` : `The lesson asks for no action, yet ${failing.length} checks did not pass:\n  ${failing.join('\n  ')}`);
  else out.push(failing.length > 0 ? `As it should, the lesson is not done without the learner: ${failing.length} of ${total} checks did not pass:\n  ${failing.join('\n  ')}` : `All ${total} checks passed with no learner action: the checks do not test what the lesson asks the learner to do.`);
  return `${out.join('\n')}\n`;
}

/** Exit status: --solve succeeds when every check passed; --idle when the checks need the learner's actions (or, for a watch-only lesson, pass without). */
export function lessonRunSucceeded(loaded: LoadedLesson, run: LessonRun): boolean {
  if (run.mode === 'solve' || !asksToAct(loaded)) return run.allPassed;
  return !run.allPassed;
}
