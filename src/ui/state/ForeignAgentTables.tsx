import type { ForeignAgentState } from '../../engine/protocol/nodes/fa/foreign-agent-state';
import { SecretKey } from '../keys/SecretKey';
import { timeText } from '../controls/time-text';
import { BindingCacheTable } from './BindingCacheTable';
import { Lifetime } from './Lifetime';
import { RateLimiterTable } from './RateLimiterTable';
import { SecurityAssociations, tableRows } from './SecurityAssociations';
import { StateTable } from './StateTable';
import { changedIn, idText, type TableView } from './table-view';

// What a foreign agent holds (RFC 2002 §3.7; Perkins & Johnson §4): its visitors (accepted, pending, and registration keys kept after a
// smooth handoff), the forwarding pointers to where former visitors went, and
// the Binding Warning rate limiter.

export function ForeignAgentTables({ state, view }: { readonly state: ForeignAgentState; readonly view: TableView }) {
  const v = state.visitors;
  const current = Object.keys(v.current).sort().map((k) => v.current[k]!);
  const pending = Object.keys(v.pending).sort().map((k) => v.pending[k]!);
  const retained = Object.keys(v.retainedKeys).sort().map((k) => ({ key: k, entry: v.retainedKeys[k]! }));
  const exchanges = Object.keys(state.keyExchanges).length;
  return (
    <>
      <p className="state-note">
        Advertises S (smooth handoff, optim-08 §5.2): <strong>{state.config.advertiser.smoothHandoff ? 'yes' : 'no'}</strong>; Route
        Optimization (binding cache, re-tunnelling, Perkins & Johnson §4.3; spectun-00 §3.2): <strong>{state.config.routeOptimization?.enabled === true ? 'on' : 'off'}</strong>.
        {exchanges > 0 ? ` ${exchanges} registration-key exchange${exchanges === 1 ? '' : 's'} in progress (Key exchange tab).` : ''}
      </p>
      <StateTable
        title="Visitor list"
        refText="RFC 2002 §3.7.1, §3.7.3; Perkins & Johnson §9.2"
        rows={current}
        rowKey={(e) => e.homeAddress}
        changed={(e) => changedIn(view, { table: 'visitor list', key: e.homeAddress, without: ['pending', 'retained'] })}
        empty="No visitors: no mobile node is registered through this agent."
        compact={view.compact}
        columns={[
          { header: 'Home address', cell: (e) => e.homeAddress },
          { header: 'Home agent', cell: (e) => e.homeAgent },
          { header: 'Lifetime', cell: (e) => <Lifetime expiresAt={e.expiresAt} grantedSeconds={e.grantedLifetimeSeconds} /> },
          { header: 'Link address', cell: (e) => <code>{e.linkAddress}</code>, secondary: true },
          {
            header: 'Registration key',
            cell: (e) => (e.registrationKey === null ? 'none' : (
              <>SPI {e.registrationKey.spi} <SecretKey value={e.registrationKey.key} label={`registration key with ${e.homeAddress}`} /></>
            )),
          },
          { header: 'Registered', cell: (e) => timeText(e.registeredAt), secondary: true },
        ]}
      />
      <StateTable
        title="Pending registrations"
        refText="RFC 2002 §3.7.2"
        rows={pending}
        rowKey={(e) => e.homeAddress}
        changed={(e) => changedIn(view, { table: 'visitor list', key: e.homeAddress, with: ['pending'] })}
        empty="No Request waiting for its Reply."
        compact={view.compact}
        columns={[
          { header: 'Home address', cell: (e) => e.homeAddress },
          { header: 'Home agent', cell: (e) => e.homeAgent },
          { header: 'Requested', cell: (e) => `${e.requestedLifetimeSeconds} s` },
          { header: 'Key material', cell: (e) => e.pendingKey?.method ?? 'none', secondary: true },
          { header: 'Identification', cell: (e) => <code>{idText(e.identification)}</code>, secondary: true },
          { header: 'Expires', cell: (e) => <Lifetime expiresAt={e.expiresAt} /> },
        ]}
      />
      <StateTable
        title="Registration keys kept after a smooth handoff"
        refText="Perkins & Johnson §4.1; optim-08 §8.1; lab choice"
        rows={retained}
        rowKey={(r) => r.key}
        changed={(r) => changedIn(view, { table: 'visitor list', key: `${r.entry.homeAddress}#${r.entry.key.spi}`, with: ['retained'] })}
        empty="None: a key is kept here for Cache Lifetime seconds after a smooth-handoff Binding Update removed its visitor, so a retransmitted BU can still be verified."
        compact={view.compact}
        columns={[
          { header: 'Home address', cell: (r) => r.entry.homeAddress },
          { header: 'SPI', cell: (r) => r.entry.key.spi },
          { header: 'Key', cell: (r) => <SecretKey value={r.entry.key.key} label={`kept key of ${r.entry.homeAddress}`} />, secondary: true },
          { header: 'Kept', cell: (r) => <Lifetime expiresAt={r.entry.retainUntil} /> },
        ]}
      />
      <BindingCacheTable
        cache={state.bindingCache}
        title="Forwarding pointers (binding cache)"
        refText="Perkins & Johnson §3; optim-08 §3.1; Perkins & Johnson §4.3; spectun-00 §3.2; Perkins & Johnson §4.1; optim-08 §8.1"
        empty="None: no former visitor has told this agent where it went (smooth handoff, Perkins & Johnson §4.1; optim-08 §8.1)."
        view={view}
      />
      <RateLimiterTable limiter={state.bindingWarningLimiter} table="BW rate limiter" refText="Perkins & Johnson §3.1; optim-08 §8.3; lab choice" view={view} />
      <SecurityAssociations rows={tableRows(state.associations)} view={view} />
    </>
  );
}
