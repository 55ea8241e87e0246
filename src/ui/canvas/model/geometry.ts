// Plane geometry in scenario coordinates (which are also the canvas's flow
// coordinates): where a packet is along a link, where a LAN hub sits.

import type { Position } from '../../../engine/network/topology';

export function distance(a: Position, b: Position): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

export function centroid(points: readonly Position[]): Position {
  if (points.length === 0) return { x: 0, y: 0 };
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p.x;
    y += p.y;
  }
  return { x: x / points.length, y: y / points.length };
}

/**
 * The point a `fraction` (clamped to [0, 1]) of the way along a polyline,
 * measured by length, so a packet crossing a LAN hub moves at one speed.
 */
export function pointAlong(points: readonly Position[], fraction: number): Position {
  if (points.length === 0) return { x: 0, y: 0 };
  if (points.length === 1) return points[0]!;
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  let total = 0;
  for (let i = 1; i < points.length; i++) total += distance(points[i - 1]!, points[i]!);
  if (total === 0) return points[0]!;
  let remaining = f * total;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const d = distance(a, b);
    if (remaining <= d || i === points.length - 1) {
      const t = d === 0 ? 0 : Math.min(1, remaining / d);
      return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
    }
    remaining -= d;
  }
  return points[points.length - 1]!;
}

export function samePosition(a: Position | undefined, b: Position | undefined, tolerance = 1e-6): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Math.abs(a.x - b.x) <= tolerance && Math.abs(a.y - b.y) <= tolerance;
}
