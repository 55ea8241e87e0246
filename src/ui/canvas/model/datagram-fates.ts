// What became of each datagram a correspondent sent to a mobile node, read
// from the trace as it grows. A datagram is followed from its original send
// through every event that carries it (receptions, forwards, tunnels,
// decisions) — never through control traffic it provoked, such as a Binding
// Warning — until it is delivered to the mobile node, dropped with a reason,
// lost by the network (a `lost` event: the link's loss draw took it, or it was
// sent into a cell the mobile node had left and reached no one — the sender
// traces that when the frame would have arrived), or, in a trace without such
// events, silently gone: a unicast frame put on a link that nobody received
// by the time it must have arrived.
//
// The trace the runtime reports holds the events up to `now` and no later
// (backend.ts: advanceTo), so "no reception yet" at `now` is a fact, not a
// guess, once the frame's latest possible arrival has passed.

import type { NodeId, TraceEvent, TraceEventId } from '../../../engine/node/contract';
import type { Micros } from '../../../engine/node/time';
import { lostReceiverOf } from '../../../engine/network/loss-reasons';
import { runReading } from '../../store/run-reading';
import { isUnicast } from './hops';

/** One correspondent → mobile node datagram and what has happened to it so far. */
export interface Datagram {
  /** The original send (a packet id in every view). */
  readonly sent: TraceEvent;
  /** The mobile node it is for. */
  readonly mobile: NodeId;
  readonly delivered: TraceEvent | undefined;
  /** The first drop of any copy of it, with the node's reason — or the link's, for a copy its loss draw took. */
  readonly dropped: TraceEvent | undefined;
  /** The first copy that reached no one: the sender's `lost` event, at the time it would have arrived. */
  readonly unreached: TraceEvent | undefined;
  /** Transmissions of it that no node has received (yet). */
  readonly open: ReadonlyMap<TraceEventId, TraceEvent>;
  /** The latest event that carried it. */
  readonly last: TraceEvent;
}

export type Fate =
  | { readonly kind: 'delivered'; readonly at: TraceEvent }
  | { readonly kind: 'pending' }
  /**
   * `at`: the drop event (a node's, or a link loss draw's); for 'vanished',
   * the sender's `lost` event of a frame that reached no one, or — in a trace
   * without one — the transmission nobody received; `how` tells which.
   */
  | { readonly kind: 'lost'; readonly how: 'dropped' | 'vanished' | 'stopped'; readonly at: TraceEvent };

interface MutableDatagram {
  sent: TraceEvent;
  mobile: NodeId;
  delivered: TraceEvent | undefined;
  dropped: TraceEvent | undefined;
  unreached: TraceEvent | undefined;
  open: Map<TraceEventId, TraceEvent>;
  last: TraceEvent;
}

const DATA = new Set(['data', 'tunnelled-data']);
/** A datagram that was received but went nowhere is called lost this long after its last event. */
const STOPPED_AFTER: Micros = 1_000;

function isTransmission(e: TraceEvent): boolean {
  return (e.kind === 'sent' || e.kind === 'forwarded') && e.bytes !== undefined;
}

/**
 * What became of a datagram at `now`. `deadline(tx)` is the latest time a
 * transmission can arrive; after it, a unicast frame nobody received is gone.
 */
export function fateAt(d: Datagram, now: Micros, deadline: (tx: TraceEvent) => Micros): Fate {
  if (d.delivered !== undefined && d.delivered.time <= now) return { kind: 'delivered', at: d.delivered };
  if (d.dropped !== undefined && d.dropped.time <= now) return { kind: 'lost', how: 'dropped', at: d.dropped };
  if (d.unreached !== undefined && d.unreached.time <= now) return { kind: 'lost', how: 'vanished', at: d.unreached };
  let vanished: TraceEvent | undefined;
  for (const tx of d.open.values()) {
    if (tx.time > now) continue;
    if (now < deadline(tx)) return { kind: 'pending' };
    // A group-addressed copy nobody heard is not a loss; a unicast one is.
    if (isUnicast(tx) && (vanished === undefined || tx.time >= vanished.time)) vanished = tx;
  }
  if (vanished !== undefined) return { kind: 'lost', how: 'vanished', at: vanished };
  if (d.open.size === 0 && now >= d.last.time + STOPPED_AFTER) return { kind: 'lost', how: 'stopped', at: d.last };
  return { kind: 'pending' };
}

