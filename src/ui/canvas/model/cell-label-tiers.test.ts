import { describe, expect, it } from 'vitest';
import type { CanvasCell } from './canvas-model';
import { cellLabelTiers } from './cell-label-tiers';

const cell = (id: string, x: number, y: number, radius: number): CanvasCell => ({ id, centre: { x, y }, radius, label: id, delay: 0 });

describe('cell label tiers', () => {
  it('drops the label of the right-hand one of two overlapping cells a tier, and alternates along a chain', () => {
    const tiers = cellLabelTiers([cell('c', 1020, 400, 150), cell('b', 780, 400, 150), cell('a', 540, 400, 150)]);
    expect([...tiers.entries()].sort()).toEqual([['a', 0], ['b', 1], ['c', 0]]);
  });

  it('leaves cells that do not overlap, or sit far apart in height, on the first tier', () => {
    const tiers = cellLabelTiers([cell('home', 200, 400, 100), cell('fa1', 540, 400, 150), cell('high', 700, 0, 150)]);
    expect([...tiers.values()]).toEqual([0, 0, 0]);
  });
});
