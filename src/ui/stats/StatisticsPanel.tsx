// The Statistics tab (docs/architecture.md "UI"): the figures `mip-lab run`
// prints, live, exact at the playhead — per flow and over all flows, the
// home agent's tunnelling load, control overhead, loss around each handoff —
// with a latency chart, a control-overhead chart and CSV downloads.

import { useLab } from '../store/lab-store';
import { ControlChart } from './ControlChart';
import { downloadFile } from '../download-file';
import { csvFileName } from './csv-file-name';
import { FlowStatsTable } from './FlowStatsTable';
import { LatencyChart } from './LatencyChart';
import { ControlTable, HandoffTable, HomeAgentTable } from './OverheadTables';
import { datagramsCsv, flowsCsv } from './stats-csv';
import { StatsSummary } from './StatsSummary';
import { useStats } from './use-stats';

const CSV = 'text/csv;charset=utf-8';
import './stats.css';

export function StatisticsPanel() {
  const view = useStats();
  const presentation = useLab((s) => s.presentation);
  const scenarioId = useLab((s) => s.scenarioId);
  if (view === null) return <p className="stats-empty">Open a scenario to see its statistics.</p>;
  const { metrics, deliveries, now, incomplete } = view;
  const nowS = now / 1e6;
  const flows = metrics.flows.map((f) => f.flow);
  return (
    <div className="stats">
      <div className="stats-head">
        <StatsSummary metrics={metrics} nowS={nowS} incomplete={incomplete} />
        <div className="stats-downloads">
          <button type="button" onClick={() => downloadFile(csvFileName(scenarioId, 'flows', now), flowsCsv(metrics), CSV)}>Download flow figures (CSV)</button>
          <button type="button" onClick={() => downloadFile(csvFileName(scenarioId, 'datagrams', now), datagramsCsv(deliveries), CSV)}>Download per-datagram latencies (CSV)</button>
        </div>
      </div>
      <section aria-label="Flows">
        <h2>Traffic flows</h2>
        <FlowStatsTable metrics={metrics} />
      </section>
      <div className="stats-charts">
        <LatencyChart deliveries={deliveries} flows={flows} handoffs={metrics.handoffs} nowS={nowS} presentation={presentation} />
        <ControlChart control={metrics.control} presentation={presentation} />
      </div>
      <div className="stats-columns">
        <section aria-label="Handoffs">
          <h2>Loss around each handoff</h2>
          <HandoffTable metrics={metrics} />
        </section>
        <section aria-label="Control overhead">
          <h2>Control overhead</h2>
          <ControlTable metrics={metrics} />
        </section>
        <section aria-label="Home agent load">
          <h2>Home agent tunnelling</h2>
          <HomeAgentTable metrics={metrics} />
        </section>
      </div>
    </div>
  );
}
