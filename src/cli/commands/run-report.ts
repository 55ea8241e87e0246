// The readable summary `mip-lab run` prints: the run metrics
// (engine/metrics/run-metrics.ts, computed from the trace alone) as aligned
// text tables — per flow (and what explains each datagram lost), latency and
// tunnelling per flow, per home agent, the control overhead, and the loss
// around each handoff. The page's Statistics tab shows the same figures.

import { describeHandoff } from '../../engine/metrics/handoff-windows';
import type { FlowFigures, RunMetrics } from '../../engine/metrics/run-metrics';
import { encapsulationText, ipv6OverheadLines } from '../../engine/metrics/figure-text';

function table(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) => cells.map((s, c) => (rightAligned.has(c) ? s.padStart(widths[c]!) : s.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].map((l) => `  ${l}`);
}

const fixed = (n: number | null, digits: number): string => (n === null ? '—' : n.toFixed(digits));
const ALL_FLOWS = 'all flows';

export function formatRunReport(title: string, seed: number, until: number, m: RunMetrics): string {
  const out: string[] = [`${title} — seed ${seed}, ran to ${until / 1e6} s virtual, ${m.events} trace events`, ''];
  out.push('Traffic flows');
  if (m.flows.length === 0) out.push('  (no flow datagrams were sent)');
  else {
    const rows: [string, FlowFigures][] = [...m.flows.map((f): [string, FlowFigures] => [f.flow, f]), ...(m.flows.length > 1 ? [[ALL_FLOWS, m.overall] as [string, FlowFigures]] : [])];
    out.push(...table(
      ['flow', 'sent', 'delivered', 'lost', 'duplicated', 'mean hops', 'mean latency (ms)', 'tunnelled'],
      rows.map(([id, f]) => [id, String(f.sent), String(f.delivered), String(f.lost), String(f.duplicated), fixed(f.meanHops, 2), fixed(f.meanLatencyMs, 3), String(f.tunnelled)]),
      new Set([1, 2, 3, 4, 5, 6, 7]),
    ));
    const ipv6 = ipv6OverheadLines(m.overall);
    out.push('', ipv6 === undefined
      ? 'Latency and tunnelling (delivered datagrams; octets tunnels added per tunnelled link transmission)'
      : 'Latency and tunnelling (delivered datagrams; octets tunnels and IPv6 mobility headers added per link transmission that carries them)');
    out.push(...table(
      ['flow', 'worst latency (ms)', 'via home agent', 'encapsulation octets'],
      rows.map(([id, f]) => [id, fixed(f.worstLatencyMs, 3), f.delivered === 0 ? '—' : `${f.viaHomeAgent} (${Math.round((100 * f.viaHomeAgent) / f.delivered)}%)`, encapsulationText(f)]),
      new Set([1, 2]),
    ));
    if (ipv6 !== undefined) out.push('', ...ipv6.map((l) => `  ${l}`));
    const lossy = m.flows.filter((f) => f.lost > 0);
    if (lossy.length > 0) out.push('', 'Why datagrams were lost (each from its trace event)');
    for (const f of lossy) {
      const causes = [...Object.entries(f.lossCauses), ...(f.inFlight > 0 ? [['still on its way when the run stopped', f.inFlight] as const] : [])];
      out.push(`  ${f.flow}: ${f.lost} lost`, ...causes.map(([cause, n]) => `    ${String(n).padStart(String(f.lost).length)}  ${cause}`));
    }
  }
  out.push('', 'Home agent tunnelling load');
  if (m.homeAgentTunnelling.length === 0) out.push('  (no home agent)');
  else out.push(...table(['home agent', 'tunnelled packets', 'octets'], m.homeAgentTunnelling.map((t) => [t.node, String(t.packets), String(t.octets)]), new Set([1, 2])));
  out.push('', `Control overhead: ${m.control.messages} messages, ${m.control.octets} octets (link transmissions)`);
  const names = Object.keys(m.control.byMessage).sort();
  if (names.length > 0) out.push(...table(['message', 'transmissions', 'octets'], names.map((n) => [n, String(m.control.byMessage[n]), String(m.control.octetsByMessage[n] ?? 0)]), new Set([1, 2])));
  if (m.handoffs.length > 0) {
    out.push('', 'Handoffs (datagrams lost between a move and the first delivery after it)');
    out.push(...table(
      ['at (s)', 'handoff', 'first delivery after (ms)', 'lost'],
      m.handoffs.map((h) => [(h.time / 1e6).toFixed(3), describeHandoff(h), h.firstDeliveryAt === null ? 'none' : ((h.firstDeliveryAt - h.time) / 1000).toFixed(3), String(h.lost)]),
      new Set([0, 2, 3]),
    ));
  }
  return `${out.join('\n')}\n`;
}
