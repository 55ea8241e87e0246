import { describe, expect, it } from 'vitest';
import { centroid, distance, pointAlong, samePosition } from './geometry';

describe('geometry', () => {
  it('finds the point a fraction of the way along a polyline by length', () => {
    // Two legs of 10: 0.75 of 20 = 15 → 5 down the second leg.
    const l = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }];
    expect(pointAlong(l, 0.75)).toEqual({ x: 10, y: 5 });
    expect(pointAlong(l, 0.25)).toEqual({ x: 5, y: 0 });
    expect(pointAlong(l, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAlong(l, 1)).toEqual({ x: 10, y: 10 });
  });

  it('clamps fractions and tolerates degenerate lines', () => {
    const line = [{ x: 0, y: 0 }, { x: 4, y: 3 }];
    expect(pointAlong(line, -1)).toEqual({ x: 0, y: 0 });
    expect(pointAlong(line, 7)).toEqual({ x: 4, y: 3 });
    expect(pointAlong(line, Number.NaN)).toEqual({ x: 0, y: 0 });
    expect(pointAlong([{ x: 2, y: 2 }, { x: 2, y: 2 }], 0.5)).toEqual({ x: 2, y: 2 });
    expect(pointAlong([], 0.5)).toEqual({ x: 0, y: 0 });
    expect(distance(line[0]!, line[1]!)).toBe(5);
  });

  it('averages points and compares positions', () => {
    expect(centroid([{ x: 480, y: 120 }, { x: 860, y: 120 }])).toEqual({ x: 670, y: 120 });
    expect(centroid([])).toEqual({ x: 0, y: 0 });
    expect(samePosition({ x: 1, y: 2 }, { x: 1, y: 2 })).toBe(true);
    expect(samePosition({ x: 1, y: 2 }, { x: 1, y: 3 })).toBe(false);
    expect(samePosition({ x: 1, y: 2 }, undefined)).toBe(false);
  });
});
