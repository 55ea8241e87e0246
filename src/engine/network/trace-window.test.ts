// The trace a run keeps (trace-window.ts): a window of recent events cut
// between instants. On a real long run: src/cli/headless-retention.test.ts.

import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../node/contract';
import { TraceWindow } from './trace-window';

let seq = 0;
const ev = (time: number): TraceEvent => ({ id: `N:${seq++}`, time, node: 'N', kind: 'decision', summary: 's', ref: 'test' });

describe('TraceWindow', () => {
  it('keeps everything without a retention', () => {
    const w = new TraceWindow();
    for (let t = 0; t < 5000; t++) w.push(ev(t));
    expect(w.size).toBe(5000);
    expect(w.dropped).toBe(0);
    expect(w.from).toBe(0);
  });

  it('drops whole instants older than the span behind the newest event', () => {
    const w = new TraceWindow({ span: 10, maxEvents: 1000 });
    for (let t = 0; t <= 100; t++) {
      w.push(ev(t));
      w.push(ev(t));
    }
    expect(w.events.map((e) => e.time)).toEqual([90, 90, 91, 91, 92, 92, 93, 93, 94, 94, 95, 95, 96, 96, 97, 97, 98, 98, 99, 99, 100, 100]);
    expect(w.dropped).toBe(2 * 90);
    expect(w.from).toBe(90);
  });

  it('holds at most maxEvents, never cutting an instant, never dropping the newest one', () => {
    const w = new TraceWindow({ span: 1_000_000, maxEvents: 3 });
    for (const t of [1, 2, 2, 3]) w.push(ev(t));
    expect(w.events.map((e) => e.time)).toEqual([2, 2, 3]);
    for (let i = 0; i < 5; i++) w.push(ev(4));
    expect(w.events.map((e) => e.time)).toEqual([4, 4, 4, 4, 4]); // one instant bigger than maxEvents stays whole
    expect(w.dropped + w.size).toBe(9);
  });

  it('truncates after a time, hands its events over, and restarts from a re-derived stretch', () => {
    const w = new TraceWindow({ span: 100, maxEvents: 100 });
    for (let t = 0; t < 10; t++) w.push(ev(t));
    w.truncateAfter(6);
    expect(w.events.map((e) => e.time)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(w.take().length).toBe(7);
    expect(w.size).toBe(0);
    expect(w.dropped).toBe(7);
    w.reset([ev(40), ev(41)], 123);
    expect(w.dropped).toBe(123);
    expect(w.from).toBe(40);
  });

  it('stays O(1) a push: a million events through a small window', () => {
    const w = new TraceWindow({ span: 50, maxEvents: 500 });
    for (let t = 0; t < 1_000_000; t++) w.push(ev(t));
    expect(w.size).toBe(51);
    expect(w.dropped).toBe(1_000_000 - 51);
  });
});
