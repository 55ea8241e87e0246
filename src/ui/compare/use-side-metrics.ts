// One side's run metrics for the compare table, from that side's store: the
// Statistics tab's feed (stats/stats-slice.ts), re-read at most every
// UPDATE_MS while playing and at once when the pair pauses, steps or seeks —
// the same rhythm as the Statistics tab (stats/use-stats.ts), so the figures
// shown when paused are exact at the playhead.

import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { RunMetrics } from '../../engine/metrics/run-metrics';
import { useShownStatsVersion } from '../stats/use-stats';
import type { LabStore } from '../store/lab-store';

export interface SideMetrics {
  readonly metrics: RunMetrics;
  /** Some events are still being re-derived: the figures are not complete yet. */
  readonly incomplete: boolean;
}

export function useSideMetrics(store: LabStore): SideMetrics | null {
  const stats = useStore(store, (s) => s.stats);
  const shown = useShownStatsVersion(store);
  return useMemo(() => {
    void shown; // re-read when the shown version changes: the feed itself is mutable
    return stats === null ? null : { metrics: stats.result(), incomplete: stats.gap !== null };
  }, [stats, shown]);
}
