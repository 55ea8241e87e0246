// `mip-lab check <report.json|folder>… [--lesson FILE]… [--json]`: each lab
// report (docs/lessons.md "Lab reports") replayed headless and every claim in
// it confirmed or refuted. Exit status, for a grader's script: 0 every report
// is true; 1 some report is refuted (and none refused); 2 some report could
// not be checked (not a report, or not fitting its lesson) or the arguments
// are wrong.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseLessonText, type LoadedLesson } from '../../lessons/format/validate';
import { checkReportText, type ReportCheck } from '../../lessons/report/index';
import type { CliIo, Command } from '../io';
import { formatChecks, summaryJson } from './check-output';

/** Usage errors and unreadable files: a check that could not be made is not "refuted". */
export const CHECK_UNUSABLE = 2;

class UsageError extends Error {}

interface CheckArgs {
  readonly paths: string[];
  readonly lessons: string[];
  json: boolean;
}

function parseArgs(args: readonly string[]): CheckArgs {
  const out: CheckArgs = { paths: [], lessons: [], json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') out.json = true;
    else if (a === '--lesson') {
      const file = args[++i];
      if (file === undefined || file.startsWith('--')) throw new UsageError('--lesson takes a lesson file (for reports about a lesson that is not built in)');
      out.lessons.push(file);
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}; see 'mip-lab check --help'`);
    else out.paths.push(a);
  }
  if (out.paths.length === 0) throw new UsageError('give at least one report file, or a folder of them');
  return out;
}

/** The report files named: a folder stands for the .json files in it, in name order. */
async function reportFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    let isFolder: boolean;
    try {
      isFolder = (await stat(p)).isDirectory();
    } catch (e) {
      throw new UsageError(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (!isFolder) files.push(p);
    else {
      const inside = (await readdir(p)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
      if (inside.length === 0) throw new UsageError(`the folder ${p} holds no .json report files`);
      files.push(...inside.map((n) => join(p, n)));
    }
  }
  return files;
}

async function lessonFiles(paths: readonly string[]): Promise<LoadedLesson[]> {
  const out: LoadedLesson[] = [];
  for (const p of paths) {
    let text: string;
    try {
      text = await readFile(p, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read the lesson ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const parsed = parseLessonText(text);
    if (!parsed.ok) throw new UsageError(`${p} is not a valid lesson:\n  ${parsed.errors.join('\n  ')}`);
    out.push(parsed.loaded);
  }
  return out;
}

async function checkFile(file: string, lessons: readonly LoadedLesson[]): Promise<ReportCheck> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { kind: 'malformed', errors: [`(file): cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`] };
  }
  try {
    return await checkReportText(text, lessons);
  } catch (e) {
    // A run that cannot be replayed (over its work budget) is the report's doing: said plainly, never a stack.
    return { kind: 'malformed', errors: [`(run): the run cannot be replayed: ${e instanceof Error ? e.message : String(e)}`] };
  }
}

export function checkExitCode(results: readonly ReportCheck[]): number {
  if (results.some((r) => r.kind === 'malformed')) return CHECK_UNUSABLE;
  return results.every((r) => r.kind === 'checked' && r.verdict.confirmed) ? 0 : 1;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'check lab reports: replay each run and confirm or refute every claim in it',
  usage: 'mip-lab check <report.json|folder>... [--lesson FILE]... [--json]',
  help: [
    'Usage: mip-lab check <report.json|folder>... [--lesson FILE]... [--json]',
    '',
    'Checks lab reports (route-optimization-lab/report@1, docs/lessons.md "Lab reports"):',
    'the report the lesson player\'s "Download report" saves, or `mip-lab lesson <id>',
    '--solve --report FILE` writes. Each run is replayed headless from the report\'s',
    'scenario, seed and command log, with the same runtime and checks as the page, and',
    'every claim is compared: where each step started, each prediction\'s right or',
    'wrong, each check\'s state, virtual time and evidence. Prints a verdict per report',
    'with the first discrepancy in plain words. A folder stands for its .json files.',
    '',
    'Options:',
    '  --lesson FILE  a lesson file that is not built in, for the reports made with it',
    '                 (matched by its content); may be given several times',
    '  --json         one JSON object: every report\'s verdict and all its discrepancies',
    '',
    'Exit status: 0 every report is true; 1 some report is refuted; 2 some report',
    'cannot be checked (not a report, or it does not fit its lesson: what and where',
    'is printed), or the arguments are wrong.',
    '',
    'Examples:',
    '  mip-lab check triangle-routing-report-2026-12-06.json',
    '  mip-lab check reports/ --json',
  ].join('\n'),
  async run(args, io: CliIo) {
    let files: string[];
    let lessons: LoadedLesson[];
    let json: boolean;
    try {
      const a = parseArgs(args);
      json = a.json;
      files = await reportFiles(a.paths);
      lessons = await lessonFiles(a.lessons);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      io.stderr.write(`mip-lab check: ${e.message}\n`);
      return CHECK_UNUSABLE;
    }
    const results: ReportCheck[] = [];
    for (const file of files) results.push(await checkFile(file, lessons));
    io.stdout.write(json ? `${JSON.stringify(summaryJson(files, results), null, 2)}\n` : formatChecks(files, results));
    return checkExitCode(results);
  },
};
