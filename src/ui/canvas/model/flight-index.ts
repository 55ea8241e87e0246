// The packets in flight at a given virtual time, found without scanning the
// whole trace: transmissions are kept sorted by send time, and only those sent
// within the longest flight time before `now` can still be on a link. Each
// frame therefore costs a binary search plus the packets near `now` — the
// canvas must hold 60 fps while the learner drags the mobile node with packets
// in flight. The index follows the mutable TraceLog incrementally and rebuilds
// itself only when the log was cut back (a seek backwards) or replaced.

import type { TraceEvent, TraceEventId } from '../../../engine/node/contract';
import type { Micros } from '../../../engine/node/time';
import type { PacketRow } from '../../store/trace-log';
import { exactHops, isUnicast, type Hop } from './hops';
import type { CanvasModel } from './canvas-model';

/** What the index reads of a TraceLog. */
export interface FlightSource {
  readonly events: readonly TraceEvent[];
  readonly packets: readonly PacketRow[];
  readonly packetById: ReadonlyMap<TraceEventId, PacketRow>;
  readonly outcomes: ReadonlyMap<TraceEventId, readonly TraceEvent[]>;
}

/** A unicast frame no one received: lost where it was sent, at the latest time it could have arrived. */
export interface Vanished {
  readonly row: PacketRow;
  readonly at: Micros;
}

export interface Flight {
  /** Stable while the packet crosses this hop (a React key). */
  readonly key: string;
  readonly packet: PacketRow;
  readonly hop: Hop;
  /** 0 at the sender, 1 at the receiver. */
  readonly progress: number;
}

interface Entry {
  readonly row: PacketRow;
  /** Planned at the time the index first saw the packet, when attachments were those it was sent with. */
  readonly planned: readonly Hop[];
}

