// @vitest-environment happy-dom
// The lesson player on real lesson data: the triangle-routing lesson, solved
// headless, its run replayed by the runtime's Timeline and delivered to the
// store in batches as the page receives them (a fake runtime takes the
// player's play, pause and seek).

import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Micros } from '../../engine/node/time';
import { loadBuiltinLesson, runLesson, type LoadedLesson } from '../../lessons';
import { replayInBatches, type Batch } from '../../lessons/test-support/fixtures';
import type { CommandLogEntry, RuntimeStatus } from '../../runtime/types';
import { PlaybackControls } from '../controls/PlaybackControls';
import { installFakeRuntime, type FakeRuntime } from '../controls/test-support/fake-runtime';
import { useLab } from '../store/lab-store';
import { failOnConsoleErrors, resetLabStore } from '../test-support/component-test';
import { freshProgress, progressKey } from './lesson-progress';
import { readProgress } from './stored-progress';
import { LessonPanel } from './LessonPanel';
import { restartLesson } from './open-lesson';

// Restart reopens the lesson's scenario with a real runtime (open-lesson.test.ts covers that): here, only that it is asked for.
vi.mock('./open-lesson', async (original) => ({ ...(await original<typeof import('./open-lesson')>()), restartLesson: vi.fn(async () => undefined) }));

let triangle: LoadedLesson;
let solved: readonly Batch[];
let handoff: LoadedLesson;
let lostInHandoff: readonly Batch[];

beforeAll(async () => {
  triangle = loadBuiltinLesson('triangle-routing');
  const run = await runLesson(triangle, { mode: 'solve' });
  solved = await replayInBatches(triangle, run.commandLog, run.endedAt, 100_000);
  // Smooth handoff, done wrong: the mobile node dragged out of every cell instead of into FA2's.
  handoff = loadBuiltinLesson('smooth-handoff');
  const away: CommandLogEntry[] = [{ at: 2_706_000, command: { type: 'move', node: 'MN', position: { x: 540, y: 900 } } }];
  lostInHandoff = await replayInBatches(handoff, away, 6_000_000, 100_000);
});

/** Delivers a replayed run to the store, batch by batch, as the runtime would. */
class Delivery {
  private next = 0;
  private log: CommandLogEntry[] = [];
  constructor(private readonly batches: readonly Batch[]) {}

  until(t: Micros, status: RuntimeStatus = 'playing'): void {
    act(() => {
      while (this.next < this.batches.length && this.batches[this.next]!.now <= t) {
        const b = this.batches[this.next++]!;
        if (b.commands.length > 0) this.log = [...this.log, ...b.commands];
        useLab.getState().applyBatch({ now: b.now, status, speed: 1, trace: b.events, ...(b.commands.length > 0 ? { commands: this.log } : {}) });
      }
    });
  }

  /** The runtime did what it was asked (pause, play): a batch with the new status and nothing else. */
  status(status: RuntimeStatus): void {
    const { now, speed } = useLab.getState();
    act(() => useLab.getState().applyBatch({ now, status, speed, trace: [] }));
  }
}

let runtime: FakeRuntime;
failOnConsoleErrors();
beforeEach(() => {
  resetLabStore();
  localStorage.clear();
});

/** The lesson opened on a fresh run, as open-lesson.ts does: scenario first, then the lesson on it. */
function open(loaded: LoadedLesson, batches: readonly Batch[]): Delivery {
  useLab.setState({ scenario: loaded.scenario, scenarioId: loaded.scenarioId, status: 'paused' });
  runtime = installFakeRuntime(loaded.scenario);
  const delivery = new Delivery(batches);
  delivery.until(0, 'paused');
  act(() => useLab.getState().beginLesson(loaded, readProgress(loaded) ?? freshProgress(loaded, loaded.scenario.seed)));
  return delivery;
}

const microtasks = () => act(async () => { await Promise.resolve(); });
const panel = () => screen.getByRole('region', { name: 'Triangle routing' });
const checks = () => within(panel()).getByRole('list', { name: 'Checks' });

async function answerFirstStep(value: string): Promise<void> {
  fireEvent.change(screen.getByRole('spinbutton', { name: /How many link hops/ }), { target: { value } });
  fireEvent.click(screen.getByRole('button', { name: 'Check my prediction' }));
  await microtasks();
}

