// The cursor must give the same answer as a full scan, however the trace grew
// or was cut back (a seek backwards truncates the store's log in place).

import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/node/contract';
import { TraceCursor } from './trace-cursor';

const ev = (n: number, kind: TraceEvent['kind'] = 'decision'): TraceEvent => ({ id: `N:${n}`, time: n, node: 'N', kind, summary: `e${n}`, ref: 'test' });
const pickTimers = (e: TraceEvent): string | null => (e.kind === 'timer' ? e.id : null);

describe('TraceCursor', () => {
  it('picks appended events once, and keeps the same array while nothing new matched', () => {
    const log: TraceEvent[] = [ev(1), ev(2, 'timer')];
    const c = new TraceCursor(pickTimers);
    const first = c.read(log);
    expect(first).toEqual(['N:2']);
    log.push(ev(3));
    expect(c.read(log)).toBe(first);
    log.push(ev(4, 'timer'));
    expect(c.read(log)).toEqual(['N:2', 'N:4']);
  });

  it('starts over after the log was cut back and regrown, or replaced', () => {
    const log: TraceEvent[] = [ev(1, 'timer'), ev(2, 'timer'), ev(3, 'timer')];
    const c = new TraceCursor(pickTimers);
    expect(c.read(log)).toEqual(['N:1', 'N:2', 'N:3']);
    log.splice(1); // seek back to t = 1
    log.push(ev(5), ev(6, 'timer'));
    expect(c.read(log)).toEqual(['N:1', 'N:6']);
    expect(c.read([ev(9, 'timer')])).toEqual(['N:9']);
  });
});
