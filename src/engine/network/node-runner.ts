// One node's share of the simulation host: everything that happens to a single
// NodeSlot when one of its events is processed. Shared by the in-process
// Simulation (all runners over one scheduler) and the worker fabric (one
// runner per worker, runtime/fabric/), so both turn a node's outputs into
// events with the very same code — the condition for their traces to be
// identical (docs/architecture.md "Runtime").
//
// Per event: a frame arrives (trace `received`, then the node handles it), a
// timer falls due (trace `timer`, then the node handles it), a command
// reaches the node, or a frame it sent reached no one (trace `lost`, below).
// Outputs: trace drafts get an id, time and node; timers go into the slot's
// timer table (generations give lazy cancellation, see scheduler.ts
// noteStale); transmits go through transmission.ts (queue, serialization,
// loss, propagation) and become arrival events for the receivers, numbered
// by this node (source = this node, its own sequence).
//
// Every frame that reaches no receiver is traced, so every loss has an event
// (loss-reasons.ts): one the link's loss draw took, or one sent to an address
// no station on the link has, is a `lost` event of the sender at the time it
// would have arrived — an event the sender schedules for itself, numbered
// like its frames, so the worker fabric (where each node runs alone)
// records it at the same place in the trace as the in-process simulation;
// a radio out of range of every cell loses the frame at once.

import type { Frame, NodeBehaviour, NodeInput, NodeOutput, NodeStep, TraceDraft, TraceEvent, TraceEventId, TraceKind } from '../node/contract';
import type { ForwardingTable } from '../node/route-table';
import { isMicros, type Micros } from '../node/time';
import { createRandom, stateAfter } from '../random';
import { flatText } from './flat-text';
import { ReceivedSummaries } from './received-summary';
import { beginReceive, endReceive } from './receive-scope';
import { DEFAULT_ADVERSARY_EXPONENT_HEX, rewriteDhValue } from './dh-value-rewrite';
import { dhRewriteTrace } from './dh-value-rewrite-trace';
import { FAULT_MESSAGE_NAMES, describeFault, triggeredFault } from './faults';
import { linkLossReason, linkLossSummary, unreachedReason, unreachedSummary } from './loss-reasons';
import type { Membership } from './radio';
import { sameTable } from './same-table';
import type { NodeSlot, SimulationEvent, TimerEntry } from './simulation-state';
import type { LinkId, TopologyIndex } from './topology';
import { planTransmission, type Reception } from './transmission';
import { packetCutting } from '../wire/packet-memory';

// Learner-visible refs of the lab's own models: what they are, never the file that implements them.
export const LINK_REF = 'lab link model: delay, loss, bandwidth';
export const FAULT_REF = 'lab fault injection: the scenario\'s scripted faults';
export const RADIO_REF = 'lab radio model: attached to the cells in range';

/** The receptions a fault left, and the frame's bytes as they now read on one link (an on-path rewrite). */
interface FaultedReceptions {
  readonly receptions: readonly Reception[];
  readonly rewritten?: { readonly link: LinkId; readonly payload: Uint8Array };
}

/** The events that concern one node only (moves and link changes concern the whole network). */
export type NodeEvent = Extract<SimulationEvent, { kind: 'frame' | 'timer' | 'command' | 'lost' }>;

/** What a runner needs from whoever hosts it. */
export interface NodeWorld {
  readonly index: TopologyIndex;
  readonly membership: Membership;
  /** The time of the event being processed. */
  readonly now: Micros;
  /** An event this node causes: one of its own timers, or a frame arriving at `event.node` (any node). */
  schedule(time: Micros, source: number, seq: number, event: NodeEvent): void;
  /** One queued event (an earlier setting of a timer) is now dead. */
  noteStale(): void;
  /** Frames for other nodes leave this thread with their buffers transferred (the worker fabric): each reception needs its own copy. */
  readonly framesLeaveThread: boolean;
  trace(event: TraceEvent): void;
}

/** A radio interface that joined or left cells, with the trace event that recorded it. */
export interface AttachmentChange {
  readonly iface: string;
  readonly was: readonly LinkId[];
  readonly is: readonly LinkId[];
  readonly id: TraceEventId;
}

// Learner-facing: cells by id, never interface names or canvas coordinates.
const cellsText = (ls: readonly string[]): string => (ls.length === 0 ? 'out of range of every cell' : `attached to ${ls.join(', ')}`);

export class NodeRunner {
  private readonly receivedSummaries = new ReceivedSummaries();
  /** The `timer` event's line per timer key: a node has few keys, and each fires again and again. */
  private readonly timerLines = new Map<string, string>();
  /** "<node id>:", the start of every trace event id this node records (made once, not per event). */
  private readonly idPrefix: string;

