// Where each radio cell's label goes in presentation mode (presentation.css):
// under its circle, and — where two circles overlap side by side, as the
// cells of neighbouring foreign agents do — the right-hand one a tier lower,
// so the two labels, enlarged for a lecture hall, do not run into each other.

import type { CanvasCell } from './canvas-model';

/** Tier 0 (just under the circle) or 1 (under the tier-0 label), per cell id. */
export function cellLabelTiers(cells: readonly CanvasCell[]): ReadonlyMap<string, 0 | 1> {
  const tiers = new Map<string, 0 | 1>();
  const byX = [...cells].sort((a, b) => a.centre.x - b.centre.x || a.centre.y - b.centre.y);
  for (const cell of byX) {
    // The nearest cell to its left whose circle it overlaps, at about the same height.
    const left = byX.filter((o) => o !== cell && tiers.has(o.id) && Math.abs(o.centre.y + o.radius - (cell.centre.y + cell.radius)) < Math.max(o.radius, cell.radius)
      && Math.hypot(o.centre.x - cell.centre.x, o.centre.y - cell.centre.y) < o.radius + cell.radius).at(-1);
    tiers.set(cell.id, left === undefined ? 0 : tiers.get(left.id) === 0 ? 1 : 0);
  }
  return tiers;
}
