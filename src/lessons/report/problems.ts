// What makes a well-shaped report unusable with the lesson it names — each
// located in the report like the format's own errors (`steps[1].checks`,
// `commands[3].command`): a report that does not fit its lesson is refused,
// not "refuted", since there is no run to compare it with.

import { validateLabCommand } from '../../runtime/commands/validate';
import { commandLogWorkProblem } from '../../runtime/commands/work';
import type { LabCommand } from '../../runtime/types';
import type { LoadedLesson } from '../format/validate';
import { answerProblem } from './answers';
import { lessonHash } from './identity';
import type { LabReport } from './schema';
import { timeInWords } from './words';

function commandProblems(report: LabReport, loaded: LoadedLesson): string[] {
  const out: string[] = [];
  const duration = loaded.scenario.duration;
  if (report.endedAtUs > duration) out.push(`endedAtUs: ${timeInWords(report.endedAtUs)} is after the end of the scenario (${timeInWords(duration)})`);
  let previous = 0;
  report.commands.forEach((c, i) => {
    if (c.atUs < previous) out.push(`commands[${i}].atUs: ${timeInWords(c.atUs)} comes before the previous command's ${timeInWords(previous)} (the log is in time order)`);
    if (c.atUs > report.endedAtUs) out.push(`commands[${i}].atUs: ${timeInWords(c.atUs)} is after the end of the run (endedAtUs, ${timeInWords(report.endedAtUs)})`);
    previous = Math.max(previous, c.atUs);
    const refused = validateLabCommand(c.command as unknown as LabCommand, loaded.scenario);
    if (refused !== null) out.push(`commands[${i}].command: the lab would refuse this command: ${refused}`);
  });
  if (out.length > 0) return out;
  // The page refuses a run over its work budget before it starts; so is a report's, before it is replayed.
  const work = commandLogWorkProblem(report.commands.map((c) => ({ at: c.atUs, command: c.command as unknown as LabCommand })), loaded.scenario);
  return work === null ? [] : [`commands: ${work}`];
}

function stepProblems(report: LabReport, loaded: LoadedLesson): string[] {
  const out: string[] = [];
  const steps = loaded.lesson.steps;
  // Made with this very lesson, the report words its steps and checks as the lesson does; made with
  // another version of it (a later lab reworded a check), only their number must agree.
  const sameLesson = report.lesson.sha256 === lessonHash(loaded);
  if (report.steps.length !== steps.length) return [`steps: the lesson has ${steps.length} steps, the report ${report.steps.length}`];
  let previousStart: number | undefined = 0;
  report.steps.forEach((claim, k) => {
    const step = steps[k]!;
    const at = `steps[${k}]`;
    if (sameLesson && claim.title !== step.title) out.push(`${at}.title: ${JSON.stringify(claim.title)} is not the lesson's step ${k + 1}, ${JSON.stringify(step.title)}`);
    if (claim.checks.length !== step.checks.length) out.push(`${at}.checks: the lesson's step ${k + 1} has ${step.checks.length} checks, the report ${claim.checks.length}`);
    else if (sameLesson) claim.checks.forEach((c, j) => {
      if (c.text !== step.checks[j]!.text) out.push(`${at}.checks[${j}].text: ${JSON.stringify(c.text)} is not the lesson's check, ${JSON.stringify(step.checks[j]!.text)}`);
    });
    const started = claim.startedAtUs;
    if (k === 0 && started !== 0) out.push(`${at}.startedAtUs: the first step starts at 0 s`);
    if ((started === undefined) !== (claim.state === 'not-started')) out.push(`${at}: a step has a start time exactly when its state is not "not-started"`);
    if (started !== undefined) {
      if (previousStart === undefined) out.push(`${at}.startedAtUs: a step starts only after the one before it did`);
      else if (started < previousStart) out.push(`${at}.startedAtUs: ${timeInWords(started)} is before the previous step's start (${timeInWords(previousStart)})`);
      if (started > report.endedAtUs) out.push(`${at}.startedAtUs: ${timeInWords(started)} is after the end of the run (${timeInWords(report.endedAtUs)})`);
    }
    previousStart = started;
    if (claim.prediction !== undefined) {
      if (step.prediction === undefined) out.push(`${at}.prediction: the lesson's step ${k + 1} asks no prediction`);
      else {
        const wrong = answerProblem(step.prediction, claim.prediction.answer);
        if (wrong !== null) out.push(`${at}.prediction.answer: ${wrong}`);
      }
    }
  });
  return out;
}

/** Every reason the report cannot be checked against `loaded`, located; empty if it can. */
export function reportProblems(report: LabReport, loaded: LoadedLesson): string[] {
  const out: string[] = [];
  if (report.lesson.id !== loaded.lesson.id) out.push(`lesson.id: ${JSON.stringify(report.lesson.id)} is not the lesson's id, ${JSON.stringify(loaded.lesson.id)}`);
  return [...out, ...stepProblems(report, loaded), ...commandProblems(report, loaded)];
}
