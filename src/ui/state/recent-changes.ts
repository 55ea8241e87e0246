// What changed in a node's tables, and why: its `table-changed` trace events
// (engine tables report every change with the rule that made it,
// tables/table-change.ts), the rows they touched, and the packet that caused
// each one. "Why did this entry change?" is answered by following `causedBy`
// back to the `received` event whose own cause is the transmission the
// learner can select in every view (docs/architecture.md "UI").

import type { NodeId, TraceEvent, TraceEventId } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { TraceLog } from '../store/trace-log';

/** A row counts as just changed for this long of virtual time (docs/architecture.md "UI": ~2 s). */
export const CHANGE_HIGHLIGHT_MICROS: Micros = 2_000_000;

/** How far back a cause chain is followed before giving up (a timer or a command has no packet). */
const MAX_CAUSE_DEPTH = 16;

/** For a TraceCursor: every node's table changes. */
export function tableChangeOf(e: TraceEvent): TraceEvent | null {
  return e.kind === 'table-changed' ? e : null;
}

/** One node's changes among every node's (`changes`, in trace order), newest first, at most `limit`. */
export function tableChangesOf(changes: readonly TraceEvent[], node: NodeId, limit: number): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (let i = changes.length - 1; i >= 0 && out.length < limit; i--) {
    const e = changes[i]!;
    if (e.node === node) out.push(e);
  }
  return out;
}

/**
 * The transmission (a packet-list id) that led to this event: the first
 * `received` event up the cause chain names it as its cause. Null when the
 * chain starts elsewhere (a timer falling due, the learner moving a node,
 * the start).
 */
export function causingPacket(trace: TraceLog, event: TraceEvent): TraceEventId | null {
  let current: TraceEvent | undefined = event;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current !== undefined; depth++) {
    const causeId: TraceEventId | undefined = current.causedBy;
    if (causeId === undefined) return null;
    if (trace.packetById.has(causeId)) return causeId;
    current = trace.byId.get(causeId);
    if (current?.kind === 'received') return current.causedBy !== undefined && trace.packetById.has(current.causedBy) ? current.causedBy : null;
    // A timer points back to when it was set; that packet did not make this change.
    if (current?.kind === 'timer') return null;
  }
  return null;
}

/** Which row a change touched: the summary starts with the table name; the row's key is one of its words. */
export interface RowMatch {
  /** The table's name as its trace summaries begin, e.g. "binding cache". */
  readonly table: string;
  /** The row's key as the summaries spell it, e.g. "10.1.0.10", "10.1.0.10@192.168.2.1". */
  readonly key: string;
  /** Words the summary must also contain (e.g. "pending") … */
  readonly with?: readonly string[];
  /** … or must not contain (a current visitor is not its pending Request). */
  readonly without?: readonly string[];
}

function summaryWords(e: TraceEvent, table: string): readonly string[] | null {
  const prefix = `${table}:`;
  return e.summary.startsWith(prefix) ? e.summary.slice(prefix.length).split(/\s+/) : null;
}

export function changeTouches(e: TraceEvent, m: RowMatch): boolean {
  const words = summaryWords(e, m.table);
  if (words === null || !words.includes(m.key)) return false;
  if (m.with !== undefined && !m.with.every((w) => words.includes(w))) return false;
  return m.without === undefined || !m.without.some((w) => words.includes(w));
}

/** Changes within the highlight window before `now` (none from the future after a seek). */
export function freshChanges(changes: readonly TraceEvent[], now: Micros): TraceEvent[] {
  return changes.filter((e) => e.time <= now && now - e.time <= CHANGE_HIGHLIGHT_MICROS);
}

export function rowChanged(fresh: readonly TraceEvent[], m: RowMatch): boolean {
  return fresh.some((e) => changeTouches(e, m));
}
