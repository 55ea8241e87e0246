import { memo } from 'react';
import type { TraceEvent, TraceEventId } from '../../../engine/node/contract';
import { CitedText } from '../../references/CitedText';
import { useLab } from '../../store/lab-store';
import type { PacketRow, TraceLog } from '../../store/trace-log';
import { describeEvent, seconds6 } from '../format';
import { whereText } from './link-of-event';
import { causeChain, packetOfEvent } from './provenance';

interface Props {
  readonly row: PacketRow;
  readonly trace: TraceLog;
  readonly onSelectPacket: (id: TraceEventId) => void;
}

// Who put the packet on the link, when and where; the rule that produced it
// (docs/architecture.md: every trace event names its section of the paper or spec); and
// the event that caused it, followed back as far as the trace goes.
export const Provenance = memo(function Provenance({ row, trace, onSelectPacket }: Props) {
  const e = row.event;
  const chain = causeChain(trace, e);
  const cause = chain[0];
  const scenario = useLab((s) => s.scenario);
  return (
    <dl className="provenance">
      <dt>{e.kind === 'forwarded' ? 'Forwarded by' : 'Sent by'}</dt>
      <dd>
        <strong>{e.node}</strong>{whereText(scenario, e)} at {seconds6(e.time)} s — {e.summary}
      </dd>
      {e.reason ? (<><dt>Why</dt><dd><CitedText text={e.reason} /></dd></>) : null}
      <dt>Produced by</dt>
      <dd className="ref"><CitedText text={e.ref} /></dd>
      <dt>Caused by</dt>
      <dd>
        {cause === undefined ? 'nothing recorded (a start-up action or a learner command)' : <Cause event={cause} trace={trace} self={row.id} onSelectPacket={onSelectPacket} />}
        {chain.length > 1 ? (
          <details className="cause-chain">
            <summary>Whole chain of causes ({chain.length})</summary>
            <ol>
              {chain.map((c) => (
                <li key={c.id}><Cause event={c} trace={trace} self={row.id} onSelectPacket={onSelectPacket} /></li>
              ))}
            </ol>
          </details>
        ) : null}
      </dd>
    </dl>
  );
});

function Cause({ event, trace, self, onSelectPacket }: { event: TraceEvent; trace: TraceLog; self: TraceEventId; onSelectPacket: (id: TraceEventId) => void }) {
  const packet = packetOfEvent(trace, event);
  const what = event.kind === 'received' ? 'the packet it received' : 'that packet';
  return (
    <span className="cause">
      {describeEvent(event)} at {seconds6(event.time)} s <span className="ref">[<CitedText text={event.ref} />]</span>
      {packet !== undefined && packet.id !== self ? (
        <>
          {' '}
          <button type="button" className="link-button" onClick={() => onSelectPacket(packet.id)} aria-label={`Show No. ${packet.number}: ${what}, ${packet.protocol}`}>
            Show No. {packet.number}
          </button>
        </>
      ) : null}
    </span>
  );
}
