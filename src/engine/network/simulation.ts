// The in-process network simulation: sans-IO nodes (node/contract.ts) joined
// by links, driven by the discrete-event scheduler on virtual time.
//
// Per event: a frame arrives (trace `received`, then the node handles it), a
// timer falls due (trace `timer`, then the node handles it), a command reaches
// a node, or the world moves a node (radio attachment and routes change). The
// node's outputs become events: transmits go through transmission.ts (queue,
// serialization, loss, propagation) and are scheduled as arrivals; timers go
// into the node's timer table; trace drafts get an id, time and node.
//
// Given the same topology, node states and seed, a run produces the same
// trace, byte for byte (DESIGN.md "Engine"); the whole state is plain data, so
// `state()` cloned and given to `restoreSimulation` continues identically.

import type { NodeBehaviour, NodeId, NodeInput, NodeOutput, TraceDraft, TraceEvent, TraceEventId } from '../node/contract';
import type { ForwardingTable } from '../node/route-table';
import { isMicros, type Micros } from '../node/time';
import { createRandom } from '../random';
import { describeFrame } from './describe-frame';
import { computeMembership, type Membership } from './radio';
import { computeForwardingTables } from './routing';
import { ENVIRONMENT_SOURCE, Scheduler, type ScheduledEvent } from './scheduler';
import { initialSimulationState, type NodeSlot, type SimulationEvent, type SimulationState } from './simulation-state';
import { behavioursInOrder, type NodeSetup } from './simulation-setup';
import { assertValidTopology } from './topology-validation';
import { interfaceLabel, type LinkId, type Position, type Topology, type TopologyIndex } from './topology';
import { planTransmission } from './transmission';

export const LINK_REF = 'lab link model: delay, loss, bandwidth (network/transmission.ts)';
export const RADIO_REF = 'lab radio model: attached to the cells in range (network/radio.ts)';

export { nodeSetup, type NodeSetup } from './simulation-setup';

export interface SimulationOptions {
  readonly topology: Topology;
  readonly nodes: Readonly<Record<NodeId, NodeSetup>>;
  readonly seed: number;
}

/** A new run at time 0: every node gets its routes, then `start`. */
export function createSimulation(options: SimulationOptions): Simulation {
  assertValidTopology(options.topology);
  const behaviours = behavioursInOrder(options.topology, Object.fromEntries(Object.entries(options.nodes).map(([id, s]) => [id, s.behaviour])));
  const state = initialSimulationState(options.topology, options.topology.nodes.map((n) => options.nodes[n.id]!.state), options.seed);
  return new Simulation(state, behaviours, true);
}

/** Continues from a state obtained from `state()` (clone it first if the original keeps running). */
export function restoreSimulation(state: SimulationState, behaviours: Readonly<Record<NodeId, NodeBehaviour<unknown, unknown>>>): Simulation {
  return new Simulation(state, behavioursInOrder(state.topology, behaviours));
}

export class Simulation {
  private readonly index: TopologyIndex;
  private membership: Membership;
  private readonly scheduler: Scheduler<SimulationEvent>;
  private traceLog: TraceEvent[] = [];

  /** Use createSimulation / restoreSimulation. `fresh`: schedule the time-0 routes and `start` commands. */
  constructor(private readonly simState: SimulationState, private readonly behaviours: readonly NodeBehaviour<unknown, unknown>[], fresh = false) {
    this.index = assertValidTopology(simState.topology);
    this.membership = computeMembership(this.index, simState.nodes.map((n) => n.position));
    this.scheduler = new Scheduler(simState.scheduler, (e) => this.dispatch(e), (e) => this.isLive(e));
    if (fresh) this.scheduleInitialCommands();
  }

  get now(): Micros {
    return this.scheduler.now;
  }

  /** Everything recorded since creation (or restore, or the last `takeTrace`), in processing order. */
  get trace(): readonly TraceEvent[] {
    return this.traceLog;
  }

