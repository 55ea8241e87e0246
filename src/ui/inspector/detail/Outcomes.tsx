import { memo } from 'react';
import type { TraceEvent, TraceEventId } from '../../../engine/node/contract';
import { CitedText } from '../../references/CitedText';
import { useLab } from '../../store/lab-store';
import type { TraceLog } from '../../store/trace-log';
import { describeEvent, seconds6 } from '../format';
import { whereText } from './link-of-event';
import { outcomesOf } from './provenance';
import { isLostUnreceived } from './unreceived';

interface Props {
  readonly packetId: TraceEventId;
  readonly trace: TraceLog;
  /** Re-read the mutable trace when it changes (receptions arrive after the send). */
  readonly traceVersion: number;
  readonly onSelectPacket: (id: TraceEventId) => void;
}

/** Consequences listed per reception before "and N more". */
const SHOWN = 12;

// What became of the packet: each node that received it and what that node
// did next (accepted, refused with the reason, forwarded it on, …), and each
// loss on the link — the other half of "why did this node do that?".
export const Outcomes = memo(function Outcomes({ packetId, trace, onSelectPacket }: Props) {
  const outcomes = outcomesOf(trace, packetId);
  const tx = trace.byId.get(packetId);
  // Only re-rendered when the trace grows, which is when a deadline can pass unseen: good enough for a verdict.
  const lost = useLab((s) => outcomes.length === 0 && tx !== undefined && isLostUnreceived(s.scenario, s.commands, tx, s.now));
  return (
    <section className="outcomes" aria-label="What happened to it">
      <h3>What happened to it</h3>
      {outcomes.length === 0 && lost ? (
        <p className="outcome lost"><span aria-hidden="true">✕ </span>Lost: no node on the link received it. The node it was addressed to was not there — for example a mobile node that had left the cell.</p>
      ) : null}
      {outcomes.length === 0 && !lost ? <p className="muted">No node has received it yet: it is still on its way.</p> : null}
      <ul>
        {outcomes.map((o) => o.kind === 'lost' ? (
          <li key={o.event.id} className="outcome lost">
            <span aria-hidden="true">✕ </span>Lost on the link{o.receiver ? ` before reaching ${o.receiver}` : ''}: {o.event.summary}. {o.event.reason === undefined ? null : <CitedText text={o.event.reason} />} <span className="ref">[<CitedText text={o.event.ref} />]</span>
          </li>
        ) : (
          <li key={o.event.id} className="outcome">
            {o.consequences.length === 0 ? <Reception event={o.event} /> : (
              // Open when short or when the receiver refused it: the drop is the story.
              <details open={o.consequences.length <= 3 || o.consequences.some((c) => c.kind === 'dropped')}>
                <summary><Reception event={o.event} /> — then {o.consequences.length} event{o.consequences.length === 1 ? '' : 's'}</summary>
                <ul>
                  {o.consequences.slice(0, SHOWN).map((c) => <Consequence key={c.id} event={c} trace={trace} onSelectPacket={onSelectPacket} />)}
                  {o.consequences.length > SHOWN ? <li className="muted">and {o.consequences.length - SHOWN} more</li> : null}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
});

function Reception({ event }: { event: TraceEvent }) {
  const scenario = useLab((s) => s.scenario);
  return <>Received by <strong>{event.node}</strong>{whereText(scenario, event)} at {seconds6(event.time)} s</>;
}

function Consequence({ event, trace, onSelectPacket }: { event: TraceEvent; trace: TraceLog; onSelectPacket: (id: TraceEventId) => void }) {
  const packet = trace.packetById.get(event.id);
  return (
    <li className={`consequence kind-${event.kind}`}>
      {event.kind === 'dropped' ? <strong className="dropped-label">Dropped: </strong> : null}
      {describeEvent(event)}
      {event.reason ? <> — <CitedText text={event.reason} /></> : null} <span className="ref">[<CitedText text={event.ref} />]</span>
      {packet !== undefined ? (
        <>
          {' '}
          <button type="button" className="link-button" onClick={() => onSelectPacket(packet.id)} aria-label={`Show No. ${packet.number}: the packet it ${event.kind}, ${packet.protocol}`}>
            Show No. {packet.number}
          </button>
        </>
      ) : null}
    </li>
  );
}
