import type { HomeAgentState } from '../../engine/protocol/nodes/ha/home-agent-state';
import type { MobilityBinding } from '../../engine/protocol/tables/mobility-bindings';
import { mobilityBindingKey } from '../../engine/protocol/tables/mobility-bindings';
import { timeText } from '../controls/time-text';
import { Lifetime } from './Lifetime';
import { RateLimiterTable } from './RateLimiterTable';
import { SecurityAssociations, tableRows } from './SecurityAssociations';
import { StateTable } from './StateTable';
import { changedIn, idText, type TableView } from './table-view';

// What a home agent holds (RFC 2002 §3.8; Perkins & Johnson §3.3):
// the mobility binding list it tunnels with, the replay state of each mobile
// node's Requests, and for Route Optimization the Binding Update rate limiter
// and the Identification state per correspondent.

const FLAG_LETTERS: readonly [keyof MobilityBinding['flags'], string][] = [
  ['broadcastDatagrams', 'B'], ['decapsulationByMobileNode', 'D'], ['minimalEncapsulation', 'M'],
  ['greEncapsulation', 'G'], ['vjCompression', 'V'], ['privateBinding', 'P'],
];

function flagsText(b: MobilityBinding): string {
  const set = FLAG_LETTERS.filter(([k]) => b.flags[k]).map(([, l]) => l);
  return set.length === 0 ? 'none' : set.join(' ');
}

export function HomeAgentTables({ state, view }: { readonly state: HomeAgentState; readonly view: TableView }) {
  const bindings = Object.keys(state.bindings.bindings).sort().flatMap((k) => state.bindings.bindings[k]!);
  const replay = Object.keys(state.replay.contexts).sort().map((k) => ({ home: k, ctx: state.replay.contexts[k]! }));
  const buReplay = Object.keys(state.routeOptimization.replay.contexts).sort().map((k) => ({ peer: k, ctx: state.routeOptimization.replay.contexts[k]! }));
  const ro = state.config.routeOptimization?.enabled === true;
  return (
    <>
      <p className="state-note">
        Route Optimization is <strong>{ro ? 'on' : 'off'}</strong>:{' '}
        {ro ? 'a datagram it tunnels makes it send the correspondent a Binding Update (Perkins & Johnson §3.3; optim-08 §3.1).' : 'it only tunnels, as in base Mobile IP (triangle routing, RFC 2002 §4.2).'}
      </p>
      <StateTable
        title="Mobility bindings"
        refText="RFC 2002 §3.8.1, §3.8.2.2"
        rows={bindings}
        rowKey={(b) => mobilityBindingKey(b.homeAddress, b.careOfAddress)}
        changed={(b) => changedIn(view, { table: 'mobility bindings', key: mobilityBindingKey(b.homeAddress, b.careOfAddress) })}
        empty="No mobile node is away: datagrams for home addresses are delivered on the home link."
        compact={view.compact}
        columns={[
          { header: 'Home address', cell: (b) => b.homeAddress },
          { header: 'Care-of address', cell: (b) => b.careOfAddress },
          { header: 'Lifetime', cell: (b) => <Lifetime expiresAt={b.expiresAt} grantedSeconds={b.lifetimeSeconds} /> },
          { header: 'Via FA', cell: (b) => b.registeringFa ?? 'co-located', secondary: true },
          { header: 'Flags', cell: flagsText, secondary: true },
          { header: 'Identification', cell: (b) => <code>{idText(b.identification)}</code>, secondary: true },
          { header: 'Registered', cell: (b) => timeText(b.registeredAt), secondary: true },
        ]}
      />
      <StateTable
        title="Registration replay state"
        refText="RFC 2002 §5.6"
        rows={replay}
        rowKey={(r) => r.home}
        changed={(r) => changedIn(view, { table: 'replay state', key: r.home })}
        empty="No Registration Request accepted yet."
        compact={view.compact}
        columns={[
          { header: 'Mobile node', cell: (r) => r.home },
          { header: 'Newest timestamp accepted', cell: (r) => <code>{idText(r.ctx.lastAccepted)}</code> },
          { header: 'Nonce issued', cell: (r) => (r.ctx.issuedNonce === null ? '—' : r.ctx.issuedNonce.toString(16).padStart(8, '0')), secondary: true },
        ]}
      />
      <RateLimiterTable limiter={state.routeOptimization.limiter} table="BU rate limiter" refText="Perkins & Johnson §3.3; optim-08 §7.1; lab choice" view={view} />
      <StateTable
        title="Binding Update Identification state"
        refText="Perkins & Johnson §3.3; optim-08 §4.3; lab choice"
        rows={buReplay}
        rowKey={(r) => r.peer}
        changed={(r) => changedIn(view, { table: 'BU sender replay state', key: r.peer })}
        empty="No Binding Update sent yet."
        compact={view.compact}
        columns={[
          { header: 'Correspondent', cell: (r) => r.peer },
          { header: 'Last timestamp sent', cell: (r) => <code>{idText(r.ctx.lastTimestamp)}</code> },
          { header: 'Nonce state', cell: (r) => (r.ctx.nonce === null ? 'none' : 'nonces in use'), secondary: true },
        ]}
      />
      <SecurityAssociations rows={tableRows(state.associations)} master={state.associations.masterKey} view={view} />
    </>
  );
}
