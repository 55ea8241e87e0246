// Test support for lab reports: the reference report of a built-in lesson
// (solved headless, as `mip-lab lesson <id> --solve --report` writes it), and
// a deep copy to edit.

import { loadBuiltinLesson } from '../builtin/index';
import { runLesson } from '../headless/run-lesson';
import { LAB_VERSION } from './lab-version';
import { referenceReport } from './reference';
import type { LabReport } from './schema';

export async function referenceReportOf(id: string): Promise<LabReport> {
  const loaded = loadBuiltinLesson(id);
  const run = await runLesson(loaded, { mode: 'solve' });
  const made = await referenceReport(loaded, run, { source: 'builtin', lab: { version: LAB_VERSION }, createdAt: new Date('2026-12-06T09:00:00Z') });
  return made.report;
}

/** A copy to edit: every test changes its own. */
export const copyOf = (report: LabReport): LabReport => JSON.parse(JSON.stringify(report)) as LabReport;
