// The one object the UI drives (docs/architecture.md "Runtime"): the UI never
// touches workers, schedulers or node state directly. It creates a LabRuntime,
// subscribes to batches, and sends LabCommands.
//
// Two implementations share this interface: the worker fabric (one Web Worker
// per node, conservative time windows, runtime/fabric/) and the in-page one
// (the in-process Simulation; for tests and where workers are unavailable).
// Given the same scenario, seed and command log both produce the same trace.

import type { Position } from '../engine/network/topology';
import type { TraceRetention } from '../engine/network/trace-window';
import type { NodeId, TraceEvent } from '../engine/node/contract';
import type { Micros } from '../engine/node/time';
import type { LoadedScenario } from '../scenarios/to-topology';
import type { z } from 'zod';
import type { adversaryActionSchema } from '../scenarios/schema';
import type { UdpFlow } from '../engine/network/behaviours/host';

/** Virtual seconds per wall second; 'unpaced' = fast-forward as fast as the machine allows. */
export type Speed = number | 'unpaced';

/** Slow motion: one packet crossing a link takes about a second on screen (docs/architecture.md "Runtime"). */
export const SLOWEST_SPEED = 0.001;
export const FASTEST_PACED_SPEED = 64;

/** A setting the learner can flip on a running node (docs/architecture.md "Runtime"). */
export type NodeSetting =
  | { readonly setting: 'route-optimization'; readonly value: boolean } // HA, CN, FA: optim-08 §1
  | { readonly setting: 'smooth-handoff'; readonly value: boolean } // MN asks for it, FA offers it (S bit): optim-08 §5
  | { readonly setting: 'encapsulation'; readonly value: 'ip-in-ip' | 'minimal' | 'gre' } // MN, FA; CN for its own tunnels: RFC 2002 §3.3, M/G bits
  | { readonly setting: 'auth-algorithm'; readonly value: 'keyed-md5' | 'hmac-md5' } // the node's SAs, RFC 2002 §3.5 / rfc3344
  | { readonly setting: 'acknowledging-correspondents'; readonly value: boolean } // HA: BUs with A = 1 and the list they build, optim-08 §7.3
  | { readonly setting: 'previous-fa-forwarding'; readonly value: boolean }; // MN: forward, or "forget me" (home address), Perkins & Johnson §4.2

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/**
 * An adversary action made the moment the command arrives: a scenario
 * adversary action (FORMAT.md) without `atS`; omitted fields take the format's
 * defaults (lifetimeS 300, spi 256, which 'latest').
 */
export type InjectedAdversaryAction = DistributiveOmit<z.input<typeof adversaryActionSchema>, 'atS'>;

/** Everything the UI can ask of a running network. Plain data: recorded in the command log and replayed. */
export type LabCommand =
  | { readonly type: 'move'; readonly node: NodeId; readonly position: Position }
  /** `delay` in µs (≥ 1 µs: the worker fabric's lookahead); `loss` in [0, 1]. Omitted fields stay. */
  | { readonly type: 'set-link'; readonly link: string; readonly delay?: Micros; readonly loss?: number }
  | ({ readonly type: 'configure'; readonly node: NodeId } & NodeSetting)
  | { readonly type: 'start-flow'; readonly node: NodeId; readonly flow: UdpFlow }
  | { readonly type: 'stop-flow'; readonly node: NodeId; readonly flow: string }
  | { readonly type: 'adversary'; readonly node: NodeId; readonly action: InjectedAdversaryAction };

/** A command as the runtime applied it: the virtual time it took effect. */
export interface CommandLogEntry {
  readonly at: Micros;
  readonly command: LabCommand;
}

export type RuntimeStatus =
  | 'loading' // workers starting, scenario being built
  | 'paused'
  | 'playing'
  | 'seeking' // replaying from a snapshot to the requested time
  | 'finished' // reached the scenario's duration
  | 'failed'; // a node failed; see `failure`

/** Where a node is and what it holds, as of `RuntimeBatch.now`. */
export interface NodeView {
  readonly id: NodeId;
  readonly position?: Position;
  /** Per interface, the links it is attached to now (a radio interface: the cells in range). */
  readonly attachments: Readonly<Record<string, readonly string[]>>;
  /** The behaviour's whole state (plain data; shape per role — see src/engine/protocol/nodes/*). */
  readonly state: unknown;
}

export interface RuntimeFailure {
  readonly node?: NodeId;
  readonly reason: string;
}

/**
 * What the page keeps of the trace (the runtime for a late subscriber, the
 * store for its views): a window of recent events, not the whole run
 * (docs/architecture.md "Engine", engine/network/trace-window.ts). Anything
 * older is re-derived by replay from a snapshot and the command log when it
 * is wanted again (a seek backwards, `LabRuntime.recall`).
 */
