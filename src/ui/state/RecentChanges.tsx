import { useMemo } from 'react';
import type { TraceEvent } from '../../engine/node/contract';
import { timeText } from '../controls/time-text';
import { useLab } from '../store/lab-store';
import { useTraceView } from '../store/trace-view';
import { causingPacket, freshChanges } from './recent-changes';
import { CitedText } from '../references/CitedText';

// "Why did this entry change?" (docs/architecture.md "Engine"): the node's latest table
// changes, each with the rule that made it and a button that selects the
// packet that caused it — in the packet list, the ladder and the canvas alike.

export function RecentChanges({ changes }: { readonly changes: readonly TraceEvent[] }) {
  const trace = useTraceView();
  const now = useLab((s) => s.now);
  const selected = useLab((s) => s.selectedPacket);
  const causes = useMemo(
    // A new view of the mutable log (store/trace-view.ts) may hold the causes.
    () => new Map(changes.map((e) => [e.id, causingPacket(trace.log, e)] as const)),
    [changes, trace],
  );
  const fresh = new Set(freshChanges(changes, now).map((e) => e.id));
  return (
    <section className="state-table recent-changes" aria-label="Recent changes">
      <h3>Recent changes <span className="state-ref">newest first</span></h3>
      {changes.length === 0 ? (
        <p className="state-empty">No table of this node has changed yet.</p>
      ) : (
        <ol className="recent-change-list">
          {changes.map((e) => {
            const packet = causes.get(e.id) ?? null;
            const number = packet === null ? null : trace.log.packetById.get(packet)?.number;
            return (
              <li key={e.id} className={fresh.has(e.id) ? 'state-row-changed' : undefined}>
                <span className="recent-change-time">{timeText(e.time)}</span>{' '}
                <span className="recent-change-summary">{e.summary}</span>
                {e.reason === undefined ? null : <span className="recent-change-reason"> — {e.reason}</span>}{' '}
                <span className="state-ref">(<CitedText text={e.ref} />)</span>{' '}
                {packet === null ? (
                  <span className="recent-change-nocause">not caused by a packet (a timer, a move or the start)</span>
                ) : (
                  <button type="button" className="link-button" aria-pressed={selected === packet} onClick={() => useLab.getState().selectPacket(packet)}>
                    packet #{number}<span className="sr-only"> that caused: {e.summary}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
