// The scheduler's pending events as a binary min-heap in a plain array,
// ordered by (time, source, sequence) — heap.ts specialised to that one
// order, because every event of a run goes through it twice (in and out):
// the comparison is written in line rather than called through a function
// value, and an element moving up or down the tree is written once, where it
// stops, instead of swapped at every level. For keys that are all distinct
// (the scheduler's: each (source, sequence) pair is used once) the array
// goes through exactly the states heap.ts gives it, so the state a snapshot
// holds, and the order events come out in, are the same.

import type { ScheduledEvent } from './scheduler';

/** Whether `a` comes before `b`: compareEvents(a, b) < 0. */
function before<P>(a: ScheduledEvent<P>, b: ScheduledEvent<P>): boolean {
  return a.time < b.time || (a.time === b.time && (a.source < b.source || (a.source === b.source && a.seq < b.seq)));
}

export function pushEvent<P>(heap: ScheduledEvent<P>[], event: ScheduledEvent<P>): void {
  let i = heap.length;
  heap.push(event);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const above = heap[parent]!;
    if (!before(event, above)) break;
    heap[i] = above;
    i = parent;
  }
  heap[i] = event;
}

/** Removes the first event (the heap must not be empty). */
export function popEvent<P>(heap: ScheduledEvent<P>[]): void {
  const last = heap.pop()!;
  const n = heap.length;
  if (n === 0) return;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    const right = child + 1;
    if (right < n && before(heap[right]!, heap[child]!)) child = right;
    const next = heap[child]!;
    if (!before(next, last)) break;
    heap[i] = next;
    i = child;
  }
  heap[i] = last;
}
