import { describe, expect, it } from 'vitest';
import type { BackendSnapshot } from '../backend';
import { SnapshotStore } from './snapshot-store';

const snap = (time: number): { time: number; applied: number; snapshot: BackendSnapshot } => ({ time, applied: 0, snapshot: { kind: 'in-page', time, data: time } });

describe('rewind snapshots', () => {
  it('are due at time 0 and every multiple of the interval, once', () => {
    const store = new SnapshotStore(2_000_000);
    expect(store.wants(0)).toBe(true);
    store.add(snap(0));
    expect(store.wants(0)).toBe(false);
    expect(store.wants(1_999_999)).toBe(false);
    expect(store.wants(2_000_000)).toBe(true);
    expect(store.nextBoundaryAfter(0)).toBe(2_000_000);
    expect(store.nextBoundaryAfter(2_000_000)).toBe(4_000_000);
    expect(store.nextBoundaryAfter(3_500_000)).toBe(4_000_000);
  });

  it('find the latest at or before a time, and drop those of an abandoned branch', () => {
    const store = new SnapshotStore(10);
    for (const t of [0, 10, 20, 30]) store.add(snap(t));
    expect(store.latestAtOrBefore(25)?.time).toBe(20);
    expect(store.latestAtOrBefore(20)?.time).toBe(20);
    expect(store.latestAtOrBefore(9)?.time).toBe(0);
    store.discardAfter(15);
    expect(store.times).toEqual([0, 10]);
  });

  it('stay within capacity, thinning evenly and keeping time 0 and the newest', () => {
    const store = new SnapshotStore(10, 5);
    for (let t = 0; t <= 100; t += 10) store.add(snap(t));
    const times = store.times;
    expect(times).toHaveLength(5);
    expect(times[0]).toBe(0);
    expect(times[4]).toBe(100);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(40); // 100 µs over 4 gaps: none wider than 40
  });
});
