// The compare table's rows (docs/architecture.md "UI"): the same figures as the
// Statistics tab — engine/metrics/run-metrics.ts, what `mip-lab run` prints —
// for each side, with the difference right minus left. A row that counts
// losses is marked so the page draws any loss in red: nothing may look fine
// while packets are lost.

import type { RunMetrics } from '../../engine/metrics/run-metrics';
import { encapsulationText } from '../stats/stats-format';

export interface CompareRow {
  readonly label: string;
  readonly left: string;
  readonly right: string;
  /** Right minus left, signed; "—" when either has no value, "same" when equal. */
  readonly difference: string;
  /** A loss count: drawn in red on a side where it is above zero. */
  readonly loss?: { readonly left: boolean; readonly right: boolean };
}

type Figure = (m: RunMetrics) => number | null;

const fmt = (n: number | null, digits: number): string => (n === null ? '—' : n.toFixed(digits));

function difference(a: number | null, b: number | null, digits: number): string {
  if (a === null || b === null) return '—';
  const d = Number((b - a).toFixed(digits));
  if (d === 0) return 'same';
  return `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(digits)}`;
}

function numeric(label: string, figure: Figure, digits: number, left: RunMetrics, right: RunMetrics, loss = false): CompareRow {
  const a = figure(left);
  const b = figure(right);
  return { label, left: fmt(a, digits), right: fmt(b, digits), difference: difference(a, b, digits), ...(loss ? { loss: { left: (a ?? 0) > 0, right: (b ?? 0) > 0 } } : {}) };
}

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);
/** Lost with a traced cause; the rest of `lost` is still on its way. */
const lostNow: Figure = (m) => m.overall.lost - m.overall.inFlight;
const encapsulationPerDatagram: Figure = (m) => {
  const all = Object.values(m.overall.encapsulation);
  return m.overall.delivered === 0 ? null : sum(all.map((o) => o.octets)) / m.overall.delivered;
};

export function compareRows(left: RunMetrics, right: RunMetrics): CompareRow[] {
  return [
    numeric('Datagrams sent', (m) => m.overall.sent, 0, left, right),
    numeric('Delivered', (m) => m.overall.delivered, 0, left, right),
    numeric('Lost', lostNow, 0, left, right, true),
    numeric('Mean latency (ms)', (m) => m.overall.meanLatencyMs, 2, left, right),
    numeric('Worst latency (ms)', (m) => m.overall.worstLatencyMs, 2, left, right),
    numeric('Mean hops', (m) => m.overall.meanHops, 2, left, right),
    numeric('Delivered through the home agent', (m) => m.overall.viaHomeAgent, 0, left, right),
    numeric('Packets the home agent tunnelled', (m) => sum(m.homeAgentTunnelling.map((t) => t.packets)), 0, left, right),
    numeric('Control messages', (m) => m.control.messages, 0, left, right),
    numeric('Control octets', (m) => m.control.octets, 0, left, right),
    numeric('Tunnel octets per delivered datagram', encapsulationPerDatagram, 1, left, right),
    { label: 'Tunnel octets per tunnelled transmission', left: encapsulationText(left.overall), right: encapsulationText(right.overall), difference: '' },
    numeric('Handoffs', (m) => m.handoffs.length, 0, left, right),
    numeric('Lost around handoffs', (m) => sum(m.handoffs.map((h) => h.lost)), 0, left, right, true),
  ];
}
