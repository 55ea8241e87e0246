// Checks on a traffic flow's datagrams (observations.ts follows each one by
// its payload, through tunnels):
//
//   route      the first datagram sent from the window's start that arrives
//              by a matching route: a number of hops (link transmissions
//              from the sender to its arrival), nodes it passes through or
//              not — triangle routing through the home agent (Perkins &
//              Johnson §2) against the direct tunnel (§3);
//   flow-loss  how many datagrams sent from the window's start (within a
//              span, if given) never arrived (LOSS_GRACE).

import { seconds, type Micros } from '../../engine/node/time';
import type { Check } from '../format/schema';
import { countStatus, type Mark, plural, type CheckRun, type CheckStatus } from './check-run';
import { LOSS_GRACE, type Observation } from './observations';

type RouteCheck = Extract<Check, { kind: 'route' }>;
type FlowLossCheck = Extract<Check, { kind: 'flow-loss' }>;
type Datagram = Extract<Observation, { kind: 'datagram' }>;

const describe = (d: Datagram): string => `${plural(d.hops, 'hop')} through ${d.path.join(' → ')}`;

function routeMismatch(check: RouteCheck, d: Datagram): string | null {
  if (check.atLeastHops !== undefined && d.hops < check.atLeastHops) return `fewer than ${check.atLeastHops} hops`;
  if (check.atMostHops !== undefined && d.hops > check.atMostHops) return `more than ${check.atMostHops} hops`;
  const missed = check.via?.find((n) => !d.path.includes(n));
  if (missed !== undefined) return `not through ${missed}`;
  const crossed = check.notVia?.find((n) => d.path.includes(n));
  if (crossed !== undefined) return `through ${crossed}`;
  return null;
}

export function routeRun(check: RouteCheck, from: Micros): CheckRun {
  let result: CheckStatus | undefined;
  let latest: { d: Datagram; why: string } | undefined;
  return {
    observe(o) {
      if (result !== undefined || o.kind !== 'datagram' || o.flow !== check.flow || o.sentAt < from || !o.arrived) return;
      const why = routeMismatch(check, o);
      if (why === null) result = { state: 'passed', at: o.time, evidence: o.evidence, measured: o.hops, detail: `datagram ${o.sequence} of ${check.flow} arrived in ${describe(o)}` };
      else latest = { d: o, why };
    },
    status: () => result ?? {
      state: 'pending',
      ...(latest === undefined ? {} : { measured: latest.d.hops }),
      detail: latest === undefined ? `waiting for a datagram of ${check.flow} to arrive` : `the latest datagram of ${check.flow} took ${describe(latest.d)}: ${latest.why}`,
    },
  };
}

export function flowLossRun(check: FlowLossCheck, from: Micros): CheckRun {
  const sentBefore = check.withinS === undefined ? undefined : from + seconds(check.withinS);
  const spanEnd = sentBefore === undefined ? undefined : sentBefore + LOSS_GRACE;
  let n = 0;
  let reached: Mark | undefined;
  let exceeded: Mark | undefined;
  return {
    observe(o) {
      if (o.kind !== 'datagram' || o.flow !== check.flow || o.arrived || o.sentAt < from || (sentBefore !== undefined && o.sentAt >= sentBefore)) return;
      n++;
      // The evidence is where the datagram was last seen: the place it died.
      if (n === check.atLeast || (check.atLeast === undefined && n === 1)) reached = { at: o.time, evidence: o.evidence, n };
      if (check.atMost !== undefined && n > check.atMost && exceeded === undefined) exceeded = { at: o.time, evidence: o.evidence, n };
    },
    status: (settled) => countStatus(check, { n, reached, exceeded }, spanEnd, settled, (k) => `${plural(k, 'datagram')} of ${check.flow} lost`),
  };
}
