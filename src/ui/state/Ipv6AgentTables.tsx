import type { AddressBinding } from '../../engine/protocol/ipv6/common/address-bindings';
import type { BindingAgentState } from '../../engine/protocol/ipv6/common/binding-agent-state';
import { sortedNeighbourEntries, type NeighbourEntry } from '../../engine/protocol/ipv6/common/neighbour-cache';
import { entryAt } from '../../engine/keyed';
import { timeText } from '../controls/time-text';
import { Lifetime } from './Lifetime';
import { StateTable } from './StateTable';
import { changedIn, type TableView } from './table-view';

// The tables the IPv6 home agent and access routers share (docs/ipv6.md §3):
// the bindings they tunnel with, the neighbours they learned by Neighbor
// Discovery (with any datagram waiting for an answer), and their AH security
// associations with the anti-replay state (keys are not shown).

export interface AgentTablesProps {
  readonly state: BindingAgentState;
  readonly view: TableView;
  /** The link an interface is on, as the canvas names it (a learner never sees interface names). */
  readonly linkOf: (iface: string) => string;
}

export function AddressBindingsTable({ state, view, title, refText, empty, addressHeader }: { readonly state: BindingAgentState; readonly view: TableView; readonly title: string; readonly refText: string; readonly empty: string; readonly addressHeader: string }) {
  const rows = Object.keys(state.bindings).sort().map((k) => state.bindings[k]!);
  const table = state.config.kind === 'home' ? 'bindings' : 'previous care-of bindings';
  return (
    <StateTable<AddressBinding>
      title={title}
      refText={refText}
      rows={rows}
      rowKey={(b) => b.address}
      changed={(b) => changedIn(view, { table, key: b.address })}
      empty={empty}
      compact={view.compact}
      columns={[
        { header: addressHeader, cell: (b) => b.address },
        { header: 'Care-of address', cell: (b) => b.careOfAddress },
        { header: 'Lifetime', cell: (b) => <Lifetime expiresAt={b.expiresAt} grantedSeconds={b.lifetimeS} /> },
        { header: 'Sequence', cell: (b) => String(b.sequence), secondary: true },
        { header: 'SPI', cell: (b) => String(b.spi), secondary: true },
        { header: 'Registered', cell: (b) => timeText(b.registeredAt), secondary: true },
      ]}
    />
  );
}

function neighbourState(e: NeighbourEntry): string {
  if (e.state === 'reachable') return 'known';
  return `resolving (${e.solicitations} solicitation${e.solicitations === 1 ? '' : 's'} sent${e.held.length === 0 ? '' : `, ${e.held.length} datagram${e.held.length === 1 ? '' : 's'} waiting`})`;
}

export function NeighbourCacheTable({ state, view, linkOf }: AgentTablesProps) {
  const rows = sortedNeighbourEntries(state.core.neighbours);
  return (
    <StateTable<NeighbourEntry>
      title="Neighbour cache"
      refText="RFC 4861 §7.2, §7.3"
      rows={rows}
      rowKey={(e) => e.address}
      changed={(e) => changedIn(view, { table: 'neighbour cache', key: e.address })}
      empty="No neighbour learned yet: only the neighbours the topology fixes are known."
      compact={view.compact}
      columns={[
        { header: 'Address', cell: (e) => e.address },
        { header: 'Link-layer address', cell: (e) => e.linkAddress ?? '—' },
        { header: 'State', cell: neighbourState },
        { header: 'Link', cell: (e) => linkOf(e.interface), secondary: true },
        { header: 'Learned from', cell: (e) => e.learnedFrom, secondary: true },
        { header: 'Updated', cell: (e) => timeText(e.updatedAt), secondary: true },
      ]}
    />
  );
}

interface AssociationRow {
  readonly spi: number;
  readonly peer: string;
  readonly addresses: string;
  readonly highest: number;
  readonly nextOut: number;
}

/** Also the IPv6 correspondent's (its state has the same associations and AH state). */
export function AhAssociationsTable({ state, view }: { readonly state: { readonly config: Pick<BindingAgentState['config'], 'associations'>; readonly ah: BindingAgentState['ah'] }; readonly view: TableView }) {
  const rows: AssociationRow[] = state.config.associations.map((a) => ({
    spi: a.spi, peer: a.peer, addresses: a.peerAddresses.join(', ') || '—',
    highest: entryAt(state.ah.inbound, String(a.spi))?.highest ?? 0,
    nextOut: entryAt(state.ah.outbound, String(a.spi)) ?? 1,
  }));
  return (
    <StateTable<AssociationRow>
      title="AH security associations"
      refText="RFC 4302 §3.3.2, §3.4.3; RFC 2403"
      rows={rows}
      rowKey={(r) => String(r.spi)}
      empty="No security association configured: every Binding Update it receives fails authentication."
      compact={view.compact}
      columns={[
        { header: 'SPI', cell: (r) => String(r.spi) },
        { header: 'With', cell: (r) => r.peer },
        { header: 'Highest sequence received', cell: (r) => (r.highest === 0 ? 'none yet' : String(r.highest)) },
        { header: 'Next sequence sent', cell: (r) => String(r.nextOut), secondary: true },
        { header: 'Peer addresses', cell: (r) => r.addresses, secondary: true },
      ]}
    />
  );
}
