// One node of a partitioned simulation: what a worker of the fabric runs
// (docs/architecture.md "Runtime": one Web Worker per node). It owns the node's slot and
// a local scheduler holding only that node's events, and keeps its own copy
// of the world every node must agree on — the topology (links change) and
// every node's position (radio membership and routes are derived from them).
//
// The coordinator (runtime/fabric/) drives it in steps:
//  - runWindow(end): every local event with time < end, in (time, source,
//    seq) order, as the in-process scheduler would. A frame sent in the window
//    lands at ≥ now + smallest delay ≥ end, so it belongs to a later window:
//    it goes to the outbox instead of the queue (a frame to itself stays).
//  - world events at window boundaries: commands (runCommands), a move (the
//    moved node first, moveSelf; then every node, applyMove) and a link
//    change (applyLinkChange).
// Every trace event is tagged with the key of what was being processed
// (time, source, seq, phase, node) so the coordinator can merge the traces of
// all nodes into the in-process order; phases order the parts of a move:
// 0 the moved node's attachment records, 1 each node's routes (node order),
// 2 the moved node hearing of the change (simulation.ts `move`).
//
// Pure: no threads, no messages; the runtime's node host wraps it.

import type { NodeBehaviour, TraceEvent, TraceEventId } from '../node/contract';
import type { ForwardingTable } from '../node/route-table';
import type { Micros } from '../node/time';
import type { MessageFault } from './faults';
import { withLinkChange, type LinkChange } from './link-change';
import { NodeRunner, type AttachmentChange, type NodeEvent, type NodeWorld } from './node-runner';
import { computeMembership, type Membership } from './radio';
import { computeForwardingTable } from './routing';
import { forwardingTableAfterMove } from './routing-after-move';
import { ENVIRONMENT_SOURCE, Scheduler, emptySchedulerState, type ScheduledEvent, type SchedulerState } from './scheduler';
import { initialNodeSlot, type NodeSlot, type SimulationEvent } from './simulation-state';
import { indexTopology, type LinkId, type Position, type Topology, type TopologyIndex } from './topology';

/** Numbers per trace key: time, source, seq, phase, node. */
export const TRACE_KEY_WIDTH = 5;

export const MOVE_PHASE = { attachment: 0, routes: 1, announce: 2 } as const;

/** Everything one node's host holds, as plain structured-cloneable data. */
export interface HostedNodeState {
  readonly format: 1;
  readonly node: number;
  topology: Topology;
  /** Every node's position (topology order): membership is derived from all of them. */
  readonly positions: (Position | undefined)[];
  readonly slot: NodeSlot;
  readonly scheduler: SchedulerState<SimulationEvent>;
}

export interface OutgoingFrames {
  readonly to: number;
  readonly events: ScheduledEvent<NodeEvent>[];
  /** The earliest arrival among them. */
  readonly earliest: Micros;
}

/** A node's starting state; `initialTable` is the table its time-0 install-routes command carries. */
export function initialHostedNodeState(topology: Topology, node: number, behaviourState: unknown, seed: number, initialTable: ForwardingTable, faults?: readonly MessageFault[]): HostedNodeState {
  const slot = initialNodeSlot(topology.nodes[node]!, behaviourState, seed, faults);
  slot.installedTable = initialTable;
  return { format: 1, node, topology, positions: topology.nodes.map((s) => s.position), slot, scheduler: emptySchedulerState() };
}

export class HostedNode implements NodeWorld {
  private currentIndex: TopologyIndex;
  private currentMembership: Membership;
  private readonly scheduler: Scheduler<SimulationEvent>;
  private readonly runner: NodeRunner;
  private outbox = new Map<number, ScheduledEvent<NodeEvent>[]>();
  private traceEvents: TraceEvent[] = [];
  private traceKeys: number[] = [];
  private key: [number, number, number, number] = [0, 0, 0, 0];
  /** Between moveSelf and applyMove: the changes the node will hear of. */
  private pendingChanges: AttachmentChange[] = [];

  constructor(private readonly hosted: HostedNodeState, behaviour: NodeBehaviour<unknown, unknown>) {
    this.currentIndex = indexTopology(hosted.topology);
    this.currentMembership = computeMembership(this.currentIndex, hosted.positions);
    this.scheduler = new Scheduler(hosted.scheduler, (e) => this.dispatch(e), (e) => this.runner.isLive(e.payload));
    this.runner = new NodeRunner(hosted.node, hosted.slot, behaviour, this);
  }

  // NodeWorld, for the runner. Frames to other nodes are posted with their buffers transferred (runtime/fabric/).
  readonly framesLeaveThread = true;

  get index(): TopologyIndex {
    return this.currentIndex;
  }

  get membership(): Membership {
    return this.currentMembership;
  }

  get now(): Micros {
    return this.scheduler.now;
  }

  schedule(time: Micros, source: number, seq: number, event: NodeEvent): void {
    if (event.kind === 'frame' && event.node !== this.hosted.node) {
      let list = this.outbox.get(event.node);
      if (list === undefined) this.outbox.set(event.node, (list = []));
      list.push({ time, source, seq, payload: event });
    } else {
      this.scheduler.schedule(time, source, seq, event);
    }
  }

  noteStale(): void {
    this.scheduler.noteStale();
  }

  trace(event: TraceEvent): void {
    this.traceEvents.push(event);
    this.traceKeys.push(...this.key, this.hosted.node);
  }

  /** The live state (plain data); clone it to keep it. */
  state(): HostedNodeState {
    return this.hosted;
  }

