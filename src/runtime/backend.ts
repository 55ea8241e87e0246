// What the runtime's control layer (pacing, rewind, command log: control/)
// needs from whatever actually runs the network. Two backends implement it:
// the worker fabric (fabric/: one Web Worker per node, conservative time
// windows) and the in-page one (in-page/: the in-process Simulation). The
// control layer never knows which one it drives.
//
// Contract, shared by both so their traces are identical (docs/architecture.md "Runtime"):
// - `advanceTo(t)` processes every event with time ≤ t (as Simulation.runUntil)
//   and returns the trace recorded meanwhile, in the in-process scheduler's
//   order: (time, source, sequence) of the event being processed.
// - `apply(command, at)` with at ≥ now() schedules the command as a world
//   event at `at` (source −1, numbered in call order), so it runs before any
//   node event at `at` that is still pending, exactly as Simulation.command /
//   moveNode do. The control layer calls it with at = now().
// - `snapshot()` captures everything needed to continue identically;
//   `restore()` puts it back (the trace recorded before it is the caller's).

import type { NodeId, TraceEvent } from '../engine/node/contract';
import type { Micros } from '../engine/node/time';
import type { LabCommand, NodeView, RuntimeFailure } from './types';

/** Opaque, structured-cloneable. */
export interface BackendSnapshot {
  readonly kind: 'workers' | 'in-page';
  readonly time: Micros;
  readonly data: unknown;
}

export interface SimulationBackend {
  readonly kind: 'workers' | 'in-page';
  now(): Micros;
  /** The time of the earliest pending event anywhere, or undefined when nothing is pending. */
  nextEventTime(): Promise<Micros | undefined>;
  advanceTo(t: Micros): Promise<TraceEvent[]>;
  apply(command: LabCommand, at: Micros): void;
  views(): Promise<Record<NodeId, NodeView>>;
  snapshot(): Promise<BackendSnapshot>;
  restore(snapshot: BackendSnapshot): Promise<void>;
  /** A node failed (threw, or its worker died): the backend is unusable afterwards. */
  onFailure(listener: (failure: RuntimeFailure) => void): void;
  destroy(): void;
}
