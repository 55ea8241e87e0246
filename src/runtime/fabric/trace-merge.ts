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
  readonly keys: ArrayLike<number>;
}

function compareKeys(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number): number {
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
  // k-way merge over a binary heap of the lists' heads (k: the hosts with something to say, up to every node).
  const at = lists.map(() => 0);
  const before = (p: number, q: number): boolean => {
    const d = compareKeys(lists[p]!.keys, at[p]!, lists[q]!.keys, at[q]!);
    return d < 0 || (d === 0 && p < q);
  };
  const heap = lists.map((_, p) => p);
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) return;
      const c = l + 1 < heap.length && before(heap[l + 1]!, heap[l]!) ? l + 1 : l;
      if (!before(heap[c]!, heap[i]!)) return;
      [heap[c], heap[i]] = [heap[i]!, heap[c]!];
      i = c;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  while (heap.length > 0) {
    const p = heap[0]!;
    out.push(lists[p]!.trace[at[p]!]!);
    at[p] = at[p]! + 1;
    if (at[p]! >= lists[p]!.trace.length) {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
    }
    down(0);
  }
}