  get slot(): NodeSlot {
    return this.hosted.slot;
  }

  /** Frames other nodes sent here (each arrives after the window it was sent in). */
  receive(events: readonly ScheduledEvent<SimulationEvent>[]): void {
    for (const e of events) this.scheduler.schedule(e.time, e.source, e.seq, e.payload);
  }

  nextEventTime(): Micros | undefined {
    return this.scheduler.nextEventTime();
  }

  /** Processes every local event with time < end. */
  runWindow(end: Micros): number {
    return end > 0 ? this.scheduler.runUntil(end - 1) : 0;
  }

  /** World commands for this node at `time`, in their order (`seq`: the world's numbering). */
  runCommands(time: Micros, commands: readonly { readonly seq: number; readonly command: unknown }[]): void {
    this.advanceClock(time);
    for (const c of commands) this.scheduler.schedule(time, ENVIRONMENT_SOURCE, c.seq, { kind: 'command', node: this.hosted.node, command: c.command });
    // Nothing local is before `time` (the coordinator's guarantee) and the world sorts first at `time`.
    for (let i = 0; i < commands.length; i++) this.scheduler.step();
  }

  /** Phase 0 of a move of this node: re-attach and trace the changes. Returns the first change's event, the cause of the routes that follow. */
  moveSelf(time: Micros, seq: number, position: Position): TraceEventId | undefined {
    this.advanceClock(time);
    this.key = [time, ENVIRONMENT_SOURCE, seq, MOVE_PHASE.attachment];
    const before = this.currentMembership;
    this.setPosition(this.hosted.node, position);
    this.pendingChanges = this.runner.recordAttachmentChanges(before, this.currentMembership);
    return this.pendingChanges[0]?.id;
  }

  /** Phases 1 and 2 of a move of `node` (any node): membership follows; with a cause, so do the routes. */
  applyMove(time: Micros, seq: number, node: number, position: Position, cause: TraceEventId | undefined): void {
    this.advanceClock(time);
    const before = this.currentMembership; // for this node's own move, moveSelf already re-attached it: its table is computed afresh anyway
    if (node !== this.hosted.node) this.setPosition(node, position);
    if (cause === undefined) return;
    this.key = [time, ENVIRONMENT_SOURCE, seq, MOVE_PHASE.routes];
    // Only what the move can change (routing-after-move.ts): the same table as computing it afresh.
    this.runner.installRoutes(forwardingTableAfterMove(this.currentIndex, before, this.currentMembership, node, this.hosted.node, this.hosted.slot.installedTable), cause);
    if (node !== this.hosted.node) return;
    this.key = [time, ENVIRONMENT_SOURCE, seq, MOVE_PHASE.announce];
    this.runner.announceAttachmentChanges(this.pendingChanges);
    this.pendingChanges = [];
  }

  /** A link's delay or loss changed (checked by the caller): lookups are rebuilt and routes follow. */
  applyLinkChange(time: Micros, seq: number, link: LinkId, change: LinkChange): void {
    this.advanceClock(time);
    this.hosted.topology = withLinkChange(this.hosted.topology, link, change);
    this.currentIndex = indexTopology(this.hosted.topology);
    this.currentMembership = computeMembership(this.currentIndex, this.hosted.positions);
    this.key = [time, ENVIRONMENT_SOURCE, seq, MOVE_PHASE.routes];
    this.runner.installRoutes(this.ownTable(), undefined);
  }

  /** The trace recorded since the last call, with TRACE_KEY_WIDTH numbers of key per event. */
  takeTrace(): { events: TraceEvent[]; keys: number[] } {
    const out = { events: this.traceEvents, keys: this.traceKeys };
    this.traceEvents = [];
    this.traceKeys = [];
    return out;
  }

  /** The frames sent since the last call, per receiving node. */
  takeOutbox(): OutgoingFrames[] {
    const out: OutgoingFrames[] = [];
    for (const [to, events] of this.outbox) out.push({ to, events, earliest: events.reduce((m, e) => Math.min(m, e.time), Infinity) });
    this.outbox = new Map();
    return out;
  }

  /** Per interface, the links it is attached to now. */
  attachments(): Record<string, readonly LinkId[]> {
    const n = this.hosted.node;
    return Object.fromEntries(this.currentIndex.configs[n]!.interfaces.map((c, i) => [c.name, this.currentMembership.attachments[n]![i]!]));
  }

  private ownTable(): ForwardingTable {
    return computeForwardingTable(this.currentIndex, this.currentMembership, this.hosted.node);
  }

  private setPosition(node: number, position: Position): void {
    this.hosted.positions[node] = position;
    if (node === this.hosted.node) this.hosted.slot.position = position;
    this.currentMembership = computeMembership(this.currentIndex, this.hosted.positions);
  }

  /** An instant at `time`: nothing local is pending before it (the coordinator's guarantee). */
  private advanceClock(time: Micros): void {
    if (time < this.scheduler.now) throw new RangeError(`world event at ${time} µs, but node ${this.hosted.slot.id} is already at ${this.scheduler.now} µs`);
    this.scheduler.state.now = time;
  }

  private dispatch(e: ScheduledEvent<SimulationEvent>): void {
    const p = e.payload;
    if (p.kind !== 'frame' && p.kind !== 'timer' && p.kind !== 'command' && p.kind !== 'lost') throw new Error(`a ${p.kind} event reached node ${this.hosted.slot.id}'s own queue; world changes come through applyMove / applyLinkChange`);
    this.key = [e.time, e.source, e.seq, 0];
    this.runner.handle(p);
  }
}
