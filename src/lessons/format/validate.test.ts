import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../../scenarios/builtin/index';
import { LESSON_FORMAT } from './schema';
import { parseLesson, parseLessonText } from './validate';

// A small good lesson on the route-optimization built-in, as plain mutable
// data: step 0 watches, step 1 acts (moves the mobile node).
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
function base(): Json {
  return {
    format: LESSON_FORMAT,
    id: 'tiny',
    title: 'A tiny lesson',
    summary: 'The correspondent learns a binding, then the mobile node moves.',
    sections: ['§3', '§3.3'],
    scenario: 'route-optimization',
    steps: [
      {
        title: 'Watch',
        narrative: 'The home agent sends a Binding Update (Perkins & Johnson §3.3).',
        action: 'Press Play.',
        prediction: {
          kind: 'choice', question: 'Who sends it?', answer: 0, answeredBy: 0,
          choices: [{ text: 'The home agent', explanation: 'It knows the care-of address.' }, { text: 'FA1', explanation: 'It shares no key with the correspondent.' }],
        },
        checks: [{ kind: 'message', text: 'The correspondent accepts a Binding Update', message: 'binding-update', from: 'HA', to: 'CN', outcome: 'accepted' }],
      },
      {
        title: 'Move',
        narrative: 'A stale binding is corrected (Perkins & Johnson §3.1).',
        action: "Drag the mobile node into FA2's cell.",
        prediction: { kind: 'number', question: 'Hops?', answer: 3, explanation: 'Three links.', answeredBy: 1 },
        checks: [
          { kind: 'table', text: 'The cache names FA2', node: 'CN', table: 'binding-cache', mobileNode: 'MN', careOf: 'FA2', state: 'holds' },
          { kind: 'route', text: 'Three hops', flow: 'cn-to-mn', atMostHops: 3, via: ['FA2'], after: 'action' },
          { kind: 'flow-loss', text: 'Some lost', flow: 'cn-to-mn', atMost: 10, withinS: 5, after: 'action' },
        ],
        referenceActions: [{ afterS: 1, command: { type: 'move', node: 'MN', toCellOf: 'FA2' } }],
      },
    ],
  };
}

function errorsOf(json: unknown): readonly string[] {
  const r = parseLesson(json);
  if (r.ok) throw new Error('expected the lesson to be refused');
  return r.errors;
}

describe('a good lesson', () => {
  it('is accepted, its scenario loaded, defaults filled, reference actions resolved to learner commands', () => {
    const r = parseLesson(base());
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const { lesson, scenarioId, scenario, actions } = r.loaded;
    expect(scenarioId).toBe('route-optimization');
    expect(scenario.title).toBe('Route optimization');
    expect(lesson.steps.map((s) => s.expectWithinS)).toEqual([30, 30]);
    expect(lesson.steps[0]!.checks[0]!.after).toBe('step');
    expect(lesson.steps[0]!.referenceActions).toEqual([]);
    expect(actions).toEqual([[], [{ after: 1_000_000, command: { type: 'move', node: 'MN', position: { x: 780, y: 450 } } }]]);
  });

  it('round-trips through JSON text', () => {
    expect(parseLessonText(JSON.stringify(base(), null, 2)).ok).toBe(true);
  });

  it('the worked example in docs/lessons.md is one', () => {
    const doc = readFileSync(new URL('../../../docs/lessons.md', import.meta.url), 'utf8');
    const example = /## A worked example[\s\S]*?```json\n([\s\S]*?)```/.exec(doc);
    expect(example).not.toBeNull();
    const r = parseLessonText(example![1]!);
    expect(r.ok ? r.loaded.lesson.id : r.errors).toBe('follow-the-binding');
  });

  it('may carry its scenario inline', () => {
    const l = base();
    l.scenario = structuredClone(builtinScenario('route-optimization')!.data);
    const r = parseLesson(l);
    expect(r.ok && r.loaded.scenarioId).toBe(null);
  });
});

