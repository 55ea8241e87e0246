// One set of playback controls for both runs (compare-session.ts): play or
// pause, step to the next event on either side, speed, and a seek bar — each
// drives both runtimes to the same virtual time.

import { useStore } from 'zustand';
import { speedFromKey, speedKey, SPEED_OPTIONS } from '../controls/speeds';
import { positionText, timeText, durationText } from '../controls/time-text';
import type { CompareSession } from './compare-session';

export function CompareControls({ session }: { readonly session: CompareSession }) {
  const leftNow = useStore(session.left.store, (s) => s.now);
  const rightNow = useStore(session.right.store, (s) => s.now);
  const leftStatus = useStore(session.left.store, (s) => s.status);
  const rightStatus = useStore(session.right.store, (s) => s.status);
  const speed = useStore(session.left.store, (s) => s.speed);
  const playing = leftStatus === 'playing' || rightStatus === 'playing';
  const loading = leftStatus === 'loading' || rightStatus === 'loading';
  const finished = leftStatus === 'finished' && rightStatus === 'finished';
  const now = Math.min(leftNow, rightNow);
  const duration = session.loaded.duration;
  const leftFailure = useStore(session.left.store, (s) => s.failure);
  const rightFailure = useStore(session.right.store, (s) => s.failure);
  const failed = leftFailure ?? rightFailure;
  const leftRejected = useStore(session.left.store, (s) => s.rejectedCommand);
  const rightRejected = useStore(session.right.store, (s) => s.rejectedCommand);
  const rejected = leftRejected ?? rightRejected;

  return (
    <div className="compare-controls" role="group" aria-label="Playback of both runs">
      <button type="button" disabled={loading || finished} onClick={() => (playing ? void session.pause() : session.play())}>
        {playing ? 'Pause both' : 'Play both'}
      </button>
      <button type="button" disabled={loading || finished} onClick={() => void session.step()}>Step both</button>
      <label>
        Speed{' '}
        <select value={speedKey(speed)} onChange={(e) => {
          const s = speedFromKey(e.target.value);
          if (s !== null) session.setSpeed(s);
        }}>
          {SPEED_OPTIONS.map((o) => <option key={speedKey(o.speed)} value={speedKey(o.speed)}>{o.label}</option>)}
        </select>
      </label>
      <input
        type="range"
        className="compare-seek"
        aria-label="Virtual time of both runs"
        aria-valuetext={positionText(now, duration)}
        min={0}
        max={duration}
        step={1000}
        value={now}
        disabled={loading}
        onChange={(e) => void session.seek(Number(e.target.value))}
      />
      <span className="compare-time" data-testid="compare-time">
        {timeText(now)} of {durationText(duration)}
        {playing && leftNow !== rightNow ? ` (left ${timeText(leftNow)}, right ${timeText(rightNow)})` : ''}
      </span>
      {rejected === null ? null : <span role="alert" className="compare-loss">{rejected}</span>}
      {failed === null ? null : <span role="alert" className="compare-loss">A run stopped: {failed.reason}</span>}
    </div>
  );
}
