import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/node/contract';
import { seconds } from '../../engine/node/time';
import { loadBuiltinLesson } from '../builtin/index';
import { runLesson } from '../headless/run-lesson';
import { replayInBatches } from '../test-support/fixtures';
import { LessonEvaluator, type StepStatus } from './evaluator';

// The evaluator as the page uses it: fed batch by batch, with the learner's
// commands as the runtime applies them, and steps started as the player
// moves on. Whatever the batching, it must say the same. (That it agrees
// with the headless run, replayed frame by frame, is builtin-lessons.test.ts.)

const S = 1_000_000;

/** Splits `trace` before the given indices; each batch is settled up to just before the next batch's first event. */
function batchesAt(trace: readonly TraceEvent[], cuts: readonly number[], end: number) {
  const edges = [0, ...cuts.filter((c) => c > 0 && c < trace.length), trace.length];
  return edges.slice(1).map((to, i) => ({ events: trace.slice(edges[i], to), now: to < trace.length ? trace[to]!.time - 1 : end }));
}

describe('the evaluator fed incrementally agrees with itself fed at once (smooth-handoff lesson, solved)', async () => {
  const loaded = loadBuiltinLesson('smooth-handoff');
  const headless = await runLesson(loaded, { mode: 'solve' });
  const starts = headless.steps.map((s) => s.status.startedAt!);
  const end = headless.endedAt;
  const trace = (await replayInBatches(loaded, headless.commandLog, end, end)).flatMap((b) => b.events);

  it('one batch and many batches of any size give the same statuses', () => {
    const whole = new LessonEvaluator(loaded);
    starts.forEach((t, k) => whole.startStep(k, t));
    whole.feed(trace);
    for (const c of headless.commandLog) whole.command(c);
    whole.advance(end);
    const expected = whole.steps();
    expect(expected.map((s) => s.state)).toEqual(['passed', 'passed', 'passed', 'passed']);

    for (const size of [1, 7, 250, 4096]) {
      const cuts = Array.from({ length: Math.ceil(trace.length / size) }, (_, i) => i * size);
      const ev = new LessonEvaluator(loaded);
      starts.forEach((t, k) => ev.startStep(k, t));
      for (const c of headless.commandLog) ev.command(c);
      for (const b of batchesAt(trace, cuts, end)) {
        ev.feed(b.events);
        ev.advance(b.now);
      }
      expect(ev.steps()).toEqual(expected);
    }
  });

  it('a seek backwards (truncate) and the same trace again give the same statuses', () => {
    const ev = new LessonEvaluator(loaded);
    starts.forEach((t, k) => ev.startStep(k, t));
    for (const c of headless.commandLog) ev.command(c);
    ev.feed(trace);
    ev.advance(end);
    const expected = ev.steps();
    const t = seconds(12);
    ev.truncate(t);
    const afterTruncate = ev.steps();
    expect(afterTruncate[0]!.state).toBe('passed'); // done by 2.2 s
    expect(afterTruncate[2]!.state).toBe('pending'); // its losses come later
    expect(afterTruncate[3]!.state).toBe('not-started');
    for (const c of headless.commandLog.filter((c) => c.at > t)) ev.command(c);
    ev.feed(trace.filter((e) => e.time > t));
    ev.startStep(3, starts[3]!);
    ev.advance(end);
    expect(ev.steps()).toEqual(expected);
  });
});

describe('steps and actions', () => {
  const loaded = loadBuiltinLesson('triangle-routing');

  it('a step not started is reported as such, with every check pending', () => {
    const ev = new LessonEvaluator(loaded);
    const s: StepStatus = ev.step(2);
    expect(s.state).toBe('not-started');
    expect(s.checks).toHaveLength(2);
    expect(s.checks.map((c) => c.state)).toEqual(['pending', 'pending']);
  });

  it('an "after": "action" check waits for the learner\'s first command in the step, and looks from there', async () => {
    const run = await runLesson(loaded, { mode: 'solve' });
    const moved = run.commandLog[0]!;
    const batches = await replayInBatches(loaded, run.commandLog, seconds(8), S);
    const ev = new LessonEvaluator(loaded);
    ev.startStep(2, run.steps[2]!.status.startedAt!);
    for (const b of batches) ev.feed(b.events);
    ev.advance(seconds(8));
    expect(ev.step(2).checks[1]).toEqual({ state: 'pending', detail: 'waiting for your action' });
    ev.command(moved); // arrives after the events it precedes: the step's checks are re-folded
    expect(ev.step(2).actedAt).toBe(moved.at);
    expect(ev.step(2).checks[1]).toMatchObject({ state: 'passed', measured: 5 });
  });

  it('refuses a step that does not exist', () => {
    expect(() => new LessonEvaluator(loaded).startStep(5, 0)).toThrow(/no step 5 \(the lesson has 5\)/);
  });
});