export const PAGE_TRACE_RETENTION: TraceRetention = { span: 60_000_000, maxEvents: 10_000 };

/** How many events a run recorded, and how many of them were packets (transmissions with bytes: packet-list rows). */
export interface TraceCounts {
  readonly events: number;
  readonly packets: number;
}

/**
 * A stretch of a run's trace re-derived by replay: every event from the
 * first one's time up to and including `to`, in trace order (its first
 * instant whole), the window a subscriber keeping PAGE_TRACE_RETENTION
 * would hold at `to`.
 */
export interface TraceStretch {
  readonly events: readonly TraceEvent[];
  readonly to: Micros;
  /** What the run recorded before `events[0]` (before `to` when there are none): numbers packets as in the whole run. */
  readonly before: TraceCounts;
}

/**
 * What subscribers receive, at most once per animation frame. Trace events
 * are appended in order; after a seek backwards `truncatedTo` says that every
 * event previously delivered with time > truncatedTo is void (drop them, then
 * append this batch's events).
 */
export interface RuntimeBatch {
  readonly now: Micros;
  readonly status: RuntimeStatus;
  readonly speed: Speed;
  readonly trace: readonly TraceEvent[];
  readonly truncatedTo?: Micros;
  /**
   * A new subscriber's first batch when the run is past the window kept for
   * it: `trace` is that window, and this counts what came before it.
   */
  readonly traceBefore?: TraceCounts;
  /**
   * With `truncatedTo` (a seek backwards): the window of the run at
   * `truncatedTo`, re-derived by replay, for a subscriber that keeps a
   * window (the store) to hold instead of what it held up to there. It is
   * not news: a subscriber following the stream of new events (the lesson
   * evaluator) ignores it. Events of `trace` at or before `window.to` are in
   * it already.
   */
  readonly window?: TraceStretch;
  /** Every node's view, when any may have changed since the last batch. */
  readonly nodes?: Readonly<Record<NodeId, NodeView>>;
  /** The whole command log, when it changed. */
  readonly commands?: readonly CommandLogEntry[];
  readonly failure?: RuntimeFailure;
  /** A command `send` refused (nothing was applied or logged), and why, in one sentence. */
  readonly rejected?: { readonly command: LabCommand; readonly reason: string };
}

export interface LabRuntime {
  readonly scenario: LoadedScenario;
  readonly seed: number;
  /** 'workers' or 'in-page', and why the fallback was taken if it was. */
  readonly mode: { readonly kind: 'workers' | 'in-page'; readonly reason?: string };
  /** Resolves once every node is loaded and the first batch (time 0, paused) was published. */
  readonly ready: Promise<void>;
  /** Play, paced at the current speed, until the scenario's duration (then 'finished'). */
  start(): void;
  pause(): void;
  /** Paused: advance to the next instant at which anything happens, and process everything at it. */
  step(): Promise<void>;
  /** Go to virtual time `t` (backwards: restore the latest snapshot before `t` and replay to `t`). Leaves the run paused. */
  seek(t: Micros): Promise<void>;
  setSpeed(speed: Speed): void;
  /** Applies at the current virtual time; recorded in the command log. A command after a seek backwards discards the log's later entries. */
  send(command: LabCommand): void;
  /** The listener gets the full current picture first (the trace so far — its recent window on a long run —, nodes, commands), then deltas. */
  subscribe(listener: (batch: RuntimeBatch) => void): () => void;
  /** What the runtime keeps of the trace for subscribers, and how long the stretches it re-derives are. */
  readonly traceRetention: TraceRetention;
  /**
   * The stretch of the run just before `t` (events with time < t): the
   * window at t − 1 µs, re-derived by replay from a snapshot and the command
   * log without moving the run (determinism makes it exact). For a view
   * showing older events than the store keeps (the packet list scrolled back).
   */
  recall(t: Micros): Promise<TraceStretch>;
  destroy(): void;
}

export interface LabRuntimeOptions {
  readonly seed?: number;
  /** Default: 'auto' (workers when available and the topology allows, else in-page). */
  readonly mode?: 'auto' | 'workers' | 'in-page';
  readonly speed?: Speed;
  /** Virtual time between rewind snapshots; default 2 s. */
  readonly snapshotInterval?: Micros;
  /** Commands to replay (a shared run): each applied at its `at`. */
  readonly commandLog?: readonly CommandLogEntry[];
  /** What is kept of the trace for subscribers; default PAGE_TRACE_RETENTION. */
  readonly traceRetention?: TraceRetention;
  /** Events after which a running run is stopped with a message; default WORK_LIMIT (src/scenarios/work.ts). */
  readonly workLimit?: number;
}
