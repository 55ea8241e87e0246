// The first half of the checks evaluator: reading the trace, batch by batch,
// into the few things lesson checks are about (observations):
//
//   message       a Mobile IP message, or an IPv6 one (a Mobility Header
//                 message, a Router Solicitation or Advertisement:
//                 ipv6-messages.ts), received by a node, from the node that
//                 first sent it (followed back through routers; failing that,
//                 the owner of its source address), accepted or refused —
//                 refused when the receiver dropped it, with the drop's reason —
//                 and the types of the extensions it carries;
//   message-sent  a Mobile IP message a node sent (not forwarded);
//   table         a change to a binding cache, visitor list or mobility
//                 bindings, with the entry before and after;
//   datagram      a traffic-flow datagram's fate: arrived (with its route:
//                 the nodes that passed it on, then the one that took
//                 delivery), or lost — not delivered within LOSS_GRACE of
//                 being sent;
//   key           a registration key a node established with a foreign
//                 agent, and by which method (key-checks.ts).
//
// Observations are released in time order, and only once their instant is
// settled: a node drops a message in the same instant it receives it, and a
// loss is only known once the grace has passed. The trace is in time order,
// so an event at t settles everything before t; `settle(now)` says the whole
// trace up to `now` has been read. Hence the observations — and every check
// result built on them — do not depend on how the trace was cut into batches.

import { flowDatagramOf, mipMessageOf } from '../../engine/metrics/trace-events';
import type { NodeId, TraceEvent, TraceEventId } from '../../engine/node/contract';
import { seconds, type Micros } from '../../engine/node/time';
import type { Ipv4Address } from '../../engine/wire/address';
import type { Ipv6Address } from '../../engine/wire/ipv6/ipv6-address';
import type { LoadedScenario } from '../../scenarios/to-topology';
import { MESSAGE_NAMES, TABLE_NAMES, type MessageName, type TableName } from '../format/names';
import { keyObservationOf, type KeyObservation } from './key-checks';
import { extensionTypesOf } from './extension-check';
import { ipv6MessageOf } from './ipv6-messages';

/** A flow datagram not delivered this long after it was sent counts as lost. */
export const LOSS_GRACE: Micros = seconds(2);

/** The trace event that shows something: "show me" seeks to `time` and selects `eventId`. */
export interface EventRef {
  readonly eventId: TraceEventId;
  readonly time: Micros;
}

interface Base {
  readonly time: Micros;
  /** Tie-break among observations at one instant: reading order (losses after everything else). */
  readonly order: number;
  readonly evidence: EventRef;
}

export type Observation =
  | (Base & {
    readonly kind: 'message'; readonly message: MessageName; readonly from: NodeId; readonly to: NodeId;
    /** The Type of each extension it carries, in wire order (extension-check.ts). */
    readonly extensions: readonly number[];
    // Settled once the instant is: the receiver drops a message in the same instant it receives it.
    outcome: 'accepted' | 'refused';
    reason?: string;
    /** The drop that refused it, which carries the reason. */
    refusal?: EventRef;
  })
  | (Base & { readonly kind: 'message-sent'; readonly message: MessageName; readonly from: NodeId; readonly destination: Ipv4Address | Ipv6Address })
  | (Base & { readonly kind: 'table'; readonly node: NodeId; readonly table: TableName; readonly before?: unknown; readonly after?: unknown })
  | (Base & KeyObservation)
  | (Base & {
    readonly kind: 'datagram'; readonly flow: string; readonly sequence: number; readonly sentAt: Micros;
    readonly arrived: boolean; readonly hops: number; readonly path: readonly NodeId[];
  });

// An IPv6 home agent's table is traced as "bindings: …" (Perkins & Johnson §10).
const TABLE_BY_PREFIX: ReadonlyMap<string, TableName> = new Map([...TABLE_NAMES.map((t) => [t.replace('-', ' '), t] as const), ['bindings', 'mobility-bindings']]);
const isMessageName = (kind: string): kind is MessageName => (MESSAGE_NAMES as readonly string[]).includes(kind);
const isTransmission = (e: TraceEvent) => e.kind === 'sent' || e.kind === 'forwarded';

interface Followed {
  readonly key: string;
  readonly flow: string;
  readonly sequence: number;
  readonly sentAt: Micros;
  hops: number;
  readonly path: NodeId[];
  last: EventRef;
}

