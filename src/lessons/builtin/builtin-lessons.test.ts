import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runLesson, type LessonRun } from '../headless/run-lesson';
import { LessonEvaluator } from '../evaluate/evaluator';
import type { LoadedLesson } from '../format/validate';
import { replayInBatches } from '../test-support/fixtures';
import { BUILTIN_LESSONS, loadBuiltinLesson } from './index';

// Every built-in lesson is valid, teaches in 4–8 steps with at least two
// predictions, is solved by its reference actions, is not solved without the
// learner, and predicts only what the real run then shows.

const here = dirname(fileURLToPath(import.meta.url));

describe('the built-in lessons', () => {
  it('are every JSON file in src/lessons/builtin/, each under its own id', () => {
    const files = readdirSync(here).filter((f) => f.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(BUILTIN_LESSONS.map((l) => l.file).sort()).toEqual(files);
    expect(BUILTIN_LESSONS.map((l) => l.id)).toEqual(['triangle-routing', 'triangle-cost', 'binding-cache', 'cache-eviction', 'binding-warning-and-legacy', 'binding-lifetimes', 'private-bindings',
      'smooth-handoff', 'handoff-in-detail', 'binding-update-attacks', 'timestamps-and-nonces', 'smooth-handoff-replay', 'master-key',
      'key-existing-association', 'key-home-agent-kdc', 'key-foreign-agent-public-key', 'key-mobile-node-public-key', 'key-diffie-hellman',
      'choosing-a-key-method', 'key-man-in-the-middle', 'ipv6-route-optimization']);
    for (const l of BUILTIN_LESSONS) {
      expect(l.file).toBe(`${l.id}.json`);
      expect(loadBuiltinLesson(l.id).lesson.id).toBe(l.id);
    }
  });
});

describe.each(BUILTIN_LESSONS.map((l) => l.id))('lesson %s', (id) => {
  let loaded: LoadedLesson;
  let solved: LessonRun;
  let idle: LessonRun;
  beforeAll(async () => {
    loaded = loadBuiltinLesson(id);
    solved = await runLesson(loaded, { mode: 'solve' });
    idle = await runLesson(loaded, { mode: 'idle' });
  });

  it('has 4–8 steps, at least two predictions, and asks the learner to act', () => {
    const steps = loaded.lesson.steps;
    expect(steps.length).toBeGreaterThanOrEqual(4);
    expect(steps.length).toBeLessThanOrEqual(8);
    expect(steps.filter((s) => s.prediction !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(loaded.actions.some((a) => a.length > 0)).toBe(true);
  });

  it('--solve: every check of every step passes with the reference actions', () => {
    expect(solved.steps).toHaveLength(loaded.lesson.steps.length);
    const failing = solved.steps.flatMap((s) => s.status.checks.flatMap((c, j) => (c.state === 'passed' ? [] : [`step ${s.index + 1} check ${j + 1}: ${c.detail}`])));
    expect(failing).toEqual([]);
    expect(solved.allPassed).toBe(true);
    expect(solved.commandLog).toHaveLength(loaded.actions.flat().length);
  });

  it('--idle: every step that asks the learner to act has a check that does not pass without the learner', () => {
    const acting = idle.steps.filter((s) => loaded.actions[s.index]!.length > 0);
    expect(acting.length).toBeGreaterThan(0);
    for (const s of acting) expect(s.status.checks.some((c) => c.state !== 'passed')).toBe(true);
    expect(idle.allPassed).toBe(false);
    expect(idle.commandLog).toEqual([]);
  });

  it('each acting step fails when only its own actions are left out', async () => {
    const acting = loaded.actions.flatMap((a, k) => (a.length > 0 ? [k] : []));
    expect(acting.length).toBeGreaterThan(0);
    for (const k of acting) {
      const run = await runLesson(loaded, { mode: 'solve', actionsFor: (j) => (j === k ? [] : loaded.actions[j]!) });
      expect(run.steps.slice(0, k).every((s) => s.status.state === 'passed')).toBe(true);
      expect(run.steps[k]!.status.state, `step ${k + 1} without its actions`).not.toBe('passed');
    }
  });

  it('every prediction is true of the real run: the check that answers it passes, and a number is within its tolerance', () => {
    const predicted = loaded.lesson.steps.flatMap((s, k) => (s.prediction === undefined ? [] : [{ k, p: s.prediction }]));
    expect(predicted.length).toBeGreaterThanOrEqual(2);
    for (const { k, p } of predicted) {
      const answer = solved.steps[k]!.status.checks[p.answeredBy]!;
      expect(answer.state, `step ${k + 1}'s prediction`).toBe('passed');
      if (p.kind === 'number') {
        expect(answer.measured, `step ${k + 1}'s prediction measures a number`).toBeDefined();
        expect(Math.abs(answer.measured! - p.answer)).toBeLessThanOrEqual(p.tolerance);
      } else {
        expect(p.answer).toBeLessThan(p.choices.length);
      }
    }
  });

  it('replaying the solved run\'s command log frame by frame, as the page does, gives the same check results (the proof a lab report carries)', async () => {
    const batches = await replayInBatches(loaded, solved.commandLog, solved.endedAt, 16_667);
    const starts = solved.steps.map((s) => s.status.startedAt!);
    const ev = new LessonEvaluator(loaded);
    let next = 0;
    for (const b of batches) {
      ev.feed(b.events);
      for (const c of b.commands) ev.command(c);
      ev.advance(b.now);
      for (; next < starts.length && starts[next]! <= b.now; next++) ev.startStep(next, starts[next]!);
    }
    expect(next).toBe(starts.length);
    expect(ev.steps()).toEqual(solved.steps.map((s) => s.status));
  });
});