  constructor(
    readonly n: number,
    readonly slot: NodeSlot,
    private readonly behaviour: NodeBehaviour<unknown, unknown>,
    private readonly world: NodeWorld,
  ) {
    this.idPrefix = `${slot.id}:`;
  }

  /** False for a timer event superseded by a later setting or a cancel (lazy cancellation). */
  isLive(p: SimulationEvent): boolean {
    return p.kind !== 'timer' || this.slot.timers[p.key]?.generation === p.generation;
  }

  handle(p: NodeEvent): void {
    switch (p.kind) {
      case 'frame': {
        const iface = this.world.index.configs[this.n]!.interfaces[p.interface]!;
        const id = this.recordPacket('received', this.receivedSummaries.text(p.frame, p.link), undefined, iface.name, p.frame.payload, p.sentEvent, LINK_REF);
        // The frame as scheduled, not a copy: packet bytes are read-only (docs/architecture.md "Engine").
        this.deliver({ kind: 'frame', interface: iface.name, frame: p.frame }, id);
        return;
      }
      case 'timer': {
        const entry = this.slot.timers[p.key]!;
        delete this.slot.timers[p.key];
        const id = this.recordTimer(this.timerLine(p.key), entry.setDuring, entry.ref ?? 'lab timer table');
        this.deliver({ kind: 'timer', key: p.key }, id);
        return;
      }
      case 'command':
        this.deliver({ kind: 'command', command: p.command }, undefined);
        return;
      case 'lost': {
        const iface = this.world.index.configs[this.n]!.interfaces[p.interface]!;
        this.record({ kind: 'lost', summary: p.summary, reason: p.reason, interface: iface.name, bytes: p.bytes, causedBy: p.sentEvent, ref: LINK_REF });
        return;
      }
    }
  }

  private timerLine(key: string): string {
    let line = this.timerLines.get(key);
    if (line === undefined) {
      if (this.timerLines.size >= 256) this.timerLines.clear(); // keys made per peer or per flow: stay bounded
      line = flatText(`timer "${key}" fired`);
      this.timerLines.set(key, line);
    }
    return line;
  }

  deliver(input: NodeInput<unknown>, cause: TraceEventId | undefined): void {
    const slot = this.slot;
    const before = slot.random;
    const random = createRandom(before);
    beginReceive(); // the received bytes are parsed once however many layers read them (receive-scope.ts)
    // In one thread, packets are cut from shared blocks (packet-memory.ts); not where frames leave it.
    const wasCutting = packetCutting(!this.world.framesLeaveThread);
    try {
      let step: NodeStep<unknown>;
      try {
        step = this.behaviour.handle(slot.behaviourState, input, { now: this.world.now, node: this.world.index.configs[this.n]!, random });
      } finally {
        endReceive();
      }
      slot.behaviourState = step.state;
      slot.random = stateAfter(random, before);
      for (const output of step.outputs) this.apply(output, cause);
    } finally {
      packetCutting(wasCutting);
    }
  }

  /** Hands the node a new forwarding table, if it differs from the one it has. */
  installRoutes(table: ForwardingTable, cause: TraceEventId | undefined): void {
    if (sameTable(table, this.slot.installedTable)) return;
    this.slot.installedTable = table;
    this.deliver({ kind: 'command', command: { type: 'install-routes', table } }, cause);
  }

  /** The node moved: traces each interface whose attachment changed. */
  recordAttachmentChanges(before: Membership, after: Membership): AttachmentChange[] {
    const changes: AttachmentChange[] = [];
    this.world.index.configs[this.n]!.interfaces.forEach((iface, i) => {
      const was = before.attachments[this.n]![i]!;
      const is = after.attachments[this.n]![i]!;
      if (was.length === is.length && was.every((l, k) => l === is[k])) return;
      const id = this.record({ kind: 'table-changed', summary: `radio ${cellsText(is)} (was ${cellsText(was)})`, interface: iface.name, before: [...was], after: [...is], ref: RADIO_REF });
      changes.push({ iface: iface.name, was, is, id });
    });
    return changes;
  }

  /** After the routing followed the move: the node hears which interfaces changed (RFC 2002 §2.4.2 link-layer hint). */
  announceAttachmentChanges(changes: readonly AttachmentChange[]): void {
    for (const c of changes) this.deliver({ kind: 'command', command: { type: 'attachment-changed', interface: c.iface, before: [...c.was], after: [...c.is] } }, c.id);
  }

