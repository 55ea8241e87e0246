// Putting the traces of all hosts back into the in-process order (docs/architecture.md "Runtime":
// "the same trace in workers as in the in-process scheduler"). Each host
// tags every event with the key of what it was processing — (time, source,
// seq) of the scheduler event, then the phase of a move and the node
// (engine/network/hosted-node.ts). Each host's list is already in key order;
// the merged trace orders by key and keeps a host's own recording order
// among equal keys (one event handled yields several trace events).

import { TRACE_KEY_WIDTH } from '../../engine/network/hosted-node';
import type { TraceEvent } from '../../engine/node/contract';

export interface TaggedTrace {
  readonly trace: readonly TraceEvent[];
  readonly keys: readonly number[];
}

function compareKeys(a: readonly number[], i: number, b: readonly number[], j: number): number {
  for (let k = 0; k < TRACE_KEY_WIDTH; k++) {
    const d = a[i * TRACE_KEY_WIDTH + k]! - b[j * TRACE_KEY_WIDTH + k]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Merges per-host traces (each sorted by key) into one list; appends to `out`. */
export function mergeTraces(parts: readonly TaggedTrace[], out: TraceEvent[]): void {
  const lists = parts.filter((p) => p.trace.length > 0);
  if (lists.length === 0) return;
  if (lists.length === 1) {
    for (const e of lists[0]!.trace) out.push(e);
    return;
  }
  // k-way merge; k (hosts with something to say in one step) is small.
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let p = 0; p < lists.length; p++) {
      if (at[p]! >= lists[p]!.trace.length) continue;
      if (best < 0 || compareKeys(lists[p]!.keys, at[p]!, lists[best]!.keys, at[best]!) < 0) best = p;
    }
    if (best < 0) return;
    out.push(lists[best]!.trace[at[best]!]!);
    at[best] = at[best]! + 1;
  }
}

