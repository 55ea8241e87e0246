// The control layer (docs/architecture.md "Runtime"): pacing, pause, step, seek and rewind,
// the command log, batching and failures, over any SimulationBackend. The
// backend is a promise (workers take time to start); every operation goes
// through one SerialQueue, the backend's start first, so nothing reaches the
// backend before it exists and never two operations at once.
//
// The play loop runs on frames (frame-clock.ts): each frame flushes a waiting
// batch and, unless the previous advance is still running, starts the next
// one (pacing.ts). Node views are fetched at most every `viewIntervalMs` of
// wall time while playing, and always after pause, step, seek, a command and
// the finish.

import type { TraceRetention } from '../../engine/network/trace-window';
import type { Micros } from '../../engine/node/time';
import type { SimulationBackend } from '../backend';
import { PAGE_TRACE_RETENTION, type CommandLogEntry, type LabCommand, type LabRuntime, type NodeView, type RuntimeFailure, type RuntimeStatus, type Speed, type TraceStretch } from '../types';
import { Batcher } from './batcher';
import { failureOf } from './failure';
import { browserFrameClock, type FrameClock, type FrameHandle } from './frame-clock';
import { usableSpeed } from './pacing';
import { PlayLoop } from './play-loop';
import { SerialQueue } from './serial-queue';
import { Timeline } from './timeline';

export interface ControllerOptions {
  readonly duration: Micros;
  readonly speed?: Speed;
  readonly snapshotInterval?: Micros;
  readonly snapshotCapacity?: number;
  /** Already checked (checkCommandLog). */
  readonly commandLog?: readonly CommandLogEntry[];
  /** Null if the command can be applied; else why not (validateLabCommand). */
  readonly validate?: (command: LabCommand) => string | null;
  readonly clock?: FrameClock;
  readonly viewIntervalMs?: number;
  readonly unpacedBudgetMs?: number;
  /** What is kept of the trace for subscribers (default PAGE_TRACE_RETENTION). */
  readonly traceRetention?: TraceRetention;
  /** Events after which the run is stopped (default WORK_LIMIT, src/scenarios/work.ts). */
  readonly workLimit?: number;
}

export type RuntimeControls = Pick<LabRuntime, 'ready' | 'start' | 'pause' | 'step' | 'seek' | 'setSpeed' | 'send' | 'subscribe' | 'recall' | 'destroy'>;

export const VIEW_INTERVAL_MS = 100;

export class RuntimeController implements RuntimeControls {
  readonly ready: Promise<void>;
  private status: RuntimeStatus = 'loading';
  private speed: Speed;
  private failure: RuntimeFailure | undefined;
  private nodes: Readonly<Record<string, NodeView>> | undefined;
  private backend: SimulationBackend | undefined;
  private timeline: Timeline | undefined;
  private readonly queue = new SerialQueue();
  private readonly batcher: Batcher;
  private readonly clock: FrameClock;
  private readonly play: PlayLoop;
  private frame: FrameHandle | undefined;
  private advancing = false;
  private playWhenReady = false;
  private destroyed = false;
  private lastViewsWall = -Infinity;
  private halt!: () => void;
  /** Settles when the run fails or is destroyed: an operation waiting on a dead backend stops waiting. */
  private readonly halted = new Promise<void>((resolve) => (this.halt = resolve));

  private get retention(): TraceRetention {
    return this.options.traceRetention ?? PAGE_TRACE_RETENTION;
  }

  constructor(backend: Promise<SimulationBackend>, private readonly options: ControllerOptions) {
    this.speed = usableSpeed(options.speed ?? 1) ?? 1;
    this.clock = options.clock ?? browserFrameClock();
    this.play = new PlayLoop(this.clock, options.duration, options.unpacedBudgetMs);
    this.batcher = new Batcher(
      () => ({
        now: this.timeline?.now ?? 0, status: this.status, speed: this.speed, commands: this.timeline?.log.entries ?? [],
        ...(this.nodes === undefined ? {} : { nodes: this.nodes }),
        ...(this.failure === undefined ? {} : { failure: this.failure }),
      }),
      () => this.wantFrame(),
      this.retention,
    );
    this.ready = this.queue.run(() => this.load(backend));
    this.ready.catch(() => undefined); // the failure is also published; a caller that awaits `ready` still sees the rejection
  }

