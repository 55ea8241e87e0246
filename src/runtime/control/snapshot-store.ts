// Rewind snapshots (docs/architecture.md "Runtime": "snapshots every few virtual seconds
// make rewind cheap"). One at time 0 and one at every multiple of the interval
// the run passes; each remembers how many command-log entries had been applied
// when it was taken, so a replay resumes the log exactly there.
//
// Memory stays bounded: past `capacity`, the snapshot whose removal leaves the
// smallest gap goes (never time 0, never the newest), so old stretches thin
// out evenly and a rewind replays at most a bounded stretch of the run.

import type { Micros } from '../../engine/node/time';
import type { BackendSnapshot } from '../backend';
import type { TraceCounts } from '../types';

export interface StoredSnapshot {
  readonly time: Micros;
  /** Command-log entries already applied in this state. */
  readonly applied: number;
  /** Events the run had taken by then (src/scenarios/work.ts), so a rewound run's work meter resumes there. */
  readonly work?: number;
  /** Events and packets recorded by then (timeline.ts), so a stretch replayed from here is numbered as in the whole run. */
  readonly counts?: TraceCounts;
  readonly snapshot: BackendSnapshot;
}

export const DEFAULT_SNAPSHOT_INTERVAL: Micros = 2_000_000;
export const DEFAULT_SNAPSHOT_CAPACITY = 48;

export class SnapshotStore {
  /** Sorted by time. */
  private readonly list: StoredSnapshot[] = [];

  constructor(readonly interval: Micros = DEFAULT_SNAPSHOT_INTERVAL, readonly capacity = DEFAULT_SNAPSHOT_CAPACITY) {
    if (!Number.isSafeInteger(interval) || interval < 1) throw new RangeError(`snapshotInterval must be a whole number of µs ≥ 1, got ${interval}`);
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`snapshot capacity must be at least 2, got ${capacity}`);
  }

  get times(): readonly Micros[] {
    return this.list.map((s) => s.time);
  }

  /** A snapshot belongs at `t` (time 0 included) and none is stored there yet. */
  wants(t: Micros): boolean {
    return t % this.interval === 0 && !this.list.some((s) => s.time === t);
  }

  /** The first snapshot time after `t`. */
  nextBoundaryAfter(t: Micros): Micros {
    return (Math.floor(t / this.interval) + 1) * this.interval;
  }

  add(entry: StoredSnapshot): void {
    const i = this.list.findIndex((s) => s.time >= entry.time);
    if (i < 0) this.list.push(entry);
    else if (this.list[i]!.time === entry.time) this.list[i] = entry;
    else this.list.splice(i, 0, entry);
    while (this.list.length > this.capacity) this.thinOne();
  }

  /** The latest snapshot at or before `t`. */
  latestAtOrBefore(t: Micros): StoredSnapshot | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]!.time <= t) return this.list[i];
    return undefined;
  }

  /** A new branch of the run starts at `t`: later snapshots belong to the old one. */
  discardAfter(t: Micros): void {
    while (this.list.length > 0 && this.list[this.list.length - 1]!.time > t) this.list.pop();
  }

  private thinOne(): void {
    let best = -1;
    let bestGap = Infinity;
    for (let i = 1; i < this.list.length - 1; i++) {
      if (this.list[i]!.time === 0) continue;
      const gap = this.list[i + 1]!.time - this.list[i - 1]!.time;
      if (gap < bestGap) [best, bestGap] = [i, gap];
    }
    if (best < 0) throw new Error('cannot thin snapshots below two');
    this.list.splice(best, 1);
  }
}
