// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabRuntime } from '../../../runtime/types';
import { useLab } from '../../store/lab-store';
import { resetLabStore } from '../../test-support/component-test';
import { RunNoticeBar } from './RunNoticeBar';
import { dismissRunNotice, showRunNotice } from './run-notice';

const runtime = {} as LabRuntime;

afterEach(cleanup);
beforeEach(() => {
  resetLabStore();
  dismissRunNotice();
  useLab.setState({ runtime });
});

describe('the note about a run opened from the page address', () => {
  it('names whose run it is, where, and how many actions were replayed; Dismiss hides it', () => {
    showRunNotice({ runtime, kind: 'shared', title: 'Explore', at: 8_000_000, actions: 3, playing: false });
    render(<RunNoticeBar />);
    const note = screen.getByRole('status', { name: 'Run from the page address' });
    expect(note.textContent).toBe('A shared run: Explore, paused at 8.000 s, 3 learner actions replayed.Dismiss');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss the note about this run' }));
    expect(screen.queryByRole('status', { name: 'Run from the page address' })).toBeNull();
  });

  it('says a reloaded run is the learner\'s own, playing on', () => {
    showRunNotice({ runtime, kind: 'restored', title: 'Explore', at: 1_500_000, actions: 1, playing: true });
    render(<RunNoticeBar />);
    expect(screen.getByRole('status').textContent).toContain('Your run, back where you left it: Explore, playing from 1.500 s, 1 learner action replayed.');
  });

  it('goes away when another run is opened', () => {
    showRunNotice({ runtime, kind: 'shared', title: 'Explore', at: 0, actions: 1, playing: false });
    render(<RunNoticeBar />);
    expect(screen.queryByRole('status')).not.toBeNull();
    act(() => useLab.setState({ runtime: {} as LabRuntime }));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
