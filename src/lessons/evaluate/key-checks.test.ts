import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/node/contract';
import { seconds } from '../../engine/node/time';
import { parseLesson } from '../format/validate';
import { LESSON_FORMAT } from '../format/schema';
import { oneStepLesson, scenarioTrace } from '../test-support/fixtures';
import type { CheckStatus } from './check-run';
import { LessonEvaluator } from './evaluator';

// The registration-key check on real runs of the key scenarios (Perkins & Johnson §9):
// the method read from the mobile node's key-exchange record, the first key with that
// agent deciding, a wrong method failing with the one it was, no key staying pending.

const S = 1_000_000;

function evaluate(scenario: string, trace: readonly TraceEvent[], checks: readonly object[], startS = 0): readonly CheckStatus[] {
  const ev = new LessonEvaluator(oneStepLesson(scenario, checks));
  ev.startStep(0, seconds(startS));
  ev.feed(trace);
  ev.advance(trace.at(-1)!.time);
  return ev.step(0).checks;
}

const key = (foreignAgent: string, method: number) => ({ kind: 'registration-key', text: 't', mobileNode: 'MN', foreignAgent, method });

describe('registration-key (key-diffie-hellman: Diffie-Hellman with FA1, then with FA2 after the move at 15 s)', () => {
  const trace = scenarioTrace('key-diffie-hellman', 20);

  it('passes at the mobile node\'s key-established event for that agent, measuring the method', () => {
    const [dh] = evaluate('key-diffie-hellman', trace, [key('FA1', 5)]);
    expect(dh).toMatchObject({ state: 'passed', measured: 5, detail: expect.stringMatching(/^MN shares a key by method 5 \(Diffie-Hellman.*\) with FA1$/) });
    const evidence = trace.find((e) => e.id === dh!.evidence!.eventId);
    expect(evidence).toMatchObject({ node: 'MN', kind: 'key-established', time: dh!.at });
    expect(dh!.at).toBeLessThan(1 * S);
  });

  it('fails on the first key with that agent when its method is another, saying which it was', () => {
    const [wrong] = evaluate('key-diffie-hellman', trace, [key('FA1', 4)]);
    expect(wrong).toMatchObject({ state: 'failed', measured: 5 });
    expect(wrong!.detail).toMatch(/by method 5 .* with FA1, not a key by method 4$/);
  });

  it('looks only from where it starts: FA2\'s key comes after the move, FA1\'s is not seen again', () => {
    const [fa1, fa2] = evaluate('key-diffie-hellman', trace, [key('FA1', 5), key('FA2', 5)], 10);
    expect(fa1).toEqual({ state: 'pending', detail: 'waiting for MN to register through FA1 (expecting a key by method 5)' });
    expect(fa2).toMatchObject({ state: 'passed', measured: 5 });
    expect(fa2!.at).toBeGreaterThan(15 * S);
  });
});

describe('registration-key in a lesson file', () => {
  const lesson = (check: object) => ({
    format: LESSON_FORMAT, id: 'k', title: 'K', summary: 'K.', sections: ['§9'], scenario: 'key-diffie-hellman',
    steps: [{ title: 'K', narrative: 'Perkins & Johnson §9.', action: 'Watch.', checks: [check] }],
  });

  it('refuses a method outside 1–5 and nodes of the wrong role, each with its path', () => {
    const bad = parseLesson(lesson({ ...key('FA1', 6) }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.some((e) => e.startsWith('steps[0].checks[0].method'))).toBe(true);
    const roles = parseLesson(lesson({ ...key('HA', 5), mobileNode: 'FA1' }));
    expect(roles.ok).toBe(false);
    if (!roles.ok) {
      expect(roles.errors).toContain('steps[0].checks[0].mobileNode: node "FA1" is a foreign-agent; this needs a mobile-node');
      expect(roles.errors).toContain('steps[0].checks[0].foreignAgent: node "HA" is a home-agent; this needs a foreign-agent');
    }
  });
});
