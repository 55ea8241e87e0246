// The checks a lesson's shape cannot make: that what it names exists in its
// scenario, that its reference actions are commands the runtime would accept,
// that its predictions point at real choices and checks, and that the text a
// learner reads cites the paper and names no file, choice id, interface or
// canvas coordinate. Every problem is reported as "<path>: <what is wrong>".

import { validateLabCommand } from '../../runtime/commands/validate';
import type { LabCommand } from '../../runtime/types';
import { formatPath, show, type PathSegment } from '../../scenarios/issues';
import type { Role } from '../../scenarios/schema';
import type { LoadedScenario } from '../../scenarios/to-topology';
import { resolveCommand } from './resolve';
import type { Check, Lesson, LessonStep, TableName } from './schema';

type Report = (path: readonly PathSegment[], message: string) => void;

/** A citation a learner can look up: the paper, an RFC or a draft, by section. */
const CITATION = /(Perkins & Johnson|RFC \d{4}|optim-\d\d|regkey-\d\d|spectun-\d\d|mipv6-\d\d) (§|App\.)/; // mipv6-07: the 1998 Mobile IPv6 draft of §10 (docs/ipv6.md)

/** What learner-facing text must not contain, and why. */
const FORBIDDEN: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /\b[\w-]+\.(md|ts|tsx|json|js)\b/, what: 'a file name' },
  { pattern: /\b(OC|D)-?\d+\b/, what: 'an internal choice id' },
  { pattern: /\b(eth|wlan)\d\b/, what: 'an interface name' },
  { pattern: /\(\s*\d+\s*,\s*\d+\s*\)/, what: 'canvas coordinates' },
];

const TABLE_ROLES: Readonly<Record<TableName, readonly Role[]>> = {
  'binding-cache': ['correspondent', 'foreign-agent', 'home-agent', 'correspondent-v6'],
  'visitor-list': ['foreign-agent'],
  'mobility-bindings': ['home-agent', 'home-agent-v6'],
};

function textProblems(value: string, path: readonly PathSegment[], report: Report): void {
  for (const f of FORBIDDEN) {
    const m = f.pattern.exec(value);
    if (m !== null) report(path, `names ${f.what} (${show(m[0])}); a learner has none of these — cite the paper, an RFC or a draft by section instead`);
  }
}

function learnerText(lesson: Lesson, report: Report): void {
  textProblems(lesson.title, ['title'], report);
  textProblems(lesson.summary, ['summary'], report);
  lesson.steps.forEach((step, s) => {
    const at = (...rest: PathSegment[]): PathSegment[] => ['steps', s, ...rest];
    for (const field of ['title', 'narrative', 'action'] as const) textProblems(step[field], at(field), report);
    if (!CITATION.test(step.narrative)) report(at('narrative'), 'cites no section; say where the paper (e.g. "Perkins & Johnson §3.3"), an RFC or a draft describes this');
    step.checks.forEach((c, k) => textProblems(c.text, at('checks', k, 'text'), report));
    const p = step.prediction;
    if (p === undefined) return;
    textProblems(p.question, at('prediction', 'question'), report);
    if (p.kind === 'number') textProblems(p.explanation, at('prediction', 'explanation'), report);
    else p.choices.forEach((c, i) => {
      textProblems(c.text, at('prediction', 'choices', i, 'text'), report);
      textProblems(c.explanation, at('prediction', 'choices', i, 'explanation'), report);
    });
  });
}

function nodeRef(loaded: LoadedScenario, id: string, path: readonly PathSegment[], report: Report, roles?: readonly Role[]): void {
  const node = loaded.nodes.find((n) => n.id === id);
  if (node === undefined) report(path, `no node ${show(id)} in the scenario (its nodes are ${loaded.nodes.map((n) => show(n.id)).join(', ')})`);
  else if (roles !== undefined && !roles.includes(node.role)) report(path, `node ${show(id)} is a ${node.role}; this needs a ${roles.join(' or a ')}`);
}

/** The roles a scenario of this IP version can have: an IPv4 one's problems name no IPv6 role (docs/ipv6.md §2). */
function rolesIn(loaded: LoadedScenario, roles: readonly Role[]): readonly Role[] {
  return loaded.nodes.some((n) => n.role.endsWith('-v6')) ? roles : roles.filter((r) => !r.endsWith('-v6'));
}

function flowRef(loaded: LoadedScenario, id: string, path: readonly PathSegment[], report: Report): void {
  const flows = loaded.nodes.flatMap((n) => n.flows.map((f) => f.id));
  if (!flows.includes(id)) report(path, `no flow ${show(id)} in the scenario (its flows are ${flows.map(show).join(', ') || 'none'})`);
}

function bounds(check: { atLeast?: number | undefined; atMost?: number | undefined; withinS?: number | undefined }, path: readonly PathSegment[], report: Report): void {
  if (check.atLeast === undefined && check.atMost === undefined) report(path, 'gives neither atLeast nor atMost');
  if (check.atLeast === 0 && check.atMost === undefined) report([...path, 'atLeast'], 'at least 0 is always true: give atLeast ≥ 1, or an atMost');
  if (check.atLeast !== undefined && check.atMost !== undefined && check.atLeast > check.atMost) report([...path, 'atLeast'], `${check.atLeast} is more than atMost ${check.atMost}`);
  if (check.atMost !== undefined && check.withinS === undefined) report([...path, 'atMost'], 'needs withinS: "at most" can only be decided at the end of a span');
}