/** First index in a time-sorted array whose time is ≥ t. */
export function lowerBound<T>(items: readonly T[], t: number, timeOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeOf(items[mid]!) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class FlightIndex {
  private source: FlightSource | null = null;
  private packetsSeen = 0;
  private lastPacket: PacketRow | undefined;
  private eventsSeen = 0;
  private lastEvent: TraceEvent | undefined;
  private entries: Entry[] = [];
  private drops: TraceEvent[] = [];
  /** Frames found lost, by `at`; every entry before `vanishCursor` has been looked at. */
  private vanished: Vanished[] = [];
  private vanishCursor = 0;
  private deadline: ((tx: TraceEvent) => Micros) | null = null;
  /** The longest send-to-arrival time seen or planned: how far back a packet in flight can have been sent. */
  private maxFlight = 0;

  constructor(private readonly model: CanvasModel) {}

  /**
   * Takes in what was appended since the last call; `plan` estimates hops for
   * a new transmission; `deadline`, when given, is the latest time a
   * transmission can arrive (hops.ts arrivalDeadline), for finding lost frames.
   */
  sync(source: FlightSource, plan: (tx: TraceEvent) => Hop[], deadline?: (tx: TraceEvent) => Micros): void {
    this.deadline = deadline ?? null;
    const cut = source !== this.source
      || source.packets.length < this.packetsSeen
      || (this.packetsSeen > 0 && source.packets[this.packetsSeen - 1] !== this.lastPacket)
      || source.events.length < this.eventsSeen
      || (this.eventsSeen > 0 && source.events[this.eventsSeen - 1] !== this.lastEvent);
    if (cut) this.reset(source);
    for (let i = this.packetsSeen; i < source.packets.length; i++) this.addPacket(source.packets[i]!, plan);
    this.packetsSeen = source.packets.length;
    this.lastPacket = source.packets[this.packetsSeen - 1];
    for (let i = this.eventsSeen; i < source.events.length; i++) this.addEvent(source.events[i]!, source);
    this.eventsSeen = source.events.length;
    this.lastEvent = source.events[this.eventsSeen - 1];
  }

  inFlight(now: Micros): Flight[] {
    const source = this.source;
    if (source === null) return [];
    const out: Flight[] = [];
    for (let i = lowerBound(this.entries, now - this.maxFlight, (e) => e.row.time); i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if (entry.row.time > now) break;
      const outcomes = source.outcomes.get(entry.row.id);
      const exact = outcomes === undefined ? [] : exactHops(this.model, entry.row.event, outcomes);
      for (const hop of exact.length > 0 ? exact : entry.planned) {
        if (hop.depart > now || now >= hop.arrive) continue;
        out.push({ key: `${entry.row.id}>${hop.to}`, packet: entry.row, hop, progress: (now - hop.depart) / (hop.arrive - hop.depart) });
      }
    }
    return out;
  }

  /** Drop and loss events with from ≤ time ≤ to, oldest first. */
  dropsWithin(from: Micros, to: Micros): TraceEvent[] {
    const out: TraceEvent[] = [];
    for (let i = lowerBound(this.drops, from, (e) => e.time); i < this.drops.length && this.drops[i]!.time <= to; i++) out.push(this.drops[i]!);
    return out;
  }

  /**
   * Unicast frames no one received, whose latest arrival lies in [from, to],
   * with `to` the present: the trace holds every reception up to it, so what
   * has not arrived by its deadline never will. Each frame is judged once, as
   * the present passes its deadline.
   */
  vanishedWithin(from: Micros, to: Micros): Vanished[] {
    const source = this.source;
    const deadline = this.deadline;
    if (source === null || deadline === null) return [];
    const isLost = (row: PacketRow): boolean => (source.outcomes.get(row.id)?.length ?? 0) === 0 && isUnicast(row.event);
    // Judge, in send order, every frame whose deadline has passed; stop at the first still in time.
    for (; this.vanishCursor < this.entries.length; this.vanishCursor++) {
      const row = this.entries[this.vanishCursor]!.row;
      const at = deadline(row.event);
      if (at > to) break;
      if (isLost(row)) insertSorted(this.vanished, { row, at }, (v) => v.at);
    }
    const out: Vanished[] = [];
    for (let i = lowerBound(this.vanished, from, (v) => v.at); i < this.vanished.length && this.vanished[i]!.at <= to; i++) out.push(this.vanished[i]!);
    // Frames behind one still in time (sent a moment later on a faster link) are judged here, not yet recorded.
    for (let i = this.vanishCursor; i < this.entries.length && this.entries[i]!.row.time <= to; i++) {
      const row = this.entries[i]!.row;
      const at = deadline(row.event);
      if (at >= from && at <= to && isLost(row)) out.push({ row, at });
    }
    return out;
  }

  private reset(source: FlightSource): void {
    this.source = source;
    this.packetsSeen = 0;
    this.lastPacket = undefined;
    this.eventsSeen = 0;
    this.lastEvent = undefined;
    this.entries = [];
    this.drops = [];
    this.vanished = [];
    this.vanishCursor = 0;
    this.maxFlight = 0;
  }

  private addPacket(row: PacketRow, plan: (tx: TraceEvent) => Hop[]): void {
    const planned = plan(row.event);
    for (const h of planned) this.maxFlight = Math.max(this.maxFlight, h.arrive - h.depart);
    insertSorted(this.entries, { row, planned }, (e) => e.row.time);
  }

  private addEvent(e: TraceEvent, source: FlightSource): void {
    if (e.kind === 'dropped' || e.kind === 'lost') insertSorted(this.drops, e, (d) => d.time);
    if (e.kind === 'received' && e.causedBy !== undefined) {
      const tx = source.packetById.get(e.causedBy);
      if (tx !== undefined) this.maxFlight = Math.max(this.maxFlight, e.time - tx.time);
    }
  }
}

/** Appends, or inserts after every item with the same or an earlier time (the trace is time-ordered, so this is almost always an append). */
function insertSorted<T>(items: T[], item: T, timeOf: (item: T) => number): void {
  const t = timeOf(item);
  if (items.length === 0 || timeOf(items[items.length - 1]!) <= t) {
    items.push(item);
    return;
  }
  items.splice(lowerBound(items, t + 1, timeOf), 0, item);
}
