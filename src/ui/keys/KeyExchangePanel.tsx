import { useMemo, useState } from 'react';
import { TraceCursor } from '../controls/trace-cursor';
import { timeText } from '../controls/time-text';
import { useLab } from '../store/lab-store';
import { KeyExchangeCard } from './KeyExchangeCard';
import { collectKeyExchanges, isKeyEvent } from './key-exchanges';
import './keys.css';
import { CitedText } from '../references/CitedText';

// The key exchange panel (docs/architecture.md "UI"): for every registration
// whose foreign agent advertised S, how the mobile node and the agent came to
// share a registration key — the method chosen and the branches that chose
// it, the values on the wire, and the key at each side. Newest first.

const NO_EXCHANGES: ReturnType<typeof collectKeyExchanges> = { exchanges: [], withoutKey: [] };

export function KeyExchangePanel() {
  const scenario = useLab((s) => s.scenario);
  const nodes = useLab((s) => s.nodes);
  const trace = useLab((s) => s.trace);
  const traceVersion = useLab((s) => s.traceVersion);
  const presentation = useLab((s) => s.presentation);
  const [cursor] = useState(() => new TraceCursor((e) => (isKeyEvent(e) ? e : null)));
  // traceVersion: the log is mutable, its version says when to look again.
  const keyEvents = useMemo(() => cursor.read(trace.events), [cursor, trace, traceVersion]);
  const { exchanges, withoutKey } = useMemo(
    () => (scenario === null ? NO_EXCHANGES : collectKeyExchanges(trace, keyEvents, scenario.nodes, nodes)),
    [scenario, trace, keyEvents, nodes],
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
      ) : exchanges.map((x, i) => <KeyExchangeCard key={x.id} x={x} open={i === 0} />)}
      {withoutKey.length === 0 ? null : (
        <section aria-label="Registrations without a key" className="key-without">
          <h3>Registrations that ended without a key <span className="key-ref">regkey-00 §3, §7.1: the registration stands</span></h3>
          <ul>
            {withoutKey.map((n) => <li key={n.id}>{timeText(n.time)} at {n.node}: {n.summary} <span className="key-ref">(<CitedText text={n.ref} />)</span></li>)}
          </ul>
        </section>
      )}
    </div>
  );
}
