import type { Lesson } from '../../lessons/format/schema';
import { BUILTIN_LESSONS, loadBuiltinLesson } from '../../lessons/builtin/index';
import type { LoadedLesson } from '../../lessons/format/validate';
import { CliError, type Command } from '../io';

// `mip-lab lessons`: the built-in lessons in teaching order, with what each
// asks of the learner — as text, or as JSON for tools.

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function summary(loaded: LoadedLesson) {
  const { lesson } = loaded;
  return {
    id: lesson.id,
    title: lesson.title,
    summary: lesson.summary,
    sections: lesson.sections.map((x) => `Perkins & Johnson ${x}`),
    scenario: loaded.scenarioId ?? '(inline)',
    steps: lesson.steps.map((s) => ({
      title: s.title,
      action: s.action,
      prediction: s.prediction === undefined ? null : { kind: s.prediction.kind, question: s.prediction.question },
      checks: s.checks.map((c) => ({ kind: c.kind, text: c.text })),
      referenceActions: s.referenceActions.length,
    })),
    predictions: lesson.steps.filter((s) => s.prediction !== undefined).length,
    checks: lesson.steps.reduce((n, s) => n + s.checks.length, 0),
  };
}

function asText(s: ReturnType<typeof summary>, lesson: Lesson): string {
  const lines = [
    `${s.id} — ${s.title} (Perkins & Johnson ${lesson.sections.join(', ')})`,
    `  scenario ${s.scenario}; ${plural(s.steps.length, 'step')}, ${plural(s.predictions, 'prediction')}, ${plural(s.checks, 'check')}`,
  ];
  s.steps.forEach((step, i) => {
    const acts = step.referenceActions === 0 ? 'watch' : 'act';
    lines.push(`  ${i + 1}. ${step.title} [${acts}${step.prediction === null ? '' : `, predict (${step.prediction.kind})`}, ${plural(step.checks.length, 'check')}]`);
    if (step.prediction !== null) lines.push(`       ? ${step.prediction.question}`);
    for (const c of step.checks) lines.push(`       - ${c.text}`);
  });
  return lines.join('\n');
}

export const lessonsCommand: Command = {
  name: 'lessons',
  summary: 'list the built-in lessons: id, title, paper sections, steps, predictions, checks',
  usage: 'mip-lab lessons [--json]',
  help: [
    'Usage: mip-lab lessons [--json]',
    '',
    'Lists the built-in lessons in teaching order: the id to give `mip-lab lesson`,',
    'the title, the sections of Perkins & Johnson it covers, and for each step what',
    'the learner does (watch or act), the prediction asked and the checks.',
    'Each lesson is a file in src/lessons/builtin/ (format: docs/lessons.md).',
    '',
    'Options:',
    '  --json    the same as a JSON array, one object per lesson',
  ].join('\n'),
  async run(args, io) {
    const json = args.includes('--json');
    const other = args.find((a) => a !== '--json');
    if (other !== undefined) throw new CliError(`unknown argument ${JSON.stringify(other)}; see 'mip-lab lessons --help'`);
    const loaded = BUILTIN_LESSONS.map((l) => loadBuiltinLesson(l.id));
    const all = loaded.map(summary);
    io.stdout.write(json ? `${JSON.stringify(all, null, 2)}\n` : `${all.map((s, i) => asText(s, loaded[i]!.lesson)).join('\n\n')}\n`);
    return 0;
  },
};
