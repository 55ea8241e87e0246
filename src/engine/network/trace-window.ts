// The trace a long run keeps in memory: a window of recent events, not the
// whole run (docs/architecture.md "Engine": a run's trace is fixed by its
// scenario, seed and commands, so anything older can be re-derived exactly by
// replaying from a snapshot and the command log — the runtime's Timeline
// does). Consumers that need the whole run (metrics, the pcap and trace
// files) take the events as a stream when they are recorded instead.
//
// The window is cut between instants, never through one: it always holds
// every event whose time is at or after `from`, so a stretch re-derived by
// replay joins it without a gap or an overlap. Whole instants are dropped,
// oldest first, while the oldest is more than `span` before the newest event
// or more than `maxEvents` are held; the newest instant is never dropped.

import type { TraceEvent } from '../node/contract';
import type { Micros } from '../node/time';

export interface TraceRetention {
  /** Virtual time kept behind the newest event. */
  readonly span: Micros;
  /** At most this many events (more only when the newest instant alone has more). */
  readonly maxEvents: number;
}

/** What headless runs keep by default: five virtual minutes (a whole built-in scenario), at most 50,000 events. */
export const HEADLESS_TRACE_RETENTION: TraceRetention = { span: 300_000_000, maxEvents: 50_000 };

/** Whether `retention` is usable: a positive whole span and event count. */
export function traceRetentionProblem(retention: TraceRetention): string | null {
  if (!Number.isSafeInteger(retention.span) || retention.span < 0) return `span must be a whole number of µs ≥ 0, got ${retention.span}`;
  if (!Number.isSafeInteger(retention.maxEvents) || retention.maxEvents < 1) return `maxEvents must be a whole number ≥ 1, got ${retention.maxEvents}`;
  return null;
}

export class TraceWindow {
  private list: TraceEvent[] = [];
  /** Index in `list` of the oldest event held (dropped ones stay below it until compaction). */
  private head = 0;
  private droppedCount = 0;

  /** `retention` undefined: keep everything. */
  constructor(readonly retention?: TraceRetention) {
    if (retention !== undefined) {
      const problem = traceRetentionProblem(retention);
      if (problem !== null) throw new RangeError(`trace retention: ${problem}`);
    }
  }

  /** The events held, oldest first. */
  get events(): readonly TraceEvent[] {
    this.compact(true);
    return this.list;
  }

  get size(): number {
    return this.list.length - this.head;
  }

  /** Events of the run before the oldest one held (dropped, or never given to this window). */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Every event of the run at or after this time is held (undefined: nothing is). */
  get from(): Micros | undefined {
    return this.list[this.head]?.time;
  }

  push(e: TraceEvent): void {
    this.list.push(e);
    if (this.retention !== undefined) this.evict(e.time);
  }

  pushAll(events: readonly TraceEvent[]): void {
    for (const e of events) this.push(e);
  }

  /** Hands over what is held and starts empty (the events handed over count as dropped). */
  take(): TraceEvent[] {
    this.compact(true);
    const out = this.list;
    this.droppedCount += out.length;
    this.list = [];
    return out;
  }

  /** A seek backwards: forgets every event after `t`. */
  truncateAfter(t: Micros): void {
    let n = this.list.length;
    while (n > this.head && this.list[n - 1]!.time > t) n--;
    this.list.length = n;
  }

  /** Starts over from a stretch re-derived by replay: `events` follow `dropped` earlier ones of the run. */
  reset(events: readonly TraceEvent[], dropped: number): void {
    this.list = [];
    this.head = 0;
    this.droppedCount = dropped;
    this.pushAll(events);
  }

  private evict(newest: Micros): void {
    const { span, maxEvents } = this.retention!;
    for (;;) {
      const oldest = this.list[this.head];
      if (oldest === undefined || oldest.time === newest) break;
      if (this.size <= maxEvents && oldest.time >= newest - span) break;
      const t = oldest.time;
      while (this.head < this.list.length && this.list[this.head]!.time === t) {
        this.head++;
        this.droppedCount++;
      }
    }
    this.compact(false);
  }

  /** Releases dropped events: always when `now`, else once they are at least half the array (amortised O(1) a push). */
  private compact(now: boolean): void {
    if (this.head === 0 || (!now && this.head < 1024) || (!now && this.head < this.list.length - this.head)) return;
    this.list = this.list.slice(this.head);
    this.head = 0;
  }
}
