import type { CorrespondentNodeState } from '../../engine/protocol/nodes/cn/correspondent-state';
import { BindingCacheTable } from './BindingCacheTable';
import { SecurityAssociations, tableRows } from './SecurityAssociations';
import { StateTable } from './StateTable';
import { changedIn, idText, type TableView } from './table-view';

// What a correspondent holds (Perkins & Johnson §3; optim-08 §3.1): the binding
// cache it tunnels with, the replay state of the Binding Updates it accepted
// from each home agent, and its security associations with home agents.

export function CorrespondentTables({ state, view }: { readonly state: CorrespondentNodeState; readonly view: TableView }) {
  const replay = Object.keys(state.ro.replay.contexts).sort().map((k) => ({ peer: k, ctx: state.ro.replay.contexts[k]! }));
  if (!state.config.routeOptimization) {
    return (
      <>
        <p className="state-note">
          A <strong>legacy correspondent</strong>: it has no binding cache and ignores Binding Updates, so its datagrams always
          go to the home address and the home agent tunnels them (optim-08 §1, §7.1).
        </p>
        <SecurityAssociations rows={tableRows(state.associations)} view={view} />
      </>
    );
  }
  return (
    <>
      <BindingCacheTable
        cache={state.ro.cache}
        title="Binding cache"
        refText="Perkins & Johnson §3; optim-08 §3.1"
        empty="Empty: no Binding Update accepted yet, so datagrams for mobile nodes go to their home addresses (and take the triangle)."
        view={view}
      />
      <StateTable
        title="Binding Update replay state"
        refText="optim-08 §4.3; lab choice"
        rows={replay}
        rowKey={(r) => r.peer}
        changed={(r) => changedIn(view, { table: 'BU replay state', key: r.peer })}
        empty="No Binding Update accepted yet."
        compact={view.compact}
        columns={[
          { header: 'Home agent', cell: (r) => r.peer },
          { header: 'Newest timestamp accepted', cell: (r) => <code>{idText(r.ctx.lastTimestamp)}</code> },
          { header: 'Binding Requests out', cell: (r) => Object.keys(r.ctx.outstandingRequests).join(', ') || 'none', secondary: true },
        ]}
      />
      <SecurityAssociations rows={tableRows(state.associations)} view={view} />
    </>
  );
}