describe('a bad lesson is refused with what and where', () => {
  it('gives the line and column of a JSON syntax error', () => {
    const r = parseLessonText('{\n  "format": "route-optimization-lab/lesson@1",\n  "id" "x"\n}');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([expect.stringMatching(/^\(file\) line 3, column 8: not valid JSON/)]);
  });

  it('refuses another format version', () => {
    const l = base();
    l.format = 'route-optimization-lab/lesson@2';
    expect(errorsOf(l)).toEqual(['format: must be "route-optimization-lab/lesson@1" (got "route-optimization-lab/lesson@2")']);
  });

  it('names a misspelt field, a missing one and an unknown check kind', () => {
    const l = base();
    l.steps[0].checks[0].outcom = 'accepted';
    delete l.steps[1].action;
    l.steps[1].checks[2].kind = 'flow-lost';
    expect(errorsOf(l)).toEqual([
      'steps[0].checks[0].outcom: unknown field (check the spelling against docs/lessons.md)',
      'steps[1].action: is required (a string)',
      expect.stringMatching(/^steps\[1\]\.checks\[2\]\.kind: "flow-lost" is not a known kind; expected one of "message", .*"flow-loss"(, "[a-z-]+")*$/),
    ]);
  });

  it('names a bad id and a bad section', () => {
    const l = base();
    l.id = 'Tiny Lesson';
    l.sections = ['3.3'];
    expect(errorsOf(l)).toEqual([
      'id: "Tiny Lesson" is not a lesson id (lower-case words joined by "-", e.g. "triangle-routing")',
      'sections[0]: "3.3" is not a section of the paper (e.g. "§3.1")',
    ]);
  });

  it('names an unknown built-in scenario, and an inline scenario\'s own problems under scenario.', () => {
    const l = base();
    l.scenario = 'route-optimisation';
    expect(errorsOf(l)).toEqual([expect.stringMatching(/^scenario: no built-in scenario "route-optimisation" \(built-ins: explore, triangle-routing, /)]);
    const inline = base();
    inline.scenario = structuredClone(builtinScenario('route-optimization')!.data);
    inline.scenario.nodes[5].interfaces[0].address = '10.1.0.300';
    expect(errorsOf(inline)).toEqual([expect.stringMatching(/^scenario\.nodes\[5\]\.interfaces\[0\]\.address: "10\.1\.0\.300" is not an IPv4 address/)]);
  });

  it('names nodes, flows and tables the scenario does not have', () => {
    const l = base();
    l.steps[0].checks[0].from = 'HA2';
    l.steps[1].checks[0].node = 'MN';
    l.steps[1].checks[1].flow = 'mn-to-cn';
    expect(errorsOf(l)).toEqual([
      'steps[0].checks[0].from: no node "HA2" in the scenario (its nodes are "HA", "R", "FA1", "FA2", "CN", "MN")',
      'steps[1].checks[0].node: node "MN" is a mobile-node; this needs a correspondent or a foreign-agent or a home-agent',
      'steps[1].checks[1].flow: no flow "mn-to-cn" in the scenario (its flows are "cn-to-mn")',
    ]);
  });

  it('names a prediction whose answer or check does not exist', () => {
    const l = base();
    l.steps[0].prediction.answer = 2;
    l.steps[1].prediction.answeredBy = 3;
    expect(errorsOf(l)).toEqual([
      'steps[0].prediction.answer: there is no choice 2 (there are 2)',
      'steps[1].prediction.answeredBy: there is no check 3 (the step has 3)',
    ]);
  });

  it('names counting checks that cannot be decided', () => {
    const l = base();
    delete l.steps[1].checks[2].withinS;
    l.steps[0].checks.push({ kind: 'message-count', text: 'x', message: 'binding-warning' });
    l.steps[0].checks.push({ kind: 'flow-loss', text: 'x', flow: 'cn-to-mn', atLeast: 3, atMost: 1, withinS: 2 });
    l.steps[0].checks.push({ kind: 'flow-loss', text: 'x', flow: 'cn-to-mn', atLeast: 0 });
    expect(errorsOf(l)).toEqual([
      'steps[0].checks[1]: gives neither atLeast nor atMost',
      'steps[0].checks[2].atLeast: 3 is more than atMost 1',
      'steps[0].checks[3].atLeast: at least 0 is always true: give atLeast ≥ 1, or an atMost',
      'steps[1].checks[2].atMost: needs withinS: "at most" can only be decided at the end of a span',
    ]);
  });

  it('names a check that waits for an action in a step without one', () => {
    const l = base();
    l.steps[0].checks[0].after = 'action';
    expect(errorsOf(l)).toEqual(['steps[0].checks[0].after: "action" needs a step in which the learner acts (referenceActions is empty)']);
  });

  it('names a reference action the lab would refuse, one out of order and a cell that does not exist', () => {
    const l = base();
    l.steps[1].referenceActions = [
      { afterS: 2, command: { type: 'configure', node: 'CN', setting: 'smooth-handoff', value: true } },
      { afterS: 1, command: { type: 'move', node: 'MN', toCellOf: 'R' } },
    ];
    expect(errorsOf(l)).toEqual([
      expect.stringMatching(/^steps\[1\]\.referenceActions\[0\]\.command: the lab would refuse this command: smooth-handoff does not apply to node "CN", a correspondent/),
      'steps[1].referenceActions[1].afterS: 1 comes before the previous action\'s 2: list actions in time order',
      'steps[1].referenceActions[1].command: the lab would refuse this command: toCellOf: node "R" serves no radio cell',
    ]);
  });

  it('refuses learner text that names a file, a choice id, an interface or coordinates, and a narrative citing nothing', () => {
    const l = base();
    l.summary = 'See DESIGN.md for details.';
    l.steps[0].narrative = 'The home agent sends a Binding Update.';
    l.steps[0].action = 'Watch wlan0 on the mobile node.';
    l.steps[1].checks[0].text = 'The cache names FA2 (OC-43)';
    l.steps[1].prediction.explanation = 'The node at (636, 470) is in range.';
    expect(errorsOf(l)).toEqual([
      'summary: names a file name ("DESIGN.md"); a learner has none of these — cite the paper, an RFC or a draft by section instead',
      'steps[0].action: names an interface name ("wlan0"); a learner has none of these — cite the paper, an RFC or a draft by section instead',
      'steps[0].narrative: cites no section; say where the paper (e.g. "Perkins & Johnson §3.3"), an RFC or a draft describes this',
      'steps[1].checks[0].text: names an internal choice id ("OC-43"); a learner has none of these — cite the paper, an RFC or a draft by section instead',
      'steps[1].prediction.explanation: names canvas coordinates ("(636, 470)"); a learner has none of these — cite the paper, an RFC or a draft by section instead',
    ]);
  });
});
