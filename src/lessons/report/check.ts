// One report, from its text to a verdict: read (parse.ts), matched with its
// lesson — a built-in by id, a lesson file by its content hash among those
// the grader supplies — and fitted to it (problems.ts), then replayed and
// compared (verify.ts). What `mip-lab check` runs for each file.

import { BUILTIN_LESSONS, builtinLesson, loadBuiltinLesson } from '../builtin/index';
import type { LoadedLesson } from '../format/validate';
import { lessonHash } from './identity';
import { parseReportText } from './parse';
import { reportProblems } from './problems';
import type { LabReport } from './schema';
import { verifyReport, type ReportVerdict } from './verify';

export type ReportCheck =
  /** Not a report that can be checked: what is wrong, and where. */
  | { readonly kind: 'malformed'; readonly errors: readonly string[]; readonly report?: LabReport }
  | { readonly kind: 'checked'; readonly report: LabReport; readonly lesson: LoadedLesson; readonly verdict: ReportVerdict };

function lessonFor(report: LabReport, files: readonly LoadedLesson[]): LoadedLesson | string {
  const { lesson } = report;
  if (lesson.source === 'builtin') {
    if (builtinLesson(lesson.id) === undefined) return `lesson.id: no built-in lesson ${JSON.stringify(lesson.id)} (built-ins: ${BUILTIN_LESSONS.map((l) => l.id).join(', ')})`;
    return loadBuiltinLesson(lesson.id);
  }
  const found = files.find((f) => lessonHash(f) === lesson.sha256);
  if (found !== undefined) return found;
  const sameId = files.some((f) => f.lesson.id === lesson.id);
  const hint = sameId ? `the lesson file given with id ${JSON.stringify(lesson.id)} is not the same version` : 'give that lesson file with --lesson FILE';
  return `lesson.sha256: the report is about the lesson file “${lesson.title}” (${lesson.id}, sha256 ${lesson.sha256.slice(0, 12)}…); ${hint}`;
}

export async function checkReportText(text: string, lessonFiles: readonly LoadedLesson[] = []): Promise<ReportCheck> {
  const parsed = parseReportText(text);
  if (!parsed.ok) return { kind: 'malformed', errors: parsed.errors };
  const { report } = parsed;
  const lesson = lessonFor(report, lessonFiles);
  if (typeof lesson === 'string') return { kind: 'malformed', errors: [lesson], report };
  const problems = reportProblems(report, lesson);
  if (problems.length > 0) {
    const changed = report.lesson.sha256 === lessonHash(lesson) ? [] : [`lesson.sha256: the report was made with another version of the lesson “${lesson.lesson.title}” (lab ${report.lab.version}), which may explain the problems above`];
    return { kind: 'malformed', errors: [...problems, ...changed], report };
  }
  return { kind: 'checked', report, lesson, verdict: await verifyReport(report, lesson) };
}
