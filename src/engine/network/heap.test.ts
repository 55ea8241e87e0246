import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heapPeek, heapPop, heapPush } from './heap';

const byNumber = (a: number, b: number): number => a - b;

describe('binary heap', () => {
  it('pops any sequence of pushes in sorted order', () => {
    fc.assert(fc.property(fc.array(fc.integer()), (values) => {
      const heap: number[] = [];
      for (const v of values) heapPush(heap, v, byNumber);
      const out: number[] = [];
      for (let v = heapPop(heap, byNumber); v !== undefined; v = heapPop(heap, byNumber)) out.push(v);
      expect(out).toEqual([...values].sort(byNumber));
    }));
  });

  it('interleaved pushes and pops always yield the current minimum', () => {
    fc.assert(fc.property(fc.array(fc.option(fc.integer(), { nil: undefined })), (ops) => {
      const heap: number[] = [];
      const model: number[] = [];
      for (const op of ops) {
        if (op === undefined) {
          model.sort(byNumber);
          expect(heapPop(heap, byNumber)).toBe(model.shift());
        } else {
          heapPush(heap, op, byNumber);
          model.push(op);
        }
        expect(heapPeek(heap)).toBe(model.length === 0 ? undefined : Math.min(...model));
      }
    }));
  });

  it('is a plain array, so it clones with the state', () => {
    const heap: number[] = [];
    [5, 1, 3].forEach((v) => heapPush(heap, v, byNumber));
    const copy = structuredClone(heap);
    expect(heapPop(copy, byNumber)).toBe(1);
    expect(heapPeek(heap)).toBe(1);
  });
});
