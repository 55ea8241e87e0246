import { readFile } from 'node:fs/promises';
import { BUILTIN_LESSONS, builtinLesson, loadBuiltinLesson } from '../../lessons/builtin/index';
import { parseLessonText, type LoadedLesson } from '../../lessons/format/validate';
import { runLesson, type LessonMode } from '../../lessons/headless/run-lesson';
import { CliError, type Command } from '../io';
import { formatLessonRun, lessonRunSucceeded } from './lesson-report';
import { referenceReport, writeReferenceReport } from './reference-report';

// `mip-lab lesson <id> --solve | --idle`: a lesson run headless with the same
// runtime path and checks evaluator as the page's lesson player.

async function loadLessonArgument(arg: string): Promise<LoadedLesson> {
  if (builtinLesson(arg) !== undefined) return loadBuiltinLesson(arg);
  let text: string;
  try {
    text = await readFile(arg, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new CliError(`no built-in lesson "${arg}", and cannot read it as a file (${code}); 'mip-lab lessons' lists the built-ins`);
  }
  const parsed = parseLessonText(text);
  if (!parsed.ok) throw new CliError(`${arg} is not a valid lesson (${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'}):\n  ${parsed.errors.join('\n  ')}`);
  return parsed.loaded;
}

interface LessonArgs {
  lesson?: string;
  mode?: LessonMode;
  seed?: number;
  /** Where to write the run as a lab report. */
  report?: string;
}

function parseArgs(args: readonly string[]): LessonArgs {
  const out: LessonArgs = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--solve' || a === '--idle') {
      const mode = a === '--solve' ? 'solve' : 'idle';
      if (out.mode !== undefined && out.mode !== mode) throw new CliError('give one of --solve and --idle, not both');
      out.mode = mode;
    } else if (a === '--seed') {
      const v = args[++i];
      if (v === undefined || !/^\d+$/.test(v) || Number(v) > 0xffffffff) throw new CliError(`--seed takes a whole number from 0 to 4294967295, not ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
      out.seed = Number(v);
    } else if (a === '--report') {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new CliError('--report takes the file to write the lab report to');
      out.report = v;
    } else if (a.startsWith('--')) throw new CliError(`unknown option ${a}; see 'mip-lab lesson --help'`);
    else if (out.lesson !== undefined) throw new CliError(`give one lesson, not ${JSON.stringify(out.lesson)} and ${JSON.stringify(a)}`);
    else out.lesson = a;
  }
  return out;
}

export const lessonCommand: Command = {
  name: 'lesson',
  summary: 'run a lesson headless, solved with its reference actions (--solve) or with none (--idle)',
  usage: 'mip-lab lesson <lesson-id|file.json> --solve|--idle [--seed N] [--report FILE]',
  help: [
    'Usage: mip-lab lesson <lesson-id|file.json> --solve|--idle [--seed N] [--report FILE]',
    '',
    'Runs a lesson — a built-in (see `mip-lab lessons`) or your own file in the',
    'route-optimization-lab/lesson@1 format (docs/lessons.md) — headless, on virtual',
    'time, with the same runtime and the same checks as the lesson player in the page.',
    'Steps follow one another as a learner takes them: each starts when the one before',
    'is done (or has run out of its expected time). Prints every step\'s checks with',
    'pass or FAIL and the virtual time each passed, and the commands the run sent.',
    '',
    'Options:',
    '  --solve    send each step\'s reference actions; exit 0 only if every check passes',
    '  --idle     send no learner action at all; exit 0 only if, for a lesson that asks',
    '             the learner to act, at least one check then fails (printed) — proof',
    '             that its checks are not satisfied without the learner',
    '  --seed N   seed of the run (default: the scenario\'s)',
    '  --report FILE  also write the run as a lab report (docs/lessons.md "Lab reports"),',
    '             with the lesson\'s own answers to its predictions when solving: a',
    '             report `mip-lab check` must confirm, to test a grading pipeline',
    '',
    'Examples:',
    '  mip-lab lesson triangle-routing --solve',
    '  mip-lab lesson smooth-handoff --idle',
    '  mip-lab lesson triangle-routing --solve --report reference.json',
  ].join('\n'),
  async run(args, io) {
    const a = parseArgs(args);
    if (a.lesson === undefined) throw new CliError(`give a lesson: a built-in id (${BUILTIN_LESSONS.map((l) => l.id).join(', ')}) or a .json file`);
    if (a.mode === undefined) throw new CliError('give --solve (with the reference actions) or --idle (with no learner action)');
    const loaded = await loadLessonArgument(a.lesson);
    const run = await runLesson(loaded, { mode: a.mode, ...(a.seed === undefined ? {} : { seed: a.seed }) });
    io.stdout.write(formatLessonRun(loaded, run));
    if (a.report !== undefined) {
      const { report, moved } = await referenceReport(loaded, run, builtinLesson(a.lesson) === undefined ? 'file' : 'builtin', new Date());
      await writeReferenceReport(a.report, report);
      io.stdout.write(`Lab report written to ${a.report}\n`);
      // The report is the page's reading of the run: Next starts a step where the one before ended.
      for (const m of moved) io.stdout.write(`  as the lesson player would: ${m}\n`);
    }
    return lessonRunSucceeded(loaded, run) ? 0 : 1;
  },
};
