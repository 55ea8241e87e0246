import { useMemo, useState } from 'react';
import type { TraceEvent } from '../../engine/node/contract';
import { TraceCursor } from '../controls/trace-cursor';
import { timeText } from '../controls/time-text';
import { useLab } from '../store/lab-store';
import { useTraceView } from '../store/trace-view';
import { KeyExchangeCard } from './KeyExchangeCard';
import { collectKeyExchanges, isKeyEvent } from './key-exchanges';
import './keys.css';
import { CitedText } from '../references/CitedText';

// The key exchange panel (docs/architecture.md "UI"): for every registration
// whose foreign agent advertised S, how the mobile node and the agent came to
// share a registration key — the method chosen and the branches that chose
// it, the values on the wire, and the key at each side. Newest first.

const NO_EXCHANGES: ReturnType<typeof collectKeyExchanges> = { exchanges: [], withoutKey: [] };

/** The panel's digest of the trace (module-level: it names the digest, controls/trace-cursor.ts). */
const keyEventOf = (e: TraceEvent): TraceEvent | null => (isKeyEvent(e) ? e : null);
/** The newest exchanges listed: a long run's panel stays as long as a short one's (the trace kept is a window, docs/architecture.md "Engine"). */
const SHOWN = 12;
/** Key events kept for it: a few dozen exchanges' worth. */
const KEY_EVENTS_KEPT = 600;

export function KeyExchangePanel() {
  const scenario = useLab((s) => s.scenario);
  const nodes = useLab((s) => s.nodes);
  const trace = useTraceView();
  const presentation = useLab((s) => s.presentation);
  const [cursor] = useState(() => new TraceCursor(keyEventOf, KEY_EVENTS_KEPT));
  // A new view each time the mutable log changed (store/trace-view.ts): then the cursor reads what was appended.
  const keyEvents = useMemo(() => cursor.read(trace.log), [cursor, trace]);
  const { exchanges, withoutKey } = useMemo(
    () => (scenario === null ? NO_EXCHANGES : collectKeyExchanges(trace.log, keyEvents, scenario.nodes, nodes)),
    [scenario, trace.log, keyEvents, nodes], // the log, not its view: a new digest is what brings a new exchange
  );
  return (
    <div className={`key-panel${presentation ? ' presentation' : ''}`}>
      <h2 className="key-title">Registration keys</h2>
      <p className="key-intro">
        A foreign agent that advertises S (smooth handoff) shares a fresh key with each mobile node that registers
        through it, so that later, when the mobile node has moved on, it can authenticate the Binding Update that
        releases the old registration. Five methods, tried in order of preference (regkey-00 §4, §5; Perkins & Johnson §9; regkey-00 §3;
        regkey-00 §3).
      </p>
      {exchanges.length === 0 ? (
        <p className="key-empty" role="status">
          No key exchange yet: one happens when a mobile node registers through a foreign agent that advertises S.
        </p>
      ) : exchanges.slice(0, SHOWN).map((x, i) => <KeyExchangeCard key={x.id} x={x} open={i === 0} />)}
      {exchanges.length > SHOWN ? <p className="key-empty">{exchanges.length - SHOWN} earlier key exchanges are not listed: seek back to see one.</p> : null}
      {withoutKey.length === 0 ? null : (
        <section aria-label="Registrations without a key" className="key-without">
          <h3>Registrations that ended without a key <span className="key-ref">regkey-00 §3, §7.1: the registration stands</span></h3>
          <ul>
            {withoutKey.slice(-SHOWN).map((n) => <li key={n.id}>{timeText(n.time)} at {n.node}: {n.summary} <span className="key-ref">(<CitedText text={n.ref} />)</span></li>)}
          </ul>
        </section>
      )}
    </div>
  );
}
