// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterFirstPaint, usePaintedOnce } from './after-first-paint';

// The lab's first frame leaves its panels' contents to the next one (LabLayout.tsx): the hook
// is false while that frame is committed and painted, true after, and a tab with no frames
// (in the background) still gets there.

function Probe() {
  return <p>{usePaintedOnce() ? 'painted' : 'first frame'}</p>;
}

describe('usePaintedOnce', () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('is false in the first commit and true once a frame has been drawn', async () => {
    render(<Probe />);
    expect(screen.getByText('first frame')).toBeTruthy();
    expect(await screen.findByText('painted')).toBeTruthy();
  });

  it('runs its callback once, even when both the frame and the fallback timer fire', async () => {
    vi.useFakeTimers();
    const then = vi.fn();
    afterFirstPaint(then);
    expect(then).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    expect(then).toHaveBeenCalledTimes(1);
  });
});
