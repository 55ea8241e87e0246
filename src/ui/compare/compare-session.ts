// Two runs of one scenario, side by side, that differ in one setting (compare-settings.ts):
// each side has its own runtime and its own lab store (store/lab-store.ts
// createLabStore), so every view the lab draws from a store draws a side
// unchanged. One set of controls drives both to the same virtual time:
// play starts both (each paced against the same wall clock), and pause, step,
// seek and every command leave both paused at one time — the later of the
// two after a pause, the earlier after a step (the one that went further is
// taken back, exactly, by replay: docs/architecture.md "Runtime"). A command
// one side's canvas sends (a move of the mobile node) goes to both runtimes
// at that one time, so the sides differ only in the setting.

import type { Micros } from '../../engine/node/time';
import { createLabRuntime } from '../../runtime/create-lab-runtime';
import type { LabCommand, LabRuntime, LabRuntimeOptions, RuntimeBatch, Speed } from '../../runtime/types';
import type { LoadedScenario } from '../../scenarios/to-topology';
import { createLabStore, type LabStore } from '../store/lab-store';
import '../store/run-reading-code'; // read each side's trace (store/run-reading.ts)
import type { ResolvedComparison } from './compare-link';
import { sideCommandLog } from './compare-settings';

export interface CompareSide {
  readonly name: 'left' | 'right';
  readonly store: LabStore;
  readonly runtime: LabRuntime;
}

/** Wall time a batch may take to follow an operation (the runtime publishes at most once per frame). */
const SETTLE_MS = 50;
const settleDelay = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

export type RuntimeFactory = (loaded: LoadedScenario, options: LabRuntimeOptions) => LabRuntime;

/** The in-page backend: two runs at once would otherwise start a worker per node twice over. */
const defaultFactory: RuntimeFactory = (loaded, options) => createLabRuntime(loaded, { ...options, mode: 'in-page' });

export class CompareSession {
  readonly left: CompareSide;
  readonly right: CompareSide;
  readonly ready: Promise<void>;
  private queue: Promise<void> = Promise.resolve();
  private readonly unsubscribe: (() => void)[] = [];
  private destroyed = false;

  constructor(readonly loaded: LoadedScenario, readonly scenarioId: string, readonly comparison: ResolvedComparison, factory: RuntimeFactory = defaultFactory) {
    this.left = this.side('left', factory);
    this.right = this.side('right', factory);
    this.ready = Promise.all([this.left.runtime.ready, this.right.runtime.ready]).then(() => undefined);
  }

  get sides(): readonly CompareSide[] {
    return [this.left, this.right];
  }

  /** The time both sides are at (while playing, the one further behind). */
  get now(): Micros {
    return Math.min(this.left.store.getState().now, this.right.store.getState().now);
  }

  play(): void {
    for (const s of this.sides) s.runtime.start();
  }

  pause(): Promise<void> {
    return this.run(async () => this.pauseAligned());
  }

  step(): Promise<void> {
    return this.run(async () => {
      await this.pauseAligned();
      await Promise.all(this.sides.map((s) => s.runtime.step()));
      await settleDelay();
      await this.seekBoth(this.now); // the side that went further comes back to the other's next event
    });
  }

  seek(t: Micros): Promise<void> {
    return this.run(async () => this.seekBoth(t));
  }

  setSpeed(speed: Speed): void {
    for (const s of this.sides) s.runtime.setSpeed(speed);
  }

  /** Applies `command` to both runs at the same virtual time; a playing pair plays on. */
  send(command: LabCommand): Promise<void> {
    return this.run(async () => {
      const playing = this.sides.some((s) => s.store.getState().status === 'playing');
      await this.pauseAligned();
      for (const s of this.sides) s.runtime.send(command);
      if (playing) this.play();
    });
  }

  destroy(): void {
    this.destroyed = true;
    for (const u of this.unsubscribe) u();
    for (const s of this.sides) s.store.getState().detachRuntime();
  }

  private side(name: 'left' | 'right', factory: RuntimeFactory): CompareSide {
    const value = name === 'left' ? this.comparison.left : this.comparison.right;
    const runtime = factory(this.loaded, { seed: this.comparison.seed, commandLog: sideCommandLog(this.loaded, this.comparison.choice, value) });
    const store = createLabStore();
    // The store's views send through the session, so a move on either canvas reaches both runs.
    const routed: LabRuntime = {
      get scenario() { return runtime.scenario; },
      get seed() { return runtime.seed; },
      get mode() { return runtime.mode; },
      get ready() { return runtime.ready; },
      get traceRetention() { return runtime.traceRetention; },
      start: () => this.play(),
      pause: () => void this.pause(),
      step: () => this.step(),
      seek: (t) => this.seek(t),
      setSpeed: (s) => this.setSpeed(s),
      send: (c) => void this.send(c),
      subscribe: (l) => runtime.subscribe(l),
      recall: (t) => runtime.recall(t),
      destroy: () => runtime.destroy(),
    };
    store.getState().attachRuntime(routed, this.scenarioId);
    this.unsubscribe.push(runtime.subscribe((b: RuntimeBatch) => store.getState().applyBatch(b)));
    return { name, store, runtime };
  }

  private run(op: () => Promise<void>): Promise<void> {
    const next = this.queue.then(async () => (this.destroyed ? undefined : op()));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async pauseAligned(): Promise<void> {
    for (const s of this.sides) s.runtime.pause();
    await settleDelay();
    await this.seekBoth(Math.max(this.left.store.getState().now, this.right.store.getState().now));
  }

  private async seekBoth(t: Micros): Promise<void> {
    await Promise.all(this.sides.map((s) => s.runtime.seek(t)));
    await settleDelay();
  }
}