/**
 * Follows the mutable trace incrementally (rescanning only after a cut or a
 * new log) and keeps, per mobile node, its datagrams in send order.
 */
export class FateTracker {
  private events: readonly TraceEvent[] | null = null;
  private seen = 0;
  private lastSeen: TraceEvent | undefined;
  private carrier = new Map<TraceEventId, MutableDatagram>();
  private byMobile = new Map<NodeId, MutableDatagram[]>();
  private all: MutableDatagram[] = [];

  /** `mobileOf(address)`: the mobile node whose home address that is. `isMobile(node)`: a mobile node. */
  constructor(
    private readonly mobileOf: (address: string) => NodeId | undefined,
    private readonly isMobile: (node: NodeId) => boolean,
  ) {}

  sync(events: readonly TraceEvent[]): void {
    if (events !== this.events || events.length < this.seen || (this.seen > 0 && events[this.seen - 1] !== this.lastSeen)) {
      this.events = events;
      this.seen = 0;
      this.carrier = new Map();
      this.byMobile = new Map();
      this.all = [];
    }
    for (let i = this.seen; i < events.length; i++) this.add(events[i]!);
    this.seen = events.length;
    this.lastSeen = events[this.seen - 1];
  }

  /** The datagrams for `mobile` in send order, or for every mobile node when it has none. */
  datagrams(prefer?: NodeId | null): readonly Datagram[] {
    const mine = prefer === undefined || prefer === null ? undefined : this.byMobile.get(prefer);
    return mine !== undefined && mine.length > 0 ? mine : this.all;
  }

  private add(e: TraceEvent): void {
    const parent = e.causedBy === undefined ? undefined : this.carrier.get(e.causedBy);
    if (parent === undefined) {
      this.maybeStart(e);
      return;
    }
    // A delivered datagram's story is over; what the mobile node does next (an echo reply) is new traffic.
    if (parent.delivered !== undefined) return;
    if (isTransmission(e)) {
      // Control traffic the datagram provoked (a Binding Warning, an ICMP error) does not carry it.
      if (!DATA.has(runReading().classifyPacket(e.bytes!)?.kind ?? '')) return;
      parent.open.set(e.id, e);
    } else if (e.kind === 'received') {
      parent.open.delete(e.causedBy!);
    } else if (e.kind === 'dropped') {
      parent.open.delete(e.causedBy!);
      parent.dropped ??= e;
    } else if (e.kind === 'lost') {
      // A copy the link's loss draw took names its receiver and reads as a drop; one that reached no one is the cell the mobile node left.
      parent.open.delete(e.causedBy!);
      if (lostReceiverOf(e.summary) !== undefined) parent.dropped ??= e;
      else parent.unreached ??= e;
    } else if (e.kind === 'delivered') {
      if (this.isMobile(e.node)) parent.delivered = e;
    } else if (e.kind !== 'decision') {
      return;
    }
    parent.last = e;
    this.carrier.set(e.id, parent);
  }

  private maybeStart(e: TraceEvent): void {
    if (e.kind !== 'sent' || e.bytes === undefined || this.isMobile(e.node)) return;
    const c = runReading().classifyPacket(e.bytes);
    if (c === null || !DATA.has(c.kind)) return;
    const mobile = this.mobileOf(c.destination);
    if (mobile === undefined) return;
    const d: MutableDatagram = { sent: e, mobile, delivered: undefined, dropped: undefined, unreached: undefined, open: new Map([[e.id, e]]), last: e };
    this.carrier.set(e.id, d);
    this.all.push(d);
    const list = this.byMobile.get(mobile);
    if (list === undefined) this.byMobile.set(mobile, [d]);
    else list.push(d);
  }
}
