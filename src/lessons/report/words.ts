// Times and names in the words a report's reader sees.

import type { Micros } from '../../engine/node/time';

/** "12.345 s", or to the µs when the time is not a whole millisecond. */
export function timeInWords(t: Micros): string {
  return `${(t / 1e6).toFixed(t % 1000 === 0 ? 3 : 6)} s`;
}

/** `step 2 (“Move”)`. */
export const stepName = (k: number, title: string): string => `step ${k + 1} (“${title}”)`;

/** `step 2, check 1 (“Datagrams go straight to FA2”)`. */
export const checkName = (k: number, j: number, text: string): string => `step ${k + 1}, check ${j + 1} (“${text}”)`;
