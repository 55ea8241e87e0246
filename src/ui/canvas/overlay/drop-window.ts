// How long a lost or dropped packet stays marked on the canvas. A learner must
// be able to see it whatever the speed, so the mark lasts a fixed time on the
// wall clock — 1.5 s — which is a virtual-time window scaled by the speed
// (1.5 ms of virtual time in the slowest slow motion, 96 s at 64×). Unpaced
// fast-forward has no wall-clock rate: there the mark lasts 1.5 virtual s.

import type { Micros } from '../../../engine/node/time';
import type { Speed } from '../../../runtime/types';

/** How long a mark stays on screen, in wall-clock µs. */
export const MARK_WALL_TIME: Micros = 1_500_000;

export function dropWindow(speed: Speed): Micros {
  if (speed === 'unpaced') return MARK_WALL_TIME;
  return Math.max(1, Math.round(speed * MARK_WALL_TIME));
}

/** Fully visible for the first two thirds of its time, then fading to a third: old marks stay readable but step back. */
export function markOpacity(age: Micros, window: Micros): number {
  const t = window <= 0 ? 0 : age / window;
  if (t <= 2 / 3) return 1;
  return Math.max(1 / 3, 1 - (t - 2 / 3) * 2);
}

const ON_THE_WAY_TO = /on the way to ([^/\s]+)/;

/** For a frame lost on a link, the node it was meant for (the link model names it in the summary). */
export function lostTowards(summary: string): string | undefined {
  return ON_THE_WAY_TO.exec(summary)?.[1];
}
