// The latency chart's data (pure, for LatencyChart and its tests): one x
// value per datagram delivered — its first delivery, in virtual seconds — and
// one series per flow, null where another flow's datagram was delivered; the
// handoff markers; and the caption that says in words what the chart shows.

import { describeHandoff, type HandoffLoss } from '../../engine/metrics/handoff-windows';
import type { DatagramDelivery } from '../../engine/metrics/run-metrics';

export interface LatencySeries {
  readonly x: number[];
  /** Per flow (in `flows` order): latency in ms, or null. */
  readonly y: (number | null)[][];
}

export function latencySeries(deliveries: readonly DatagramDelivery[], flows: readonly string[]): LatencySeries {
  const index = new Map(flows.map((f, i) => [f, i]));
  const x: number[] = [];
  const y = flows.map((): (number | null)[] => []);
  for (const d of deliveries) {
    const k = index.get(d.flow);
    if (k === undefined) continue;
    x.push(d.deliveredAt / 1e6);
    y.forEach((series, i) => series.push(i === k ? d.latencyMs : null));
  }
  return { x, y };
}

export interface HandoffMarker {
  readonly x: number;
  readonly label: string;
}

export function handoffMarkers(handoffs: readonly HandoffLoss[]): HandoffMarker[] {
  return handoffs.map((h) => ({ x: h.time / 1e6, label: describeHandoff(h) }));
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

/** The chart in words: per flow, how many points and their range; the handoffs and what each cost. */
export function latencyCaption(deliveries: readonly DatagramDelivery[], flows: readonly string[], handoffs: readonly HandoffLoss[]): string {
  if (deliveries.length === 0) return 'Latency of each datagram delivered, over virtual time: no datagram has been delivered yet.';
  const parts = flows.flatMap((f) => {
    const l = deliveries.filter((d) => d.flow === f).map((d) => d.latencyMs);
    return l.length === 0 ? [] : [`${f}: ${l.length} delivered, from ${ms(Math.min(...l))} to ${ms(Math.max(...l))}`];
  });
  const moves = handoffs.map((h) => `${describeHandoff(h)} at ${(h.time / 1e6).toFixed(1)} s, ${h.lost} lost before the next delivery`);
  return `Latency of each datagram delivered, over virtual time. ${parts.join('; ')}.${moves.length === 0 ? '' : ` Handoffs marked: ${moves.join('; ')}.`}`;
}
