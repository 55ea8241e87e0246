// From the run to its subscribers (docs/architecture.md "Runtime"): at most one batch per
// animation frame. Whatever happens between two frames — advances, a
// command, a seek — is merged into one batch; a new subscriber's first batch
// is the whole picture (the trace so far, every node, the command log).
//
// The trace kept for a new subscriber is a window of recent events
// (PAGE_TRACE_RETENTION), with the counts of what came before it, so memory
// does not grow with the length of the run; a seek backwards brings the
// window at the new time, re-derived by replay (timeline.ts).
//
// Rule: a batch goes out at once unless one already went out since the last
// frame; then it waits for the next frame (the controller asks for one).

import { isPacketEvent } from '../../engine/metrics/trace-events';
import { TraceWindow, type TraceRetention } from '../../engine/network/trace-window';
import type { TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import { PAGE_TRACE_RETENTION, type CommandLogEntry, type NodeView, type RuntimeBatch, type RuntimeFailure, type RuntimeStatus, type Speed, type TraceCounts, type TraceStretch } from '../types';

/** The run as it is now (the controller's state). */
export interface Picture {
  readonly now: Micros;
  readonly status: RuntimeStatus;
  readonly speed: Speed;
  readonly nodes?: Readonly<Record<string, NodeView>>;
  readonly commands: readonly CommandLogEntry[];
  readonly failure?: RuntimeFailure;
}

type Listener = (batch: RuntimeBatch) => void;
type Rejection = NonNullable<RuntimeBatch['rejected']>;

export class Batcher {
  private readonly subscribers = new Set<{ readonly listener: Listener; fresh: boolean }>();
  /** The recent events delivered or pending, in order: a late subscriber's first batch. */
  private history: TraceWindow;
  /** Events and packets of the run up to the end of `history`. */
  private recorded: TraceCounts = { events: 0, packets: 0 };
  private trace: TraceEvent[] = [];
  private truncatedTo: Micros | undefined;
  private window: TraceStretch | undefined;
  private nodesChanged = false;
  private commandsChanged = false;
  private failureChanged = false;
  private rejected: Rejection | undefined;
  private last: { now: Micros; status: RuntimeStatus; speed: Speed } | undefined;
  private opened = false;
  private sentThisFrame = false;
  private waiting = false;

  constructor(private readonly picture: () => Picture, private readonly wantFrame: () => void, private readonly retention: TraceRetention = PAGE_TRACE_RETENTION) {
    this.history = new TraceWindow(retention);
  }

  /** Events recorded, in order. More than a window of them waiting (a long seek) go out at once, frame or not, so they are never all held. */
  addTrace(events: readonly TraceEvent[]): void {
    let packets = 0;
    for (const e of events) {
      this.history.push(e);
      this.trace.push(e);
      if (isPacketEvent(e)) packets++;
    }
    this.recorded = { events: this.recorded.events + events.length, packets: this.recorded.packets + packets };
    if (this.opened && this.trace.length >= this.retention.maxEvents) this.flush();
  }

  /** A rewind to `window.to`: every event after it is void, delivered or not; `window` is what is kept there. */
  truncate(window: TraceStretch): void {
    const t = window.to;
    this.history.reset(window.events, window.before.events);
    let packets = 0;
    for (const e of window.events) if (isPacketEvent(e)) packets++;
    this.recorded = { events: window.before.events + window.events.length, packets: window.before.packets + packets };
    this.trace = keepUntil(this.trace, t);
    this.truncatedTo = Math.min(this.truncatedTo ?? t, t);
    this.window = window;
  }

  nodes(): void {
    this.nodesChanged = true;
  }

  commands(): void {
    this.commandsChanged = true;
  }

  failure(): void {
    this.failureChanged = true;
  }

  reject(rejection: Rejection): void {
    this.rejected = rejection;
  }

  subscribe(listener: Listener): () => void {
    const entry = { listener, fresh: true };
    this.subscribers.add(entry);
    this.publish();
    return () => this.subscribers.delete(entry);
  }

  /** Batches flow from now on (the time-0 state is ready, or the run failed to start). */
  open(): void {
    this.opened = true;
  }

  /** Sends what is pending now, or at the next frame if a batch already went out in this one. */
  publish(): void {
    if (!this.opened) return;
    if (this.sentThisFrame) {
      this.waiting = true;
      this.wantFrame();
      return;
    }
    this.flush();
  }

  /** A frame began: a batch may go out again. `flushWaiting` false: the caller publishes later in this frame. */
  onFrame(flushWaiting = true): void {
    this.sentThisFrame = false;
    if (this.waiting && flushWaiting) this.flush();
  }

  clear(): void {
    this.subscribers.clear();
    this.waiting = false;
  }

  private flush(): void {
    this.waiting = false;
    const p = this.picture();
    const delta: RuntimeBatch = {
      now: p.now,
      status: p.status,
      speed: p.speed,
      trace: this.trace,
      ...(this.truncatedTo === undefined ? {} : { truncatedTo: this.truncatedTo }),
      ...(this.window === undefined ? {} : { window: this.window }),
      ...(this.nodesChanged && p.nodes !== undefined ? { nodes: p.nodes } : {}),
      ...(this.commandsChanged ? { commands: p.commands } : {}),
      ...(this.failureChanged && p.failure !== undefined ? { failure: p.failure } : {}),
      ...(this.rejected === undefined ? {} : { rejected: this.rejected }),
    };
    const moved = this.last === undefined || this.last.now !== p.now || this.last.status !== p.status || this.last.speed !== p.speed;
    const news = moved || this.trace.length > 0 || this.truncatedTo !== undefined || this.nodesChanged || this.commandsChanged || this.failureChanged || this.rejected !== undefined;
    let sent = false;
    for (const s of [...this.subscribers]) {
      if (s.fresh) {
        s.fresh = false;
        const held = this.history.events;
        let packets = 0;
        for (const e of held) if (isPacketEvent(e)) packets++;
        const before = { events: this.recorded.events - held.length, packets: this.recorded.packets - packets };
        deliver(s.listener, {
          now: p.now, status: p.status, speed: p.speed, trace: held.slice(),
          ...(before.events === 0 ? {} : { traceBefore: before }),
          ...(p.nodes === undefined ? {} : { nodes: p.nodes }),
          commands: p.commands,
          ...(p.failure === undefined ? {} : { failure: p.failure }),
        });
        sent = true;
      } else if (news) {
        deliver(s.listener, delta);
        sent = true;
      }
    }
    this.trace = [];
    this.truncatedTo = undefined;
    this.window = undefined;
    this.nodesChanged = this.commandsChanged = this.failureChanged = false;
    this.rejected = undefined;
    this.last = { now: p.now, status: p.status, speed: p.speed };
    if (sent) {
      this.sentThisFrame = true;
      this.wantFrame(); // the next frame re-opens the gate
    }
  }
}

/** Events are in time order: cut after the last one at or before `t`. */
function keepUntil(events: TraceEvent[], t: Micros): TraceEvent[] {
  let n = events.length;
  while (n > 0 && events[n - 1]!.time > t) n--;
  return n === events.length ? events : events.slice(0, n);
}

/** A listener that throws must not stop the run (nor the other listeners); its error still surfaces. */
function deliver(listener: Listener, batch: RuntimeBatch): void {
  try {
    listener(batch);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
