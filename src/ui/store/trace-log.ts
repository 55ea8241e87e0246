// The trace as the UI holds it: the recent events the runtime reported, in
// order, plus the indexes every view needs (by id, the packet list, who
// received each transmission). Mutable on purpose: a busy run appends
// thousands of events a second, and copying maps on every batch would cost
// more than the drawing. The store publishes a version number; views re-read
// on change.
//
// Bounded (docs/architecture.md "Engine": anything older is re-derived by replay): the log
// holds a window of recent events (PAGE_TRACE_RETENTION) and lets the oldest
// go, a quarter of the window at a time, as new ones come. Letting go
// replaces `events` and `packets` with new arrays, so a view that follows
// them by index starts over on the window. Packets keep the numbers they
// have in the whole run (`before` counts what is no longer held). What a
// view needs across the whole run — the seek bar's handoffs, the table
// changes, the key exchanges — it asks for as a digest (`digest`), kept here
// from every event appended, not only from those still held. A stretch the
// runtime re-derives comes back with `replace` (a seek backwards) or
// `prepend` (earlier packets, asked for by the learner).

import { isPacketEvent } from '../../engine/metrics/packet-event';
import type { TraceRetention } from '../../engine/network/trace-window';
import type { TraceEvent, TraceEventId } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { PacketClass, PacketKind } from '../../engine/wire/classify';
import { outerAddresses } from '../../engine/wire/outer-addresses';
import { PAGE_TRACE_RETENTION, type TraceCounts, type TraceStretch } from '../../runtime/types';
import { packetLayerOf } from './packet-layer';
import { runReading } from './run-reading';

/** One transmission onto a link (a `sent` or `forwarded` event with bytes): a row of the packet list. */
export interface PacketRow {
  /** The transmitting trace event's id: the packet's identity in every view. */
  readonly id: TraceEventId;
  /** 1-based, in trace order over the whole run, like Wireshark's "No." column. */
  readonly number: number;
  readonly time: Micros;
  /** The node that put it on the link. */
  readonly node: string;
  readonly interface?: string;
  readonly source: string;
  readonly destination: string;
  readonly kind: PacketKind;
  /** Protocol column: the innermost message's name ("Registration Request", "UDP", "Binding Update", …). */
  readonly protocol: string;
  /** IPv6: the layers it is read through, "IPv6 · MH", "IPv6 · RH2 · UDP" (packet-layer.ts); absent for IPv4. */
  readonly layer?: string;
  /** IPv6: the outer header's addresses where they differ from the final ones (a care-of address, a tunnel's ends), for the text filter. */
  readonly outerAddresses?: readonly string[];
  readonly tunnels: readonly string[];
  readonly summary: string;
  readonly length: number;
  readonly event: TraceEvent;
}

const OUTCOMES: ReadonlySet<TraceEvent['kind']> = new Set(['received', 'dropped', 'lost']);

/** Most items a digest keeps (the newest), unless it asks for fewer. */
export const DIGEST_LIMIT = 2000;

/** Items picked from every event the log was given (older ones too), in trace order. */
class Digest<T> {
  private times: Micros[] = [];
  private items: T[] = [];
  private shown: readonly T[] = [];
  /** Every event from this time on has been offered (undefined: none yet). */
  coveredFrom: Micros | undefined;

  constructor(private readonly pick: (e: TraceEvent) => T | null, private readonly limit: number) {}

  get list(): readonly T[] {
    return this.shown;
  }

  add(events: readonly TraceEvent[]): void {
    let picked = 0;
    for (const e of events) {
      const v = this.pick(e);
      if (v === null) continue;
      this.times.push(e.time);
      this.items.push(v);
      picked++;
    }
    if (this.coveredFrom === undefined && events.length > 0) this.coveredFrom = events[0]!.time;
    if (picked === 0) return;
    if (this.items.length > this.limit) {
      this.times = this.times.slice(-this.limit);
      this.items = this.items.slice(-this.limit);
    }
    this.shown = [...this.items];
  }

  /** Events older than any offered so far (a re-derived stretch): their items go first. */
  addEarlier(events: readonly TraceEvent[]): void {
    const from = this.coveredFrom;
    const older = from === undefined ? events : events.filter((e) => e.time < from);
    if (older.length === 0) return;
    const rest = { times: this.times, items: this.items };
    this.times = [];
    this.items = [];
    this.coveredFrom = undefined;
    this.add(older);
    for (let i = 0; i < rest.items.length; i++) {
      this.times.push(rest.times[i]!);
      this.items.push(rest.items[i]!);
    }
    if (this.items.length > this.limit) {
      this.times = this.times.slice(-this.limit);
      this.items = this.items.slice(-this.limit);
    }
    this.coveredFrom = older[0]!.time;
    this.shown = [...this.items];
  }