type MessageObservation = Extract<Observation, { kind: 'message' }>;

export class TraceReader {
  private settled = -1;
  private order = 0;
  /** Not yet released, in no particular order. */
  private pending: Observation[] = [];
  /** Mobile IP receptions waiting to see whether the receiver drops them, by received event id. */
  private readonly receptions = new Map<TraceEventId, MessageObservation>();
  /** Events carrying a Mobile IP message: to follow a reception back to its first sender. */
  private readonly carriers = new Map<TraceEventId, { readonly node: NodeId; readonly kind: TraceEvent['kind']; readonly causedBy?: TraceEventId }>();
  /** A flow's direction, "source → destination", from its first datagram: an echo going back is not the flow. */
  private readonly directions = new Map<string, string>();
  /** In flight, in order of sending. */
  private readonly inFlight = new Map<string, Followed>();
  private readonly finished = new Set<string>();
  private readonly owners: ReadonlyMap<Ipv4Address | Ipv6Address, NodeId>;
  /** IPv6 mobile nodes: every tunnel that reaches one ends there (its care-of addresses are its own, autoconfigured). */
  private readonly mobiles6: ReadonlySet<NodeId>;

  constructor(scenario: LoadedScenario) {
    this.mobiles6 = new Set(scenario.nodes.filter((n) => n.role === 'mobile-node-v6').map((n) => n.id));
    this.owners = new Map(scenario.topology.nodes.flatMap((n) => n.interfaces.flatMap((i) => [
      [i.address, n.id] as const,
      ...(i.ipv6 === undefined ? [] : [[i.ipv6.address, n.id] as const]),
    ])));
  }

  /** Reads events (in trace order); returns the observations this settles, in time order. */
  read(events: readonly TraceEvent[]): Observation[] {
    const out: Observation[] = [];
    for (const e of events) {
      if (e.time - 1 > this.settled) for (const o of this.settle(e.time - 1)) out.push(o);
      this.readOne(e);
    }
    return out;
  }

  /** Everything up to and including `now` has been read; returns what that settles. */
  settle(now: Micros): Observation[] {
    if (now > this.settled) {
      this.settled = now;
      for (const d of this.inFlight.values()) {
        if (d.sentAt + LOSS_GRACE > now) break; // in order of sending
        this.inFlight.delete(d.key);
        this.finished.add(d.key);
        this.pending.push({ kind: 'datagram', time: d.sentAt + LOSS_GRACE, order: Number.MAX_SAFE_INTEGER, evidence: d.last, flow: d.flow, sequence: d.sequence, sentAt: d.sentAt, arrived: false, hops: d.hops, path: [...d.path] });
      }
    }
    // Also what was read at an instant already settled: a learner's command applied at `now` adds events at `now`.
    const ready = this.pending.filter((o) => o.time <= this.settled).sort((a, b) => a.time - b.time || a.order - b.order);
    if (ready.length === 0) return ready;
    this.pending = this.pending.filter((o) => o.time > this.settled);
    // Released receptions are settled, with every event that reported them.
    for (const [id, o] of this.receptions) if (o.time <= this.settled) this.receptions.delete(id);
    return ready;
  }

  private push(o: Observation): void {
    this.pending.push(o);
  }

  private readOne(e: TraceEvent): void {
    const ref: EventRef = { eventId: e.id, time: e.time };
    if (e.kind === 'table-changed') {
      const table = TABLE_BY_PREFIX.get(e.summary.slice(0, e.summary.indexOf(':')));
      if (table !== undefined) this.push({ kind: 'table', time: e.time, order: this.order++, evidence: ref, node: e.node, table, before: e.before, after: e.after });
      return;
    }
    if (e.kind === 'dropped' && e.causedBy !== undefined) {
      const reception = this.receptions.get(e.causedBy);
      if (reception !== undefined && reception.outcome === 'accepted') {
        reception.outcome = 'refused';
        reception.reason = e.reason ?? e.summary;
        reception.refusal = { eventId: e.id, time: e.time };
      }
    }
    const key = keyObservationOf(e); // registration-key checks (key-checks.ts)
    if (key !== null) this.push({ ...key, time: e.time, order: this.order++, evidence: ref });
    this.readMessage(e, ref);
    this.readDatagram(e, ref);
  }

