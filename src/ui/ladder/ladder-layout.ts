// Where each arrow and lifeline goes: lanes across, the time scale down. Kept
// apart from the component so the geometry is testable and the component only
// decides what is on screen.

import type { NodeId } from '../../engine/node/contract';
import type { LadderArrow } from './ladder-model';
import type { TimeScale } from './time-scale';

export interface ArrowGeometry {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  /** Where the label sits: arrows that share both ends (one node sending two messages at once) get their labels stacked. */
  readonly labelY: number;
}

export interface LadderLayout {
  readonly gutter: number;
  readonly laneWidth: number;
  readonly width: number;
  laneX(node: NodeId | undefined): number | undefined;
  readonly geometry: readonly ArrowGeometry[];
  /** The tallest arrow, so a window can find every arrow that crosses it. */
  readonly maxSpan: number;
}

/** A lost frame is drawn this far towards its receiver, then ✕. */
const LOST_FRACTION = 0.6;
/** Offset between arrows that share both ends, and between their labels. */
const TWIN_SHIFT = 3;
const LABEL_STACK = 13;

export function layoutLadder(arrows: readonly LadderArrow[], lanes: readonly NodeId[], scale: TimeScale, viewWidth: number, gutter: number, minLane: number, lostDrop: number): LadderLayout {
  const laneWidth = Math.max(minLane, lanes.length === 0 ? minLane : (viewWidth - gutter) / lanes.length);
  const index = new Map(lanes.map((n, i) => [n, i]));
  const laneX = (node: NodeId | undefined) => {
    const i = node === undefined ? undefined : index.get(node);
    return i === undefined ? undefined : gutter + laneWidth * (i + 0.5);
  };
  let maxSpan = 0;
  // Arrows come in send order, so twins (same ends, same times) are among those sent at the same instant.
  let sameInstant: LadderArrow[] = [];
  const geometry = arrows.map((a): ArrowGeometry => {
    if (sameInstant.length > 0 && sameInstant[0]!.sent !== a.sent) sameInstant = [];
    const k = sameInstant.filter((b) => b.from === a.from && b.to === a.to && b.arrived === a.arrived).length;
    sameInstant.push(a);
    const x0 = laneX(a.from) ?? gutter;
    const y0 = scale.yOf(a.sent) + k * TWIN_SHIFT;
    const target = laneX(a.to);
    const [x1, y1] = a.fate === 'lost' || a.arrived === undefined
      ? [target === undefined ? x0 + laneWidth * 0.4 : x0 + (target - x0) * LOST_FRACTION, y0 + lostDrop]
      : [target ?? x0, scale.yOf(a.arrived) + k * TWIN_SHIFT];
    maxSpan = Math.max(maxSpan, y1 - y0);
    return { x0, y0, x1, y1, labelY: (y0 + y1) / 2 - 4 + k * LABEL_STACK };
  });
  return { gutter, laneWidth, width: gutter + laneWidth * lanes.length, laneX, geometry, maxSpan };
}

/** Indexes [first, last) of the arrows that may cross [top, bottom]; arrows are in send order, so y0 never decreases. */
export function visibleRange(layout: LadderLayout, top: number, bottom: number): readonly [number, number] {
  const g = layout.geometry;
  const from = top - layout.maxSpan;
  let lo = 0;
  let hi = g.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (g[mid]!.y0 < from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < g.length && g[end]!.y0 <= bottom) end++;
  return [lo, end];
}
