// The whole state of a running simulation, as plain structured-cloneable data
// (docs/architecture.md "Engine": "snapshotted, sent between threads, diffed and
// restored"). Behaviours (functions) are not in it: restoring pairs a cloned
// state with the same behaviours again. Derived lookups (topology index, who
// is on which link) are not in it either; they are rebuilt from the topology
// and the node positions.
//
// Everything a node's host owns — behaviour state, RandomSource state, timer
// table, event and trace counters, the FIFO and loss stream of each sending
// interface — sits in that node's slot, so the slot is exactly what a worker
// hosting the node will hold (docs/architecture.md "Runtime").

import type { Frame, InterfaceName, NodeId, TimerKey, TraceEventId } from '../node/contract';
import type { ForwardingTable } from '../node/route-table';
import type { Micros } from '../node/time';
import { createRandom, type RandomState } from '../random';
import { emptySchedulerState, type SchedulerState } from './scheduler';
import { faultsOfSender, type ArmedFault, type MessageFault } from './faults';
import { deriveSeed, nodeSeedLabel, transmitSeedLabel } from './seeds';
import type { LinkId, NodeSpec, Position, Topology } from './topology';
import type { TransmitState } from './transmission';

export interface TimerEntry {
  readonly at: Micros;
  /** Distinguishes this setting from earlier ones of the same key still in the queue (lazy cancellation). */
  readonly generation: number;
  readonly ref?: string;
  /** The trace event during which the timer was set. */
  readonly setDuring?: TraceEventId;
}

export interface NodeSlot {
  readonly id: NodeId;
  behaviourState: unknown;
  random: RandomState;
  position?: Position;
  /** Sequence numbers for the events this node causes (frames it sends, its timers): the scheduler's tie-breaker. */
  nextEventSeq: number;
  nextTraceSeq: number;
  nextTimerGeneration: number;
  timers: Record<TimerKey, TimerEntry>;
  transmit: Record<InterfaceName, TransmitState>;
  /** The forwarding table last given to the node, so only changes are sent. */
  installedTable?: ForwardingTable;
  /** Scripted message faults this node may trigger as a sender (faults.ts); absent when none. */
  faults?: ArmedFault[];
}

export type SimulationEvent =
  | { readonly kind: 'frame'; readonly node: number; readonly interface: number; readonly link: LinkId; readonly frame: Frame; readonly sentEvent: TraceEventId }
  | { readonly kind: 'timer'; readonly node: number; readonly key: TimerKey; readonly generation: number }
  /**
   * A frame `node` sent reached no receiver (transmission.ts): at the time it
   * would have arrived, the sender traces it as `lost` (loss-reasons.ts).
   * Always the sender's own event, so a worker decides it alone.
   */
  | { readonly kind: 'lost'; readonly node: number; readonly interface: number; readonly summary: string; readonly reason: string; readonly bytes: Uint8Array; readonly sentEvent: TraceEventId }
  /** `command` must be structured-cloneable data. */
  | { readonly kind: 'command'; readonly node: number; readonly command: unknown }
  | { readonly kind: 'move'; readonly node: number; readonly position: Position }
  /** The world changes a link's delay and/or loss (link-change.ts). */
  | { readonly kind: 'set-link'; readonly link: LinkId; readonly delay?: Micros; readonly loss?: number };

export interface SimulationState {
  readonly format: 1;
  readonly seed: number;
  /** Replaced (never mutated) when a link changes; derived lookups are rebuilt from it. */
  topology: Topology;
  readonly scheduler: SchedulerState<SimulationEvent>;
  readonly nodes: NodeSlot[];
  nextEnvironmentSeq: number;
}

/** The state of a generator seeded from the run seed and a stream name (createRandom's warm-up included). */
function freshStream(seed: number, label: string): RandomState {
  return createRandom(deriveSeed(seed, label)).state();
}

/** A node's slot at time 0: its streams seeded from the run seed and its name (seeds.ts). */
export function initialNodeSlot(spec: NodeSpec, behaviourState: unknown, seed: number, faults?: readonly MessageFault[]): NodeSlot {
  const armed = faultsOfSender(spec.id, faults);
  return {
    ...(armed === undefined ? {} : { faults: armed }),
    id: spec.id,
    behaviourState,
    random: freshStream(seed, nodeSeedLabel(spec.id)),
    ...(spec.position === undefined ? {} : { position: { x: spec.position.x, y: spec.position.y } }),
    nextEventSeq: 0,
    nextTraceSeq: 0,
    nextTimerGeneration: 0,
    timers: {},
    transmit: Object.fromEntries(spec.interfaces.map((i) => [i.name, { freeAt: 0, random: freshStream(seed, transmitSeedLabel(spec.id, i.name)) }])),
  };
}

/** A fresh state at time 0 with nothing scheduled; `behaviourStates` in topology node order. */
export function initialSimulationState(topology: Topology, behaviourStates: readonly unknown[], seed: number, faults?: readonly MessageFault[]): SimulationState {
  const nodes = topology.nodes.map((spec, n) => initialNodeSlot(spec, behaviourStates[n], seed, faults));
  return { format: 1, seed: seed >>> 0, topology, scheduler: emptySchedulerState(), nodes, nextEnvironmentSeq: 0 };
}
