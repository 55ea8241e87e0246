// "Why did this node do that?" and "what became of it?" (docs/architecture.md "Engine":
// every trace event names the event that caused it). The trace only points
// backwards (causedBy), so the forward direction — what a reception led to —
// needs an index of children; it is built incrementally on the mutable
// TraceLog (append-only between seeks) and rebuilt after a seek backwards.

import type { TraceEvent, TraceEventId } from '../../../engine/node/contract';
import type { PacketRow, TraceLog } from '../../store/trace-log';

interface ChildIndex {
  count: number;
  last: TraceEvent | undefined;
  readonly map: Map<TraceEventId, TraceEvent[]>;
}

const indexes = new WeakMap<TraceLog, ChildIndex>();

function childIndex(trace: TraceLog): Map<TraceEventId, TraceEvent[]> {
  const events = trace.events;
  let index = indexes.get(trace);
  // A seek backwards truncates the log (and may refill it): start over when what we indexed is gone.
  if (index === undefined || index.count > events.length || (index.count > 0 && events[index.count - 1] !== index.last)) {
    index = { count: 0, last: undefined, map: new Map() };
    indexes.set(trace, index);
  }
  for (let i = index.count; i < events.length; i++) {
    const e = events[i]!;
    if (e.causedBy === undefined) continue;
    const list = index.map.get(e.causedBy);
    if (list === undefined) index.map.set(e.causedBy, [e]);
    else list.push(e);
  }
  index.count = events.length;
  index.last = events[events.length - 1];
  return index.map;
}

/** Every event whose causedBy is `id`, in trace order. */
export function childrenOf(trace: TraceLog, id: TraceEventId): readonly TraceEvent[] {
  return childIndex(trace).get(id) ?? [];
}

/** The chain of causes, nearest first, at most `max` long (and safe against a cycle). */
export function causeChain(trace: TraceLog, event: TraceEvent, max = 8): readonly TraceEvent[] {
  const out: TraceEvent[] = [];
  const seen = new Set<TraceEventId>([event.id]);
  let at = event.causedBy;
  while (at !== undefined && out.length < max && !seen.has(at)) {
    const e = trace.byId.get(at);
    if (e === undefined) break;
    out.push(e);
    seen.add(at);
    at = e.causedBy;
  }
  return out;
}

/**
 * The packet an event is about, if it is one: a transmission is its own
 * packet; a reception or a link loss points (causedBy) at the transmission.
 */
export function packetOfEvent(trace: TraceLog, e: TraceEvent): PacketRow | undefined {
  const own = trace.packetById.get(e.id);
  if (own !== undefined) return own;
  if ((e.kind === 'received' || e.kind === 'dropped' || e.kind === 'lost') && e.causedBy !== undefined) return trace.packetById.get(e.causedBy);
  return undefined;
}

export type Outcome =
  | { readonly kind: 'received'; readonly event: TraceEvent; readonly consequences: readonly TraceEvent[] }
  | { readonly kind: 'lost'; readonly event: TraceEvent; readonly receiver: string | undefined };

/** Frames lost on a link are traced by the sender (the link model): "lost on link L on the way to NODE". */
export function lostReceiver(e: TraceEvent): string | undefined {
  return /on the way to ([^/\s]+)/.exec(e.summary)?.[1];
}

/** What happened to a transmission: each reception (with what the receiver did next) and each loss on the link. */
export function outcomesOf(trace: TraceLog, packetId: TraceEventId): readonly Outcome[] {
  const out: Outcome[] = [];
  for (const e of trace.outcomes.get(packetId) ?? []) {
    if (e.kind === 'received') out.push({ kind: 'received', event: e, consequences: childrenOf(trace, e.id) });
    else out.push({ kind: 'lost', event: e, receiver: lostReceiver(e) });
  }
  return out;
}