  /**
   * The draft as a trace event, its keys in the draft's order after id, time
   * and node; `causedBy` is the draft's own, else `cause` (appended last when
   * the draft has no such key, as `{ ...draft, causedBy }` would).
   */
  private record(draft: TraceDraft, cause?: TraceEventId): TraceEventId {
    const slot = this.slot;
    const id = this.idPrefix + slot.nextTraceSeq++;
    const event: Record<string, unknown> = { id, time: this.world.now, node: slot.id };
    const fields = draft as unknown as Record<string, unknown>;
    let hasCause = false;
    // for…in over a plain draft: own keys in the same order as Object.entries, without its arrays.
    for (const k in fields) {
      let v = fields[k];
      if (k === 'causedBy') {
        hasCause = true;
        v ??= cause;
      }
      if ((k === 'summary' || k === 'reason') && typeof v === 'string') v = flatText(v);
      if (v !== undefined) event[k] = v; // no undefined keys: traces compare as JSON
    }
    if (!hasCause && cause !== undefined) event.causedBy = cause;
    this.world.trace(event as unknown as TraceEvent);
    return id;
  }

  /**
   * A frame's own event (sent, forwarded, received): what `record` makes of
   * `{ kind, summary, reason, interface, bytes, causedBy, ref }`, the same keys
   * in the same order, built in one go — two of these per hop.
   */
  private recordPacket(kind: TraceKind, summary: string, reason: string | undefined, iface: string, bytes: Uint8Array, causedBy: TraceEventId | undefined, ref: string): TraceEventId {
    if (summary === undefined || iface === undefined || bytes === undefined || causedBy === undefined) {
      return this.record({ kind, summary, reason, interface: iface, bytes, causedBy, ref }); // a value missing: the general rule drops its key
    }
    const slot = this.slot;
    const id = this.idPrefix + slot.nextTraceSeq++;
    const time = this.world.now;
    summary = flatText(summary);
    if (reason !== undefined) reason = flatText(reason);
    const event: TraceEvent = reason === undefined
      ? { id, time, node: slot.id, kind, summary, interface: iface, bytes, causedBy, ref }
      : { id, time, node: slot.id, kind, summary, reason, interface: iface, bytes, causedBy, ref };
    this.world.trace(event);
    return id;
  }

  /** What `record` makes of `{ kind: 'timer', summary, causedBy, ref }`, built in one literal (one of these per timer that fires). */
  private recordTimer(summary: string, causedBy: TraceEventId | undefined, ref: string): TraceEventId {
    const slot = this.slot;
    const id = this.idPrefix + slot.nextTraceSeq++;
    const time = this.world.now;
    const node = slot.id;
    const event: TraceEvent = causedBy === undefined ? { id, time, node, kind: 'timer', summary, ref } : { id, time, node, kind: 'timer', summary, causedBy, ref };
    this.world.trace(event);
    return id;
  }

  private apply(out: NodeOutput, cause: TraceEventId | undefined): void {
    const slot = this.slot;
    const now = this.world.now;
    switch (out.kind) {
      case 'trace':
        this.record(out.event, cause);
        return;
      case 'set-timer': {
        if (!isMicros(out.at) || out.at < now) throw new RangeError(`node "${slot.id}" set timer "${out.key}" for ${out.at} µs; it must be a whole number of µs ≥ now (${now} µs)`);
        if (slot.timers[out.key] !== undefined) this.world.noteStale(); // the earlier setting is still queued
        const generation = slot.nextTimerGeneration++;
        const entry: { -readonly [K in keyof TimerEntry]: TimerEntry[K] } = { at: out.at, generation };
        if (out.ref !== undefined) entry.ref = out.ref;
        if (cause !== undefined) entry.setDuring = cause;
        slot.timers[out.key] = entry;
        this.world.schedule(out.at, this.n, slot.nextEventSeq++, { kind: 'timer', node: this.n, key: out.key, generation });
        return;
      }
      case 'cancel-timer':
        if (slot.timers[out.key] !== undefined) this.world.noteStale();
        delete slot.timers[out.key];
        return;
      case 'transmit':
        this.transmit(out, cause);
        return;
    }
  }

