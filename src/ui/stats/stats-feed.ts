// The run metrics as the page plays (docs/architecture.md "UI": Statistics):
// the engine's RunMetricsAccumulator — the very code `mip-lab run` prints from
// — fed every event of the run, from its start, in the batches the runtime
// publishes, so the figures at the playhead are exactly the headless run's to
// that time however the trace was cut into batches.
//
// The store keeps only a window of the trace (trace-log.ts), so the feed does
// not read it: it takes the stream itself, and keeps checkpoints — copies of
// the accumulator — every CHECKPOINT_SPAN of virtual time or CHECKPOINT_EVENTS
// events, whichever comes first, each between two instants. A seek backwards
// (`truncatedTo`) goes back to the last checkpoint at or before the new time
// and re-feeds what follows it from the window the runtime re-derived by
// replay (`RuntimeBatch.window`, PAGE_TRACE_RETENTION: a minute or 10,000
// events, far more than the stretch between two checkpoints). Events are
// matched by their index in the whole run (the window says how many came
// before it), so nothing is fed twice or skipped.
//
// Should the events after a checkpoint not all be at hand (a window that does
// not reach back to it, a first batch that starts late), the feed says so
// (`gap`) and `repair` fetches the missing stretch from the runtime
// (`LabRuntime.recall`, re-derived by replay) — the figures are never shown
// as complete while they are not.

import type { DatagramDelivery, RunMetrics, RunMetricsAccumulator } from '../../engine/metrics/run-metrics';
import type { TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { RuntimeBatch, TraceStretch } from '../../runtime/types';
import type { MetricsSubjects } from '../../scenarios/metrics-subjects';
import { runReading } from '../store/run-reading';

/** Virtual time between checkpoints at most. */
export const CHECKPOINT_SPAN: Micros = 5_000_000;
/** Events between checkpoints at most (a quarter of the page's trace window). */
export const CHECKPOINT_EVENTS = 2_500;
/**
 * Checkpoints kept at most: past this, every other one in the older half goes
 * (the start of the run stays), so memory stays bounded on a long run and the
 * recent past keeps its density. A seek far back may then land before the
 * window it brings: the gap is filled by replay (`repair`).
 */
export const MAX_CHECKPOINTS = 128;

interface Checkpoint {
  /** Every event at or before this time was fed, none after. */
  readonly time: Micros;
  /** Events fed: the index in the whole run of the next one. */
  readonly fed: number;
  readonly metrics: RunMetricsAccumulator;
  readonly deliveries: number;
}

/** Events still wanted: those of the run from index `from` to time `to`; what came after `to` meanwhile waits in `held`. */
export interface StatsGap {
  readonly from: number;
  readonly to: Micros;
  readonly held: TraceEvent[];
}

export class StatsFeed {
  private metrics: RunMetricsAccumulator;
  private list: DatagramDelivery[] = [];
  private checkpoints: Checkpoint[];
  private fed = 0;
  private instant: Micros = -1;
  private pending: StatsGap | null = null;
  /** Changes whenever a seek backwards makes a repair under way pointless. */
  private generation = 0;

  constructor(subjects: MetricsSubjects) {
    this.metrics = new (runReading().RunMetricsAccumulator)(subjects.homeAgents, subjects.mobiles);
    this.checkpoints = [{ time: -1, fed: 0, metrics: this.metrics.clone(), deliveries: 0 }];
  }

  /** The figures for every event fed so far (up to the playhead). */
  result(): RunMetrics {
    return this.metrics.result();
  }

  /** Each datagram's first delivery so far, in delivery order. */
  get deliveries(): readonly DatagramDelivery[] {
    return this.list;
  }

  /** Events missing before the figures are complete (null: they are). */
  get gap(): StatsGap | null {
    return this.pending;
  }

  /** How many checkpoints are kept (for tests). */
  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  batch(b: RuntimeBatch): void {
    if (b.truncatedTo !== undefined) this.rewind(b.truncatedTo, b.window);
    const to = b.window?.to;
    const fresh = to === undefined ? b.trace : b.trace.filter((e) => e.time > to);
    if (b.traceBefore !== undefined && b.traceBefore.events > 0 && this.fed === 0 && this.pending === null) {
      // A late first batch: it starts after events never seen; all of it is fetched again with them.
      this.pending = { from: 0, to: fresh[fresh.length - 1]?.time ?? b.now, held: [] };
      return;
    }
    if (this.pending !== null) this.pending.held.push(...fresh);
    else for (const e of fresh) this.add(e);
  }

  /**
   * Fetches the missing events (`gap`) with `recall` (LabRuntime.recall: the
   * stretch before a time, re-derived by replay), stretch by stretch
   * backwards, then feeds them and what was held. 'superseded' if a seek
   * backwards came meanwhile (it set its own gap, if any); 'failed' if the
   * stretches do not join (the gap stays, and says so).
   */
  async repair(recall: (t: Micros) => Promise<TraceStretch>): Promise<'complete' | 'superseded' | 'failed'> {
    const gap = this.pending;
    if (gap === null) return 'complete';
    const generation = this.generation;
    const stretches: (readonly TraceEvent[])[] = [];
    let s = await recall(gap.to + 1);
    for (;;) {
      if (this.generation !== generation) return 'superseded';
      stretches.unshift(s.events);
      if (s.before.events <= gap.from) break;
      const start = s.before.events;
      if (s.events.length === 0) return 'failed';
      s = await recall(s.events[0]!.time);
      if (this.generation === generation && s.before.events + s.events.length !== start) return 'failed';
    }
    this.pending = null;
    for (const e of stretches.flat().slice(gap.from - s.before.events)) this.add(e);
    for (const e of gap.held) this.add(e);
    return 'complete';
  }

  private add(e: TraceEvent): void {
    const last = this.checkpoints[this.checkpoints.length - 1]!;
    if (e.time > this.instant && this.fed > last.fed && (this.fed - last.fed >= CHECKPOINT_EVENTS || this.instant - last.time >= CHECKPOINT_SPAN)) {
      this.checkpoints.push({ time: this.instant, fed: this.fed, metrics: this.metrics.clone(), deliveries: this.list.length });
      if (this.checkpoints.length > MAX_CHECKPOINTS) {
        const half = this.checkpoints.length >> 1;
        this.checkpoints = [...this.checkpoints.slice(0, half).filter((_, i) => i % 2 === 0), ...this.checkpoints.slice(half)];
      }
    }
    const delivery = this.metrics.add(e);
    if (delivery !== undefined) this.list.push(delivery);
    this.fed++;
    this.instant = e.time;
  }

  /** A seek backwards to `t`: back to the last checkpoint at or before it, then forward through the window re-derived there. */
  private rewind(t: Micros, window: TraceStretch | undefined): void {
    this.generation++;
    let n = this.checkpoints.length;
    while (n > 1 && this.checkpoints[n - 1]!.time > t) n--;
    this.checkpoints.length = n;
    const cp = this.checkpoints[n - 1]!;
    this.metrics = cp.metrics.clone();
    this.list.length = cp.deliveries;
    this.fed = cp.fed;
    this.instant = cp.time;
    this.pending = null;
    // The window holds the run's events from index `before.events` on, up to its `to` (≥ t).
    if (window === undefined || window.before.events > cp.fed) {
      this.pending = { from: cp.fed, to: window?.to ?? t, held: [] };
      return;
    }
    for (const e of window.events.slice(cp.fed - window.before.events)) this.add(e);
  }
}
