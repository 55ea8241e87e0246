import { describe, expect, it } from 'vitest';
import { FASTEST_PACED_SPEED, SLOWEST_SPEED } from '../types';
import { MAX_FRAME_GAP_MS, pacedAdvance, UnpacedChunks, usableSpeed } from './pacing';

describe('paced advance', () => {
  it('moves wall time × speed, in whole µs', () => {
    expect(pacedAdvance(16, 1, 0)).toEqual({ by: 16_000, carry: 0 });
    expect(pacedAdvance(16, 4, 0).by).toBe(64_000);
  });

  it('slow motion: a second of wall time is one millisecond of virtual time (a packet over a 1 ms link)', () => {
    let carry = 0;
    let total = 0;
    for (let i = 0; i < 60; i++) { // 60 frames of 16.667 ms ≈ 1 s
      const step = pacedAdvance(1000 / 60, SLOWEST_SPEED, carry);
      total += step.by;
      carry = step.carry;
    }
    expect(total).toBeGreaterThanOrEqual(999);
    expect(total).toBeLessThanOrEqual(1000);
  });

  it('carries fractions instead of losing them', () => {
    // 0.4 ms of wall time in slow motion is 0.4 µs: nothing for two frames, then 1 µs.
    const a = pacedAdvance(0.4, SLOWEST_SPEED, 0);
    const b = pacedAdvance(0.4, SLOWEST_SPEED, a.carry);
    const c = pacedAdvance(0.4, SLOWEST_SPEED, b.carry);
    expect([a.by, b.by, c.by]).toEqual([0, 0, 1]);
  });

  it('counts a long gap as at most MAX_FRAME_GAP_MS', () => {
    expect(pacedAdvance(10_000, 1, 0).by).toBe(MAX_FRAME_GAP_MS * 1000);
    expect(pacedAdvance(-5, 1, 0).by).toBe(0);
  });
});

describe('speeds', () => {
  it('clamps to the paced range and refuses what is not a speed', () => {
    expect(usableSpeed(1000)).toBe(FASTEST_PACED_SPEED);
    expect(usableSpeed(1e-9)).toBe(SLOWEST_SPEED);
    expect(usableSpeed('unpaced')).toBe('unpaced');
    expect(usableSpeed(Number.NaN)).toBeUndefined();
    expect(usableSpeed(0)).toBeUndefined();
    expect(usableSpeed(-2)).toBeUndefined();
  });
});

describe('unpaced chunks', () => {
  it('grow while cheap, shrink when a chunk eats the budget', () => {
    const chunks = new UnpacedChunks(30);
    const first = chunks.size;
    chunks.adapt(1);
    expect(chunks.size).toBe(first * 2);
    chunks.adapt(10); // a third of the budget: right size
    expect(chunks.size).toBe(first * 2);
    chunks.adapt(25);
    expect(chunks.size).toBe(first);
  });
});