  truncateAfter(t: Micros): void {
    let n = this.times.length;
    while (n > 0 && this.times[n - 1]! > t) n--;
    if (n === this.times.length) return;
    this.times.length = n;
    this.items.length = n;
    this.shown = [...this.items];
  }
}

export class TraceLog {
  private list: TraceEvent[] = [];
  private rows: PacketRow[] = [];
  readonly byId = new Map<TraceEventId, TraceEvent>();
  readonly packetById = new Map<TraceEventId, PacketRow>();
  /** For each transmission, the `received`, `dropped` and `lost` events that name it as their cause. */
  readonly outcomes = new Map<TraceEventId, TraceEvent[]>();
  private counted: TraceCounts = { events: 0, packets: 0 };
  /** Held from these times on while the log is within four windows: earlier packets the learner asked for, the selected packet. */
  private holds: { recalled?: Micros; selected?: Micros } = {};
  private readonly digests = new Map<(e: TraceEvent) => unknown, Digest<unknown>>();

  constructor(readonly retention: TraceRetention = PAGE_TRACE_RETENTION) {}

  /** The events held, oldest first: every event of the run from the first one's time on. */
  get events(): readonly TraceEvent[] {
    return this.list;
  }

  /** The packets held, in trace order. */
  get packets(): readonly PacketRow[] {
    return this.rows;
  }

  /** What the run recorded before the first event held (not held, or not received yet). */
  get before(): TraceCounts {
    return this.counted;
  }

  /** Every event of the run from this time on is held (undefined: none is). */
  get from(): Micros | undefined {
    return this.list[0]?.time;
  }

  /**
   * The items `pick` finds in the whole run the log was given — events let go
   * included — the newest `limit` of them, in trace order; the same array
   * while nothing new was picked. `pick` is the digest's identity: pass the
   * same function (a module constant) every time; the first call's `limit` holds.
   */
  digest<T>(pick: (e: TraceEvent) => T | null, limit = DIGEST_LIMIT): readonly T[] {
    let d = this.digests.get(pick) as Digest<T> | undefined;
    if (d === undefined) {
      d = new Digest(pick, Math.max(1, limit));
      d.add(this.list);
      this.digests.set(pick, d as Digest<unknown>);
    }
    return d.list;
  }

  append(events: readonly TraceEvent[]): void {
    for (const d of this.digests.values()) d.add(events);
    for (const e of events) this.index(e);
    this.letGo();
  }

  /** Drops every event after `t` (a seek backwards). */
  truncateAfter(t: Micros): void {
    let keep = this.list.length;
    while (keep > 0 && this.list[keep - 1]!.time > t) keep--;
    const removed = this.list.splice(keep);
    for (const e of removed) {
      this.byId.delete(e.id);
      if (e.causedBy !== undefined) {
        const list = this.outcomes.get(e.causedBy);
        if (list !== undefined) {
          const i = list.indexOf(e);
          if (i >= 0) list.splice(i, 1);
        }
      }
      this.outcomes.delete(e.id);
    }
    let keepPackets = this.rows.length;
    while (keepPackets > 0 && this.rows[keepPackets - 1]!.time > t) keepPackets--;
    for (const p of this.rows.splice(keepPackets)) this.packetById.delete(p.id);
    for (const d of this.digests.values()) d.truncateAfter(t);
    if ((this.holds.selected ?? -Infinity) > t) delete this.holds.selected;
  }

  /** A seek backwards to `window.to`: what was held up to there gives way to the window the runtime re-derived. */
  replace(window: TraceStretch): void {
    this.truncateAfter(window.to);
    for (const d of this.digests.values()) d.addEarlier(window.events);
    this.reindex(window.events, window.before);
    delete this.holds.recalled;
  }

  /** Earlier events (`stretch` ends just before the first one held): held from now on, as long as the log may grow to four windows. */
  prepend(stretch: TraceStretch): void {
    // It must end where what is held begins (a seek may have changed that while it was being re-derived).
    if (stretch.events.length === 0 || stretch.before.events + stretch.events.length !== this.counted.events) return;
    for (const d of this.digests.values()) d.addEarlier(stretch.events);
    this.reindex([...stretch.events, ...this.list], stretch.before);
    this.holds.recalled = stretch.events[0]!.time;
  }