  private readMessage(e: TraceEvent, ref: EventRef): void {
    if (e.kind !== 'sent' && e.kind !== 'forwarded' && e.kind !== 'received') return;
    const m = messageOf(e);
    if (m === null) return;
    this.carriers.set(e.id, { node: e.node, kind: e.kind, ...(e.causedBy === undefined ? {} : { causedBy: e.causedBy }) });
    const message = m.message;
    // A message its sender tunnels itself (a Home Test Init, reverse-tunnelled) is sent all the same.
    if (e.kind === 'sent') this.push({ kind: 'message-sent', time: e.time, order: this.order++, evidence: ref, message, from: e.node, destination: m.destination });
    if (e.kind !== 'received') return;
    // A tunnelled message is received where its tunnel ends, not by the routers on the way.
    if (m.tunnelExit !== undefined && !this.mobiles6.has(e.node) && this.owners.get(m.tunnelExit) !== e.node) return;
    // A node that reports a second reception of the message it just received (after processing its headers) still received it once.
    const earlier = e.causedBy === undefined ? undefined : this.receptions.get(e.causedBy);
    if (earlier !== undefined && earlier.to === e.node && earlier.message === message) {
      this.receptions.set(e.id, earlier);
      return;
    }
    const from = this.firstSender(e.causedBy) ?? this.owners.get(m.source) ?? m.source;
    const o: MessageObservation = { kind: 'message', time: e.time, order: this.order++, evidence: ref, message, from, to: e.node, extensions: m.extensions(), outcome: 'accepted' };
    this.receptions.set(e.id, o);
    this.push(o);
  }

  /** Back through forwarding routers to the node whose own transmission it was. */
  private firstSender(id: TraceEventId | undefined): NodeId | undefined {
    for (let hop = 0; id !== undefined && hop < 64; hop++) {
      const c = this.carriers.get(id);
      if (c === undefined) return undefined;
      if (c.kind === 'sent') return c.node;
      id = c.causedBy;
    }
    return undefined;
  }

  private readDatagram(e: TraceEvent, ref: EventRef): void {
    if (!isTransmission(e) && e.kind !== 'received' && e.kind !== 'delivered' && e.kind !== 'dropped' && e.kind !== 'lost') return;
    const d = flowDatagramOf(e);
    if (d === null) return;
    const direction = `${d.source} → ${d.destination}`;
    const known = this.directions.get(d.flow);
    if (known === undefined) this.directions.set(d.flow, direction);
    else if (known !== direction) return;
    const key = `${d.flow}#${d.sequence}`;
    if (this.finished.has(key)) return;
    let f = this.inFlight.get(key);
    if (f === undefined) {
      if (e.kind !== 'sent') return; // first seen other than at its sender: the start was before this reader
      f = { key, flow: d.flow, sequence: d.sequence, sentAt: e.time, hops: 0, path: [], last: ref };
      this.inFlight.set(key, f);
    }
    f.last = ref;
    // The path is who passed it on, then who took delivery: a node that only received it (an eavesdropper on a LAN) is not on it.
    if (isTransmission(e)) {
      if (f.hops > 0) f.path.push(e.node);
      f.hops++;
    } else if (e.kind === 'delivered') {
      f.path.push(e.node);
      this.inFlight.delete(key);
      this.finished.add(key);
      this.push({ kind: 'datagram', time: e.time, order: this.order++, evidence: ref, flow: f.flow, sequence: f.sequence, sentAt: f.sentAt, arrived: true, hops: f.hops, path: [...f.path] });
    }
  }
}

interface MessageSighting {
  readonly message: MessageName;
  readonly source: string;
  readonly destination: string;
  /** Read only for a reception. */
  readonly extensions: () => readonly number[];
  /** For one inside a tunnel: the tunnel's exit (its outer destination). */
  readonly tunnelExit?: string;
}

/** A message a check can name: a Mobile IP one (UDP port 434, the outermost datagram), else an IPv6 one (through tunnels). */
function messageOf(e: TraceEvent): MessageSighting | null {
  const m = mipMessageOf(e);
  if (m !== null) {
    const kind = m.message.kind;
    return isMessageName(kind) ? { message: kind, source: m.ip.source, destination: m.ip.destination, extensions: () => extensionTypesOf(m.message) } : null;
  }
  const v6 = ipv6MessageOf(e);
  if (v6 === null) return null;
  return { message: v6.message, source: v6.source, destination: v6.destination, extensions: () => v6.extensions, ...(v6.tunnelled ? { tunnelExit: v6.outerDestination } : {}) };
}