  start(): void {
    if (this.status === 'loading' || this.status === 'seeking') this.playWhenReady = true; // once there
    if (this.status !== 'paused' || this.destroyed) return;
    this.status = 'playing';
    this.play.restart();
    this.lastViewsWall = this.clock.now();
    this.batcher.publish();
    this.wantFrame();
  }

  pause(): void {
    if (this.stopPlaying()) void this.op(async () => this.settle());
  }

  step(): Promise<void> {
    this.stopPlaying();
    return this.op(async (timeline) => {
      if (this.status === 'playing' || this.status === 'finished') return; // play was pressed again, or nothing is left
      const next = await timeline.nextInstant();
      const target = next === undefined ? this.options.duration : Math.min(next, this.options.duration);
      if (target > timeline.now) this.batcher.addTrace(await timeline.advance(target));
      await this.settle();
    });
  }

  seek(t: Micros): Promise<void> {
    if (typeof t !== 'number' || Number.isNaN(t)) return Promise.resolve();
    const target = Math.min(this.options.duration, Math.max(0, Math.round(t)));
    this.stopPlaying();
    if (this.status === 'paused' || this.status === 'finished') {
      this.status = 'seeking';
      this.batcher.publish();
    }
    return this.op(async (timeline) => {
      this.status = 'seeking';
      if (target < timeline.now) {
        // The window at the target comes back with it: a subscriber may have let it go (docs/architecture.md "Engine").
        this.batcher.truncate(await timeline.rewindTo(target, this.retention));
      } else {
        // A stretch of the retention span at a time: a long seek never holds its whole trace at once (the batcher sends it on as it grows).
        while (target > timeline.now) this.batcher.addTrace(await timeline.advance(Math.min(target, timeline.now + Math.max(1, this.retention.span))));
      }
      await this.settle();
    });
  }

  setSpeed(speed: Speed): void {
    const usable = usableSpeed(speed);
    if (usable === undefined || usable === this.speed) return;
    if ((usable === 'unpaced') !== (this.speed === 'unpaced')) this.play.restart();
    this.speed = usable;
    this.batcher.publish();
  }

  send(command: LabCommand): void {
    if (this.destroyed || this.status === 'failed') return;
    const problem = this.options.validate?.(command) ?? null;
    if (problem !== null) {
      this.batcher.reject({ command, reason: problem });
      this.batcher.publish();
      return;
    }
    void this.op(async (timeline) => {
      try {
        this.batcher.addTrace(await timeline.send(command));
      } catch (error) {
        if (this.status === 'failed') return;
        this.batcher.reject({ command, reason: failureOf(error).reason });
        this.batcher.publish();
        return;
      }
      this.batcher.commands();
      await this.refreshViews();
      this.batcher.publish();
    });
  }

  /** Re-derives the window before `t` by replay; the run stays where it is (queued like any operation; a failed or destroyed run refuses). */
  recall(t: Micros): Promise<TraceStretch> {
    return this.queue.run(async () => {
      const timeline = this.timeline;
      if (timeline === undefined || this.destroyed || this.status === 'failed') throw new Error('the run is not available to replay');
      const stretch = await timeline.recall(Math.round(t) - 1, this.retention);
      return stretch;
    });
  }

  subscribe(listener: Parameters<LabRuntime['subscribe']>[0]): () => void {
    return this.destroyed ? () => undefined : this.batcher.subscribe(listener);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.cancelFrame();
    this.batcher.clear();
    this.backend?.destroy();
    this.halt();
  }

