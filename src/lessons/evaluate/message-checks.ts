// Checks on Mobile IP messages (Perkins & Johnson §3.1–§3.4; RFC 2002 §3):
//
//   message        one message of a kind from a node to a node, accepted,
//                  refused (optionally for a reason) or merely received;
//   message-count  how many of a kind were sent (optionally by a node, to a
//                  node) from the window's start, optionally within a span.

import { seconds, type Micros } from '../../engine/node/time';
import type { Check } from '../format/schema';
import { countStatus, type Mark, messageTitle, plural, type CheckContext, type CheckRun, type CheckStatus } from './check-run';

type MessageCheck = Extract<Check, { kind: 'message' }>;
type MessageCountCheck = Extract<Check, { kind: 'message-count' }>;

export function messageRun(check: MessageCheck, from: Micros): CheckRun {
  const title = messageTitle(check.message);
  let result: CheckStatus | undefined;
  return {
    observe(o) {
      if (result !== undefined || o.kind !== 'message' || o.time < from) return;
      if (o.message !== check.message || o.from !== check.from || o.to !== check.to) return;
      if (check.outcome !== 'received' && o.outcome !== check.outcome) return;
      const reason = o.reason ?? '';
      if (check.reasonIncludes !== undefined && !reason.toLowerCase().includes(check.reasonIncludes.toLowerCase())) return;
      const verdict = check.outcome === 'received' ? `received the ${title} from ${o.from}` : o.outcome === 'refused' ? `refused the ${title} from ${o.from}: ${reason}` : `accepted the ${title} from ${o.from}`;
      result = { state: 'passed', at: o.time, evidence: o.refusal ?? o.evidence, detail: `${o.to} ${verdict}` };
    },
    status: () => result ?? { state: 'pending', detail: `waiting for ${check.to} to ${check.outcome === 'received' ? 'receive' : check.outcome === 'accepted' ? 'accept' : 'refuse'} a ${title} from ${check.from}` },
  };
}

export function messageCountRun(check: MessageCountCheck, from: Micros, ctx: CheckContext): CheckRun {
  const spanEnd = check.withinS === undefined ? undefined : from + seconds(check.withinS);
  const destinations = check.to === undefined ? undefined : new Set(ctx.addressesOf(check.to));
  const title = messageTitle(check.message);
  let n = 0;
  let reached: Mark | undefined;
  let exceeded: Mark | undefined;
  return {
    observe(o) {
      if (o.kind !== 'message-sent' || o.time < from || (spanEnd !== undefined && o.time >= spanEnd)) return;
      if (o.message !== check.message || (check.from !== undefined && o.from !== check.from)) return;
      if (destinations !== undefined && !destinations.has(o.destination)) return;
      n++;
      if (n === check.atLeast || (check.atLeast === undefined && n === 1)) reached = { at: o.time, evidence: o.evidence, n };
      if (check.atMost !== undefined && n > check.atMost && exceeded === undefined) exceeded = { at: o.time, evidence: o.evidence, n };
    },
    status: (settled) => countStatus(check, { n, reached, exceeded }, spanEnd, settled, (k) => `${plural(k, title)} sent${check.from === undefined ? '' : ` by ${check.from}`}${check.to === undefined ? '' : ` to ${check.to}`}`),
  };
}
