// Reading a lab report file: a bad one is refused with what is wrong and
// where, in the other formats' style ("steps[1].checks[0].atUs: expected a
// whole number, got the text \"soon\""). Shape only; whether it fits the
// lesson it names is problems.ts, whether it is true is verify.ts.

import { describeIssues } from '../../scenarios/issues';
import { readJsonFile } from '../../scenarios/json-syntax';
import { reportSchema, type LabReport } from './schema';

/** A report holds a command log and per-check claims; a class's worth stays far below this. */
export const MAX_REPORT_CHARACTERS = 4_000_000;

export type ReportResult =
  | { readonly ok: true; readonly report: LabReport }
  | { readonly ok: false; readonly errors: readonly string[] };

export function parseReport(json: unknown): ReportResult {
  const shaped = reportSchema.safeParse(json);
  if (shaped.success) return { ok: true, report: shaped.data };
  const errors = describeIssues(shaped.error.issues, json).map((line) => line.replace(/^\(scenario\)/, '(report)').replace('FORMAT.md', 'docs/lessons.md "Lab reports"'));
  return { ok: false, errors };
}

export function parseReportText(file: string): ReportResult {
  const read = readJsonFile(file, MAX_REPORT_CHARACTERS);
  return read.ok ? parseReport(read.json) : { ok: false, errors: read.errors };
}
