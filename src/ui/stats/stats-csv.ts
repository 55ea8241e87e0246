// The Statistics tab's figures as CSV files (RFC 4180: comma-separated, CRLF
// line ends, a header row; a field with a comma, a double quote or a line
// break is quoted, its quotes doubled): one row per flow plus one for all
// flows, and one row per datagram delivered (its first delivery).

import type { DatagramDelivery, FlowFigures, RunMetrics } from '../../engine/metrics/run-metrics';

/** One CSV field: as is, or quoted when it must be. */
export function csvField(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const ALL_FLOWS = 'all flows';

export const FLOW_CSV_HEADER = [
  'flow', 'sent', 'delivered', 'lost', 'lost_in_flight', 'duplicated', 'mean_hops', 'mean_latency_ms', 'worst_latency_ms',
  'tunnelled', 'via_home_agent', 'encapsulated_transmissions', 'encapsulation_octets', 'loss_causes',
] as const;

function flowRow(flow: string, f: FlowFigures): (string | number | null)[] {
  const encapsulation = Object.values(f.encapsulation);
  return [
    flow, f.sent, f.delivered, f.lost, f.inFlight, f.duplicated, f.meanHops, f.meanLatencyMs, f.worstLatencyMs,
    f.tunnelled, f.viaHomeAgent, encapsulation.reduce((a, o) => a + o.transmissions, 0), encapsulation.reduce((a, o) => a + o.octets, 0),
    Object.entries(f.lossCauses).map(([cause, n]) => `${n} × ${cause}`).join('; '),
  ];
}

/** Per flow, then all flows; `lost` counts those still in flight too (`lost_in_flight`), as `mip-lab run` does. */
export function flowsCsv(m: RunMetrics): string {
  return toCsv(FLOW_CSV_HEADER, [...m.flows.map((f) => flowRow(f.flow, f)), flowRow(ALL_FLOWS, m.overall)]);
}

export const DATAGRAM_CSV_HEADER = ['flow', 'sequence', 'sent_s', 'delivered_s', 'latency_ms', 'hops', 'tunnelled', 'via_home_agent'] as const;

/** Times in virtual seconds to the microsecond. */
export function datagramsCsv(deliveries: readonly DatagramDelivery[]): string {
  const s = (t: number) => (t / 1e6).toFixed(6);
  return toCsv(DATAGRAM_CSV_HEADER, deliveries.map((d) => [d.flow, d.sequence, s(d.sentAt), s(d.deliveredAt), d.latencyMs, d.hops, d.tunnelled, d.viaHomeAgent]));
}
