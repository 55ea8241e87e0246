// The speeds the learner can pick, named by what they look like rather than by
// a bare factor: in slow motion one millisecond of network time takes a whole
// second on screen, so a packet crossing a 1 ms link is seen to travel
// (docs/architecture.md "Runtime": SLOWEST_SPEED … FASTEST_PACED_SPEED, and unpaced fast-forward).

import { FASTEST_PACED_SPEED, SLOWEST_SPEED, type Speed } from '../../runtime/types';

export interface SpeedOption {
  readonly speed: Speed;
  readonly label: string;
}

export const SPEED_OPTIONS: readonly SpeedOption[] = [
  { speed: SLOWEST_SPEED, label: 'slow motion (1 ms = 1 s)' },
  { speed: 0.01, label: 'slow motion (10 ms = 1 s)' },
  { speed: 0.1, label: 'slow motion (100 ms = 1 s)' },
  { speed: 0.25, label: 'quarter speed (0.25×)' },
  { speed: 1, label: 'real time (1×)' },
  { speed: 4, label: '4× faster' },
  { speed: 16, label: '16× faster' },
  { speed: FASTEST_PACED_SPEED, label: `${FASTEST_PACED_SPEED}× faster` },
  { speed: 'unpaced', label: 'fast-forward (as fast as possible)' },
];

export function speedKey(speed: Speed): string {
  return String(speed);
}

export function speedFromKey(key: string): Speed | null {
  if (key === 'unpaced') return 'unpaced';
  const n = Number(key);
  return Number.isFinite(n) && n >= SLOWEST_SPEED && n <= FASTEST_PACED_SPEED ? n : null;
}

/** A label for any speed, including one set elsewhere (a shared run, the test API). */
export function speedLabel(speed: Speed): string {
  return SPEED_OPTIONS.find((o) => o.speed === speed)?.label ?? (speed === 'unpaced' ? 'fast-forward' : `${speed}×`);
}
