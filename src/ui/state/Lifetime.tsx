import type { Micros } from '../../engine/node/time';
import { useLab } from '../store/lab-store';

// Lifetimes count down against the lab's virtual clock (docs/architecture.md "UI"): the
// table stores an absolute `expiresAt` (tables/table-change.ts), so what is
// left is expiresAt − now, recomputed whenever the store's `now` moves. A
// lifetime that ran out shows as expired in words — the engine may keep the
// entry until its next expiry sweep, and the learner should see both facts.

/** Tenths of a second, hundredths in the last second (so "in 0.01 s" does not read as "now"). */
function secondsLeft(left: Micros): string {
  return `${(left / 1_000_000).toFixed(left < 1_000_000 ? 2 : 1)} s`;
}

/** Remaining lifetime; `grantedSeconds` adds "of 300 s". null expiry = infinite (0xFFFF). */
export function Lifetime({ expiresAt, grantedSeconds }: { readonly expiresAt: Micros | null; readonly grantedSeconds?: number }) {
  const now = useLab((s) => s.now);
  if (expiresAt === null) return <span className="lifetime">infinite (0xFFFF)</span>;
  const left = expiresAt - now;
  const of = grantedSeconds === undefined ? '' : ` of ${grantedSeconds} s`;
  if (left <= 0) return <span className="lifetime lifetime-expired">expired (0 s left{of})</span>;
  return <span className="lifetime">{secondsLeft(left)} left{of}</span>;
}

/** Time until something is due ("in 2.4 s"), or "due" once the clock has passed it. */
export function Countdown({ at, due = 'due' }: { readonly at: Micros | null; readonly due?: string }) {
  const now = useLab((s) => s.now);
  if (at === null) return <span className="lifetime">never</span>;
  const left = at - now;
  return <span className="lifetime">{left <= 0 ? due : `in ${secondsLeft(left)}`}</span>;
}
