import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/node/contract';
import { seconds } from '../../engine/node/time';
import { LESSON_FORMAT } from '../format/schema';
import { parseLesson } from '../format/validate';
import { oneStepLesson, scenarioTrace } from '../test-support/fixtures';
import type { CheckStatus } from './check-run';
import { LessonEvaluator } from './evaluator';

// The latency check on real runs: the route-optimization scenario's first
// datagram takes the triangle (2 + 8 ms to the home agent, 8 + 3 back to FA1,
// 1 across the cell: 22 ms), the later ones go straight to FA1 (2 + 3 + 1 =
// 6 ms) — the link delays of the scenario file, summed by hand.

const S = 1_000_000;
const ID = 'route-optimization';
const trace = scenarioTrace(ID, 4);

function evaluate(checks: readonly object[], startS = 0): readonly CheckStatus[] {
  const ev = new LessonEvaluator(oneStepLesson(ID, checks));
  ev.startStep(0, seconds(startS));
  ev.feed(trace);
  ev.advance(trace.at(-1)!.time);
  return ev.step(0).checks;
}

const eventOf = (events: readonly TraceEvent[], s: CheckStatus) => events.find((e) => e.id === s.evidence?.eventId);
const latency = (extra: object) => ({ kind: 'latency', text: 't', flow: 'cn-to-mn', ...extra });

describe('latency (route-optimization: one datagram by the triangle, then the direct tunnel)', () => {
  it('measures the one-way latency in ms of the first datagram that matches, with its delivery as evidence', () => {
    const [triangle, direct] = evaluate([latency({ atLeastMs: 20, via: ['HA'] }), latency({ atMostMs: 10, notVia: ['HA'] })]);
    expect(triangle).toMatchObject({ state: 'passed', measured: 22, detail: 'datagram 0 of cn-to-mn arrived in 22 ms through R → HA → R → FA1 → MN' });
    expect(direct).toMatchObject({ state: 'passed', measured: 6, detail: expect.stringMatching(/^datagram [1-9]\d* of cn-to-mn arrived in 6 ms through R → FA1 → MN$/) });
    const delivered = eventOf(trace, direct!)!;
    expect([delivered.node, delivered.kind, delivered.time]).toEqual(['MN', 'delivered', direct!.at]);
    expect(direct!.at!).toBeGreaterThan(triangle!.at!);
  });

  it('a bound no datagram meets stays pending, saying how long the latest one took and why it does not match', () => {
    const [tooFast, notThere] = evaluate([latency({ atMostMs: 5 }), latency({ atLeastMs: 10, notVia: ['HA'] })], 3);
    expect(tooFast).toMatchObject({ state: 'pending', measured: 6, detail: 'the latest datagram of cn-to-mn took 6 ms through R → FA1 → MN: more than 5 ms' });
    expect(notThere).toMatchObject({ state: 'pending', measured: 6, detail: 'the latest datagram of cn-to-mn took 6 ms through R → FA1 → MN: less than 10 ms' });
  });

  it('looks only at datagrams sent from where the check starts: after the binding, the triangle is never seen', () => {
    const [late] = evaluate([latency({ atLeastMs: 20 })], 3);
    expect(late).toMatchObject({ state: 'pending' });
    const [early] = evaluate([latency({ atLeastMs: 20 })], 0);
    expect(early).toMatchObject({ state: 'passed', measured: 22 });
    expect(early!.at).toBeLessThan(3 * S);
  });
});

describe('latency: what validation refuses, each problem where it is', () => {
  const lesson = (check: object) => ({
    format: LESSON_FORMAT, id: 'test', title: 'Test', summary: 'A test.', sections: ['§2'], scenario: ID,
    steps: [{ title: 'Test', narrative: 'Perkins & Johnson §2.', action: 'Watch.', checks: [check] }],
  });
  const errorsOf = (check: object) => {
    const r = parseLesson(lesson(check));
    return r.ok ? [] : r.errors;
  };

  it('a check with no bound, bounds the wrong way round, an unknown flow or node, a negative bound', () => {
    expect(errorsOf(latency({ via: ['HA'] }))).toEqual(['steps[0].checks[0]: says nothing about the latency: give atLeastMs or atMostMs']);
    expect(errorsOf(latency({ atLeastMs: 30, atMostMs: 20 }))).toEqual(['steps[0].checks[0].atLeastMs: 30 is more than atMostMs 20']);
    expect(errorsOf(latency({ flow: 'nope', atMostMs: 5 }))).toEqual([expect.stringMatching(/^steps\[0\]\.checks\[0\]\.flow: no flow "nope" in the scenario/)]);
    expect(errorsOf(latency({ atMostMs: 5, notVia: ['HA2'] }))).toEqual([expect.stringMatching(/^steps\[0\]\.checks\[0\]\.notVia\[0\]: no node "HA2"/)]);
    expect(errorsOf(latency({ atLeastMs: -1 }))).toEqual([expect.stringMatching(/^steps\[0\]\.checks\[0\]\.atLeastMs: /)]);
  });

  it('a well-formed one loads', () => {
    expect(errorsOf(latency({ atLeastMs: 20, atMostMs: 30, via: ['HA', 'FA1'] }))).toEqual([]);
  });
});
