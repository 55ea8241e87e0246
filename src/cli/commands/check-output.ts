// What `mip-lab check` prints: per report one verdict — CONFIRMED with what
// the learner achieved, REFUTED with the first discrepancy in plain words, or
// REFUSED with what is wrong and where — then a tally; or the same as JSON.

import { timeInWords, type LabReport, type ReportCheck } from '../../lessons/report/index';

export type Verdict = 'confirmed' | 'refuted' | 'refused';

export const verdictOf = (r: ReportCheck): Verdict => (r.kind === 'malformed' ? 'refused' : r.verdict.confirmed ? 'confirmed' : 'refuted');

/** "4 of 5 steps passed, 11 of 12 checks, 2 of 3 predictions right, 3 commands, run to 41.000 s". */
function achieved(report: LabReport): string {
  const steps = report.steps.filter((s) => s.state === 'passed').length;
  const checks = report.steps.flatMap((s) => s.checks);
  const passed = checks.filter((c) => c.state === 'passed').length;
  const predictions = report.steps.flatMap((s) => (s.prediction === undefined ? [] : [s.prediction]));
  const right = predictions.filter((p) => p.right && p.revealed !== true).length;
  const commands = report.commands.length;
  return [
    `${steps} of ${report.steps.length} steps passed`,
    `${passed} of ${checks.length} checks`,
    `${right} of ${predictions.length} predictions right`,
    `${commands} command${commands === 1 ? '' : 's'}`,
    `run to ${timeInWords(report.endedAtUs)}`,
  ].join(', ');
}

function lessonName(report: LabReport | undefined): string {
  return report === undefined ? '' : ` — ${report.lesson.title} (${report.lesson.id}), seed ${report.seed}`;
}

export function formatChecks(files: readonly string[], results: readonly ReportCheck[]): string {
  const out: string[] = [];
  results.forEach((r, i) => {
    const file = files[i]!;
    if (r.kind === 'malformed') {
      out.push(`${file}: REFUSED${lessonName(r.report)} — not a report that can be checked (${r.errors.length} problem${r.errors.length === 1 ? '' : 's'}):`);
      for (const e of r.errors) out.push(`    ${e}`);
      return;
    }
    const { report, verdict } = r;
    if (verdict.confirmed) out.push(`${file}: CONFIRMED${lessonName(report)}: ${achieved(report)}`);
    else {
      out.push(`${file}: REFUTED${lessonName(report)}`);
      out.push(`    ${verdict.discrepancies[0]}`);
      const more = verdict.discrepancies.length - 1;
      if (more > 0) out.push(`    (and ${more} more discrepanc${more === 1 ? 'y' : 'ies'}; --json lists them all)`);
    }
    for (const n of verdict.notes) out.push(`    note: ${n}`);
  });
  const count = (v: Verdict): number => results.filter((r) => verdictOf(r) === v).length;
  if (results.length > 1) out.push('', `${results.length} reports: ${count('confirmed')} confirmed, ${count('refuted')} refuted, ${count('refused')} refused.`);
  return `${out.join('\n')}\n`;
}

export function summaryJson(files: readonly string[], results: readonly ReportCheck[]) {
  return {
    reports: results.map((r, i) => ({
      file: files[i]!,
      verdict: verdictOf(r),
      ...(r.report === undefined ? {} : { lesson: r.report.lesson.id, title: r.report.lesson.title, seed: r.report.seed, createdAt: r.report.createdAt }),
      ...(r.kind === 'malformed'
        ? { problems: r.errors }
        : {
          discrepancies: r.verdict.discrepancies,
          notes: r.verdict.notes,
          steps: r.report.steps.map((s) => ({ title: s.title, state: s.state, ...(s.prediction === undefined ? {} : { predictionRight: s.prediction.right }) })),
        }),
    })),
  };
}
