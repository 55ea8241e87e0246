// The in-process network simulation: sans-IO nodes (node/contract.ts) joined
// by links, driven by the discrete-event scheduler on virtual time.
//
// Per event: a frame arrives, a timer falls due or a command reaches a node —
// each handled by that node's NodeRunner (node-runner.ts, shared with the
// worker fabric) — or the world changes: a node moves (radio attachment and
// routes change) or a link's delay or loss changes (routes follow the delays).
//
// Given the same topology, node states and seed, a run produces the same
// trace, byte for byte (docs/architecture.md "Engine"); the whole state is plain data, so
// `state()` cloned and given to `restoreSimulation` continues identically.

import { entryAt } from '../keyed';
import type { NodeBehaviour, NodeId, TraceEvent, TraceEventId } from '../node/contract';
import type { ForwardingTable } from '../node/route-table';
import type { Micros } from '../node/time';
import type { MessageFault } from './faults';
import { checkLinkChange, withLinkChange, type LinkChange } from './link-change';
import { NodeRunner, type NodeWorld } from './node-runner';
import { computeMembership, type Membership } from './radio';
import { computeForwardingTables } from './routing';
import { forwardingTablesAfterMove } from './routing-after-move';
import { ENVIRONMENT_SOURCE, Scheduler, type ScheduledEvent } from './scheduler';
import { initialSimulationState, type NodeSlot, type SimulationEvent, type SimulationState } from './simulation-state';
import { behavioursInOrder, type NodeSetup } from './simulation-setup';
import { assertValidTopology } from './topology-validation';
import { indexTopology, type LinkId, type Position, type Topology, type TopologyIndex } from './topology';
import { TraceWindow, type TraceRetention } from './trace-window';

export { LINK_REF, RADIO_REF } from './node-runner';
export type { LinkChange } from './link-change';

export { nodeSetup, type NodeSetup } from './simulation-setup';

export interface SimulationOptions {
  readonly topology: Topology;
  readonly nodes: Readonly<Record<NodeId, NodeSetup>>;
  readonly seed: number;
  /** Scripted message faults (faults.ts), decided by each sender. */
  readonly faults?: readonly MessageFault[];
}

/** A new run at time 0: every node gets its routes, then `start`. */
export function createSimulation(options: SimulationOptions): Simulation {
  assertValidTopology(options.topology);
  const behaviours = behavioursInOrder(options.topology, Object.fromEntries(Object.entries(options.nodes).map(([id, s]) => [id, s.behaviour])));
  const state = initialSimulationState(options.topology, options.topology.nodes.map((n) => entryAt(options.nodes, n.id)!.state), options.seed, options.faults);
  return new Simulation(state, behaviours, true);
}

/** Continues from a state obtained from `state()` (clone it first if the original keeps running). */
export function restoreSimulation(state: SimulationState, behaviours: Readonly<Record<NodeId, NodeBehaviour<unknown, unknown>>>): Simulation {
  return new Simulation(state, behavioursInOrder(state.topology, behaviours));
}

/** The in-process side of NodeWorld: every node's events in one scheduler. */
class SharedWorld implements NodeWorld {
  traceLog = new TraceWindow();
  readonly traceListeners: ((event: TraceEvent) => void)[] = [];
  readonly framesLeaveThread = false;

  constructor(public index: TopologyIndex, public membership: Membership, private readonly scheduler: Scheduler<SimulationEvent>) {}

  get now(): Micros {
    return this.scheduler.now;
  }

  schedule(time: Micros, source: number, seq: number, event: SimulationEvent): void {
    this.scheduler.schedule(time, source, seq, event);
  }

  noteStale(): void {
    this.scheduler.noteStale();
  }

  trace(event: TraceEvent): void {
    for (const listener of this.traceListeners) listener(event);
    this.traceLog.push(event);
  }
}

export class Simulation {
  private readonly scheduler: Scheduler<SimulationEvent>;
  private readonly world: SharedWorld;
  private readonly runners: readonly NodeRunner[];

