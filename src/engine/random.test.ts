// createRandom is a small class (random.ts); this pins it to the closure-based
// sfc32 it replaced, output for output, so every seeded run draws the same
// numbers it always drew.

import { describe, expect, it } from 'vitest';
import { createRandom, seedState, stateAfter, type RandomState } from './random';

/** The generator as it was written before: the reference. */
function referenceRandom(seedOrState: number | RandomState) {
  const st = typeof seedOrState === 'number' ? seedState(seedOrState) : seedOrState;
  let [a, b, c, d] = st.s;
  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  if (typeof seedOrState === 'number') for (let i = 0; i < 12; i++) u32();
  return { u32, state: (): RandomState => ({ s: [a, b, c, d] }) };
}

describe('createRandom', () => {
  it('draws what the closure-based sfc32 drew, from a seed and from a saved state', () => {
    for (const seed of [0, 1, 42, 0xdeadbeef, 2 ** 32 - 1]) {
      const r = createRandom(seed);
      const ref = referenceRandom(seed);
      for (let i = 0; i < 1000; i++) expect(r.u32()).toBe(ref.u32());
      expect(r.state()).toEqual(ref.state());
      const resumed = createRandom(r.state());
      const refResumed = referenceRandom(ref.state());
      for (let i = 0; i < 100; i++) expect(resumed.u32()).toBe(refResumed.u32());
    }
  });

  it('bytes and below draw from the same stream, and state() is a copy', () => {
    const r = createRandom(7);
    const ref = referenceRandom(7);
    const bytes = r.bytes(10);
    const words = [ref.u32(), ref.u32(), ref.u32()];
    expect([...bytes]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => (words[i >> 2]! >>> (8 * (i & 3))) & 0xff));
    const limit = Math.floor(0x100000000 / 6) * 6;
    let v = ref.u32();
    while (v >= limit) v = ref.u32();
    expect(r.below(6)).toBe(v % 6);
    expect(r.state()).toEqual(ref.state());
    const saved = r.state();
    r.u32();
    expect(saved).not.toEqual(r.state());
  });

  it('stateAfter keeps the saved state when nothing was drawn, and moves on when something was', () => {
    const before = createRandom(3).state();
    const idle = createRandom(before);
    expect(stateAfter(idle, before)).toBe(before);
    const used = createRandom(before);
    used.u32();
    const after = stateAfter(used, before);
    expect(after).not.toBe(before);
    expect(after).toEqual(used.state());
    expect(createRandom(after).u32()).toBe(used.u32());
  });
});
