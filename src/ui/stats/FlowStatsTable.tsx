// Per flow and over all flows: what was sent, delivered, lost (in red, with
// the count), still on its way, duplicated; hops, latency, how many the home
// agent tunnelled (Perkins & Johnson §2: triangle routing) and what the
// tunnels cost in octets — and, in a run with IPv6 mobility traffic, what the
// route-optimized path's headers cost beside the home agent's tunnel (Perkins
// & Johnson §10). Then, per flow with losses, what explains them.
// Each flow's swatch is its colour in the latency chart.

import { ipv6OverheadLines } from '../../engine/metrics/figure-text';
import type { FlowFigures, RunMetrics } from '../../engine/metrics/run-metrics';
import { CitedText } from '../references/CitedText';
import { FLOW_COLOURS } from './LatencyChart';
import { ALL_FLOWS } from './stats-csv';
import { encapsulationText, fixed, share, tracedLosses } from './stats-format';

function FlowRow({ name, f, overall, colour }: { readonly name: string; readonly f: FlowFigures; readonly overall?: boolean; readonly colour?: string }) {
  const lost = tracedLosses(f);
  const Cell = overall === true ? 'th' : 'td';
  return (
    <tr data-flow={name} className={overall === true ? 'stats-overall' : undefined}>
      <th scope="row">{colour === undefined ? null : <span className="stats-swatch" style={{ background: colour }} aria-hidden="true" />}{name}</th>
      <Cell data-figure="sent">{f.sent}</Cell>
      <Cell data-figure="delivered">{f.delivered}</Cell>
      <Cell data-figure="lost" className={lost > 0 ? 'stats-bad' : undefined}>{lost > 0 ? `✕ ${lost}` : '0'}</Cell>
      <Cell data-figure="in-flight">{f.inFlight}</Cell>
      <Cell data-figure="duplicated" className={f.duplicated > 0 ? 'stats-warn' : undefined}>{f.duplicated}</Cell>
      <Cell>{fixed(f.meanHops, 2)}</Cell>
      <Cell>{fixed(f.meanLatencyMs, 3)}</Cell>
      <Cell>{fixed(f.worstLatencyMs, 3)}</Cell>
      <Cell>{share(f.viaHomeAgent, f.delivered)}</Cell>
      <Cell>{encapsulationText(f)}</Cell>
    </tr>
  );
}

export function FlowStatsTable({ metrics }: { readonly metrics: RunMetrics }) {
  if (metrics.flows.length === 0) return <p className="stats-empty">No flow datagram has been sent yet.</p>;
  const lossy = metrics.flows.filter((f) => f.lost > 0);
  const ipv6 = ipv6OverheadLines(metrics.overall);
  return (
    <>
      <table className="stats-table" aria-label="Traffic flows">
        <thead>
          <tr>
            <th scope="col">Flow</th>
            <th scope="col">Sent</th>
            <th scope="col">Delivered</th>
            <th scope="col">Lost</th>
            <th scope="col">On the way</th>
            <th scope="col">Duplicated</th>
            <th scope="col">Mean hops</th>
            <th scope="col">Mean latency (ms)</th>
            <th scope="col">Worst latency (ms)</th>
            <th scope="col">Via home agent</th>
            <th scope="col">{ipv6 === undefined ? 'Tunnel octets per hop' : 'Tunnel and IPv6 header octets per hop'}</th>
          </tr>
        </thead>
        <tbody>
          {metrics.flows.map((f, i) => <FlowRow key={f.flow} name={f.flow} f={f} colour={FLOW_COLOURS[i % FLOW_COLOURS.length]} />)}
        </tbody>
        {metrics.flows.length > 1 ? <tfoot><FlowRow name={ALL_FLOWS} f={metrics.overall} overall /></tfoot> : null}
      </table>
      {ipv6 === undefined ? null : <div className="stats-ipv6-overhead" aria-label="IPv6 mobility overhead">{ipv6.map((line) => <p key={line}><CitedText text={line} /></p>)}</div>}
      {lossy.length === 0 ? null : (
        <ul className="stats-causes" aria-label="Why datagrams were lost">
          {lossy.map((f) => (
            <li key={f.flow}>
              <span className="stats-bad">{f.flow}: {f.lost} not delivered</span>
              <ul>
                {Object.entries(f.lossCauses).map(([cause, n]) => <li key={cause}><span className="stats-bad">✕ {n}</span> {cause}</li>)}
                {f.inFlight > 0 ? <li>{f.inFlight} still on the way</li> : null}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
