import { useLab } from '../../store/lab-store';
import { timeText } from '../../controls/time-text';
import { dismissRunNotice, useRunNotice } from './run-notice';

// The note above the lab when the page opened a run from its address
// (run-address.ts): whose run it is, where in it the page is, and how many of
// the learner's actions were replayed to get there. A status, not an alert:
// nothing is wrong.
export function RunNoticeBar() {
  const notice = useRunNotice((s) => s.notice);
  const runtime = useLab((s) => s.runtime);
  if (notice === null || notice.runtime !== runtime) return null;
  const actions = `${notice.actions} learner action${notice.actions === 1 ? '' : 's'} replayed`;
  const where = `${notice.playing ? 'playing from' : 'paused at'} ${timeText(notice.at)}`;
  return (
    <div className="run-notice" role="status" aria-label="Run from the page address">
      <p>
        {notice.kind === 'shared' ? 'A shared run' : 'Your run, back where you left it'}: <strong>{notice.title}</strong>, {where}, {actions}.
      </p>
      <button type="button" aria-label="Dismiss the note about this run" onClick={dismissRunNotice}>Dismiss</button>
    </div>
  );
}
