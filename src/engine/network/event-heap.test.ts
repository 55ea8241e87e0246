// The scheduler's specialised heap against the general one it replaces: the same array after every step.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { popEvent, pushEvent } from './event-heap';
import { heapPop, heapPush } from './heap';
import { compareEvents, type ScheduledEvent } from './scheduler';

describe('event heap', () => {
  it('goes through the same arrays as heap.ts with compareEvents, for any pushes and pops of distinct keys', () => {
    // op: a push of (time, source) — its sequence numbered by its source, so keys are distinct — or a pop
    const op = fc.oneof(fc.record({ time: fc.integer({ min: 0, max: 20 }), source: fc.integer({ min: -1, max: 4 }) }), fc.constant('pop' as const));
    fc.assert(fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
      const general: ScheduledEvent<number>[] = [];
      const special: ScheduledEvent<number>[] = [];
      const seqs = new Map<number, number>();
      ops.forEach((o, k) => {
        if (o === 'pop') {
          if (general.length === 0) return;
          heapPop(general, compareEvents);
          popEvent(special);
        } else {
          const seq = seqs.get(o.source) ?? 0;
          seqs.set(o.source, seq + 1);
          const e = { time: o.time, source: o.source, seq, payload: k };
          heapPush(general, e, compareEvents);
          pushEvent(special, e);
        }
        expect(special).toEqual(general);
      });
    }), { numRuns: 300 });
  });

  it('hands events out in (time, source, sequence) order', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: -1, max: 6 })), { maxLength: 200 }), (keys) => {
      const heap: ScheduledEvent<null>[] = [];
      const seqs = new Map<number, number>();
      const all = keys.map(([time, source]) => {
        const seq = seqs.get(source) ?? 0;
        seqs.set(source, seq + 1);
        return { time, source, seq, payload: null };
      });
      for (const e of all) pushEvent(heap, e);
      const out: ScheduledEvent<null>[] = [];
      while (heap.length > 0) {
        out.push(heap[0]!);
        popEvent(heap);
      }
      expect(out).toEqual([...all].sort(compareEvents));
    }));
  });
});
