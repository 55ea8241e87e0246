// The statistics slice of the lab's store (docs/architecture.md "UI"): the
// run metrics at the playhead, fed by the same batches as every other view
// (`statsBatch`, called by the store's applyBatch) from the moment a runtime
// is attached, whether or not the Statistics tab is open — so the figures
// cover the whole run, not the store's trace window (stats-feed.ts).

import type { StoreApi } from 'zustand';
import type { LabRuntime, RuntimeBatch } from '../../runtime/types';
import { metricsSubjects } from '../../scenarios/metrics-subjects';
import type { LabState } from '../store/lab-store';
import { StatsFeed } from './stats-feed';

export interface StatsSlice {
  /** Mutable on purpose, like the trace log: `statsVersion` says when it changed. */
  readonly stats: StatsFeed | null;
  readonly statsVersion: number;
  /** Called by attachRuntime: a fresh feed for the new run. */
  statsAttach(runtime: LabRuntime): void;
  /** Called by applyBatch with every batch the page receives. */
  statsBatch(batch: RuntimeBatch): void;
}

type Set = StoreApi<LabState>['setState'];
type Get = StoreApi<LabState>['getState'];

export function createStatsSlice(set: Set, get: Get): StatsSlice {
  let repairing = false;
  let failed: StatsFeed['gap'] = null;
  const repair = (): void => {
    const { stats, runtime } = get();
    if (repairing || stats === null || runtime === null || stats.gap === null || stats.gap === failed) return;
    repairing = true;
    const gap = stats.gap;
    void stats.repair((t) => runtime.recall(t)).catch(() => 'failed' as const).then((outcome) => {
      repairing = false;
      if (get().stats !== stats) return;
      if (outcome === 'failed') failed = gap; // not asked again: the tab says the figures are incomplete
      set({ statsVersion: get().statsVersion + 1 });
      if (outcome === 'superseded') repair(); // a seek came meanwhile: its own gap, if any
    });
  };
  return {
    stats: null,
    statsVersion: 0,
    statsAttach(runtime) {
      set({ stats: new StatsFeed(metricsSubjects(runtime.scenario)), statsVersion: 0 });
    },
    statsBatch(batch) {
      const { stats } = get();
      if (stats === null) return;
      stats.batch(batch);
      if (batch.trace.length > 0 || batch.truncatedTo !== undefined) set({ statsVersion: get().statsVersion + 1 });
      if (stats.gap !== null) repair();
    },
  };
}
