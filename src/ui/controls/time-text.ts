// Virtual time as the learner reads it. The engine counts integer µs; the
// lab's screens show seconds with milliseconds ("12.345 s"), which is the
// finest step a person follows and matches the trace list.

import { MICROS_PER_SECOND, type Micros } from '../../engine/node/time';

/** "12.345 s" (truncated to the millisecond, so a time never shows later than it is). */
export function timeText(t: Micros): string {
  const ms = Math.floor(t / 1000);
  return `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')} s`;
}

/** "30 s", "2.5 s": a duration without trailing zeros. */
export function durationText(d: Micros): string {
  return `${Number((d / MICROS_PER_SECOND).toFixed(3))} s`;
}

/** The seek bar's spoken value: "12.345 s of 30 s". */
export function positionText(now: Micros, duration: Micros): string {
  return `${timeText(now)} of ${durationText(duration)}`;
}