  /** Use createSimulation / restoreSimulation. `fresh`: schedule the time-0 routes and `start` commands. */
  constructor(private readonly simState: SimulationState, behaviours: readonly NodeBehaviour<unknown, unknown>[], fresh = false) {
    const index = assertValidTopology(simState.topology);
    this.scheduler = new Scheduler(simState.scheduler, (e) => this.dispatch(e), (e) => e.payload.kind !== 'timer' || this.runners[e.payload.node]!.isLive(e.payload));
    this.world = new SharedWorld(index, computeMembership(index, simState.nodes.map((n) => n.position)), this.scheduler);
    this.runners = simState.nodes.map((slot, n) => new NodeRunner(n, slot, behaviours[n]!, this.world));
    if (fresh) this.scheduleInitialCommands();
  }

  private get index(): TopologyIndex {
    return this.world.index;
  }

  private get membership(): Membership {
    return this.world.membership;
  }

  get now(): Micros {
    return this.scheduler.now;
  }

  /**
   * What is kept of the trace recorded since creation (or restore, or the
   * last `takeTrace`), in processing order: everything, unless `retainTrace`
   * bounded it to the recent events of a window (the trace window module).
   */
  get trace(): readonly TraceEvent[] {
    return this.world.traceLog.events;
  }

  /** Events recorded but no longer kept (dropped from the window, or handed over by `takeTrace`). */
  get traceDropped(): number {
    return this.world.traceLog.dropped;
  }

  /** Hands over the recorded trace and starts a new one (for a consumer that streams it). */
  takeTrace(): TraceEvent[] {
    return this.world.traceLog.take();
  }

  /**
   * Keeps only a window of recent events from now on (undefined: all of
   * them); what is already held is kept under the new rule as it goes.
   * A consumer that needs the whole run listens with `onTrace` instead.
   */
  retainTrace(retention: TraceRetention | undefined): void {
    const held = this.world.traceLog;
    const next = new TraceWindow(retention);
    next.reset(held.events, held.dropped);
    this.world.traceLog = next;
  }

  /** `listener` sees every event as it is recorded, in processing order (a streaming consumer). Returns the unsubscribe. */
  onTrace(listener: (event: TraceEvent) => void): () => void {
    this.world.traceListeners.push(listener);
    return () => {
      const i = this.world.traceListeners.indexOf(listener);
      if (i >= 0) this.world.traceListeners.splice(i, 1);
    };
  }

  /** The live state (plain data). Clone it (structuredClone) to keep a snapshot. */
  state(): SimulationState {
    return this.simState;
  }

  step(): boolean {
    return this.scheduler.step() !== undefined;
  }

  runUntil(t: Micros): number {
    return this.scheduler.runUntil(t);
  }

  runUntilIdle(maxEvents?: number): number {
    return this.scheduler.runUntilIdle(maxEvents);
  }

  nextEventTime(): Micros | undefined {
    return this.scheduler.nextEventTime();
  }

  isIdle(): boolean {
    return this.scheduler.isIdle();
  }

  /** Delivers a command (plain data) to a node at `at` (default: now). */
  command(node: NodeId, command: unknown, at: Micros = this.now): void {
    this.scheduleEnvironment(at, { kind: 'command', node: this.nodeIndex(node), command });
  }

  /** Moves a node at `at` (default: now); its radio interfaces re-attach to the cells in range. */
  moveNode(node: NodeId, position: Position, at: Micros = this.now): void {
    if (!Number.isFinite(position.x) || !Number.isFinite(position.y)) throw new RangeError(`position must have finite x and y, got (${position.x}, ${position.y})`);
    this.scheduleEnvironment(at, { kind: 'move', node: this.nodeIndex(node), position: { x: position.x, y: position.y } });
  }

  /**
   * Changes a link's delay and/or loss at `at` (default: now). Frames already
   * in flight keep the delay they left with; routes follow the new delays.
   * A delay below 1 µs is refused (RangeError): see link-change.ts.
   */
  setLink(link: LinkId, change: LinkChange, at: Micros = this.now): void {
    checkLinkChange(this.simState.topology, link, change);
    this.scheduleEnvironment(at, {
      kind: 'set-link', link,
      ...(change.delay === undefined ? {} : { delay: change.delay }),
      ...(change.loss === undefined ? {} : { loss: change.loss }),
    });
  }