  /** Hands over the recorded trace and starts a new one (for a consumer that streams it). */
  takeTrace(): TraceEvent[] {
    const out = this.traceLog;
    this.traceLog = [];
    return out;
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

  private isLive(e: ScheduledEvent<SimulationEvent>): boolean {
    const p = e.payload;
    return p.kind !== 'timer' || this.simState.nodes[p.node]!.timers[p.key]?.generation === p.generation;
  }

  private record(n: number, draft: TraceDraft): TraceEventId {
    const slot = this.simState.nodes[n]!;
    const id = `${slot.id}:${slot.nextTraceSeq++}`;
    const event: Record<string, unknown> = { id, time: this.now, node: slot.id };
    for (const [k, v] of Object.entries(draft)) if (v !== undefined) event[k] = v; // no undefined keys: traces compare as JSON
    this.traceLog.push(event as unknown as TraceEvent);
    return id;
  }

  private dispatch(e: ScheduledEvent<SimulationEvent>): void {
    const p = e.payload;
    switch (p.kind) {
      case 'frame': {
        const iface = this.index.configs[p.node]!.interfaces[p.interface]!;
        const id = this.record(p.node, { kind: 'received', summary: `${describeFrame(p.frame)} on ${iface.name} (link ${p.link})`, interface: iface.name, bytes: p.frame.payload, causedBy: p.sentEvent, ref: LINK_REF });
        this.deliver(p.node, { kind: 'frame', interface: iface.name, frame: { ...p.frame, payload: p.frame.payload.slice() } }, id);
        return;
      }
      case 'timer': {
        const slot = this.simState.nodes[p.node]!;
        const entry = slot.timers[p.key]!;
        delete slot.timers[p.key];
        const id = this.record(p.node, { kind: 'timer', summary: `timer "${p.key}" fired`, causedBy: entry.setDuring, ref: entry.ref ?? 'sans-IO timer table (node/contract.ts)' });
        this.deliver(p.node, { kind: 'timer', key: p.key }, id);
        return;
      }
      case 'command':
        this.deliver(p.node, { kind: 'command', command: p.command }, undefined);
        return;
      case 'move':
        this.move(p.node, p.position);
        return;
    }
  }

  private deliver(n: number, input: NodeInput<unknown>, cause: TraceEventId | undefined): void {
    const slot = this.simState.nodes[n]!;
    const random = createRandom(slot.random);
    const step = this.behaviours[n]!.handle(slot.behaviourState, input, { now: this.now, node: this.index.configs[n]!, random });
    slot.behaviourState = step.state;
    slot.random = random.state();
    for (const output of step.outputs) this.apply(n, output, cause);
  }

  private apply(n: number, out: NodeOutput, cause: TraceEventId | undefined): void {
    const slot = this.simState.nodes[n]!;
    switch (out.kind) {
      case 'trace':
        this.record(n, { ...out.event, causedBy: out.event.causedBy ?? cause });
        return;
      case 'set-timer': {
        if (!isMicros(out.at) || out.at < this.now) throw new RangeError(`node "${slot.id}" set timer "${out.key}" for ${out.at} µs; it must be a whole number of µs ≥ now (${this.now} µs)`);
        if (slot.timers[out.key] !== undefined) this.scheduler.noteStale(); // the earlier setting is still queued
        const generation = slot.nextTimerGeneration++;
        slot.timers[out.key] = { at: out.at, generation, ...(out.ref === undefined ? {} : { ref: out.ref }), ...(cause === undefined ? {} : { setDuring: cause }) };
        this.scheduler.schedule(out.at, n, slot.nextEventSeq++, { kind: 'timer', node: n, key: out.key, generation });
        return;
      }
      case 'cancel-timer':
        if (slot.timers[out.key] !== undefined) this.scheduler.noteStale();
        delete slot.timers[out.key];
        return;
      case 'transmit':
        this.transmit(n, out, cause);
        return;
    }
  }

  private transmit(n: number, out: Extract<NodeOutput, { kind: 'transmit' }>, cause: TraceEventId | undefined): void {
    const slot = this.simState.nodes[n]!;
    const i = this.index.configs[n]!.interfaces.findIndex((c) => c.name === out.interface);
    if (i < 0) throw new Error(`node "${slot.id}" transmitted on "${out.interface}", which it does not have`);
    const from = { node: n, interface: i };
    const frame = out.frame;
    const causedBy = out.causedBy ?? cause;
    const plan = planTransmission(this.index, this.membership, from, frame.destination, frame.payload.length, slot.transmit[out.interface]!, this.now);
    if (plan === undefined) {
      this.record(n, { kind: 'dropped', summary: `not transmitted: ${out.summary}`, reason: `${out.interface} is not attached to any link: the node is out of range of every radio cell`, interface: out.interface, bytes: frame.payload, causedBy, ref: RADIO_REF });
      return;
    }
    slot.transmit[out.interface] = plan.state;
    const sent = this.record(n, { kind: out.traceAs ?? 'sent', summary: out.summary, reason: out.reason, interface: out.interface, bytes: frame.payload, causedBy, ref: out.ref ?? LINK_REF });
    for (const loss of plan.losses) {
      this.record(n, { kind: 'dropped', summary: `lost on link ${loss.link} on the way to ${interfaceLabel(this.index, loss.to)}`, reason: `link ${loss.link} loses each frame with probability ${loss.probability}; the seeded draw for this frame and receiver came out "lost"`, interface: out.interface, bytes: frame.payload, causedBy: sent, ref: LINK_REF });
    }
    for (const r of plan.receptions) {
      this.scheduler.schedule(r.time, n, slot.nextEventSeq++, { kind: 'frame', node: r.to.node, interface: r.to.interface, link: r.link, frame: { ...frame, payload: frame.payload.slice() }, sentEvent: sent });
    }
  }

  /**
   * A node moved: its radio interfaces re-attach; each change is traced, the
   * routing is redone (so the node's table is already current), and then the
   * node hears which interfaces changed.
   */
  private move(n: number, position: Position): void {
    const slot = this.simState.nodes[n]!;
    const before = this.membership.attachments[n]!;
    slot.position = position;
    this.membership = computeMembership(this.index, this.simState.nodes.map((s) => s.position));
    const after = this.membership.attachments[n]!;
    const list = (ls: readonly string[]): string => (ls.length === 0 ? 'no cell' : ls.join(', '));
    const changes: { iface: string; was: readonly string[]; is: readonly string[]; id: TraceEventId }[] = [];
    this.index.configs[n]!.interfaces.forEach((iface, i) => {
      const was = before[i]!;
      const is = after[i]!;
      if (was.length === is.length && was.every((l, k) => l === is[k])) return;
      const id = this.record(n, { kind: 'table-changed', summary: `${iface.name} at (${position.x}, ${position.y}): attached to ${list(is)} (was ${list(was)})`, interface: iface.name, before: [...was], after: [...is], ref: RADIO_REF });
      changes.push({ iface: iface.name, was, is, id });
    });
    if (changes.length === 0) return;
    this.reinstallRoutes(changes[0]!.id);
    for (const c of changes) this.deliver(n, { kind: 'command', command: { type: 'attachment-changed', interface: c.iface, before: [...c.was], after: [...c.is] } }, c.id);
  }

  /** Routing follows attachment: nodes whose table changed get the new one. */
  private reinstallRoutes(cause: TraceEventId): void {
    const tables = computeForwardingTables(this.index, this.membership);
    this.simState.nodes.forEach((slot, n) => {
      const table = tables[n]!;
      if (JSON.stringify(table) === JSON.stringify(slot.installedTable)) return;
      slot.installedTable = table;
      this.deliver(n, { kind: 'command', command: { type: 'install-routes', table } }, cause);
    });
  }
}
