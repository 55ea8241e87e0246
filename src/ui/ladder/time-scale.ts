// Virtual time → vertical position. A run spans seconds, a hop takes
// milliseconds and bursts of messages sit microseconds apart, so a linear
// axis would either crush a registration into one pixel or be kilometres
// long. Instead, consecutive instants at which something happens get a
// distance proportional to the time between them, but at least MIN (so
// every arrow is legible) and at most MAX (idle stretches are cut and marked
// as a gap). Order and relative delay stay readable; time always runs down.

import type { Micros } from '../../engine/node/time';

export interface TimeScaleOptions {
  readonly top: number;
  /** Pixels per millisecond of virtual time before clamping. */
  readonly pxPerMs: number;
  readonly minStep: number;
  readonly maxStep: number;
}

export interface TimeGap {
  /** Where to draw the cut (between the two instants). */
  readonly y: number;
  readonly skipped: Micros;
}

export interface TimeScale {
  yOf(t: Micros): number;
  /** y of the last instant. */
  readonly bottom: number;
  readonly gaps: readonly TimeGap[];
}

export function buildTimeScale(times: readonly Micros[], o: TimeScaleOptions): TimeScale {
  // Times come nearly sorted (send order), which the sort handles in about linear time.
  const sorted = Float64Array.from(times).sort();
  const instants: Micros[] = [];
  for (const t of sorted) if (instants.length === 0 || instants[instants.length - 1] !== t) instants.push(t);
  const ys: number[] = [];
  const gaps: TimeGap[] = [];
  const step = (dt: Micros) => Math.min(o.maxStep, Math.max(o.minStep, (dt / 1000) * o.pxPerMs));
  instants.forEach((t, i) => {
    if (i === 0) {
      ys.push(o.top);
      return;
    }
    const dt = t - instants[i - 1]!;
    const y = ys[i - 1]! + step(dt);
    if ((dt / 1000) * o.pxPerMs > o.maxStep) gaps.push({ y: (ys[i - 1]! + y) / 2, skipped: dt });
    ys.push(y);
  });

  const yOf = (t: Micros): number => {
    if (instants.length === 0) return o.top;
    if (t <= instants[0]!) return o.top;
    const last = instants.length - 1;
    // After the last instant (the "now" cursor): no minimum, so the cursor glides instead of jumping.
    if (t >= instants[last]!) return ys[last]! + Math.min(o.maxStep, ((t - instants[last]!) / 1000) * o.pxPerMs);
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (instants[mid]! <= t) lo = mid;
      else hi = mid;
    }
    const f = (t - instants[lo]!) / (instants[hi]! - instants[lo]!);
    return ys[lo]! + f * (ys[hi]! - ys[lo]!);
  };
  return { yOf, bottom: ys[ys.length - 1] ?? o.top, gaps };
}
