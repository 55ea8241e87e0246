// Moving a run along virtual time, forwards and backwards, with its command
// log and rewind snapshots (docs/architecture.md "Runtime"). Knows nothing of wall time,
// frames or subscribers (controller.ts does); tests drive it directly.
//
// Determinism. A live run is a sequence of backend calls: advanceTo(x) and,
// whenever the learner sends a command at x, apply(command, x) followed by
// advanceTo(x) (so the command's consequences at x are processed at once).
// A replay — a rewind, a shared command log — must issue the same sequence,
// and so it does: advancing stops at every logged command's time, applies it,
// advances to that same time again, and goes on. Snapshots are taken on
// reaching a multiple of the interval, before the commands at that time, and
// remember how many log entries they contain. Since the backend's runs are
// deterministic given (scenario, seed, call sequence), a rewound run and a
// straight one produce the same trace.

import { isPacketEvent } from '../../engine/metrics/trace-events';
import { TraceWindow, type TraceRetention } from '../../engine/network/trace-window';
import type { TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { SimulationBackend } from '../backend';
import type { CommandLogEntry, LabCommand, TraceCounts, TraceStretch } from '../types';
import { CommandLog } from './command-log';
import { WorkMeter } from '../../scenarios/work';
import { SnapshotStore, type StoredSnapshot } from './snapshot-store';

export interface TimelineOptions {
  readonly snapshotInterval?: Micros;
  readonly snapshotCapacity?: number;
  /** A shared run's commands (checked by checkCommandLog). */
  readonly commandLog?: readonly CommandLogEntry[];
  /** Events after which the run is stopped (default WORK_LIMIT, src/scenarios/work.ts). */
  readonly workLimit?: number;
}

export class Timeline {
  readonly log: CommandLog;
  readonly snapshots: SnapshotStore;
  /**
   * Every event the backend returns is charged here, whichever backend it is
   * (workers or in-page): a run that outgrows its estimate — a learner's
   * commands add work — stops with WorkLimitExceeded, which the controller
   * reports as the run's failure.
   */
  private meter: WorkMeter;
  /** Events and packets recorded on this branch of the run up to now: numbers re-derived stretches as in the whole run. */
  private counts: TraceCounts = NO_COUNTS;
  /** The state before anything ran (begin): a stretch from time 0 is re-derived from it. */
  private genesis: StoredSnapshot | undefined;

  constructor(private readonly backend: SimulationBackend, private readonly options: TimelineOptions = {}) {
    this.log = new CommandLog(options.commandLog);
    this.snapshots = new SnapshotStore(options.snapshotInterval, options.snapshotCapacity);
    this.meter = new WorkMeter(0, options.workLimit);
  }

  get now(): Micros {
    return this.backend.now();
  }

  /** Time 0: what the nodes do at start (routes, `start`), the first snapshot, the commands logged at 0. */
  async begin(): Promise<TraceEvent[]> {
    this.genesis = { time: this.backend.now(), applied: 0, work: 0, counts: NO_COUNTS, snapshot: await this.backend.snapshot() };
    const trace = await this.advanceBackend(this.backend.now());
    push(trace, await this.advance(this.backend.now()));
    return trace;
  }

  /**
   * Processes everything up to and including `target` (≥ now), applying the
   * logged commands on the way and taking the snapshots due. Returns the trace.
   */
  async advance(target: Micros): Promise<TraceEvent[]> {
    const trace: TraceEvent[] = [];
    await this.advanceInto(target, trace);
    return trace;
  }

  /**
   * Back to `t` (< now): the latest snapshot at or before it, replayed to
   * `t`. The replayed trace was delivered before; it is dropped — or, with
   * `keep`, the replay starts far enough back to re-derive the window kept
   * at `t`, and returns it.
   */
  async rewindTo(t: Micros): Promise<void>;
  async rewindTo(t: Micros, keep: TraceRetention): Promise<TraceStretch>;
  async rewindTo(t: Micros, keep?: TraceRetention): Promise<TraceStretch | void> {
    if (keep !== undefined) return this.replayWindow(t, keep);
    const snapshot = this.snapshots.latestAtOrBefore(t);
    if (snapshot === undefined) throw new Error(`no snapshot at or before ${t} µs to rewind to`);
    await this.restoreTo(snapshot);
    await this.advance(t);
  }

  /**
   * The window kept at `to` (≤ now) as it was then, re-derived by replay
   * without moving the run: the run is snapshotted here, replayed from a
   * snapshot before the window up to `to`, and put back as it was. The
   * backend's calls are those of the straight run, so the stretch is exact.
   */
  async recall(to: Micros, keep: TraceRetention): Promise<TraceStretch> {
    const now = this.backend.now();
    if (to < 0) return { events: [], to, before: NO_COUNTS };
    const here: StoredSnapshot = { time: now, applied: this.log.applied, work: this.meter.events, counts: this.counts, snapshot: await this.backend.snapshot() };
    try {
      return await this.replayWindow(Math.min(to, now), keep);
    } finally {
      await this.restoreTo(here);
    }
  }

  /** The next instant anything happens: a pending event or a logged command. */
  async nextInstant(): Promise<Micros | undefined> {
    const event = await this.backend.nextEventTime();
    const command = this.log.pending()?.at;
    if (event === undefined) return command;
    return command === undefined ? event : Math.min(event, command);
  }

  /**
   * A live command, now. After a rewind it starts a new branch: the log's
   * entries ahead and the snapshots ahead are dropped. Throws (nothing
   * changed) if the backend refuses it.
   */
  async send(command: LabCommand): Promise<TraceEvent[]> {
    const at = this.backend.now();
    this.backend.apply(command, at);
    this.log.record(at, command);
    this.snapshots.discardAfter(at); // taken on the old branch, even if it logged nothing ahead
    return this.advanceBackend(at);
  }

  private async advanceInto(target: Micros, trace: TraceSink): Promise<void> {
    for (;;) {
      await this.settleHere(trace);
      const now = this.backend.now();
      if (now >= target) return;
      const command = this.log.pending();
      const stop = Math.min(target, this.snapshots.nextBoundaryAfter(now), command === undefined ? Infinity : command.at);
      push(trace, await this.advanceBackend(stop));
    }
  }

  /** Back to a stored state: the backend, the log's applied entries, the work meter and the trace counts as they were then. */
  private async restoreTo(s: StoredSnapshot): Promise<void> {
    await this.backend.restore(s.snapshot);
    this.log.rewindTo(s.applied);
    this.meter = new WorkMeter(s.work ?? 0, this.options.workLimit);
    this.counts = s.counts ?? NO_COUNTS;
  }

  /**
   * Replays to `to` from a snapshot taken before the window kept at `to`
   * can start, and returns that window. A snapshot at s holds everything
   * recorded at or before s (the commands due at s aside), so only events
   * after s are re-derived whole: the start is before `to − span`, or the
   * run's beginning.
   */
  private async replayWindow(to: Micros, keep: TraceRetention): Promise<TraceStretch> {
    const earlier = this.snapshots.latestAtOrBefore(to - keep.span - 1);
    const start = earlier ?? this.genesis ?? this.snapshots.latestAtOrBefore(to);
    if (start === undefined) throw new Error(`no snapshot at or before ${to} µs to replay from`);
    await this.restoreTo(start);
    const window = new TraceWindow(keep);
    const fromGenesis = start === this.genesis;
    const sink: TraceSink = {
      push: (e) => {
        if (fromGenesis || e.time > start.time) window.push(e);
      },
    };
    if (fromGenesis) push(sink, await this.advanceBackend(this.backend.now())); // as begin(): the time-0 events before the first snapshot
    await this.advanceInto(to, sink);
    const events = window.events;
    const inWindow = countTrace(events);
    return { events, to, before: { events: this.counts.events - inWindow.events, packets: this.counts.packets - inWindow.packets } };
  }

  /** At the current time: the snapshot due here, then the logged commands due here. */
  private async settleHere(trace: TraceSink): Promise<void> {
    const now = this.backend.now();
    if (this.snapshots.wants(now)) this.snapshots.add({ time: now, applied: this.log.applied, work: this.meter.events, counts: this.counts, snapshot: await this.backend.snapshot() });
    for (let c = this.log.pending(); c !== undefined && c.at <= now; c = this.log.pending()) {
      if (c.at < now) throw new Error(`logged command at ${c.at} µs was passed over (now ${now} µs)`);
      this.backend.apply(c.command, c.at);
      this.log.markApplied();
      push(trace, await this.advanceBackend(now));
    }
  }

  /** The backend's advance, its events charged to the run's work. */
  private async advanceBackend(t: Micros): Promise<TraceEvent[]> {
    const events = await this.backend.advanceTo(t);
    this.meter.charge(events.length, this.backend.now());
    const counted = countTrace(events);
    this.counts = { events: this.counts.events + counted.events, packets: this.counts.packets + counted.packets };
    return events;
  }
}

const NO_COUNTS: TraceCounts = { events: 0, packets: 0 };

/** Where replayed or recorded events go: an array, or a window. */
interface TraceSink {
  push(e: TraceEvent): unknown;
}

function countTrace(events: readonly TraceEvent[]): TraceCounts {
  let packets = 0;
  for (const e of events) if (isPacketEvent(e)) packets++;
  return { events: events.length, packets };
}

/** Appends without spreading (a long trace would overflow the argument list). */
function push(into: TraceSink, events: readonly TraceEvent[]): void {
  for (const e of events) into.push(e);
}
