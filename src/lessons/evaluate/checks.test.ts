import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/node/contract';
import { seconds } from '../../engine/node/time';
import { oneStepLesson, scenarioTrace } from '../test-support/fixtures';
import type { CheckStatus } from './check-run';
import { LessonEvaluator } from './evaluator';
import { LOSS_GRACE } from './observations';

// Each check kind on a real run of a built-in scenario: what passes, when,
// with which event as evidence; what stays pending, and what fails.

const S = 1_000_000;

function evaluate(scenario: string, trace: readonly TraceEvent[], checks: readonly object[], startS = 0): readonly CheckStatus[] {
  const ev = new LessonEvaluator(oneStepLesson(scenario, checks));
  ev.startStep(0, seconds(startS));
  ev.feed(trace);
  ev.advance(trace.at(-1)!.time);
  return ev.step(0).checks;
}

const eventOf = (trace: readonly TraceEvent[], s: CheckStatus) => trace.find((e) => e.id === s.evidence?.eventId);

describe('message and message-count (forged-binding-update: Mallory forges a Binding Update to the correspondent at 10 s)', () => {
  const trace = scenarioTrace('forged-binding-update', 12);
  const bu = { kind: 'message', text: 't', message: 'binding-update', to: 'CN' };

  it('a refusal passes at the drop, with its reason; the evidence is the drop itself', () => {
    const [refused] = evaluate('forged-binding-update', trace, [{ ...bu, from: 'Mallory', outcome: 'refused', reasonIncludes: 'AUTHENTICATOR' }]);
    expect(refused).toMatchObject({ state: 'passed', detail: expect.stringMatching(/^CN refused the Binding Update from Mallory: .*authenticator does not verify/) });
    expect(refused!.at).toBeGreaterThanOrEqual(10 * S);
    expect(eventOf(trace, refused!)).toMatchObject({ node: 'CN', kind: 'dropped', time: refused!.at });
  });

  it('the sender is the node that first sent it, not the spoofed source address; the wrong outcome or reason stays pending', () => {
    const checks = evaluate('forged-binding-update', trace, [
      { ...bu, from: 'HA', outcome: 'refused' },
      { ...bu, from: 'Mallory', outcome: 'accepted' },
      { ...bu, from: 'Mallory', outcome: 'refused', reasonIncludes: 'timestamp' },
      { ...bu, from: 'Mallory', outcome: 'received' },
    ]);
    expect(checks.map((c) => c.state)).toEqual(['pending', 'pending', 'pending', 'passed']);
    expect(checks[1]!.detail).toBe('waiting for CN to accept a Binding Update from Mallory');
  });

  it('an acceptance through a router is traced back to its sender; the evidence is the reception', () => {
    const [accepted] = evaluate('forged-binding-update', trace, [{ ...bu, from: 'HA', outcome: 'accepted' }]);
    expect(accepted).toMatchObject({ state: 'passed', detail: 'CN accepted the Binding Update from HA' });
    expect(eventOf(trace, accepted!)).toMatchObject({ node: 'CN', kind: 'received' });
  });

  it('message-count: at least N passes at the N-th; at most N fails at the one too many, or passes when its span is over', () => {
    const count = { kind: 'message-count', text: 't', message: 'binding-update' };
    const [two, none, one, tooShort] = evaluate('forged-binding-update', trace, [
      { ...count, to: 'CN', atLeast: 2 },
      { ...count, from: 'Mallory', atMost: 0, withinS: 11 },
      { ...count, from: 'HA', atMost: 1, withinS: 9 },
      { ...count, from: 'Mallory', atLeast: 1, withinS: 5 },
    ]);
    expect(two).toMatchObject({ state: 'passed', measured: 2 });
    expect(eventOf(trace, two!)).toMatchObject({ node: 'Mallory', kind: 'sent' });
    expect(none).toMatchObject({ state: 'failed', measured: 1, detail: '1 Binding Update sent by Mallory: more than 0' });
    expect(none!.at).toBe(two!.at);
    expect(one).toMatchObject({ state: 'passed', at: 9 * S, measured: 1 });
    expect(tooShort).toMatchObject({ state: 'failed', at: 5 * S, measured: 0, detail: '0 Binding Updates sent by Mallory: fewer than 1' });
  });
});

