// Which radio cells each mobile node was in, over virtual time, read from the
// trace's attachment changes (the radio model records one whenever a move
// changes an interface's cells, with the cells before and after). The banner
// needs the answer at the time a datagram died, not at the playhead: a mobile
// node back in its cell now was still out of it when the datagram was lost.

import type { NodeId, TraceEvent } from '../../../engine/node/contract';
import type { Micros } from '../../../engine/node/time';

interface Change {
  readonly time: Micros;
  readonly iface: string;
  readonly cells: readonly string[];
}

export class AttachmentHistory {
  private events: readonly TraceEvent[] | null = null;
  private seen = 0;
  private lastSeen: TraceEvent | undefined;
  private changes = new Map<NodeId, Change[]>();

  /** `isCell(link)`: a radio cell of the scenario. */
  constructor(private readonly isCell: (link: string) => boolean) {}

  sync(events: readonly TraceEvent[]): void {
    if (events !== this.events || events.length < this.seen || (this.seen > 0 && events[this.seen - 1] !== this.lastSeen)) {
      this.events = events;
      this.seen = 0;
      this.changes = new Map();
    }
    for (let i = this.seen; i < events.length; i++) {
      const e = events[i]!;
      if (e.kind !== 'table-changed' || e.interface === undefined || !isCellList(e.before, this.isCell) || !isCellList(e.after, this.isCell)) continue;
      const list = this.changes.get(e.node) ?? [];
      // Before its first change an interface was where the change says it was.
      if (!list.some((c) => c.iface === e.interface)) list.push({ time: -1, iface: e.interface, cells: e.before as string[] });
      list.push({ time: e.time, iface: e.interface, cells: e.after as string[] });
      this.changes.set(e.node, list);
    }
    this.seen = events.length;
    this.lastSeen = events[this.seen - 1];
  }

  /** The cells `node` was in at `t`; undefined for a node that never moved between cells (it is where it is now). */
  cellsAt(node: NodeId, t: Micros): readonly string[] | undefined {
    const list = this.changes.get(node);
    if (list === undefined) return undefined;
    const byIface = new Map<string, Change>();
    for (const c of list) {
      const known = byIface.get(c.iface);
      if (c.time <= t && (known === undefined || c.time >= known.time)) byIface.set(c.iface, c);
    }
    if (byIface.size === 0) return undefined;
    return [...new Set([...byIface.values()].flatMap((c) => c.cells))];
  }
}

function isCellList(value: unknown, isCell: (link: string) => boolean): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && isCell(v));
}