  /** A late start: the first events given come after `before` others of the run. */
  startAfter(before: TraceCounts): void {
    if (this.list.length === 0) this.counted = before;
  }

  /** Keeps what is held from `t` on (the selected packet), as long as the log may grow to four windows; undefined lets go. */
  keepFrom(t: Micros | undefined): void {
    if (t === undefined) delete this.holds.selected;
    else this.holds.selected = t;
  }

  clear(): void {
    this.truncateAfter(-1);
    this.counted = { events: 0, packets: 0 };
    this.digests.clear();
    this.holds = {};
  }

  private index(e: TraceEvent): void {
    this.list.push(e);
    this.byId.set(e.id, e);
    if (e.causedBy !== undefined && OUTCOMES.has(e.kind)) {
      const list = this.outcomes.get(e.causedBy);
      if (list === undefined) this.outcomes.set(e.causedBy, [e]);
      else list.push(e);
    }
    if (isPacketEvent(e)) this.addPacket(e);
  }

  /** Holds exactly `events`, which come after `before` others of the run. */
  private reindex(events: readonly TraceEvent[], before: TraceCounts): void {
    this.list = [];
    this.rows = [];
    this.byId.clear();
    this.packetById.clear();
    this.outcomes.clear();
    this.counted = before;
    for (const e of events) this.index(e);
  }

  /**
   * Past the window (older than `span` behind the newest event, or more than
   * `maxEvents`), whole instants go, oldest first, until three quarters of
   * the window are left; never the newest instant, and nothing from the hold
   * on while the log is within four windows.
   */
  private letGo(): void {
    const n = this.list.length;
    if (n === 0) return;
    const { span, maxEvents } = this.retention;
    const newest = this.list[n - 1]!.time;
    if (n <= maxEvents && this.list[0]!.time >= newest - span) return;
    const keepSpan = Math.floor(span * 0.75);
    const keepCount = Math.floor(maxEvents * 0.75);
    const hold = Math.min(this.holds.recalled ?? Infinity, this.holds.selected ?? Infinity);
    let k = 0;
    while (k < n) {
      const e = this.list[k]!;
      if (e.time === newest) break;
      if (e.time >= hold && n - k <= 4 * maxEvents) break;
      if (n - k <= keepCount && e.time >= newest - keepSpan) break;
      const t = e.time;
      while (k < n && this.list[k]!.time === t) k++;
    }
    if (k === 0) return;
    const gone = this.list.slice(0, k);
    let packets = 0;
    for (const e of gone) {
      this.byId.delete(e.id);
      this.outcomes.delete(e.id);
      if (this.packetById.delete(e.id)) packets++;
    }
    this.list = this.list.slice(k);
    this.rows = this.rows.slice(packets);
    this.counted = { events: this.counted.events + k, packets: this.counted.packets + packets };
    const first = this.list[0]!.time;
    if ((this.holds.recalled ?? Infinity) < first) delete this.holds.recalled;
    if ((this.holds.selected ?? Infinity) < first) delete this.holds.selected;
  }

  private addPacket(e: TraceEvent): void {
    const row = packetRowOf(e, this.counted.packets + this.rows.length + 1);
    this.rows.push(row);
    this.packetById.set(e.id, row);
  }
}

/** The packet list's row for a transmission (an event carrying bytes), numbered `number` in the list. */
export function packetRowOf(e: TraceEvent, number: number): PacketRow {
  const bytes = e.bytes!;
  const c = runReading().classifyPacket(bytes);
  return {
    id: e.id,
    number,
    time: e.time,
    node: e.node,
    ...(e.interface === undefined ? {} : { interface: e.interface }),
    source: c?.source ?? '?',
    destination: c?.destination ?? '?',
    kind: c?.kind ?? 'other',
    protocol: c?.name ?? 'malformed',
    ...ipv6Columns(c, bytes),
    tunnels: c?.tunnels ?? [],
    summary: e.summary,
    length: bytes.length,
    event: e,
  };
}

/** The IPv6 extras of a row: its layer text, and outer addresses that differ from the final ones (empty for IPv4). */
export function ipv6Columns(c: PacketClass | null, bytes: Uint8Array): Pick<PacketRow, 'layer' | 'outerAddresses'> {
  const layer = packetLayerOf(c);
  if (layer === undefined || c === null) return {};
  const outer = outerAddresses(bytes);
  const extra = outer === undefined ? [] : [outer.source, outer.destination].filter((a) => a !== c.source && a !== c.destination);
  return { layer, ...(extra.length === 0 ? {} : { outerAddresses: extra }) };
}
