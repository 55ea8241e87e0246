import { describe, expect, it } from 'vitest';
import { buildTimeScale } from './time-scale';

const opts = { top: 40, pxPerMs: 2, minStep: 18, maxStep: 70 };

describe('ladder time scale', () => {
  it('spaces instants by their distance in time, clamped to [min, max]', () => {
    // 0 → 1 ms (2 px, raised to 18) → 21 ms (40 px) → 2.021 s (4000 px, cut to 70)
    const s = buildTimeScale([21_000, 0, 1_000, 2_021_000, 1_000], opts);
    expect([0, 1_000, 21_000, 2_021_000].map((t) => s.yOf(t))).toEqual([40, 58, 98, 168]);
    expect(s.bottom).toBe(168);
    expect(s.gaps).toEqual([{ y: 133, skipped: 2_000_000 }]);
  });

  it('interpolates between instants and lets the cursor glide after the last one', () => {
    const s = buildTimeScale([0, 10_000], opts); // 20 px apart
    expect(s.yOf(5_000)).toBe(50);
    expect(s.yOf(10_500)).toBe(61); // 0.5 ms later: 1 px, no minimum
    expect(s.yOf(60_000_000)).toBe(130); // never more than one maximum step past the last instant
    expect(s.yOf(-5)).toBe(40);
  });

  it('puts everything at the top when nothing has happened', () => {
    const s = buildTimeScale([], opts);
    expect(s.yOf(1_000_000)).toBe(40);
    expect(s.gaps).toEqual([]);
  });
});