describe('table (forged-binding-update, then handoff-without-smooth-handoff)', () => {
  it('holds: at once when the step begins if the entry is already there, with the event that added it', () => {
    const trace = scenarioTrace('forged-binding-update', 12);
    const [held, mallory] = evaluate('forged-binding-update', trace, [
      { kind: 'table', text: 't', node: 'CN', table: 'binding-cache', mobileNode: 'MN', careOf: 'FA1', state: 'holds' },
      { kind: 'table', text: 't', node: 'CN', table: 'binding-cache', mobileNode: 'MN', careOf: 'Mallory', state: 'holds' },
    ], 5);
    expect(held).toMatchObject({ state: 'passed', at: 5 * S, detail: "CN's binding cache held the entry for MN at FA1 when the step began" });
    const added = eventOf(trace, held!)!;
    expect([added.node, added.kind, added.summary]).toEqual(['CN', 'table-changed', 'binding cache: added 10.1.0.10']);
    expect(added.time).toBeLessThan(5 * S);
    expect(mallory).toMatchObject({ state: 'pending' });
  });

  it('holds and lost as the mobile node registers through FA2: the home agent\'s binding moves', () => {
    const trace = scenarioTrace('handoff-without-smooth-handoff', 16);
    const binding = { kind: 'table', text: 't', node: 'HA', table: 'mobility-bindings', mobileNode: 'MN' };
    const [atFa2, lostFa1, visitor] = evaluate('handoff-without-smooth-handoff', trace, [
      { ...binding, careOf: 'FA2', state: 'holds' },
      { ...binding, careOf: 'FA1', state: 'lost' },
      { kind: 'table', text: 't', node: 'FA2', table: 'visitor-list', mobileNode: 'MN', state: 'holds' },
    ]);
    expect(atFa2).toMatchObject({ state: 'passed' });
    expect(atFa2!.at).toBeGreaterThan(12 * S);
    expect(lostFa1).toMatchObject({ state: 'passed', at: atFa2!.at });
    expect(eventOf(trace, lostFa1!)!.summary).toMatch(/^mobility bindings: 10\.1\.0\.10@192\.168\.2\.1 removed/);
    // FA2 lists the visitor once the home agent's Reply comes back, not while the request is pending.
    expect(visitor).toMatchObject({ state: 'passed' });
    expect(visitor!.at).toBeGreaterThan(atFa2!.at!);
  });
});

describe('route and flow-loss (handoff-without-smooth-handoff: the mobile node leaves FA1\'s cell for good at 13.5 s)', () => {
  const trace = scenarioTrace('handoff-without-smooth-handoff', 20);
  const id = 'handoff-without-smooth-handoff';

  it('route: the first datagram that arrives by a matching route; pending says how the latest went instead', () => {
    const [direct, viaHa] = evaluate(id, trace, [
      { kind: 'route', text: 't', flow: 'cn-to-mn', atLeastHops: 3, atMostHops: 3, via: ['FA1'], notVia: ['HA'] },
      { kind: 'route', text: 't', flow: 'cn-to-mn', via: ['HA'] },
    ], 5);
    expect(direct).toMatchObject({ state: 'passed', measured: 3, detail: expect.stringMatching(/^datagram \d+ of cn-to-mn arrived in 3 hops through R → FA1 → MN$/) });
    expect(eventOf(trace, direct!)).toMatchObject({ node: 'MN', kind: 'delivered' });
    expect(viaHa).toMatchObject({ state: 'pending', measured: 3, detail: expect.stringMatching(/^the latest datagram of cn-to-mn took 3 hops through R → FA\d → MN: not through HA$/) });
  });

  it('flow-loss: at least N passes when the N-th loss is known, LOSS_GRACE after it was sent; the evidence is where it died', () => {
    const [lost] = evaluate(id, trace, [{ kind: 'flow-loss', text: 't', flow: 'cn-to-mn', atLeast: 3 }], 13);
    expect(lost).toMatchObject({ state: 'passed', measured: 3 });
    const died = eventOf(trace, lost!)!;
    expect(died.node).toBe('FA1'); // delivered into a cell the mobile node has left
    expect(lost!.at! - LOSS_GRACE).toBeGreaterThanOrEqual(13.5 * S - 200_000);
  });

  it('flow-loss: at most N passes at the end of its span (and the grace), or fails at the one too many', () => {
    const [before, after, tooMany] = evaluate(id, trace, [
      { kind: 'flow-loss', text: 't', flow: 'cn-to-mn', atMost: 0, withinS: 5 },
      { kind: 'flow-loss', text: 't', flow: 'cn-to-mn', atMost: 0, withinS: 5, after: 'step' },
      { kind: 'flow-loss', text: 't', flow: 'cn-to-mn', atLeast: 100, withinS: 3 },
    ], 2);
    expect(before).toMatchObject({ state: 'passed', at: 7 * S + LOSS_GRACE, measured: 0 });
    expect(after).toEqual(before);
    expect(tooMany).toMatchObject({ state: 'failed', at: 5 * S + LOSS_GRACE, measured: 0 });
    const [late] = evaluate(id, trace, [{ kind: 'flow-loss', text: 't', flow: 'cn-to-mn', atMost: 0, withinS: 5 }], 13);
    expect(late).toMatchObject({ state: 'failed', measured: 1, detail: '1 datagram of cn-to-mn lost: more than 0' });
  });
});
