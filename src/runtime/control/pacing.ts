// How far virtual time moves per frame (docs/architecture.md "Runtime": "the coordinator
// opens windows no faster than wall time × speed").
//
// Paced: the wall time since the last advance × speed, in whole µs, the
// fraction carried to the next frame (so slow motion does not lose time to
// rounding). A long gap (a hidden tab, a slow frame) counts as at most
// MAX_FRAME_GAP_MS: the run slows down rather than leaping ahead.
//
// Unpaced: advance in chunks until the frame's wall-time budget is spent, so
// the page keeps painting and answering clicks. The chunk size adapts to how
// long the last chunk took.

import type { Micros } from '../../engine/node/time';
import { FASTEST_PACED_SPEED, SLOWEST_SPEED, type Speed } from '../types';

export const MAX_FRAME_GAP_MS = 250;
export const UNPACED_BUDGET_MS = 30;
const MIN_CHUNK: Micros = 1_000;
const MAX_CHUNK: Micros = 60_000_000;
export const FIRST_CHUNK: Micros = 100_000;

/** A speed the runtime can run at, clamped to [SLOWEST_SPEED, FASTEST_PACED_SPEED]; undefined if not a speed at all. */
export function usableSpeed(speed: Speed): Speed | undefined {
  if (speed === 'unpaced') return speed;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0) return undefined;
  return Math.min(FASTEST_PACED_SPEED, Math.max(SLOWEST_SPEED, speed));
}

/** Whole µs to advance for `elapsedMs` of wall time at `speed`; `carry` is the fraction left over last time. */
export function pacedAdvance(elapsedMs: number, speed: number, carry: number): { readonly by: Micros; readonly carry: number } {
  const exact = Math.min(Math.max(elapsedMs, 0), MAX_FRAME_GAP_MS) * 1000 * speed + carry;
  const by = Math.floor(exact + 1e-9); // 16 ms × 0.001 must give 16 µs, not 15.999…
  return { by, carry: Math.max(0, exact - by) };
}

/** Virtual µs per unpaced chunk: doubled while chunks are cheap, halved when one eats much of the budget. */
export class UnpacedChunks {
  size: Micros = FIRST_CHUNK;

  constructor(readonly budgetMs: number = UNPACED_BUDGET_MS) {}

  adapt(spentMs: number): void {
    if (spentMs < this.budgetMs / 4) this.size = Math.min(MAX_CHUNK, this.size * 2);
    else if (spentMs > this.budgetMs / 2) this.size = Math.max(MIN_CHUNK, Math.floor(this.size / 2));
  }
}
