// What the page says when it opens a run from its address: a shared run
// (someone's link) or the learner's own run brought back after a reload — the
// scenario, the virtual time, and how many of the learner's actions were
// replayed. Kept apart from the lab's store: it is about the address, and it
// goes away when dismissed or when another run is opened.

import { create } from 'zustand';
import type { Micros } from '../../../engine/node/time';
import type { LabRuntime } from '../../../runtime/types';

export interface RunNotice {
  /** The run it is about: another run opened makes it stale. */
  readonly runtime: LabRuntime;
  readonly kind: 'shared' | 'restored';
  readonly title: string;
  readonly at: Micros;
  readonly actions: number;
  readonly playing: boolean;
}

export const useRunNotice = create<{ notice: RunNotice | null }>()(() => ({ notice: null }));

export function showRunNotice(notice: RunNotice): void {
  useRunNotice.setState({ notice });
}

export function dismissRunNotice(): void {
  useRunNotice.setState({ notice: null });
}

/** Whether the page was reloaded (not opened from a link): the run it restores is the learner's own. */
export function pageWasReloaded(): boolean {
  if (typeof performance === 'undefined' || typeof performance.getEntriesByType !== 'function') return false;
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return navigation?.type === 'reload';
}