describe('LessonPanel: predict, act, observe', () => {
  it('asks the prediction first and keeps the network paused until it is answered', async () => {
    const run = open(triangle, solved);
    render(<><PlaybackControls /><LessonPanel /></>);
    expect(within(panel()).getByText('Step 1 of 5')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'The long way round' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Play' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('group', { name: 'Playback' }).textContent).toContain('answer the lesson\'s prediction');

    run.until(300_000); // started anyway (a shortcut, another tab): the lesson pauses it again
    await microtasks();
    expect(runtime.pause).toHaveBeenCalled();
    run.status('paused');

    fireEvent.click(screen.getByRole('button', { name: 'Check my prediction' }));
    expect(screen.getByRole('alert').textContent).toBe('Type a number first.');
    await answerFirstStep('3');
    expect(runtime.start).toHaveBeenCalledTimes(1);
    const feedback = document.activeElement as HTMLElement;
    expect(feedback.className).toContain('lesson-feedback-wrong');
    expect(feedback.textContent).toContain('Not quite. You predicted: 3 hops');
    expect(feedback.textContent).toContain('This detour is triangle routing (Perkins & Johnson §2)');
    expect(within(feedback).getByRole('link', { name: 'Perkins & Johnson §2' })).toBeTruthy();
    expect(screen.queryByRole('spinbutton')).toBeNull();
  });

  it('a choice is a radio group; the explanation of the chosen answer follows, right or wrong', async () => {
    const run = open(triangle, solved);
    render(<LessonPanel />);
    await answerFirstStep('5');
    expect(screen.getByText(/^Right\./)).toBeTruthy();
    run.until(2_100_000);
    act(() => useLab.getState().lessonNext());
    const group = screen.getByRole('radiogroup', { name: /Which way do the mobile node's datagrams to the correspondent go\?/ });
    const radios = within(group).getAllByRole('radio');
    expect(radios).toHaveLength(3);
    fireEvent.click(radios[1]!);
    fireEvent.click(screen.getByRole('button', { name: 'Check my prediction' }));
    await microtasks();
    const feedback = document.activeElement as HTMLElement;
    expect(feedback.textContent).toContain('Not quite. You predicted: Back through the home agent, in a tunnel');
    expect(feedback.textContent).toContain('nothing makes the mobile node tunnel home');
    run.until(2_400_000); // the check that answers it passes: the right answer is shown
    expect(feedback.textContent).toContain('The run shows the answer: Straight to the correspondent, through FA1 and the router');
  });

  it('shows checks waiting, then done with when and what was seen', async () => {
    const run = open(triangle, solved);
    render(<LessonPanel />);
    const [route, table] = within(checks()).getAllByRole('listitem');
    expect(route!.textContent).toContain('Waiting: A datagram from the correspondent reaches the mobile node in 5 hops');
    expect(route!.textContent).toContain('waiting for a datagram');
    expect(within(route!).queryByRole('button')).toBeNull();
    await answerFirstStep('5');
    run.until(2_100_000);
    expect(route!.textContent).toContain('Done: A datagram');
    expect(route!.textContent).toContain('Done at 2.022 s: datagram 0 of cn-to-mn arrived in 5 hops through R → HA → R → FA1 → MN');
    expect(table!.textContent).toContain('Done at 0.013 s');
    expect(screen.getByRole('status').textContent).toBe('Step done. Look around, then go to the next step.');
    await microtasks();
    expect(runtime.pause).toHaveBeenCalledTimes(1); // the step's end: the learner gets to look
  });

  it('shows a failed check with what was seen instead', () => {
    const run = open(handoff, lostInHandoff);
    render(<LessonPanel />);
    fireEvent.click(screen.getAllByRole('radio')[0]!);
    fireEvent.click(screen.getByRole('button', { name: 'Check my prediction' }));
    run.until(2_300_000);
    act(() => useLab.getState().lessonNext());
    fireEvent.change(screen.getByRole('spinbutton'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check my prediction' }));
    run.until(6_000_000);
    const lost = within(screen.getByRole('list', { name: 'Checks' })).getAllByRole('listitem').find((li) => li.textContent!.includes('No datagram from the correspondent is lost'))!;
    expect(lost.className).toContain('lesson-check-failed');
    expect(lost.textContent).toMatch(/Failed: No datagram .*Failed at \d+\.\d{3} s: 1 datagram of cn-to-mn lost: more than 0/);
    expect(screen.getByRole('status').textContent).toContain('A check failed');
    expect(within(lost).getByRole('button', { name: /^Show me: No datagram/ })).toBeTruthy(); // where it died
  });

  it('"Show me" seeks to the evidence and selects its packet, and for a table change the node, in every view', async () => {
    const run = open(triangle, solved);
    render(<LessonPanel />);
    await answerFirstStep('5');
    run.until(2_100_000);
    const evidence = useLab.getState().lesson!.views[0]!.checks[0]!.evidence!;
    fireEvent.click(screen.getByRole('button', { name: /^Show me: A datagram from the correspondent/ }));
    await microtasks();
    expect(runtime.seek).toHaveBeenLastCalledWith(evidence.time);
    const { selectedPacket, trace } = useLab.getState();
    expect(trace.byId.get(evidence.eventId)?.kind).toBe('delivered');
    // The transmission that delivered it: the last hop, FA1 → MN.
    expect(trace.packetById.get(selectedPacket!)?.node).toBe('FA1');
    expect(trace.outcomes.get(selectedPacket!)?.map((e) => `${e.node} ${e.kind}`)).toContain('MN received');

    fireEvent.click(screen.getByRole('button', { name: /^Show me: The home agent's mobility bindings/ }));
    await microtasks();
    expect(useLab.getState().selectedNode).toBe('HA');
    expect(trace.packetById.get(useLab.getState().selectedPacket!)?.protocol).toBe('Registration Request');
  });

  it('Back and Next move between steps, taking the focus to the step\'s heading', async () => {
    const run = open(triangle, solved);
    render(<LessonPanel />);
    expect(screen.getByRole('button', { name: 'Back' })).toHaveProperty('disabled', true);
    await answerFirstStep('5');
    run.until(2_100_000);
    fireEvent.click(screen.getByRole('button', { name: 'Next step' }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 3, name: 'The short way back' }));
    expect(within(panel()).getByText('Step 2 of 5')).toBeTruthy();
    expect(useLab.getState().lesson!.progress.starts).toEqual([0, 2_022_000]); // where step 1 ended, as a headless run has it

    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 3, name: 'The long way round' }));
    expect(screen.getByRole('status').textContent).toBe('You are looking back at an earlier step; the lesson is at step 2.');
    expect(document.querySelector('.lesson-feedback')!.textContent).toContain('Right. You predicted: 5 hops');
    fireEvent.click(screen.getByRole('button', { name: 'Next step' }));
    expect(useLab.getState().lesson!.progress).toMatchObject({ step: 1, reached: 1 });
    expect(screen.getByRole('button', { name: 'Skip this step' })).toBeTruthy(); // step 2 has not passed yet
  });
});

describe('LessonPanel: starting over', () => {
  it('Restart asks first, keeping the focus on the question, then reloads the lesson', () => {
    open(triangle, solved);
    render(<LessonPanel />);
    const restart = screen.getByRole('button', { name: 'Restart lesson' });
    fireEvent.click(restart);
    const question = screen.getByRole('group', { name: 'Restart the lesson?' });
    expect(question.textContent).toContain('Your answers are cleared.');
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Restart lesson' }));
    expect(restartLesson).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Restart lesson' }));
    fireEvent.click(within(screen.getByRole('group', { name: 'Restart the lesson?' })).getByRole('button', { name: 'Restart' }));
    expect(restartLesson).toHaveBeenCalledWith('triangle-routing');
  });
});

describe('LessonPanel: progress kept in the browser', () => {
  it('restores the step, the answers and the passed checks after a reload', async () => {
    const run = open(triangle, solved);
    const first = render(<LessonPanel />);
    await answerFirstStep('4');
    run.until(2_100_000, 'paused');
    act(() => useLab.getState().lessonNext());
    first.unmount();

    // A reload: a fresh store and run; the lesson comes back from localStorage.
    resetLabStore();
    const stored = readProgress(triangle)!;
    expect(stored).toMatchObject({ step: 1, reached: 1, starts: [0, 2_022_000], answers: [{ value: 4 }, null, null, null, null], now: 2_100_000 });
    open(triangle, solved);
    render(<LessonPanel />);
    expect(within(panel()).getByText('Step 2 of 5')).toBeTruthy();
    expect(screen.getByRole('radiogroup')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(document.querySelector('.lesson-feedback')!.textContent).toContain('You predicted: 4 hops');
    // Not replayed that far yet (the page seeks there): the passes the learner saw are kept.
    const route = within(checks()).getAllByRole('listitem')[0]!;
    expect(route.textContent).toContain('Done at 2.022 s');
    expect(route.textContent).toContain('(seen earlier in this run)');
  });

  it('ignores a malformed stored value and opens the lesson fresh, without a crash', () => {
    const malformed = [
      'not json {',
      'null',
      '[]',
      JSON.stringify({ version: 99 }),
      JSON.stringify({ ...freshProgress(triangle, 1), step: 7 }),
      JSON.stringify({ ...freshProgress(triangle, 1), answers: [{ choice: 9 }, null, null, null, null] }),
      JSON.stringify({ ...freshProgress(triangle, 1), passed: [[{ at: 'soon' }, null], [null], [null, null], [null, null], [null, null]] }),
      JSON.stringify({ ...freshProgress(triangle, 1), commands: [{ at: 5, command: { type: 'move', node: 'nobody', position: { x: 0, y: 0 } } }] }),
      JSON.stringify({ ...freshProgress(triangle, 1), now: 10 ** 12 }),
    ];
    for (const value of malformed) {
      resetLabStore();
      localStorage.setItem(progressKey('triangle-routing'), value);
      expect(readProgress(triangle), value).toBeNull();
      open(triangle, solved);
      const { unmount } = render(<LessonPanel />);
      expect(within(panel()).getByText('Step 1 of 5')).toBeTruthy();
      expect(screen.getByRole('spinbutton')).toBeTruthy();
      unmount();
    }
  });
});