  /** The topology as it is now (links changed by setLink included). */
  get topology(): Topology {
    return this.simState.topology;
  }

  nodeState<S = unknown>(node: NodeId): S {
    return this.slot(node).behaviourState as S;
  }

  position(node: NodeId): Position | undefined {
    return this.slot(node).position;
  }

  /** The links (for a radio interface: the cells) an interface is attached to now. */
  attachment(node: NodeId, iface: string): readonly LinkId[] {
    const n = this.nodeIndex(node);
    const i = this.index.configs[n]!.interfaces.findIndex((c) => c.name === iface);
    if (i < 0) throw new Error(`node "${node}" has no interface "${iface}"`);
    return this.membership.attachments[n]![i]!;
  }

  /** The table most recently installed in the node by the routing. */
  forwardingTable(node: NodeId): ForwardingTable | undefined {
    return this.slot(node).installedTable;
  }

  /** Routes for every node, then `start`, all at time 0 (environment events, in node order). */
  private scheduleInitialCommands(): void {
    const tables = computeForwardingTables(this.index, this.membership);
    this.simState.nodes.forEach((slot, n) => {
      slot.installedTable = tables[n]!;
      this.scheduleEnvironment(0, { kind: 'command', node: n, command: { type: 'install-routes', table: tables[n]! } });
    });
    this.simState.nodes.forEach((_, n) => this.scheduleEnvironment(0, { kind: 'command', node: n, command: { type: 'start' } }));
  }

  private nodeIndex(node: NodeId): number {
    const n = this.index.nodeIndex.get(node);
    if (n === undefined) throw new Error(`no node "${node}" in the topology`);
    return n;
  }

  private slot(node: NodeId): NodeSlot {
    return this.simState.nodes[this.nodeIndex(node)]!;
  }

  private scheduleEnvironment(at: Micros, event: SimulationEvent): void {
    this.scheduler.schedule(at, ENVIRONMENT_SOURCE, this.simState.nextEnvironmentSeq++, event);
  }

  private dispatch(e: ScheduledEvent<SimulationEvent>): void {
    const p = e.payload;
    switch (p.kind) {
      case 'frame':
      case 'timer':
      case 'command':
      case 'lost':
        this.runners[p.node]!.handle(p);
        return;
      case 'move':
        this.move(p.node, p.position);
        return;
      case 'set-link':
        this.changeLink(p.link, p);
        return;
    }
  }

  /**
   * A node moved: its radio interfaces re-attach; each change is traced, the
   * routing is redone (so the node's table is already current), and then the
   * node hears which interfaces changed.
   */
  private move(n: number, position: Position): void {
    const before = this.membership;
    this.simState.nodes[n]!.position = position;
    this.world.membership = computeMembership(this.index, this.simState.nodes.map((s) => s.position));
    const changes = this.runners[n]!.recordAttachmentChanges(before, this.membership);
    if (changes.length === 0) return;
    this.reinstallRoutes(changes[0]!.id, { node: n, before });
    this.runners[n]!.announceAttachmentChanges(changes);
  }

  /** A link's delay or loss changed: lookups are rebuilt, and routes follow the delays (a root cause: no trace event of its own). */
  private changeLink(link: LinkId, change: LinkChange): void {
    this.simState.topology = withLinkChange(this.simState.topology, link, change);
    this.world.index = indexTopology(this.simState.topology);
    this.world.membership = computeMembership(this.index, this.simState.nodes.map((s) => s.position));
    this.reinstallRoutes(undefined);
  }

  /**
   * Routing follows attachment and delays: nodes whose table changed get the new one, in node order.
   * After a move, only what the move can change is recomputed (routing-after-move.ts).
   */
  private reinstallRoutes(cause: TraceEventId | undefined, moved?: { readonly node: number; readonly before: Membership }): void {
    const tables = moved === undefined
      ? computeForwardingTables(this.index, this.membership)
      : forwardingTablesAfterMove(this.index, moved.before, this.membership, moved.node, this.simState.nodes.map((s) => s.installedTable));
    this.runners.forEach((runner, n) => runner.installRoutes(tables[n]!, cause));
  }
}
