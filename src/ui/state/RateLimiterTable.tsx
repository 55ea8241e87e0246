import { rateLimitRef, type RateLimitedMessage, type RateLimiter, type RateLimitPolicy } from '../../engine/protocol/tables/rate-limiter';
import { Countdown } from './Lifetime';
import { StateTable } from './StateTable';
import { changedIn, type TableView } from './table-view';

// A rate limiter of Binding Updates (home agent, Perkins & Johnson §3.3; optim-08 §7.1)
// or Binding Warnings (foreign agent, Perkins & Johnson §3.1; optim-08 §8.3): per destination and mobile node,
// consecutive sends of an unchanged binding, and when the next may go (OC-20).

function policyText(p: RateLimitPolicy, message: RateLimitedMessage): string {
  return p.kind === 'exponential-backoff'
    ? `gap after the k-th send: min(${p.firstGapSeconds} × 2^(k−1), ${p.maxGapSeconds}) s (${rateLimitRef(message, p)})`
    : `one per ${p.gapSeconds} s, one per ${p.slowGapSeconds} s after ${p.burstSends} sends (mipv6-07; lab choice)`;
}

export function RateLimiterTable({ limiter, table, refText, view }: { readonly limiter: RateLimiter; readonly table: string; readonly refText: string; readonly view: TableView }) {
  const rows = Object.keys(limiter.entries).sort().map((k) => ({ key: k, entry: limiter.entries[k]! }));
  return (
    <StateTable
      title={`${limiter.message} rate limiter`}
      refText={refText}
      rows={rows}
      rowKey={(r) => r.key}
      changed={(r) => changedIn(view, { table, key: r.key })}
      note={policyText(limiter.policy, limiter.message)}
      empty={`No ${limiter.message}s sent yet.`}
      compact={view.compact}
      columns={[
        { header: 'To', cell: (r) => r.entry.destination },
        { header: 'Mobile node', cell: (r) => r.entry.mobileNode },
        ...(limiter.message === 'Binding Warning' ? [{ header: 'About', cell: (r: (typeof rows)[number]) => r.entry.target ?? '—' }] : []),
        ...(limiter.message === 'Binding Update' ? [{ header: 'Kind', cell: (r: (typeof rows)[number]) => (r.entry.answering ? 'answers' : 'unsolicited'), secondary: true }] : []),
        { header: 'Binding', cell: (r) => r.entry.signature, secondary: true },
        { header: 'Sends', cell: (r) => r.entry.sends },
        { header: 'Next allowed', cell: (r) => <Countdown at={r.entry.nextAllowedAt} due="now" /> },
      ]}
    />
  );
}
