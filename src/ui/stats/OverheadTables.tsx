// The cost of mobility in packets: what each home agent tunnelled (Perkins &
// Johnson §2), the control messages by name (registration, RFC 2002 §3;
// Binding Warning/Request/Update/Acknowledge, §3.1–§3.4; agent advertisements,
// RFC 2002 §2), and the loss around each handoff (§4).

import { describeHandoff } from '../../engine/metrics/handoff-windows';
import type { RunMetrics } from '../../engine/metrics/run-metrics';

export function HomeAgentTable({ metrics }: { readonly metrics: RunMetrics }) {
  if (metrics.homeAgentTunnelling.length === 0) return null;
  return (
    <table className="stats-table" aria-label="Home agent tunnelling load">
      <thead><tr><th scope="col">Home agent</th><th scope="col">Tunnelled packets</th><th scope="col">Octets</th></tr></thead>
      <tbody>
        {metrics.homeAgentTunnelling.map((t) => <tr key={t.node}><th scope="row">{t.node}</th><td>{t.packets}</td><td>{t.octets}</td></tr>)}
      </tbody>
    </table>
  );
}

export function ControlTable({ metrics }: { readonly metrics: RunMetrics }) {
  const c = metrics.control;
  const names = Object.keys(c.byMessage);
  if (names.length === 0) return <p className="stats-empty">No control message has been sent yet.</p>;
  return (
    <table className="stats-table" aria-label="Control overhead">
      <thead><tr><th scope="col">Message</th><th scope="col">Transmissions</th><th scope="col">Octets</th></tr></thead>
      <tbody>
        {names.map((n) => <tr key={n}><th scope="row">{n}</th><td>{c.byMessage[n]}</td><td>{c.octetsByMessage[n] ?? 0}</td></tr>)}
      </tbody>
      <tfoot><tr className="stats-overall"><th scope="row">All control messages</th><th>{c.messages}</th><th>{c.octets}</th></tr></tfoot>
    </table>
  );
}

export function HandoffTable({ metrics }: { readonly metrics: RunMetrics }) {
  if (metrics.handoffs.length === 0) return <p className="stats-empty">No handoff yet: move the mobile node between cells.</p>;
  return (
    <table className="stats-table" aria-label="Loss around each handoff">
      <thead><tr><th scope="col">At (s)</th><th scope="col">Handoff</th><th scope="col">First delivery after</th><th scope="col">Lost in between</th></tr></thead>
      <tbody>
        {metrics.handoffs.map((h, i) => (
          <tr key={`${h.node}@${h.time}`}>
            <td>{(h.time / 1e6).toFixed(3)}</td>
            <th scope="row">{describeHandoff(h)}</th>
            <td>{h.firstDeliveryAt === null ? (metrics.handoffs.slice(i + 1).some((o) => o.node === h.node) ? 'none before the next move' : 'none yet') : `${((h.firstDeliveryAt - h.time) / 1000).toFixed(1)} ms later`}</td>
            <td className={h.lost > 0 ? 'stats-bad' : undefined}>{h.lost > 0 ? `✕ ${h.lost}` : '0'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
