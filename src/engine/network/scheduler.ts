// The discrete-event scheduler on virtual time (docs/architecture.md "Engine": network/).
//
// Events are ordered by (time, source, sequence): `source` is the index of the
// node that caused the event (the sender of a frame, the owner of a timer) or
// ENVIRONMENT_SOURCE for the world (moves, learner commands); `sequence` is
// numbered by that source alone. The key never depends on the order in which
// events happened to be inserted, so simultaneous events on several nodes are
// processed in the same order whether one scheduler runs them all or, later,
// one worker per node runs its own within a conservative time window
// (docs/architecture.md "Runtime": "a node orders events by (time, source, sequence)").
// Each (source, sequence) pair must be used once; the owner guarantees it.
//
// Everything pending lives in a plain array (a binary heap), so the state is
// structured-cloneable with the rest of the simulation.

import { isMicros, type Micros } from '../node/time';
import { popEvent, pushEvent } from './event-heap';

/** The world outside every node: moves and commands sort before node events at the same time. */
export const ENVIRONMENT_SOURCE = -1;

export interface ScheduledEvent<P> {
  readonly time: Micros;
  readonly source: number;
  readonly seq: number;
  readonly payload: P;
}

export interface SchedulerState<P> {
  now: Micros;
  pending: ScheduledEvent<P>[];
  /** How many pending events the owner has declared dead but are still in the heap. */
  stale: number;
}

export function compareEvents<P>(a: ScheduledEvent<P>, b: ScheduledEvent<P>): number {
  return a.time - b.time || a.source - b.source || a.seq - b.seq;
}

export function emptySchedulerState<P>(): SchedulerState<P> {
  return { now: 0, pending: [], stale: 0 };
}

export class Scheduler<P> {
  constructor(
    readonly state: SchedulerState<P>,
    private readonly dispatch: (event: ScheduledEvent<P>) => void,
    /** Lazy cancellation: an event for which this is false is skipped (e.g. a timer that was moved). */
    private readonly isLive: (event: ScheduledEvent<P>) => boolean = () => true,
  ) {}

  get now(): Micros {
    return this.state.now;
  }

  schedule(time: Micros, source: number, seq: number, payload: P): void {
    if (!isMicros(time)) throw new RangeError(`event time must be a non-negative integer of microseconds, got ${time}`);
    if (time < this.state.now) throw new RangeError(`cannot schedule an event at ${time} µs: virtual time is already ${this.state.now} µs`);
    pushEvent(this.state.pending, { time, source, seq, payload });
  }

  /**
   * The owner declares one pending event dead (a timer moved or cancelled).
   * Dead events are skipped when they surface; when they outnumber the live
   * ones the heap is rebuilt without them, so a timer re-armed on every packet
   * cannot make the queue (and every snapshot) grow without bound.
   */
  noteStale(): void {
    this.state.stale++;
    if (this.state.stale > 64 && this.state.stale * 2 > this.state.pending.length) {
      // A sorted array is a valid binary heap.
      this.state.pending = this.state.pending.filter((e) => this.isLive(e)).sort(compareEvents);
      this.state.stale = 0;
    }
  }

  /** Time of the next live event, or undefined when nothing is pending. */
  nextEventTime(): Micros | undefined {
    return this.peekLive()?.time;
  }

  /** Nothing left to do: every node is waiting for input from outside. */
  isIdle(): boolean {
    return this.peekLive() === undefined;
  }

  /** Advances to the next event and processes it; returns it, or undefined when idle. */
  step(): ScheduledEvent<P> | undefined {
    const next = this.peekLive();
    if (next === undefined) return undefined;
    popEvent(this.state.pending);
    this.state.now = next.time;
    this.dispatch(next);
    return next;
  }

  /** Processes every event at or before `t`, then sets the clock to `t`. Returns how many ran. */
  runUntil(t: Micros): number {
    if (!isMicros(t)) throw new RangeError(`runUntil needs a non-negative integer of microseconds, got ${t}`);
    let count = 0;
    // step() inlined: the live event found is the one processed, without looking for it twice.
    for (let next = this.peekLive(); next !== undefined && next.time <= t; next = this.peekLive()) {
      popEvent(this.state.pending);
      this.state.now = next.time;
      this.dispatch(next);
      count++;
    }
    if (t > this.state.now) this.state.now = t;
    return count;
  }

  /** Runs until idle; `maxEvents` guards against runs that never settle (periodic timers). */
  runUntilIdle(maxEvents = 1_000_000): number {
    let count = 0;
    while (this.step() !== undefined) {
      if (++count >= maxEvents && !this.isIdle()) throw new Error(`still not idle after ${maxEvents} events (a periodic timer never stops?)`);
    }
    return count;
  }

  private peekLive(): ScheduledEvent<P> | undefined {
    for (;;) {
      const top = this.state.pending[0];
      if (top === undefined || this.isLive(top)) return top;
      popEvent(this.state.pending);
      if (this.state.stale > 0) this.state.stale--;
    }
  }
}
