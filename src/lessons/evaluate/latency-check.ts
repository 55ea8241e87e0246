// The latency check: how long a flow's datagram took from its sender to its
// arrival (one way, virtual time), for the first one sent from where the
// check looks that arrives by a matching route with a latency within the
// bounds. It puts a number on the cost of triangle routing: the detour
// through a distant home agent against the direct tunnel (Perkins & Johnson
// §2, §3). Measured in milliseconds, so a number prediction can ask for it.

import type { Micros } from '../../engine/node/time';
import type { Check } from '../format/schema';
import type { CheckRun, CheckStatus } from './check-run';
import type { Observation } from './observations';

type LatencyCheck = Extract<Check, { kind: 'latency' }>;
type Datagram = Extract<Observation, { kind: 'datagram' }>;

/** One-way latency in ms, to the microsecond (virtual time is integer µs). */
export const latencyMs = (d: Datagram): number => (d.time - d.sentAt) / 1000;

const describe = (d: Datagram): string => `${latencyMs(d)} ms through ${d.path.join(' → ')}`;

function mismatch(check: LatencyCheck, d: Datagram): string | null {
  const ms = latencyMs(d);
  if (check.atLeastMs !== undefined && ms < check.atLeastMs) return `less than ${check.atLeastMs} ms`;
  if (check.atMostMs !== undefined && ms > check.atMostMs) return `more than ${check.atMostMs} ms`;
  const missed = check.via?.find((n) => !d.path.includes(n));
  if (missed !== undefined) return `not through ${missed}`;
  const crossed = check.notVia?.find((n) => d.path.includes(n));
  if (crossed !== undefined) return `through ${crossed}`;
  return null;
}

export function latencyRun(check: LatencyCheck, from: Micros): CheckRun {
  let result: CheckStatus | undefined;
  let latest: { d: Datagram; why: string } | undefined;
  return {
    observe(o) {
      if (result !== undefined || o.kind !== 'datagram' || o.flow !== check.flow || o.sentAt < from || !o.arrived) return;
      const why = mismatch(check, o);
      if (why === null) result = { state: 'passed', at: o.time, evidence: o.evidence, measured: latencyMs(o), detail: `datagram ${o.sequence} of ${check.flow} arrived in ${describe(o)}` };
      else latest = { d: o, why };
    },
    status: () => result ?? {
      state: 'pending',
      ...(latest === undefined ? {} : { measured: latencyMs(latest.d) }),
      detail: latest === undefined ? `waiting for a datagram of ${check.flow} to arrive` : `the latest datagram of ${check.flow} took ${describe(latest.d)}: ${latest.why}`,
    },
  };
}
