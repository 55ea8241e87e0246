// The readable summary `mip-lab run` prints: the run metrics
// (engine/metrics/run-metrics.ts, computed from the trace alone) as aligned
// text tables — per flow (and what explains each datagram lost), per home
// agent, and the control overhead.

import type { RunMetrics } from '../../engine/metrics/run-metrics';

function table(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) => cells.map((s, c) => (rightAligned.has(c) ? s.padStart(widths[c]!) : s.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

const fixed = (n: number | null, digits: number): string => (n === null ? '—' : n.toFixed(digits));

export function formatRunReport(title: string, seed: number, until: number, m: RunMetrics): string {
  const out: string[] = [`${title} — seed ${seed}, ran to ${until / 1e6} s virtual, ${m.events} trace events`, ''];
  out.push('Traffic flows');
  if (m.flows.length === 0) out.push('  (no flow datagrams were sent)');
  else {
    out.push(...table(
      ['flow', 'sent', 'delivered', 'lost', 'duplicated', 'mean hops', 'mean latency (ms)', 'tunnelled'],
      m.flows.map((f) => [f.flow, String(f.sent), String(f.delivered), String(f.lost), String(f.duplicated), fixed(f.meanHops, 2), fixed(f.meanLatencyMs, 3), String(f.tunnelled)]),
      new Set([1, 2, 3, 4, 5, 6, 7]),
    ).map((l) => `  ${l}`));
    const lossy = m.flows.filter((f) => f.lost > 0);
    if (lossy.length > 0) out.push('', 'Why datagrams were lost (each from its trace event)');
    for (const f of lossy) {
      const rows = [...Object.entries(f.lossCauses), ...(f.inFlight > 0 ? [['still on its way when the run stopped', f.inFlight] as const] : [])];
      out.push(`  ${f.flow}: ${f.lost} lost`, ...rows.map(([cause, n]) => `    ${String(n).padStart(String(f.lost).length)}  ${cause}`));
    }
  }
  out.push('', 'Home agent tunnelling load');
  if (m.homeAgentTunnelling.length === 0) out.push('  (no home agent)');
  else out.push(...table(['home agent', 'tunnelled packets', 'octets'], m.homeAgentTunnelling.map((t) => [t.node, String(t.packets), String(t.octets)]), new Set([1, 2])).map((l) => `  ${l}`));
  out.push('', `Control overhead: ${m.control.messages} messages, ${m.control.octets} octets (link transmissions)`);
  const names = Object.keys(m.control.byMessage).sort();
  if (names.length > 0) out.push(...table(['message', 'transmissions'], names.map((n) => [n, String(m.control.byMessage[n])]), new Set([1])).map((l) => `  ${l}`));
  return `${out.join('\n')}\n`;
}
