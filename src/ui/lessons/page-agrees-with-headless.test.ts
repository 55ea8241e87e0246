// What a learner sees and what a grader verifies cannot disagree (docs/lessons.md):
// each built-in lesson is solved headless (`mip-lab lesson <id> --solve`),
// then the same run — its command log replayed by the runtime's Timeline —
// is delivered to the page's store in batches of several sizes, as the
// runtime publishes them, with the learner pressing Next whenever a step has
// ended. Every step starts at the same time and every check ends with the
// same state, time, evidence and count as in the headless run.

import { beforeEach, describe, expect, it } from 'vitest';
import type { Micros } from '../../engine/node/time';
import { BUILTIN_LESSONS, loadBuiltinLesson, runLesson, type LessonRun, type LoadedLesson, type StepStatus } from '../../lessons';
import { replayInBatches } from '../../lessons/test-support/fixtures';
import type { CommandLogEntry } from '../../runtime/types';
import { fakeRuntime } from '../controls/test-support/fake-runtime';
import { useLab } from '../store/lab-store';
import { resetLabStore } from '../test-support/component-test';
import { freshProgress } from './lesson-progress';

/** µs per batch: an animation frame in slow motion, one at real time, a busy frame at 16×, a seek of 5 s. */
const BATCH_SIZES: readonly Micros[] = [1_000, 16_667, 266_667, 5_000_000];

/** What must agree: everything but the pending details (how far a count had got when each run stopped looking). */
function comparable(s: StepStatus) {
  return {
    state: s.state, startedAt: s.startedAt, actedAt: s.actedAt, completedAt: s.completedAt,
    checks: s.checks.map((c) => ({ state: c.state, at: c.at, evidence: c.evidence, measured: c.state === 'pending' ? undefined : c.measured, detail: c.state === 'pending' ? undefined : c.detail })),
  };
}

/** The run delivered to the store in batches of `size` µs; the learner presses Next as soon as a step has ended. */
async function playInPage(loaded: LoadedLesson, run: LessonRun, size: Micros): Promise<StepStatus[]> {
  resetLabStore();
  const runtime = fakeRuntime(loaded.scenario);
  useLab.setState({ runtime, scenario: loaded.scenario, scenarioId: loaded.scenarioId ?? 'inline', status: 'paused' });
  const batches = await replayInBatches(loaded, run.commandLog, run.endedAt, size);
  let log: CommandLogEntry[] = [];
  batches.forEach((b, i) => {
    if (b.commands.length > 0) log = [...log, ...b.commands];
    useLab.getState().applyBatch({ now: b.now, status: 'playing', speed: 1, trace: b.events, ...(b.commands.length > 0 || i === 0 ? { commands: log } : {}) });
    if (i === 0) useLab.getState().beginLesson(loaded, freshProgress(loaded, loaded.scenario.seed));
    for (;;) {
      const l = useLab.getState().lesson!;
      const k = l.progress.reached;
      if (k === loaded.lesson.steps.length - 1 || l.feed.endOf(k) === undefined) break;
      useLab.getState().lessonNext();
    }
  });
  return useLab.getState().lesson!.feed.evaluator.steps();
}

describe('the page evaluates a lesson as the headless run does', () => {
  beforeEach(() => resetLabStore());

  for (const { id } of BUILTIN_LESSONS) {
    it(`${id}: the same steps and checks in batches of ${BATCH_SIZES.map((s) => `${s / 1000} ms`).join(', ')}`, async () => {
      const loaded = loadBuiltinLesson(id);
      const run = await runLesson(loaded, { mode: 'solve' });
      expect(run.allPassed).toBe(true);
      // A step that passes before its last reference action ends there in the page — the learner moves on —
      // while the headless run waits to send that action: the two runs part. Say so plainly.
      run.steps.forEach((r, k) => {
        const last = loaded.actions[k]?.at(-1);
        if (last === undefined || r.status.startedAt === undefined) return;
        const lastAt = r.status.startedAt + last.after;
        expect(r.status.completedAt!, `step ${k + 1} "${r.title}" passes before its last reference action (at ${lastAt} µs): a learner in the page would move on without it`).toBeGreaterThanOrEqual(lastAt);
      });
      const headless = run.steps.map((r) => comparable(r.status));
      for (const size of BATCH_SIZES) {
        const page = await playInPage(loaded, run, size);
        expect(page.map(comparable), `batches of ${size / 1000} ms`).toEqual(headless);
      }
    }, 120_000);
  }
});
