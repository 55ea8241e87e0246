// How long a lost or dropped packet stays marked, in virtual time: about
// 0.7 s on screen at the current speed, at least 1 ms of virtual time (one
// second in slow motion), and a fixed 0.2 s when fast-forwarding unpaced.

import type { Micros } from '../../../engine/node/time';
import type { Speed } from '../../../runtime/types';

export function dropWindow(speed: Speed): Micros {
  if (speed === 'unpaced') return 200_000;
  return Math.max(1_000, Math.round(speed * 700_000));
}

const ON_THE_WAY_TO = /on the way to ([^/\s]+)\//;

/** For a frame lost on a link, the node it was meant for (network/simulation.ts names it in the summary). */
export function lostTowards(summary: string): string | undefined {
  return ON_THE_WAY_TO.exec(summary)?.[1];
}