function checkProblems(check: Check, step: LessonStep, loaded: LoadedScenario, path: readonly PathSegment[], report: Report): void {
  const at = (...rest: PathSegment[]): PathSegment[] => [...path, ...rest];
  if (check.after === 'action' && step.referenceActions.length === 0) report(at('after'), '"action" needs a step in which the learner acts (referenceActions is empty)');
  switch (check.kind) {
    case 'message':
      nodeRef(loaded, check.from, at('from'), report);
      nodeRef(loaded, check.to, at('to'), report);
      if (check.reasonIncludes !== undefined && check.outcome !== 'refused') report(at('reasonIncludes'), 'only a refusal has a reason; set outcome "refused"');
      return;
    case 'message-count':
      if (check.from !== undefined) nodeRef(loaded, check.from, at('from'), report);
      if (check.to !== undefined) nodeRef(loaded, check.to, at('to'), report);
      bounds(check, path, report);
      return;
    case 'table':
      nodeRef(loaded, check.node, at('node'), report, rolesIn(loaded, TABLE_ROLES[check.table]));
      nodeRef(loaded, check.mobileNode, at('mobileNode'), report, rolesIn(loaded, ['mobile-node', 'mobile-node-v6']));
      if (check.careOf !== undefined) nodeRef(loaded, check.careOf, at('careOf'), report);
      return;
    case 'route':
      flowRef(loaded, check.flow, at('flow'), report);
      if (check.atLeastHops === undefined && check.atMostHops === undefined && check.via === undefined && check.notVia === undefined) report(path, 'says nothing about the route: give atLeastHops, atMostHops, via or notVia');
      if (check.atLeastHops !== undefined && check.atMostHops !== undefined && check.atLeastHops > check.atMostHops) report(at('atLeastHops'), `${check.atLeastHops} is more than atMostHops ${check.atMostHops}`);
      check.via?.forEach((n, i) => nodeRef(loaded, n, at('via', i), report));
      check.notVia?.forEach((n, i) => nodeRef(loaded, n, at('notVia', i), report));
      return;
    case 'flow-loss':
      flowRef(loaded, check.flow, at('flow'), report);
      bounds(check, path, report);
      return;
    case 'message-extensions': {
      nodeRef(loaded, check.from, at('from'), report);
      nodeRef(loaded, check.to, at('to'), report);
      if (check.include === undefined && check.exclude === undefined) report(path, 'says nothing about the extensions: give include or exclude');
      const both = (check.include ?? []).filter((t) => check.exclude?.includes(t));
      if (both.length > 0) report(at('exclude'), `${both.join(', ')} also in include: a message cannot both carry and not carry it`);
      return;
    }
    case 'registration-key':
      nodeRef(loaded, check.mobileNode, at('mobileNode'), report, ['mobile-node']);
      nodeRef(loaded, check.foreignAgent, at('foreignAgent'), report, ['foreign-agent']);
      return;
    case 'latency':
      flowRef(loaded, check.flow, at('flow'), report);
      if (check.atLeastMs === undefined && check.atMostMs === undefined) report(path, 'says nothing about the latency: give atLeastMs or atMostMs');
      if (check.atLeastMs !== undefined && check.atMostMs !== undefined && check.atLeastMs > check.atMostMs) report(at('atLeastMs'), `${check.atLeastMs} is more than atMostMs ${check.atMostMs}`);
      check.via?.forEach((n, i) => nodeRef(loaded, n, at('via', i), report));
      check.notVia?.forEach((n, i) => nodeRef(loaded, n, at('notVia', i), report));
      return;
  }
}

function stepProblems(step: LessonStep, s: number, loaded: LoadedScenario, report: Report): void {
  const at = (...rest: PathSegment[]): PathSegment[] => ['steps', s, ...rest];
  step.checks.forEach((c, k) => checkProblems(c, step, loaded, at('checks', k), report));
  const p = step.prediction;
  if (p !== undefined) {
    if (p.answeredBy >= step.checks.length) report(at('prediction', 'answeredBy'), `there is no check ${p.answeredBy} (the step has ${step.checks.length})`);
    if (p.kind === 'choice' && p.answer >= p.choices.length) report(at('prediction', 'answer'), `there is no choice ${p.answer} (there are ${p.choices.length})`);
  }
  let previous = 0;
  step.referenceActions.forEach((a, i) => {
    if (a.afterS < previous) report(at('referenceActions', i, 'afterS'), `${a.afterS} comes before the previous action's ${previous}: list actions in time order`);
    previous = a.afterS;
    const resolved = resolveCommand(a.command, loaded);
    const problem = typeof resolved === 'string' ? resolved : validateLabCommand(resolved as LabCommand, loaded);
    if (problem !== null) report(at('referenceActions', i, 'command'), `the lab would refuse this command: ${problem}`);
  });
}

/** Every problem of a well-shaped lesson against its (valid, loaded) scenario; [] when there is none. */
export function lessonProblems(lesson: Lesson, loaded: LoadedScenario): string[] {
  const problems: string[] = [];
  const report: Report = (path, message) => problems.push(`${formatPath(path)}: ${message}`);
  learnerText(lesson, report);
  lesson.steps.forEach((step, s) => stepProblems(step, s, loaded, report));
  return problems;
}
