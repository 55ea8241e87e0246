// Dragging the mobile node sends `move` commands while the pointer moves, so a
// handoff happens during the drag, not only on drop — but at most one every
// interval (the runtime re-plans radio membership and routing on every move).
// Leading edge: the first move goes out at once; later ones within the interval
// collapse into one trailing send carrying the latest value; `flush` (on drop)
// sends what is pending immediately. Clock and timer are injected for tests.

export interface Throttle<T> {
  push(value: T): void;
  /** Sends the pending value now, if there is one. */
  flush(): void;
  /** Forgets the pending value. */
  cancel(): void;
}

export interface ThrottleClock {
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  later(fn: () => void, ms: number): () => void;
}

export const wallClock: ThrottleClock = {
  now: () => performance.now(),
  later: (fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

export function createThrottle<T>(intervalMs: number, send: (value: T) => void, clock: ThrottleClock = wallClock): Throttle<T> {
  let lastSent = -Infinity;
  let pending: { value: T } | null = null;
  let cancelTimer: (() => void) | null = null;

  const fire = (): void => {
    cancelTimer?.();
    cancelTimer = null;
    if (pending === null) return;
    const { value } = pending;
    pending = null;
    lastSent = clock.now();
    send(value);
  };

  return {
    push(value) {
      pending = { value };
      const wait = lastSent + intervalMs - clock.now();
      if (wait <= 0) fire();
      else if (cancelTimer === null) cancelTimer = clock.later(fire, wait);
    },
    flush: fire,
    cancel() {
      cancelTimer?.();
      cancelTimer = null;
      pending = null;
    },
  };
}
