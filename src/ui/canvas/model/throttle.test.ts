import { describe, expect, it } from 'vitest';
import { createThrottle, type ThrottleClock } from './throttle';

function fakeClock() {
  let t = 0;
  let timers: { at: number; fn: () => void }[] = [];
  const clock: ThrottleClock = {
    now: () => t,
    later: (fn, ms) => {
      const timer = { at: t + ms, fn };
      timers.push(timer);
      return () => { timers = timers.filter((x) => x !== timer); };
    },
  };
  const advance = (ms: number) => {
    t += ms;
    for (const timer of timers.filter((x) => x.at <= t)) {
      timers = timers.filter((x) => x !== timer);
      timer.fn();
    }
  };
  return { clock, advance, pending: () => timers.length };
}

describe('createThrottle', () => {
  it('sends the first value at once and the latest of a burst at the end of the interval', () => {
    const { clock, advance } = fakeClock();
    const sent: number[] = [];
    const t = createThrottle<number>(100, (v) => sent.push(v), clock);
    t.push(1);
    expect(sent).toEqual([1]);
    advance(30); t.push(2);
    advance(30); t.push(3);
    expect(sent).toEqual([1]);
    advance(40); // 100 ms after the first send
    expect(sent).toEqual([1, 3]);
    advance(500); t.push(4); // long after: leading edge again
    expect(sent).toEqual([1, 3, 4]);
  });

  it('flush sends what is pending immediately (the drop), and only once', () => {
    const { clock, advance, pending } = fakeClock();
    const sent: string[] = [];
    const t = createThrottle<string>(100, (v) => sent.push(v), clock);
    t.push('a');
    advance(10); t.push('b');
    t.flush();
    expect(sent).toEqual(['a', 'b']);
    expect(pending()).toBe(0);
    advance(200);
    t.flush();
    expect(sent).toEqual(['a', 'b']);
  });

  it('cancel forgets the pending value', () => {
    const { clock, advance } = fakeClock();
    const sent: number[] = [];
    const t = createThrottle<number>(100, (v) => sent.push(v), clock);
    t.push(1);
    advance(10); t.push(2);
    t.cancel();
    advance(200);
    expect(sent).toEqual([1]);
  });
});
