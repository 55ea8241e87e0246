import { useEffect, useMemo, useRef, useState } from 'react';
import type { Micros } from '../../engine/node/time';
import { useLab } from '../store/lab-store';
import { useTraceView } from '../store/trace-view';
import { markerOf, type SeekMarker } from './seek-markers';
import { TraceCursor } from './trace-cursor';
import { positionText, timeText } from './time-text';

// The timeline (docs/architecture.md "UI"): a native range input (keyboard and screen
// readers get it for free, spoken as "12.345 s of 30 s"), and below it a
// button for every handoff and registration so far, each seeking there.
// Seeking replays from a snapshot and takes a moment: while one is running,
// further requests are folded into the latest, so dragging stays smooth.

/** The newest handoffs and registrations marked (a long run's bar stays as light as a short one's). */
const MARKERS_KEPT = 500;

function markerPosition(m: SeekMarker, duration: Micros): string {
  return `${duration <= 0 ? 0 : Math.min(100, (m.time / duration) * 100)}%`;
}

export function SeekBar({ onError }: { readonly onError: (message: string | null) => void }) {
  const runtime = useLab((s) => s.runtime);
  const now = useLab((s) => s.now);
  const status = useLab((s) => s.status);
  const duration = useLab((s) => s.scenario?.duration ?? 0);
  const trace = useTraceView();
  const [cursor] = useState(() => new TraceCursor(markerOf, MARKERS_KEPT));
  // A new view: the mutable log changed (store/trace-view.ts); the cursor reads what was appended.
  const markers = useMemo(() => cursor.read(trace.log), [cursor, trace]);
  const [target, setTarget] = useState<Micros | null>(null);
  const queued = useRef<Micros | null>(null);
  const busy = useRef(false);

  const seek = async (t: Micros): Promise<void> => {
    if (runtime === null) return;
    if (busy.current) {
      queued.current = t;
      return;
    }
    busy.current = true;
    setTarget(t);
    let next: Micros | null = t;
    try {
      while (next !== null) {
        queued.current = null;
        await runtime.seek(next);
        next = queued.current;
      }
      onError(null);
    } catch (e) {
      onError(`Could not go to ${timeText(next ?? t)}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      busy.current = false;
    }
  };
  // The bar keeps showing the time asked for until the run reports a new time after the seek: clearing it as soon as
  // the seek resolves would show the previous time for a frame, and a key pressed then would step from there.
  useEffect(() => {
    if (!busy.current) setTarget(null);
  }, [now]);

  const disabled = runtime === null || status === 'loading' || status === 'failed';
  const shown = target ?? now;
  const step = duration > 10_000_000 ? 100_000 : 10_000;
  return (
    <div className="seek">
      <input
        type="range"
        className="seek-range"
        aria-label="Virtual time"
        aria-valuetext={positionText(shown, duration)}
        min={0}
        max={duration}
        step={step}
        value={Math.min(shown, duration)}
        disabled={disabled}
        onChange={(e) => {
          const t = Number(e.target.value);
          setTarget(t);
          void seek(t);
        }}
      />
      <ul className="seek-markers" aria-label="Handoffs and registrations">
        {markers.map((m) => (
          <li key={m.id} className={`seek-marker seek-marker-${m.kind}`} style={{ left: markerPosition(m, duration) }}>
            <button type="button" disabled={disabled} title={`${m.kind === 'handoff' ? 'Handoff' : 'Registration'} at ${timeText(m.time)}: ${m.label}`} onClick={() => void seek(m.time)}>
              <span aria-hidden="true">{m.kind === 'handoff' ? 'H' : 'R'}</span>
              <span className="sr-only">{m.kind === 'handoff' ? 'Handoff' : 'Registration'} at {timeText(m.time)}: {m.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
