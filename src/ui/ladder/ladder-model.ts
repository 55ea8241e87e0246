// The ladder diagram's data: one arrow per hop a packet made — from the node
// that put it on the link (sent or forwarded) to each node that received it,
// sent time → received time — or ending in ✕ where the link lost it. Built
// from the trace the runtime reported, nothing else: every arrow is a packet
// some node encoded and another decoded (docs/architecture.md).

import type { NodeId, TraceEvent, TraceEventId } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { PacketKind } from '../../engine/wire/classify';
import type { LoadedScenario } from '../../scenarios/to-topology';
import type { PacketRow, TraceLog } from '../store/trace-log';
import { childrenOf, lostReceiver } from '../inspector/detail/provenance';
import { seconds3 } from '../inspector/format';

export type ArrowFate = 'received' | 'refused' | 'lost';

export interface LadderArrow {
  /** Unique per hop: the transmission and the reception (or loss) event. */
  readonly key: string;
  readonly packet: TraceEventId;
  readonly number: number;
  readonly name: string;
  readonly kind: PacketKind;
  readonly from: NodeId;
  /** The receiver; for a loss, the node it was on its way to (if the trace says). */
  readonly to: NodeId | undefined;
  readonly sent: Micros;
  /** Reception time; undefined for a loss. */
  readonly arrived: Micros | undefined;
  /** 'refused': received, then dropped by the receiver (e.g. an authenticator that does not verify). */
  readonly fate: ArrowFate;
  /** Why it was lost or refused. */
  readonly why?: string;
}

/**
 * A packet's hops, cached until it gets another reception or loss. A receiver
 * refuses a packet in the same step in which it receives it, so the refusal
 * is already in the trace when the reception is.
 */
interface Hops {
  readonly outcomes: number;
  /** The newest outcome when cached: a seek backwards and replay can bring the count back with other events. */
  readonly last: TraceEvent | undefined;
  readonly arrows: readonly LadderArrow[];
}
const hopCache = new WeakMap<PacketRow, Hops>();

function hopsOf(trace: TraceLog, p: PacketRow): readonly LadderArrow[] {
  const outcomes = trace.outcomes.get(p.id) ?? [];
  const cached = hopCache.get(p);
  const last = outcomes[outcomes.length - 1];
  if (cached !== undefined && cached.outcomes === outcomes.length && cached.last === last) return cached.arrows;
  const arrows = outcomes.map((o): LadderArrow => {
    const base = { key: `${p.id}>${o.id}`, packet: p.id, number: p.number, name: p.protocol, kind: p.kind, from: p.node, sent: p.time };
    if (o.kind !== 'received') return { ...base, to: lostReceiver(o), arrived: undefined, fate: 'lost', why: o.summary };
    const refusal = childrenOf(trace, o.id).find((c) => c.kind === 'dropped');
    return refusal === undefined
      ? { ...base, to: o.node, arrived: o.time, fate: 'received' }
      : { ...base, to: o.node, arrived: o.time, fate: 'refused', why: `${refusal.summary}: ${refusal.reason ?? ''}` };
  });
  hopCache.set(p, { outcomes: outcomes.length, last, arrows });
  return arrows;
}

/** Every hop of every packet whose kind is shown, in the order the packets were sent. */
export function buildArrows(trace: TraceLog, kinds: ReadonlySet<PacketKind>): readonly LadderArrow[] {
  const out: LadderArrow[] = [];
  for (const p of trace.packets) {
    if (!kinds.has(p.kind)) continue;
    for (const a of hopsOf(trace, p)) out.push(a);
  }
  return out;
}

/** "Registration Request, FA1 to HA, 2.003 s" — the name a screen reader announces for an arrow. */
export function arrowName(a: LadderArrow): string {
  const to = a.to ?? 'the link';
  const base = `${a.name}, ${a.from} to ${to}, ${seconds3(a.sent)} s`;
  if (a.fate === 'lost') return `${base}, lost on the link`;
  if (a.fate === 'refused') return `${base}, refused by ${to}`;
  return base;
}

/** Lifelines left → right by the scenario's x positions (ties and unplaced nodes keep the scenario's order). */
export function laneOrder(scenario: LoadedScenario | null, arrows: readonly LadderArrow[]): readonly NodeId[] {
  const placed = (scenario?.nodes ?? []).map((n, i) => ({ id: n.id, x: n.position?.x ?? Number.POSITIVE_INFINITY, i }));
  placed.sort((a, b) => a.x - b.x || a.i - b.i);
  const lanes = placed.map((n) => n.id);
  const known = new Set(lanes);
  for (const a of arrows) {
    for (const n of [a.from, a.to]) {
      if (n !== undefined && !known.has(n)) {
        known.add(n);
        lanes.push(n);
      }
    }
  }
  return lanes;
}