  private transmit(out: Extract<NodeOutput, { kind: 'transmit' }>, cause: TraceEventId | undefined): void {
    const slot = this.slot;
    const { index, membership, now } = this.world;
    const i = this.interfaceIndex(out.interface);
    const frame = out.frame;
    const causedBy = out.causedBy ?? cause;
    const plan = planTransmission(index, membership, { node: this.n, interface: i }, frame.destination, frame.payload.length, slot.transmit[out.interface]!, now);
    if (plan === undefined) {
      this.record({ kind: 'lost', summary: `not transmitted: ${out.summary}`, reason: 'its radio is out of range of every cell, so it is attached to no link', interface: out.interface, bytes: frame.payload, causedBy, ref: RADIO_REF });
      return;
    }
    slot.transmit[out.interface] = plan.state;
    const sent = this.recordPacket(out.traceAs ?? 'sent', out.summary, out.reason, out.interface, frame.payload, causedBy, out.ref ?? LINK_REF);
    for (const loss of plan.losses) this.scheduleLost(loss.time, i, linkLossSummary(loss.link, index.topology.nodes[loss.to.node]!.id), linkLossReason(loss.link, loss.probability), frame.payload, sent);
    if (plan.unreached !== undefined) this.scheduleLost(plan.unreached.time, i, unreachedSummary(plan.unreached.links), unreachedReason(index, membership, plan.unreached.links, frame.destination), frame.payload, sent);
    let receptions = plan.receptions;
    let rewritten: FaultedReceptions['rewritten'];
    if (slot.faults !== undefined) ({ receptions, rewritten } = this.applyFault(plan.receptions, membership.attachments[this.n]![i]!, frame, out.interface, sent));
    // Receivers only read what they are given, so in one thread they share the sent bytes; a
    // frame that leaves the thread has its buffer transferred, so each reception gets its own.
    const copies = this.world.framesLeaveThread;
    for (const r of receptions) {
      const payload = rewritten !== undefined && r.link === rewritten.link ? rewritten.payload : frame.payload;
      const received = copies || payload !== frame.payload ? { ...frame, payload: copies ? payload.slice() : payload } : frame;
      this.world.schedule(r.time, this.n, slot.nextEventSeq++, { kind: 'frame', node: r.to.node, interface: r.to.interface, link: r.link, frame: received, sentEvent: sent });
    }
  }

  /** A frame that reached no one: a `lost` event of this node at the time it would have arrived. */
  private scheduleLost(time: Micros, i: number, summary: string, reason: string, bytes: Uint8Array, sent: TraceEventId): void {
    this.world.schedule(time, this.n, this.slot.nextEventSeq++, { kind: 'lost', node: this.n, interface: i, summary, reason, bytes, sentEvent: sent });
  }

  private interfaceIndex(name: string): number {
    const interfaces = this.world.index.configs[this.n]!.interfaces;
    for (let i = 0; i < interfaces.length; i++) if (interfaces[i]!.name === name) return i;
    throw new Error(`node "${this.slot.id}" transmitted on "${name}", which it does not have`);
  }

  /**
   * A scripted fault this transmission triggers (faults.ts): the receptions on
   * its link are dropped, or arrive later; the fault is used up and traced,
   * saying what it did. Other links the frame reached are untouched.
   */
  private applyFault(receptions: readonly Reception[], links: readonly LinkId[], frame: Frame, iface: string, sent: TraceEventId): FaultedReceptions {
    const faults = this.slot.faults!;
    const k = triggeredFault(faults, this.world.now, links, frame);
    if (k < 0) return { receptions };
    const f = faults[k]!;
    this.slot.faults = faults.map((x, j) => (j === k ? { ...x, used: true } : x));
    const name = FAULT_MESSAGE_NAMES[f.message];
    const reason = `a scripted fault of this scenario: ${describeFault(f)}`;
    if (f.kind === 'drop-next') {
      this.record({ kind: 'dropped', summary: `${name} dropped on link ${f.link} by a scripted fault`, reason: `${reason}; no receiver on ${f.link} gets it`, interface: iface, bytes: frame.payload, causedBy: sent, ref: FAULT_REF });
      return { receptions: receptions.filter((r) => r.link !== f.link) };
    }
    if (f.kind === 'replace-dh-value-next') {
      const rewrite = rewriteDhValue(frame.payload, f.exponentHex ?? DEFAULT_ADVERSARY_EXPONENT_HEX)!; // triggeredFault checked it applies
      this.record({ kind: 'decision', ...dhRewriteTrace(f, this.slot.id, rewrite), interface: iface, bytes: rewrite.payload, causedBy: sent });
      return { receptions, rewritten: { link: f.link, payload: rewrite.payload } };
    }
    const delay = f.delay ?? 0;
    this.record({ kind: 'decision', summary: `${name} held back ${delay / 1000} ms on link ${f.link} by a scripted fault`, reason: `${reason}; it arrives that much later than the link's own delay`, interface: iface, bytes: frame.payload, causedBy: sent, ref: FAULT_REF });
    return { receptions: receptions.map((r) => (r.link === f.link ? { ...r, time: r.time + delay } : r)) };
  }
}
