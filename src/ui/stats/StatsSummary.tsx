// One sentence over the tables: how the run is doing at the playhead, in red
// when datagrams have been lost — never a reassuring look while they are.

import type { RunMetrics } from '../../engine/metrics/run-metrics';
import { tracedLosses } from './stats-format';

export function StatsSummary({ metrics, nowS, incomplete }: { readonly metrics: RunMetrics; readonly nowS: number; readonly incomplete: boolean }) {
  const o = metrics.overall;
  const lost = tracedLosses(o);
  const at = `At ${nowS.toFixed(3)} s`;
  let text: string;
  if (o.sent === 0) text = `${at}: no flow datagram has been sent yet.`;
  else if (lost > 0) text = `${at}: ${lost} of ${o.sent} datagrams lost, ${o.delivered} delivered${o.inFlight > 0 ? `, ${o.inFlight} on the way` : ''}.`;
  else text = `${at}: ${o.delivered} of ${o.sent} datagrams delivered${o.inFlight > 0 ? `, ${o.inFlight} on the way` : ''}, none lost.`;
  return (
    <div className="stats-summary">
      <p role="status" className={lost > 0 ? 'stats-bad' : undefined} data-testid="stats-summary">{lost > 0 ? `✕ ${text}` : text}</p>
      {incomplete ? <p role="alert" className="stats-warn">The earlier part of the run is being re-derived by replay: these figures are not complete yet.</p> : null}
    </div>
  );
}
