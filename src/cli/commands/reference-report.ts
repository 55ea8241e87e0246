// `mip-lab lesson … --report FILE`: the run just made, written as a lab report
// (route-optimization-lab/report@1, docs/lessons.md "Lab reports"; made by
// lessons/report/reference.ts), stamped with this lab's version and, if the
// environment gives one, its build (LAB_BUILD).

import { writeFile } from 'node:fs/promises';
import type { LoadedLesson } from '../../lessons/format/validate';
import type { LessonRun } from '../../lessons/headless/run-lesson';
import { LAB_VERSION, type LabReport } from '../../lessons/report/index';
import { referenceReport as makeReport, type ReferenceReport } from '../../lessons/report/reference';
import { CliError } from '../io';

export function referenceReport(loaded: LoadedLesson, run: LessonRun, source: 'builtin' | 'file', now: Date): Promise<ReferenceReport> {
  const build = process.env.LAB_BUILD;
  return makeReport(loaded, run, { source, createdAt: now, lab: { version: LAB_VERSION, ...(build === undefined || build === '' ? {} : { build }) } });
}

export async function writeReferenceReport(path: string, report: LabReport): Promise<void> {
  try {
    await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  } catch (e) {
    throw new CliError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
