import type { ForwardingTable } from '../../engine/node/route-table';
import type { AdversaryState } from '../../engine/protocol/nodes/adversary/adversary-state';
import { timeText } from '../controls/time-text';
import { StateTable } from './StateTable';
import { tableChangedIn, type TableView } from './table-view';

// Nodes outside Mobile IP proper: a router's forwarding table (the lab's
// shortest-path routing; each route's link shown by the name the canvas
// gives it, not the router's interface name), and what the adversary of the
// security lessons has overheard (Perkins & Johnson §3.3; optim-08 §4.3; Perkins & Johnson §3.5; optim-08 §4.5).

export function ForwardingTableView({ table, view, linkOf }: { readonly table: ForwardingTable; readonly view: TableView; readonly linkOf: (iface: string) => string }) {
  const fresh = tableChangedIn(view, 'forwarding table');
  return (
    <StateTable
      title="Forwarding table"
      refText="lab routing: shortest paths by link delay"
      rows={table.routes}
      rowKey={(r) => `${r.destination}/${r.prefixLength}`}
      changed={() => fresh}
      empty="No routes yet."
      compact={view.compact}
      columns={[
        { header: 'Destination', cell: (r) => `${r.destination}/${r.prefixLength}` },
        { header: 'Next hop', cell: (r) => r.nextHop ?? 'on link' },
        { header: 'Link', cell: (r) => linkOf(r.interface) },
        { header: 'Hops', cell: (r) => r.hops, secondary: true },
      ]}
    />
  );
}

export function AdversaryFacts({ state }: { readonly state: AdversaryState }) {
  const bu = state.lastBindingUpdate;
  const rr = state.lastRegistrationRequest;
  return (
    <section className="state-table" aria-label="What the adversary holds">
      <h3>Overheard and attempted <span className="state-ref">Perkins & Johnson §3.3; optim-08 §4.3; Perkins & Johnson §3.5; optim-08 §4.5; RFC 2002 §3.5, §5.6</span></h3>
      <dl className="state-facts">
        <dt>Binding Updates overheard</dt><dd>{state.overheard.bindingUpdates}{bu === null ? '' : ` (latest ${bu.source} → ${bu.destination} at ${timeText(bu.at)})`}</dd>
        <dt>Registration Requests overheard</dt><dd>{state.overheard.registrationRequests}{rr === null ? '' : ` (latest at ${timeText(rr.at)})`}</dd>
        <dt>Attacks sent</dt><dd>{state.attempted}</dd>
        <dt>Attacks not possible</dt><dd>{state.abandoned} (nothing overheard to replay yet)</dd>
        <dt>Scripted attacks</dt><dd>{state.config.attacks.map((a) => `${a.kind} at ${timeText(a.at)}`).join('; ') || 'none'}</dd>
      </dl>
    </section>
  );
}
