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

import type { TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { SimulationBackend } from '../backend';
import type { CommandLogEntry, LabCommand } from '../types';
import { CommandLog } from './command-log';
import { SnapshotStore } from './snapshot-store';

export interface TimelineOptions {
  readonly snapshotInterval?: Micros;
  readonly snapshotCapacity?: number;
  /** A shared run's commands (checked by checkCommandLog). */
  readonly commandLog?: readonly CommandLogEntry[];
}

export class Timeline {
  readonly log: CommandLog;
  readonly snapshots: SnapshotStore;

  constructor(private readonly backend: SimulationBackend, options: TimelineOptions = {}) {
    this.log = new CommandLog(options.commandLog);
    this.snapshots = new SnapshotStore(options.snapshotInterval, options.snapshotCapacity);
  }

  get now(): Micros {
    return this.backend.now();
  }

  /** Time 0: what the nodes do at start (routes, `start`), the first snapshot, the commands logged at 0. */
  async begin(): Promise<TraceEvent[]> {
    const trace = await this.backend.advanceTo(this.backend.now());
    push(trace, await this.advance(this.backend.now()));
    return trace;
  }

  /**
   * Processes everything up to and including `target` (≥ now), applying the
   * logged commands on the way and taking the snapshots due. Returns the trace.
   */
  async advance(target: Micros): Promise<TraceEvent[]> {
    const trace: TraceEvent[] = [];
    for (;;) {
      await this.settleHere(trace);
      const now = this.backend.now();
      if (now >= target) return trace;
      const command = this.log.pending();
      const stop = Math.min(target, this.snapshots.nextBoundaryAfter(now), command === undefined ? Infinity : command.at);
      push(trace, await this.backend.advanceTo(stop));
    }
  }

  /** Back to `t` (< now): the latest snapshot at or before it, replayed to `t`. The replayed trace was delivered before; it is dropped. */
  async rewindTo(t: Micros): Promise<void> {
    const snapshot = this.snapshots.latestAtOrBefore(t);
    if (snapshot === undefined) throw new Error(`no snapshot at or before ${t} µs to rewind to`);
    await this.backend.restore(snapshot.snapshot);
    this.log.rewindTo(snapshot.applied);
    await this.advance(t);
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
    return this.backend.advanceTo(at);
  }

  /** At the current time: the snapshot due here, then the logged commands due here. */
  private async settleHere(trace: TraceEvent[]): Promise<void> {
    const now = this.backend.now();
    if (this.snapshots.wants(now)) this.snapshots.add({ time: now, applied: this.log.applied, snapshot: await this.backend.snapshot() });
    for (let c = this.log.pending(); c !== undefined && c.at <= now; c = this.log.pending()) {
      if (c.at < now) throw new Error(`logged command at ${c.at} µs was passed over (now ${now} µs)`);
      this.backend.apply(c.command, c.at);
      this.log.markApplied();
      push(trace, await this.backend.advanceTo(now));
    }
  }
}

/** Appends without spreading (a long trace would overflow the argument list). */
function push(into: TraceEvent[], events: readonly TraceEvent[]): void {
  for (const e of events) into.push(e);
}
