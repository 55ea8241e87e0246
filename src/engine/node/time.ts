// Virtual time (docs/architecture.md "Engine": "virtual time in integer microseconds").
// An integer count keeps every computation exact and every run reproducible:
// no floating-point drift between the in-process scheduler and the workers.

/** Virtual time or a duration, in integer microseconds since the run started. */
export type Micros = number;

export const MICROS_PER_MILLISECOND = 1_000;
export const MICROS_PER_SECOND = 1_000_000;

export function milliseconds(n: number): Micros {
  return Math.round(n * MICROS_PER_MILLISECOND);
}

export function seconds(n: number): Micros {
  return Math.round(n * MICROS_PER_SECOND);
}

/** A valid point in virtual time: a non-negative safe integer. */
export function isMicros(v: number): boolean {
  return Number.isSafeInteger(v) && v >= 0;
}

/** "1.250000 s" — fixed six decimals, so trace lines align and compare as text. */
export function formatMicros(t: Micros): string {
  const whole = Math.floor(t / MICROS_PER_SECOND);
  const frac = String(t % MICROS_PER_SECOND).padStart(6, '0');
  return `${whole}.${frac} s`;
}
