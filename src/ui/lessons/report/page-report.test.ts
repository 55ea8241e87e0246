// A report made in the page is confirmed by `mip-lab check`'s own code: a
// learner's run of a built-in lesson — not the reference run: their own
// timing, a wrong answer, a skipped step, stopped part-way — delivered to the
// page's store in batches as the runtime publishes them, the report built by
// the function behind "Download report", then checked by replaying it.

import { beforeEach, describe, expect, it } from 'vitest';
import type { Micros } from '../../../engine/node/time';
import { loadBuiltinLesson, runLesson, type LoadedLesson } from '../../../lessons';
import { checkReportText } from '../../../lessons/report/index';
import type { CommandLogEntry } from '../../../runtime/types';
import { useLab } from '../../store/lab-store';
import { resetLabStore } from '../../test-support/component-test';
import type { PredictionAnswer } from '../lesson-progress';
import { pageReport } from './page-report';
import { playInPage } from './test-support';

const delayed = (log: readonly CommandLogEntry[], by: Micros): CommandLogEntry[] => log.map((c) => ({ at: c.at + by, command: c.command }));

const rightAnswer = (loaded: LoadedLesson, k: number): PredictionAnswer | null => {
  const p = loaded.lesson.steps[k]!.prediction;
  if (p === undefined) return null;
  return p.kind === 'choice' ? { choice: p.answer } : { value: p.answer };
};

async function reportOfPage(): Promise<string> {
  const report = pageReport(useLab.getState(), new Date('2026-12-06T10:00:00Z'));
  expect(report).not.toBeNull();
  return JSON.stringify(report);
}

describe('a report made in the page is confirmed by mip-lab check', () => {
  beforeEach(() => resetLabStore());

  it('triangle-routing done late, with a wrong answer: every claim holds', async () => {
    const loaded = loadBuiltinLesson('triangle-routing');
    const reference = await runLesson(loaded, { mode: 'solve' });
    await playInPage(loaded, {
      log: delayed(reference.commandLog, 700_000),
      until: reference.endedAt + 3_000_000,
      answer: (l, k) => (k === 0 ? { value: 3 } : rightAnswer(l, k)), // three hops: the triangle is missed
    });
    const text = await reportOfPage();
    const report = JSON.parse(text);
    expect(report.steps[0].prediction).toEqual({ answer: { value: 3 }, right: false });
    expect(report.commands.map((c: { atUs: number }) => c.atUs)).toEqual(reference.commandLog.map((c) => c.at + 700_000));
    const checked = await checkReportText(text);
    expect(checked.kind === 'checked' && checked.verdict).toEqual({ confirmed: true, discrepancies: [], notes: [] });
  }, 60_000);

  it('smooth-handoff with a step skipped and the run stopped part-way: confirmed, not-passed steps and all', async () => {
    const loaded = loadBuiltinLesson('smooth-handoff');
    const reference = await runLesson(loaded, { mode: 'solve' });
    const firstMove = reference.commandLog[0]!;
    await playInPage(loaded, {
      log: [{ at: firstMove.at + 400_000, command: firstMove.command }],
      until: firstMove.at + 6_000_000,
      answer: rightAnswer,
      skip: { step: 0, at: 300_000 },
    });
    const text = await reportOfPage();
    const report = JSON.parse(text);
    // Step 1 was skipped at 0.3 s and passed after; step 2 was under way when the run stopped; the rest never started.
    expect(report.steps.map((st: { state: string; startedAtUs?: number }) => [st.state, st.startedAtUs])).toEqual([['passed', 0], ['pending', 300_000], ['not-started', undefined], ['not-started', undefined]]);
    expect(report.steps[0].completedAtUs).toBeGreaterThan(300_000);
    const checked = await checkReportText(text);
    expect(checked.kind === 'checked' && checked.verdict).toEqual({ confirmed: true, discrepancies: [], notes: [] });
  }, 60_000);
});
