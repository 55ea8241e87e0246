import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinLesson, type LoadedLesson } from '../../../lessons';
import { commandInWords } from '../../../lessons/report/command-words';
import type { LabReport } from '../../../lessons/report/index';
import { copyOf, referenceReportOf } from '../../../lessons/report/test-support';
import { summaryModel } from './summary-model';

// The printable summary says, for a person, what the report says for a
// grader: steps with their outcome and time, answers, checks with the time
// they passed, and the command log in words — names, never coordinates.

let triangle: LoadedLesson;
let report: LabReport;
beforeAll(async () => {
  triangle = loadBuiltinLesson('triangle-routing');
  report = await referenceReportOf('triangle-routing');
}, 60_000);

describe('the printable summary', () => {
  it('has every step, answer and check of the report, with times', () => {
    const m = summaryModel(report, triangle);
    expect(m.title).toBe('Triangle routing');
    expect(m.sections).toBe('Perkins & Johnson §2');
    expect(m.facts.map(([k]) => k)).toEqual(['Lesson', 'Steps passed', 'Run', 'Made']);
    expect(m.facts[1]).toEqual(['Steps passed', '5 of 5']);
    expect(m.steps).toHaveLength(5);
    expect(m.steps[0]).toMatchObject({ title: 'The long way round', outcome: 'passed at 2.022 s (started at 0.000 s)', prediction: { answer: '5 hops', verdict: 'right' } });
    expect(m.steps[0]!.checks[0]).toMatchObject({ outcome: expect.stringMatching(/^passed at \d+\.\d+ s$/), text: report.steps[0]!.checks[0]!.text });
  });

  it('says a wrong answer is wrong, with the right one, and a check not seen as such', () => {
    const r = copyOf(report);
    r.steps[0]!.prediction = { answer: { value: 3 }, right: false };
    r.steps[1]!.checks[0]! = { text: r.steps[1]!.checks[0]!.text, state: 'pending', detail: 'waiting for your action' };
    const m = summaryModel(r, triangle);
    expect(m.steps[0]!.prediction).toMatchObject({ answer: '3 hops', verdict: 'wrong — the answer: 5 hops' });
    expect(m.steps[1]!.checks[0]).toMatchObject({ outcome: 'not seen', detail: 'waiting for your action' });
  });

  it('says when a presenter revealed the answer to a class: nobody predicted it', () => {
    const r = copyOf(report);
    r.steps[0]!.prediction = { answer: { value: 5 }, right: true, revealed: true };
    expect(summaryModel(r, triangle).steps[0]!.prediction).toMatchObject({ answer: 'revealed to the class: 5 hops', verdict: 'the answer: 5 hops' });
  });

  it('tells the command log in words, without coordinates', () => {
    const m = summaryModel(report, triangle);
    expect(m.commands).toEqual([
      { at: '2.756 s', words: 'moved MN into FA2\'s radio cell' },
      { at: '5.522 s', words: 'switched Route Optimization on at CN' },
      { at: '11.022 s', words: 'switched Route Optimization on at HA' },
    ]);
    for (const c of m.commands) expect(c.words).not.toMatch(/\d+(\.\d+)?\s*,\s*-?\d/); // no "(780, 450)"
  });

  it('tells a drag — a run of moves of one node — as one move, by where it ended', () => {
    const r = copyOf(report);
    const drag = [500_000, 600_000, 700_000].map((atUs, i) => ({ atUs: atUs + 2_000_000, command: { type: 'move', node: 'MN', position: { x: 600 + i * 90, y: 450 } } }));
    r.commands = [...drag, ...r.commands.slice(1)];
    const m = summaryModel(r, triangle);
    expect(m.commands[0]).toEqual({ at: '2.500 s', words: 'moved MN into FA2\'s radio cell (dragged: 3 moves, until 2.700 s)' });
    expect(m.commands.slice(1).map((c) => c.words)).toEqual(['switched Route Optimization on at CN', 'switched Route Optimization on at HA']);
  });
});

describe('a command in words', () => {
  const s = (): LoadedLesson['scenario'] => triangle.scenario;
  it('every kind of command', () => {
    expect(commandInWords({ type: 'move', node: 'MN', position: { x: -5000, y: -5000 } }, s())).toBe('moved MN out of every radio cell');
    expect(commandInWords({ type: 'configure', node: 'MN', setting: 'encapsulation', value: 'minimal' }, s())).toBe('set the encapsulation at MN to minimal encapsulation');
    expect(commandInWords({ type: 'set-link', link: 'backbone', delay: 5000, loss: 0.1 }, s())).toBe('set link backbone: its delay to 5 ms and its loss to 10 %');
    expect(commandInWords({ type: 'stop-flow', node: 'CN', flow: 'cn-to-mn' }, s())).toBe('stopped traffic flow cn-to-mn at CN');
    expect(commandInWords({ type: 'adversary', node: 'Mallory', action: { kind: 'replay-binding-update', to: 'CN' } }, s())).toBe('made Mallory replay a Binding Update it overheard');
  });
});
