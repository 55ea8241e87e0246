// @vitest-environment happy-dom
// "Download report" saves the learner's run as a report file named after the
// lesson and the day; "Printable summary" shows the same run for a person —
// one click each, from the lesson head's Report menu and at the lesson's end.

import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadBuiltinLesson, runLesson, type LessonRun, type LoadedLesson } from '../../../lessons';
import type { LabReport } from '../../../lessons/report/index';
import { failOnConsoleErrors } from '../../test-support/component-test';
import { LessonPanel } from '../LessonPanel';
import { playInPage } from './test-support';

failOnConsoleErrors();

let triangle: LoadedLesson;
let solved: LessonRun;
beforeAll(async () => {
  triangle = loadBuiltinLesson('triangle-routing');
  solved = await runLesson(triangle, { mode: 'solve' });
}, 60_000);
afterEach(() => vi.restoreAllMocks());

const rightAnswers = (l: LoadedLesson, k: number) => {
  const p = l.lesson.steps[k]!.prediction;
  return p === undefined ? null : p.kind === 'choice' ? { choice: p.answer } : { value: p.answer };
};

/** The Blob the page handed to the browser to download, and the file name. */
function captureDownload(): { report: () => Promise<LabReport>; name: () => string } {
  let blob: Blob | undefined;
  let name = '';
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => { blob = b as Blob; return 'blob:report'; });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { name = this.download; });
  return { report: async () => JSON.parse(await blob!.text()) as LabReport, name: () => name };
}

describe('the lab report in the lesson player', () => {
  it('the Report menu downloads the run so far, at any step', async () => {
    await playInPage(triangle, { log: solved.commandLog.slice(0, 1), until: 3_000_000, answer: rightAnswers });
    render(<LessonPanel />);
    const download = captureDownload();
    const menu = screen.getByText('Report', { selector: 'summary' });
    fireEvent.click(menu);
    fireEvent.click(within(menu.parentElement!).getByRole('button', { name: 'Download report' }));
    expect(download.name()).toMatch(/^triangle-routing-report-\d{4}-\d{2}-\d{2}\.json$/);
    const report = await download.report();
    expect(report).toMatchObject({ format: 'route-optimization-lab/report@1', madeBy: 'page', endedAtUs: 3_000_000, lesson: { id: 'triangle-routing' } });
    expect(report.commands).toHaveLength(1);
    expect(report.steps.some((s) => s.state === 'not-started')).toBe(true);
  }, 60_000);

  it('at the end of the lesson: Download report, and a printable summary with steps, answers and the commands in words', async () => {
    await playInPage(triangle, { log: solved.commandLog, until: solved.endedAt, answer: rightAnswers });
    render(<LessonPanel />);
    const end = screen.getByRole('region', { name: 'Lesson complete' });
    expect(within(end).getByRole('button', { name: 'Download report' })).toBeTruthy();
    act(() => { fireEvent.click(within(end).getByRole('button', { name: 'Printable summary' })); });
    const dialog = screen.getByRole('dialog', { name: 'Lab report: Triangle routing' });
    expect(within(dialog).getByText('5 of 5')).toBeTruthy();
    expect(within(dialog).getByText('moved MN into FA2\'s radio cell')).toBeTruthy();
    expect(within(dialog).getAllByText(/^passed at \d+\.\d+ s$/).length).toBe(9);
    expect(document.documentElement.classList.contains('printing-report')).toBe(true);
    act(() => { fireEvent.click(within(dialog).getByRole('button', { name: 'Close' })); });
    expect(document.documentElement.classList.contains('printing-report')).toBe(false);
  }, 60_000);
});
