// The trace as the UI holds it: every event the runtime reported, in order,
// plus the indexes every view needs (by id, the packet list, who received
// each transmission). Mutable on purpose: a busy run appends thousands of
// events a second, and copying maps on every batch would cost more than the
// drawing. The store publishes a version number; views re-read on change.

import type { TraceEvent, TraceEventId } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import { classifyPacket, type PacketKind } from '../../engine/wire/classify';

/** One transmission onto a link (a `sent` or `forwarded` event with bytes): a row of the packet list. */
export interface PacketRow {
  /** The transmitting trace event's id: the packet's identity in every view. */
  readonly id: TraceEventId;
  /** 1-based, in trace order, like Wireshark's "No." column. */
  readonly number: number;
  readonly time: Micros;
  /** The node that put it on the link. */
  readonly node: string;
  readonly interface?: string;
  readonly source: string;
  readonly destination: string;
  readonly kind: PacketKind;
  /** Protocol column: the innermost message's name ("Registration Request", "UDP", …). */
  readonly protocol: string;
  readonly tunnels: readonly string[];
  readonly summary: string;
  readonly length: number;
  readonly event: TraceEvent;
}

const TRANSMISSIONS: ReadonlySet<TraceEvent['kind']> = new Set(['sent', 'forwarded']);

export class TraceLog {
  readonly events: TraceEvent[] = [];
  readonly byId = new Map<TraceEventId, TraceEvent>();
  readonly packets: PacketRow[] = [];
  readonly packetById = new Map<TraceEventId, PacketRow>();
  /** For each transmission, the `received` and `dropped` events that name it as their cause. */
  readonly outcomes = new Map<TraceEventId, TraceEvent[]>();

  append(events: readonly TraceEvent[]): void {
    for (const e of events) {
      this.events.push(e);
      this.byId.set(e.id, e);
      if (e.causedBy !== undefined && (e.kind === 'received' || e.kind === 'dropped')) {
        const list = this.outcomes.get(e.causedBy);
        if (list === undefined) this.outcomes.set(e.causedBy, [e]);
        else list.push(e);
      }
      if (TRANSMISSIONS.has(e.kind) && e.bytes !== undefined) this.addPacket(e);
    }
  }

  /** Drops every event after `t` (a seek backwards). */
  truncateAfter(t: Micros): void {
    let keep = this.events.length;
    while (keep > 0 && this.events[keep - 1]!.time > t) keep--;
    const removed = this.events.splice(keep);
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
    let keepPackets = this.packets.length;
    while (keepPackets > 0 && this.packets[keepPackets - 1]!.time > t) keepPackets--;
    for (const p of this.packets.splice(keepPackets)) this.packetById.delete(p.id);
  }

  clear(): void {
    this.truncateAfter(-1);
  }

  private addPacket(e: TraceEvent): void {
    const bytes = e.bytes!;
    const c = classifyPacket(bytes);
    const row: PacketRow = {
      id: e.id,
      number: this.packets.length + 1,
      time: e.time,
      node: e.node,
      ...(e.interface === undefined ? {} : { interface: e.interface }),
      source: c?.source ?? '?',
      destination: c?.destination ?? '?',
      kind: c?.kind ?? 'other',
      protocol: c?.name ?? 'malformed',
      tunnels: c?.tunnels ?? [],
      summary: e.summary,
      length: bytes.length,
      event: e,
    };
    this.packets.push(row);
    this.packetById.set(e.id, row);
  }
}
