// @vitest-environment happy-dom
// Opening a lesson: its scenario is opened (here a fake runtime stands in for
// the real one), then the lesson on that run — fresh, or with the progress
// kept in the browser, replayed to where the learner left it. A page address
// with `?lesson=` opens one directly; an unknown lesson opens the first.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoadedScenario } from '../../scenarios/to-topology';
import type { OpenOptions } from '../app/open-scenario';
import { parseRunLink } from '../app/run-link';
import { fakeRuntime, type FakeRuntime } from '../controls/test-support/fake-runtime';
import { useLab } from '../store/lab-store';
import { resetLabStore } from '../test-support/component-test';
import { freshProgress, progressKey, writeProgress } from './lesson-progress';
import { readProgress } from './stored-progress';
import { lessonById } from './lesson-catalog';
import { openLesson, openLessonFromLink, restartLesson } from './open-lesson';

const opened: { id: string; options: OpenOptions; runtime: FakeRuntime }[] = [];

vi.mock('../app/open-scenario', () => ({
  openLoadedScenario: vi.fn(async (loaded: LoadedScenario, id: string, options: OpenOptions) => {
    const runtime = { ...fakeRuntime(loaded), seed: options.seed ?? loaded.seed };
    opened.push({ id, options, runtime });
    useLab.getState().attachRuntime(runtime, id);
    useLab.getState().applyBatch({ now: 0, status: 'paused', speed: 1, trace: [], commands: [] });
  }),
}));

beforeEach(() => {
  resetLabStore();
  localStorage.clear();
  opened.length = 0;
  window.history.replaceState(null, '', '/lab/?mode=in-page');
});

describe('openLesson', () => {
  it('opens the lesson\'s scenario, then the lesson at its first step, and names it in the address', async () => {
    await openLesson('triangle-routing');
    expect(opened.map((o) => o.id)).toEqual(['triangle-routing']);
    expect(opened[0]!.options).toEqual({});
    const lesson = useLab.getState().lesson!;
    expect(lesson.id).toBe('triangle-routing');
    expect(lesson.progress).toMatchObject({ step: 0, reached: 0, starts: [0] });
    expect(lesson.feed.status(0).state).toBe('pending');
    expect(new URLSearchParams(window.location.search).get('lesson')).toBe('triangle-routing');
    expect(readProgress(lessonById('triangle-routing')!)).not.toBeNull(); // saved at once
  });

  it('runs a lesson\'s inline scenario under the lesson\'s name', async () => {
    await openLesson('binding-update-attacks');
    expect(opened[0]!.id).toBe('lesson:binding-update-attacks');
    expect(useLab.getState().scenario?.title).toBe('Attacks on Binding Updates');
  });

  it('restores stored progress: the same seed and commands, replayed to where the learner was', async () => {
    const loaded = lessonById('triangle-routing')!;
    const commands = [{ at: 2_756_000, command: { type: 'move' as const, node: 'MN', position: { x: 780, y: 450 } } }];
    writeProgress('triangle-routing', { ...freshProgress(loaded, 9), step: 2, reached: 2, starts: [0, 2_022_000, 2_256_000], commands, now: 4_000_000 });
    await openLesson('triangle-routing');
    expect(opened[0]!.options).toEqual({ seed: 9, commands });
    expect(opened[0]!.runtime.seek).toHaveBeenCalledWith(4_000_000);
    expect(useLab.getState().lesson!.progress).toMatchObject({ step: 2, reached: 2 });
  });

  it('opens fresh over a malformed stored value', async () => {
    localStorage.setItem(progressKey('smooth-handoff'), '{"version":1,"step":"three"');
    await openLesson('smooth-handoff');
    expect(opened[0]!.options).toEqual({});
    expect(opened[0]!.runtime.seek).not.toHaveBeenCalled();
    expect(useLab.getState().lesson!.progress.step).toBe(0);
  });

  it('restart reloads the scenario and clears the progress', async () => {
    const loaded = lessonById('binding-cache')!;
    writeProgress('binding-cache', { ...freshProgress(loaded, 1), step: 1, reached: 1, starts: [0, 2_020_000], now: 2_500_000 });
    await openLesson('binding-cache');
    await restartLesson('binding-cache');
    expect(opened).toHaveLength(2);
    expect(opened[1]!.options).toEqual({ mode: 'in-page' });
    expect(useLab.getState().lesson!.progress).toMatchObject({ step: 0, reached: 0, starts: [0], now: 0 });
  });

  it('another scenario opened closes the lesson, its progress saved', async () => {
    await openLesson('triangle-routing');
    useLab.getState().attachRuntime(fakeRuntime(useLab.getState().scenario!), 'explore');
    expect(useLab.getState().lesson).toBeNull();
    expect(readProgress(lessonById('triangle-routing')!)).not.toBeNull();
  });
});

describe('a page address naming a lesson', () => {
  it('opens it', async () => {
    await openLessonFromLink(parseRunLink('?lesson=smooth-handoff&mode=in-page'));
    expect(useLab.getState().lesson?.id).toBe('smooth-handoff');
    expect(opened[0]!.options).toEqual({ mode: 'in-page' });
    expect(useLab.getState().loadError).toBeNull();
  });

  it('opens the first lesson instead of one the lab does not have, and says so', async () => {
    await openLessonFromLink(parseRunLink('?lesson=no-such-lesson&seed=4'));
    expect(useLab.getState().lesson?.id).toBe('triangle-routing');
    expect(useLab.getState().loadError).toBe([
      'Parts of the link were not used:',
      '  • there is no lesson "no-such-lesson"; the first lesson, "triangle-routing", is opened instead',
      '  • a lesson runs its own scenario, so the link\'s scenario, seed and commands are not used',
    ].join('\n'));
  });
});
