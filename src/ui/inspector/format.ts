// Text shared by the inspector and the ladder: virtual times as a learner
// reads them (seconds; Wireshark shows six decimals) and a trace event told as
// "who did what".

import type { TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';

/** "2.010000" — seconds with six decimals (µs resolution, exact for integer µs). */
export function seconds6(t: Micros): string {
  const whole = Math.floor(t / 1_000_000);
  return `${whole}.${String(t % 1_000_000).padStart(6, '0')}`;
}

/** "2.010" — seconds with three decimals, for short labels. */
export function seconds3(t: Micros): string {
  return (t / 1_000_000).toFixed(3);
}

const VERB: Readonly<Record<TraceEvent['kind'], string>> = {
  sent: 'sent',
  received: 'received',
  forwarded: 'forwarded',
  dropped: 'dropped',
  lost: 'lost',
  'table-changed': 'changed a table',
  'key-established': 'established a key',
  decision: 'decided',
  delivered: 'delivered',
  timer: 'timer',
};

/** "HA decided: send a Binding Update to 198.51.100.5" */
export function describeEvent(e: TraceEvent): string {
  return `${e.node} ${VERB[e.kind]}: ${e.summary}`;
}
