// The run metrics at the playhead for the Statistics tab, read from the
// store's feed (stats-feed.ts). While the run plays the figures are re-read at
// most every UPDATE_MS (a table redrawn sixty times a second is unreadable and
// costs the animation its frames); the moment it pauses, finishes or seeks,
// they are re-read at once, so what is shown then is exact at the playhead.

import { useEffect, useMemo, useState } from 'react';
import type { DatagramDelivery, RunMetrics } from '../../engine/metrics/run-metrics';
import type { Micros } from '../../engine/node/time';
import { createThrottle } from '../canvas/model/throttle';
import { useStore } from 'zustand';
import { useLab, type LabStore } from '../store/lab-store';

export const UPDATE_MS = 250;

export interface StatsView {
  readonly metrics: RunMetrics;
  /** Each datagram's first delivery so far, in delivery order. */
  readonly deliveries: readonly DatagramDelivery[];
  /** Some of the run's events are still being re-derived: the figures are not complete yet. */
  readonly incomplete: boolean;
  /** The playhead the figures are for. */
  readonly now: Micros;
}

/**
 * The feed's version as the figures should show it: throttled to UPDATE_MS
 * while `store` plays, at once otherwise. The feed itself is mutable, so a
 * memo over it depends on this number (the compare page reads its sides' stores too).
 */
export function useShownStatsVersion(store: LabStore): number {
  const version = useStore(store, (s) => s.statsVersion);
  const playing = useStore(store, (s) => s.status === 'playing');
  const [shown, setShown] = useState(version);
  const throttle = useMemo(() => createThrottle<number>(UPDATE_MS, setShown), []);
  useEffect(() => () => throttle.cancel(), [throttle]);
  useEffect(() => {
    throttle.push(version);
    if (!playing) throttle.flush();
  }, [version, playing, throttle]);
  return shown;
}

export function useStats(): StatsView | null {
  const stats = useLab((s) => s.stats);
  const shown = useShownStatsVersion(useLab);
  return useMemo(() => {
    void shown; // re-read when the shown version changes: the feed itself is mutable
    if (stats === null) return null;
    return { metrics: stats.result(), deliveries: stats.deliveries.slice(), incomplete: stats.gap !== null, now: useLab.getState().now };
  }, [stats, shown]);
}
