// A cursor reads a digest of the whole run from the store's log: the same
// answer as a full scan of every event appended, although the log itself
// keeps only a window; cut back by a seek backwards; extended back by a
// re-derived stretch.

import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/node/contract';
import { TraceLog } from '../store/trace-log';
import { TraceCursor } from './trace-cursor';

const ev = (n: number, kind: TraceEvent['kind'] = 'decision'): TraceEvent => ({ id: `N:${n}`, time: n, node: 'N', kind, summary: `e${n}`, ref: 'test' });
const pickTimers = (e: TraceEvent): string | null => (e.kind === 'timer' ? e.id : null);

describe('TraceCursor', () => {
  it('picks appended events once, and keeps the same array while nothing new matched', () => {
    const log = new TraceLog();
    log.append([ev(1), ev(2, 'timer')]);
    const c = new TraceCursor(pickTimers);
    const first = c.read(log);
    expect(first).toEqual(['N:2']);
    log.append([ev(3)]);
    expect(c.read(log)).toBe(first);
    log.append([ev(4, 'timer')]);
    expect(c.read(log)).toEqual(['N:2', 'N:4']);
  });

  it('keeps what it picked after the log lets the events go, and forgets what a seek backwards cut', () => {
    const log = new TraceLog({ span: 10, maxEvents: 100 });
    const c = new TraceCursor(pickTimers);
    expect(c.read(log)).toEqual([]);
    for (let t = 0; t < 100; t++) log.append([ev(t, t % 10 === 0 ? 'timer' : 'decision')]);
    expect(log.events.length).toBeLessThanOrEqual(11);
    expect(c.read(log)).toEqual(['N:0', 'N:10', 'N:20', 'N:30', 'N:40', 'N:50', 'N:60', 'N:70', 'N:80', 'N:90']);
    log.truncateAfter(55);
    log.append([ev(56), ev(57, 'timer')]);
    expect(c.read(log)).toEqual(['N:0', 'N:10', 'N:20', 'N:30', 'N:40', 'N:50', 'N:57']);
  });

  it('started on a late window, takes in the earlier events a re-derived stretch brings', () => {
    const log = new TraceLog();
    log.startAfter({ events: 3, packets: 0 });
    log.append([ev(5, 'timer'), ev(6)]);
    const c = new TraceCursor(pickTimers);
    expect(c.read(log)).toEqual(['N:5']);
    log.prepend({ events: [ev(2, 'timer'), ev(3), ev(4, 'timer')], to: 4, before: { events: 0, packets: 0 } });
    expect(c.read(log)).toEqual(['N:2', 'N:4', 'N:5']);
    expect(log.events.map((e) => e.time)).toEqual([2, 3, 4, 5, 6]);
  });
});
