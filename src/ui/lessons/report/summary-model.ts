// What the printable summary shows, from a report and its lesson: the same
// data as the JSON a grader checks, put for a person — each step with its
// outcome, the learner's answer, each check with the virtual time it passed
// and what was seen, and the command log in words.

import type { LoadedLesson } from '../../../lessons';
import { answerInWords, rightAnswerInWords, timeInWords, type LabReport } from '../../../lessons/report/index';
import { commandInWords } from '../../../lessons/report/command-words';
import type { LabCommand } from '../../../runtime/types';

export interface SummaryCheck {
  readonly text: string;
  readonly outcome: string;
  readonly detail: string;
}

export interface SummaryStep {
  readonly title: string;
  readonly outcome: string;
  readonly prediction?: { readonly question: string; readonly answer: string; readonly verdict: string };
  readonly checks: readonly SummaryCheck[];
}

export interface SummaryModel {
  readonly title: string;
  readonly sections: string;
  readonly facts: readonly (readonly [string, string])[];
  readonly steps: readonly SummaryStep[];
  readonly commands: readonly { readonly at: string; readonly words: string }[];
}

const STEP_OUTCOMES = { passed: 'passed', failed: 'failed', pending: 'not done yet', 'not-started': 'not reached' } as const;

function stepOutcome(s: LabReport['steps'][number]): string {
  const started = s.startedAtUs === undefined ? '' : ` (started at ${timeInWords(s.startedAtUs)})`;
  const done = s.state === 'passed' && s.completedAtUs !== undefined ? ` at ${timeInWords(s.completedAtUs)}` : '';
  return `${STEP_OUTCOMES[s.state]}${done}${started}`;
}

function checkOutcome(c: LabReport['steps'][number]['checks'][number]): string {
  if (c.state === 'pending') return 'not seen';
  return `${c.state}${c.atUs === undefined ? '' : ` at ${timeInWords(c.atUs)}`}`;
}

/**
 * The command log in words. A drag sends a move at every step of the pointer: consecutive moves of one
 * node are told as one, by where it ended up.
 */
function commandsInWords(report: LabReport, loaded: LoadedLesson): SummaryModel['commands'] {
  const out: { at: string; words: string }[] = [];
  const log = report.commands.map((c) => ({ at: c.atUs, command: c.command as unknown as LabCommand }));
  for (let i = 0; i < log.length; i++) {
    const first = log[i]!;
    let last = i;
    while (first.command.type === 'move' && log[last + 1]?.command.type === 'move' && (log[last + 1]!.command as { node: string }).node === first.command.node) last++;
    const words = commandInWords(log[last]!.command, loaded.scenario);
    out.push({ at: timeInWords(first.at), words: last === i ? words : `${words} (dragged: ${last - i + 1} moves, until ${timeInWords(log[last]!.at)})` });
    i = last;
  }
  return out;
}

export function summaryModel(report: LabReport, loaded: LoadedLesson): SummaryModel {
  const passed = report.steps.filter((s) => s.state === 'passed').length;
  return {
    title: report.lesson.title,
    sections: `Perkins & Johnson ${loaded.lesson.sections.join(', ')}`,
    facts: [
      ['Lesson', `${report.lesson.title} (${report.lesson.id})`],
      ['Steps passed', `${passed} of ${report.steps.length}`],
      ['Run', `seed ${report.seed}, up to ${timeInWords(report.endedAtUs)} of virtual time`],
      ['Made', `${new Date(report.createdAt).toLocaleString()} with the lab ${report.lab.version}${report.lab.build === undefined ? '' : ` (build ${report.lab.build})`}`],
    ],
    steps: report.steps.map((s, k): SummaryStep => {
      const p = loaded.lesson.steps[k]?.prediction;
      const claim = s.prediction;
      const prediction = p === undefined ? undefined : {
        question: p.question,
        answer: claim === undefined ? 'not answered' : claim.revealed === true ? `revealed to the class: ${answerInWords(p, claim.answer)}` : answerInWords(p, claim.answer),
        verdict: claim === undefined || claim.revealed === true ? `the answer: ${rightAnswerInWords(p)}` : claim.right ? 'right' : `wrong — the answer: ${rightAnswerInWords(p)}`,
      };
      return {
        title: s.title,
        outcome: stepOutcome(s),
        ...(prediction === undefined ? {} : { prediction }),
        checks: s.checks.map((c) => ({ text: c.text, outcome: checkOutcome(c), detail: c.detail })),
      };
    }),
    commands: commandsInWords(report, loaded),
  };
}
