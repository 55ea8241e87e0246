// @vitest-environment happy-dom
// Playback controls drive the runtime held in the store (runtime/types.ts):
// a fake runtime with spies stands in for it, the trace comes from real runs.

import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useLab } from '../store/lab-store';
import { loadFixtureIntoStore, runFixture, type LabFixture } from '../test-support/lab-fixture';
import { PlaybackControls } from './PlaybackControls';
import { installFakeRuntime, type FakeRuntime } from './test-support/fake-runtime';
import { failOnConsoleErrors, resetLabStore } from '../test-support/component-test';

let smooth: LabFixture;
beforeAll(() => {
  smooth = runFixture('smooth-handoff', 20_000_000);
});

let runtime: FakeRuntime;
failOnConsoleErrors();
beforeEach(() => {
  resetLabStore();
  loadFixtureIntoStore(smooth, 'smooth-handoff');
  runtime = installFakeRuntime(smooth.scenario);
});

const setStatus = (status: 'paused' | 'playing' | 'finished' | 'failed', extra: object = {}): void =>
  act(() => useLab.getState().applyBatch({ now: useLab.getState().now, status, speed: useLab.getState().speed, trace: [], ...extra }));

describe('PlaybackControls', () => {
  it('plays, pauses and steps through the runtime', async () => {
    render(<PlaybackControls />);
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    expect(runtime.start).toHaveBeenCalledTimes(1);
    setStatus('playing');
    expect(screen.getByRole('button', { name: 'Step' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(runtime.pause).toHaveBeenCalledTimes(1);
    setStatus('paused');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Step' }));
    });
    expect(runtime.step).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toBe('Paused');
  });

  it('sets the speed, from slow motion to fast-forward', () => {
    render(<PlaybackControls />);
    const speed = screen.getByRole('combobox', { name: 'Speed' });
    expect((speed as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('real time (1×)');
    fireEvent.change(speed, { target: { value: '0.001' } });
    expect(runtime.setSpeed).toHaveBeenLastCalledWith(0.001);
    fireEvent.change(speed, { target: { value: 'unpaced' } });
    expect(runtime.setSpeed).toHaveBeenLastCalledWith('unpaced');
    expect(within(speed).queryByRole('option', { name: 'slow motion (1 ms = 1 s)' })).not.toBeNull();
  });

  it('answers Space and → , but not while the learner types in a field', async () => {
    render(<><PlaybackControls /><input aria-label="Notes" /></>);
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(runtime.start).toHaveBeenCalledTimes(1);
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    });
    expect(runtime.step).toHaveBeenCalledTimes(1);
    const notes = screen.getByRole('textbox', { name: 'Notes' });
    fireEvent.keyDown(notes, { key: ' ' });
    fireEvent.keyDown(notes, { key: 'ArrowRight' });
    expect(runtime.start).toHaveBeenCalledTimes(1);
    expect(runtime.step).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(/Space play\/pause · → step/)).not.toBeNull();
  });

  it('shows the time on a seek bar that speaks it, and seeks where it is moved', async () => {
    render(<PlaybackControls />);
    const bar = screen.getByRole('slider', { name: 'Virtual time' });
    expect(bar.getAttribute('aria-valuetext')).toBe('20.000 s of 30 s');
    expect(screen.queryByText('20.000 s')).not.toBeNull();
    await act(async () => {
      fireEvent.change(bar, { target: { value: '5000000' } });
    });
    expect(runtime.seek).toHaveBeenCalledWith(5_000_000);
  });

  it('marks the handoffs and registrations of the smooth-handoff run, each seeking there', async () => {
    render(<PlaybackControls />);
    const markers = screen.getByRole('list', { name: 'Handoffs and registrations' });
    // MN moves at 12 s (into the overlap of cell1 and cell2) and 13.5 s (cell2 only); registers at 0.025 s and again via FA2.
    const handoffs = within(markers).getAllByRole('button', { name: /^Handoff at/ });
    expect(handoffs.map((b) => b.textContent!.match(/at (\S+ s)/)![1])).toEqual(['12.000 s', '13.500 s']);
    const registrations = within(markers).getAllByRole('button', { name: /^Registration at/ });
    expect(registrations[0]!.textContent).toContain('0.025 s: MN registered via 192.168.2.1');
    expect(registrations.some((b) => b.textContent!.includes('registered via 192.168.3.1'))).toBe(true);
    await act(async () => {
      fireEvent.click(handoffs[0]!);
    });
    expect(runtime.seek).toHaveBeenCalledWith(12_000_000);
  });

  it('says why a run failed and offers no play button that cannot work', () => {
    render(<PlaybackControls />);
    setStatus('failed', { failure: { node: 'FA2', reason: 'worker crashed' } });
    expect(screen.getByRole('status').textContent).toBe('Failed: node FA2: worker crashed');
    expect(screen.getByRole('button', { name: 'Play' })).toHaveProperty('disabled', true);
    setStatus('finished');
    expect(screen.getByRole('status').textContent).toBe('Finished: the scenario ends at 30 s');
  });
});