  private async load(pending: Promise<SimulationBackend>): Promise<void> {
    let backend: SimulationBackend;
    try {
      backend = await pending;
    } catch (error) {
      this.fail({ reason: `the network could not start: ${failureOf(error).reason}` });
      throw error;
    }
    if (this.destroyed) {
      backend.destroy();
      return;
    }
    this.backend = backend;
    backend.onFailure((failure) => this.fail(failure));
    const timeline = new Timeline(backend, {
      ...(this.options.snapshotInterval === undefined ? {} : { snapshotInterval: this.options.snapshotInterval }),
      ...(this.options.snapshotCapacity === undefined ? {} : { snapshotCapacity: this.options.snapshotCapacity }),
      ...(this.options.commandLog === undefined ? {} : { commandLog: this.options.commandLog }),
      ...(this.options.workLimit === undefined ? {} : { workLimit: this.options.workLimit }),
    });
    this.timeline = timeline;
    const loaded = this.guard(async () => {
      this.batcher.addTrace(await timeline.begin());
      await this.settle(); // loading → paused (unless it failed meanwhile)
    });
    await loaded;
    this.batcher.open();
    this.batcher.publish();
    this.playIfAsked();
  }

  /** Queues `body` after everything before it; skipped if the run cannot go on. Never rejects. */
  private op(body: (timeline: Timeline) => Promise<void>): Promise<void> {
    return this.queue.run(() => {
      const timeline = this.timeline;
      if (timeline === undefined || this.destroyed || this.status === 'failed') return Promise.resolve();
      return this.guard(() => body(timeline));
    });
  }

  /** Runs `body`; a throw becomes the run's failure, and a failure elsewhere ends the wait. */
  private async guard(body: () => Promise<void>): Promise<void> {
    try {
      await Promise.race([body(), this.halted]);
    } catch (error) {
      this.fail(failureOf(error));
    }
  }

  /** Finished, or paused unless play was pressed meanwhile; views fetched; batch out. */
  private async settle(): Promise<void> {
    if (this.status === 'failed' || this.destroyed) return;
    if (this.timeline!.now >= this.options.duration) this.status = 'finished';
    else if (this.status !== 'playing') this.status = 'paused';
    await this.refreshViews();
    this.batcher.publish();
    this.playIfAsked();
  }

  /** Playing → paused (the caller settles); a play asked for during loading or a seek is forgotten. */
  private stopPlaying(): boolean {
    this.playWhenReady = false;
    if (this.status !== 'playing') return false;
    this.status = 'paused';
    return true;
  }

  private playIfAsked(): void {
    if (!this.playWhenReady || this.status !== 'paused') return;
    this.playWhenReady = false;
    this.start();
  }

  private async refreshViews(): Promise<void> {
    const views = await this.backend!.views();
    if (this.status === 'failed' || this.destroyed) return;
    this.nodes = views;
    this.lastViewsWall = this.clock.now();
    this.batcher.nodes();
  }

  private fail(failure: RuntimeFailure): void {
    if (this.status === 'failed' || this.destroyed) return;
    this.status = 'failed';
    this.failure = failure;
    this.halt();
    this.batcher.failure();
    this.batcher.open();
    this.batcher.publish();
  }

  private wantFrame(): void {
    if (this.frame === undefined && !this.destroyed) this.frame = this.clock.requestFrame(() => this.onFrame());
  }

  private cancelFrame(): void {
    if (this.frame !== undefined) this.clock.cancelFrame(this.frame);
    this.frame = undefined;
  }

  private onFrame(): void {
    this.frame = undefined;
    if (this.destroyed) return;
    // An advance starting now publishes when it is done: what waits goes out with it, in this frame.
    const advance = this.status === 'playing' && !this.advancing;
    this.batcher.onFrame(!advance);
    if (this.status !== 'playing') return;
    this.wantFrame();
    if (!advance) return; // the backend is slower than a frame: this frame waits
    this.advancing = true;
    void this.op(async (timeline) => {
      try {
        if (this.status !== 'playing') return;
        this.batcher.addTrace(await this.play.advance(timeline, this.speed, () => this.status === 'playing'));
        if (this.status !== 'playing') return; // paused, seeking or failed meanwhile
        if (timeline.now >= this.options.duration) await this.settle();
        else if (this.clock.now() - this.lastViewsWall >= (this.options.viewIntervalMs ?? VIEW_INTERVAL_MS)) await this.refreshViews();
      } finally {
        this.batcher.publish();
      }
    }).finally(() => (this.advancing = false));
  }
}
