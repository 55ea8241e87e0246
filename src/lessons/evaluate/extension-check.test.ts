import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/node/contract';
import { seconds } from '../../engine/node/time';
import { LESSON_FORMAT } from '../format/schema';
import { parseLesson } from '../format/validate';
import { oneStepLesson, scenarioTrace } from '../test-support/fixtures';
import type { CheckStatus } from './check-run';
import { LessonEvaluator } from './evaluator';
import { extensionMismatch } from './extension-check';

// The message-extensions check on a real run: key-home-agent-kdc, where the
// mobile node registers through FA1 at once (116 → FA1 adds 113 → the home
// agent replies 120, 125, 121 with 34; regkey-00 §3 step 2) and moves to FA2
// at 15 s (the same again through FA2, with the notification 96 for FA1).

const S = 1_000_000;
const SCENARIO = 'key-home-agent-kdc';

function evaluate(trace: readonly TraceEvent[], checks: readonly object[], startS = 0): readonly CheckStatus[] {
  const ev = new LessonEvaluator(oneStepLesson(SCENARIO, checks));
  ev.startStep(0, seconds(startS));
  ev.feed(trace);
  ev.advance(trace.at(-1)!.time);
  return ev.step(0).checks;
}

const eventOf = (trace: readonly TraceEvent[], s: CheckStatus) => trace.find((e) => e.id === s.evidence?.eventId);

describe('message-extensions (key-home-agent-kdc)', () => {
  const trace = scenarioTrace(SCENARIO, 20);
  const relayed = { kind: 'message-extensions', text: 't', message: 'registration-request', from: 'FA1', to: 'HA' };

  it('passes at the first matching reception, in wire order, with that reception as evidence', () => {
    const [request, reply] = evaluate(trace, [
      { ...relayed, include: [113, 116], exclude: [115, 124] },
      { kind: 'message-extensions', text: 't', message: 'registration-reply', from: 'HA', to: 'FA1', include: [120, 125, 121, 34] },
    ]);
    expect(request).toMatchObject({ state: 'passed', detail: 'HA received the Registration Request from FA1 with extensions 116, 32, 113, 34' });
    expect(eventOf(trace, request!)).toMatchObject({ node: 'HA', kind: 'received', time: request!.at });
    expect(reply).toMatchObject({ state: 'passed', detail: 'FA1 received the Registration Reply from HA with extensions 120, 125, 121, 32, 34' });
    expect(reply!.at).toBeGreaterThan(request!.at!);
  });

  it('is decided by the first such message: one that misses an extension, or carries an excluded one, fails and says which', () => {
    const [missing, unwanted, both] = evaluate(trace, [
      { ...relayed, include: [124] },
      { ...relayed, exclude: [113, 34] },
      { ...relayed, include: [115, 116], exclude: [32] },
    ]);
    expect(missing).toMatchObject({ state: 'failed', detail: expect.stringMatching(/: without extension 124$/) });
    expect(unwanted).toMatchObject({ state: 'failed', detail: expect.stringMatching(/: with extensions 113, 34$/) });
    expect(both).toMatchObject({ state: 'failed', detail: expect.stringMatching(/: without extension 115 and with extension 32$/) });
    expect(eventOf(trace, missing!)).toMatchObject({ node: 'HA', kind: 'received' });
  });

  it('looks only from its start: before the move nothing from FA2 is pending; after it, the notification (96) is there', () => {
    const fromMn = { kind: 'message-extensions', text: 't', message: 'registration-request', from: 'MN', to: 'FA2', include: [96, 116] };
    const [early] = evaluate(scenarioTrace(SCENARIO, 12), [fromMn]);
    expect(early).toMatchObject({ state: 'pending', detail: 'waiting for FA2 to receive a Registration Request from MN' });
    const [late] = evaluate(trace, [fromMn], 5);
    expect(late).toMatchObject({ state: 'passed' });
    expect(late!.at).toBeGreaterThan(15 * S);
  });

  it('a message without extensions is listed as such', () => {
    expect(extensionMismatch([], [16], [])).toBe('without extension 16');
    expect(extensionMismatch([32, 96], [96], [113])).toBeNull();
  });
});

describe('message-extensions in a lesson file', () => {
  const lesson = (check: object) => ({
    format: LESSON_FORMAT, id: 'ext', title: 'Extensions', summary: 'Which extensions a Request carries.', sections: ['§6'], scenario: SCENARIO,
    steps: [{ title: 'Watch', narrative: 'The key request (regkey-00 §4.4).', action: 'Watch.', checks: [check] }],
  });
  const check = { kind: 'message-extensions', text: 'The Request asks for a key', message: 'registration-request', from: 'MN', to: 'FA1' };
  const errors = (c: object) => {
    const parsed = parseLesson(lesson(c));
    return parsed.ok ? [] : parsed.errors;
  };

  it('a good one loads', () => {
    expect(errors({ ...check, include: [116], exclude: [114] })).toEqual([]);
  });

  it('refuses, with where: no list, a type in both lists, a type that is not an octet, an unknown node', () => {
    expect(errors(check)).toEqual(['steps[0].checks[0]: says nothing about the extensions: give include or exclude']);
    expect(errors({ ...check, include: [116, 32], exclude: [32] })).toEqual(['steps[0].checks[0].exclude: 32 also in include: a message cannot both carry and not carry it']);
    expect(errors({ ...check, include: [300] })).toEqual([expect.stringMatching(/^steps\[0\]\.checks\[0\]\.include\[0\]: /)]);
    expect(errors({ ...check, include: [116], to: 'FA3' })).toEqual([expect.stringMatching(/^steps\[0\]\.checks\[0\]\.to: no node "FA3"/)]);
  });
});
