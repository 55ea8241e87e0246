// Loss around each handoff, for the run metrics. A handoff is a mobile node's
// radio interface changing the cells it is attached to (the radio model's
// `table-changed` event, with the cells before and after). Its window runs
// from that change to the first flow datagram delivered to the node after it
// (Perkins & Johnson §4: until the new registration — or the previous foreign
// agent's forwarding — brings datagrams to the new care-of address again), or
// to the node's next handoff if none is delivered before. A datagram for the
// node lost in that window counts against the handoff: the lost datagrams
// smooth handoff is meant to save (§4.1). As everywhere in the metrics, a
// datagram is explained by its last loss event, and counts only while it has
// not been delivered.

import type { NodeId, TraceEvent } from '../node/contract';
import type { Micros } from '../node/time';

export interface HandoffLoss {
  readonly node: NodeId;
  readonly time: Micros;
  /** The cells before and after ([] when out of range of every cell). */
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** The first flow datagram delivered to the node after the handoff; null if none (yet, or before its next handoff). */
  readonly firstDeliveryAt: Micros | null;
  /** Datagrams for the node lost in the window and not delivered since. */
  readonly lost: number;
}

/** A radio attachment change of some node: the cells before and after. */
export function radioChange(e: TraceEvent): { readonly from: readonly string[]; readonly to: readonly string[] } | null {
  if (e.kind !== 'table-changed' || e.interface === undefined || !isStringList(e.before) || !isStringList(e.after)) return null;
  return { from: e.before, to: e.after };
}

function isStringList(v: unknown): v is readonly string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

interface Window {
  readonly node: NodeId;
  readonly time: Micros;
  readonly from: readonly string[];
  readonly to: readonly string[];
  firstDeliveryAt: Micros | null;
  lost: number;
}

export class HandoffWindows {
  private list: Window[] = [];
  /** Per node, the index of its window still waiting for a delivery. */
  private open = new Map<NodeId, number>();

  /** A mobile node's radio change: a new window (the node's previous one closes without a delivery). */
  handoff(node: NodeId, time: Micros, from: readonly string[], to: readonly string[]): void {
    this.open.set(node, this.list.length);
    this.list.push({ node, time, from, to, firstDeliveryAt: null, lost: 0 });
  }

  /** A flow datagram delivered to `node`: its open window closes. */
  delivered(node: NodeId, time: Micros): void {
    const i = this.open.get(node);
    if (i === undefined) return;
    this.list[i]!.firstDeliveryAt = time;
    this.open.delete(node);
  }

  /** The window a loss for `node` now falls in, if one is open. */
  openFor(node: NodeId): number | undefined {
    return this.open.get(node);
  }

  /** A datagram counted against window `i` (+1), or no longer (−1). */
  count(i: number, delta: 1 | -1): void {
    this.list[i]!.lost += delta;
  }

  result(): HandoffLoss[] {
    return this.list.map((w) => ({ ...w }));
  }

  clone(): HandoffWindows {
    const c = new HandoffWindows();
    c.list = this.list.map((w) => ({ ...w }));
    c.open = new Map(this.open);
    return c;
  }
}

/** "MN: cell1 → cell2" ("no cell" when out of range of every cell): the same words in `mip-lab run` and on the page. */
export function describeHandoff(h: Pick<HandoffLoss, 'node' | 'from' | 'to'>): string {
  const cells = (c: readonly string[]) => (c.length === 0 ? 'no cell' : c.join(' + '));
  return `${h.node}: ${cells(h.from)} → ${cells(h.to)}`;
}
