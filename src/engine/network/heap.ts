// A binary min-heap kept in a plain array, so the scheduler's pending events
// stay structured-cloneable (a snapshot is just a copy of the array). The
// comparator must be a total order for the run to be deterministic.

export type Compare<T> = (a: T, b: T) => number;

export function heapPush<T>(heap: T[], item: T, compare: Compare<T>): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (compare(heap[i]!, heap[parent]!) >= 0) break;
    const t = heap[i]!;
    heap[i] = heap[parent]!;
    heap[parent] = t;
    i = parent;
  }
}

export function heapPeek<T>(heap: readonly T[]): T | undefined {
  return heap[0];
}

export function heapPop<T>(heap: T[], compare: Compare<T>): T | undefined {
  if (heap.length === 0) return undefined;
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && compare(heap[left]!, heap[smallest]!) < 0) smallest = left;
      if (right < heap.length && compare(heap[right]!, heap[smallest]!) < 0) smallest = right;
      if (smallest === i) break;
      const t = heap[i]!;
      heap[i] = heap[smallest]!;
      heap[smallest] = t;
      i = smallest;
    }
  }
  return top;
}
