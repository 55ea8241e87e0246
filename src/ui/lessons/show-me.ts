// "Show me": what to select, in every view, for a check's evidence. The
// evidence is a trace event — a transmission, a reception or a drop (the
// packet list, the ladder and the canvas select its transmission), or a table
// change (the node whose table changed, and the packet that caused it).

import type { NodeId, TraceEventId } from '../../engine/node/contract';
import { causingPacket } from '../state/recent-changes';
import type { TraceLog } from '../store/trace-log';

export interface Selection {
  readonly packet: TraceEventId | null;
  readonly node: NodeId | null;
}

export function selectionFor(trace: TraceLog, eventId: TraceEventId): Selection {
  if (trace.packetById.has(eventId)) return { packet: eventId, node: null };
  const event = trace.byId.get(eventId);
  if (event === undefined) return { packet: null, node: null };
  if (event.kind === 'table-changed') return { packet: causingPacket(trace, event), node: event.node };
  const cause = event.causedBy;
  const packet = cause !== undefined && trace.packetById.has(cause) ? cause : causingPacket(trace, event);
  return { packet, node: event.node };
}
