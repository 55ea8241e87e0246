import { useId, useMemo, useState } from 'react';
import type { NodeId } from '../../engine/node/contract';
import { useLab } from '../store/lab-store';
import { canStop, flowsNow, type FlowNow } from './flow-status';
import { timeText } from './time-text';

// The traffic flows the selected node sends, each with a "Stop this flow"
// button (LabCommand `stop-flow`): stopping the correspondent's datagrams
// shows what a handoff costs once nothing is in flight — or that a binding
// is only refreshed while it is used (Perkins & Johnson §3.2). Datagrams
// already sent stay in flight.

function stateText(f: FlowNow): string {
  switch (f.state.kind) {
    case 'waiting': return `starts at ${timeText(f.state.from)}`;
    case 'sending': return `sending until ${timeText(f.state.until)}`;
    case 'finished': return `finished at ${timeText(f.state.at)}`;
    case 'stopped': return `stopped at ${timeText(f.state.at)}`;
  }
}

export function FlowStops({ id }: { readonly id: NodeId }) {
  const scenarioFlows = useLab((s) => s.scenario?.nodes.find((n) => n.id === id)?.flows);
  const commands = useLab((s) => s.commands);
  const now = useLab((s) => s.now);
  const runtime = useLab((s) => s.runtime);
  const titleId = useId();
  const [error, setError] = useState<string | null>(null);
  const flows = useMemo(() => flowsNow(id, scenarioFlows ?? [], commands, now), [id, scenarioFlows, commands, now]);
  if (flows.length === 0) return null;
  const stop = (flow: string): void => {
    try {
      runtime?.send({ type: 'stop-flow', node: id, flow });
      setError(null);
    } catch (e) {
      setError(`Stopping ${flow} was refused: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>Traffic flows</h3>
      <ul className="flow-stops">
        {flows.map((f) => (
          <li key={f.id}>
            <span>{f.id} to {f.destination}, one datagram every {f.intervalMs} ms: {stateText(f)}</span>{' '}
            {canStop(f) ? (
              <button type="button" disabled={runtime === null} aria-label={`Stop this flow: ${f.id}`} onClick={() => stop(f.id)}>Stop this flow</button>
            ) : null}
          </li>
        ))}
      </ul>
      {error === null ? null : <p className="form-error" role="alert">{error}</p>}
    </section>
  );
}
