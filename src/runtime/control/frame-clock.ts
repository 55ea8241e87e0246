// The wall clock and the display's frames, injected into the control layer so
// that pacing is testable on fake time: tests advance a FakeFrameClock
// (fake-frame-clock.ts) and nothing sleeps. The engine never sees either —
// only virtual time crosses into it (docs/architecture.md "Engine").

/** Opaque: whatever requestFrame returned. */
export type FrameHandle = unknown;

export interface FrameClock {
  /** Wall time in milliseconds (any origin; only differences are used). */
  now(): number;
  /** Calls `callback` once, before the next repaint. */
  requestFrame(callback: () => void): FrameHandle;
  cancelFrame(handle: FrameHandle): void;
}

/** requestAnimationFrame + performance.now; a 16 ms timer where there is no display (Node, a worker). */
export function browserFrameClock(): FrameClock {
  const hasAnimationFrames = typeof requestAnimationFrame === 'function' && typeof cancelAnimationFrame === 'function';
  return {
    now: () => performance.now(),
    requestFrame: (callback) => (hasAnimationFrames ? requestAnimationFrame(() => callback()) : setTimeout(callback, 16)),
    cancelFrame: (handle) => {
      if (hasAnimationFrames) cancelAnimationFrame(handle as number);
      else clearTimeout(handle as ReturnType<typeof setTimeout>);
    },
  };
}
