import { useState } from 'react';
import type { RuntimeFailure, RuntimeStatus } from '../../runtime/types';
import { useLab } from '../store/lab-store';
import { selectGatedStep } from '../lessons/lesson-selectors';
import { SeekBar } from './SeekBar';
import { SPEED_OPTIONS, speedFromKey, speedKey, speedLabel } from './speeds';
import { durationText, timeText } from './time-text';
import { usePlaybackShortcuts } from './use-playback-shortcuts';
import './controls.css';

// Play, pause, step, speed and the timeline (docs/architecture.md "UI"). Every button calls
// the runtime held in the store (runtime/types.ts LabRuntime); what the
// controls show — playing or not, the time, the speed — is what the runtime
// last reported in its batches, never a guess of the UI's own.

function statusText(status: RuntimeStatus, failure: RuntimeFailure | null, duration: number): string {
  switch (status) {
    case 'loading': return 'Loading…';
    case 'paused': return 'Paused';
    case 'playing': return 'Playing';
    case 'seeking': return 'Going to the chosen time…';
    case 'finished': return `Finished: the scenario ends at ${durationText(duration)}`;
    case 'failed': return `Failed: ${failure === null ? 'the run stopped' : `${failure.node === undefined ? '' : `node ${failure.node}: `}${failure.reason}`}`;
  }
}

export function PlaybackControls() {
  const runtime = useLab((s) => s.runtime);
  const status = useLab((s) => s.status);
  const now = useLab((s) => s.now);
  const speed = useLab((s) => s.speed);
  const failure = useLab((s) => s.failure);
  const duration = useLab((s) => s.scenario?.duration ?? 0);
  const presentation = useLab((s) => s.presentation);
  const [error, setError] = useState<string | null>(null);
  const [stepping, setStepping] = useState(false);
  // A lesson's prediction is answered before the network runs on (lessons/lesson-slice.ts).
  const waiting = useLab(selectGatedStep) !== null;

  const playing = status === 'playing';
  const canToggle = runtime !== null && (status === 'playing' || (status === 'paused' && !waiting));
  const canStep = runtime !== null && status === 'paused' && !stepping && !waiting;

  const toggle = (): void => {
    const r = useLab.getState().runtime;
    if (r === null || !canToggle) return;
    if (playing) r.pause();
    else r.start();
  };
  const step = (): void => {
    const r = useLab.getState().runtime;
    if (r === null || !canStep) return;
    setStepping(true);
    r.step().then(() => setError(null), (e: unknown) => setError(`Step failed: ${e instanceof Error ? e.message : String(e)}`)).finally(() => setStepping(false));
  };
  usePlaybackShortcuts({ toggle, step });

  const speeds = SPEED_OPTIONS.some((o) => o.speed === speed) ? SPEED_OPTIONS : [...SPEED_OPTIONS, { speed, label: speedLabel(speed) }];
  return (
    <div className={`playback${presentation ? ' presentation' : ''}`} role="group" aria-label="Playback">
      <button type="button" className="playback-toggle" onClick={toggle} disabled={!canToggle}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={step} disabled={!canStep} title="Advance to the next moment anything happens">
        Step
      </button>
      <label className="playback-speed">
        Speed{' '}
        <select
          value={speedKey(speed)}
          disabled={runtime === null}
          onChange={(e) => {
            const s = speedFromKey(e.target.value);
            if (s !== null) useLab.getState().runtime?.setSpeed(s);
          }}
        >
          {speeds.map((o) => <option key={speedKey(o.speed)} value={speedKey(o.speed)}>{o.label}</option>)}
        </select>
      </label>
      <SeekBar onError={setError} />
      <span className="playback-time">
        <span className="sr-only">Virtual time </span>{timeText(now)} <span className="playback-duration">/ {durationText(duration)}</span>
      </span>
      <span className={`playback-status playback-status-${status}`} role="status">
        {error ?? (waiting && status === 'paused' ? 'Paused: answer the lesson\'s prediction to go on' : statusText(status, failure, duration))}
      </span>
      <p className="playback-help">Keys: Space play/pause · → step (not while typing in a field)</p>
    </div>
  );
}
