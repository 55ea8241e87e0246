import type { Ipv6BindingEntry } from '../../engine/protocol/ipv6/cn/binding-cache-v6';
import { ipv6BindingEntries, ipv6RefreshPoint } from '../../engine/protocol/ipv6/cn/binding-cache-v6';
import type { CorrespondentV6State, RefusedBindingUpdate } from '../../engine/protocol/ipv6/cn/correspondent-v6-state';
import { MAX_NONCE_LIFETIME_SECONDS, type IssuedNonce } from '../../engine/protocol/ipv6/cn/nonce-schedule';
import { bindingAckStatusText } from '../../engine/wire/ipv6/mobility-status';
import { timeText } from '../controls/time-text';
import { AhAssociationsTable } from './Ipv6AgentTables';
import { Countdown, Lifetime } from './Lifetime';
import { StateTable } from './StateTable';
import { changedIn, type TableView } from './table-view';

// What the IPv6 correspondent holds (Perkins & Johnson §10; RFC 6275 §9; RFC 6275
// §9): its binding cache — home address, care-of address, how the Binding Update
// was authenticated, when a Binding Refresh Request is due — the nonces it
// answers Home and Care-of Test Inits with (Kcn itself is never shown), the
// Binding Updates it refused lately with the reason, and its AH associations.

function authText(e: Ipv6BindingEntry): string {
  return e.authorization.kind === 'ipsec' ? `AH, SPI ${e.authorization.spi}` : `return routability (nonces ${e.authorization.homeNonceIndex}/${e.authorization.careOfNonceIndex})`;
}

function BindingCache({ state, view }: { readonly state: CorrespondentV6State; readonly view: TableView }) {
  return (
    <StateTable<Ipv6BindingEntry>
      title="Binding cache"
      refText="Perkins & Johnson §10; RFC 6275 §9.1, §9.5.2"
      rows={ipv6BindingEntries(state.cache)}
      rowKey={(e) => e.homeAddress}
      changed={(e) => changedIn(view, { table: 'binding cache', key: e.homeAddress })}
      empty="Empty: no Binding Update accepted, so datagrams for mobile nodes go to their home addresses and the home agent tunnels them."
      note={`At most ${state.cache.capacity} entries; the least recently used makes room.`}
      compact={view.compact}
      columns={[
        { header: 'Home address', cell: (e) => e.homeAddress },
        { header: 'Care-of address', cell: (e) => e.careOfAddress },
        { header: 'Lifetime', cell: (e) => <Lifetime expiresAt={e.expiresAt} grantedSeconds={e.lifetimeSeconds} /> },
        { header: 'Authenticated by', cell: authText },
        { header: 'Sequence', cell: (e) => String(e.sequence), secondary: true },
        { header: 'Refresh Request', cell: (e) => (e.refreshRequestedAt !== null && e.refreshRequestedAt >= ipv6RefreshPoint(e) ? `sent at ${timeText(e.refreshRequestedAt)}` : <Countdown at={ipv6RefreshPoint(e)} due="due if used" />), secondary: true },
        { header: 'Last used', cell: (e) => (e.lastUsedAt === null ? 'never' : timeText(e.lastUsedAt)), secondary: true },
      ]}
    />
  );
}

function Nonces({ state, view }: { readonly state: CorrespondentV6State; readonly view: TableView }) {
  return (
    <StateTable<IssuedNonce>
      title="Return-routability nonces"
      refText="RFC 6275 §5.2.2, §12"
      rows={state.nonces.nonces}
      rowKey={(n) => String(n.index)}
      changed={(n) => changedIn(view, { table: 'nonces', key: `#${n.index}` })}
      empty={state.config.returnRoutability ? 'None yet: a nonce is made when a Home or Care-of Test Init needs one.' : 'Return routability is off here: Binding Updates must come under AH.'}
      note={`A new nonce every 30 s, honoured for ${MAX_NONCE_LIFETIME_SECONDS} s; with the secret Kcn it makes the keygen tokens.`}
      compact={view.compact}
      columns={[
        { header: 'Nonce index', cell: (n) => String(n.index) },
        { header: 'Made', cell: (n) => timeText(n.madeAt) },
        { header: 'Honoured', cell: (n) => <Countdown at={n.madeAt + MAX_NONCE_LIFETIME_SECONDS * 1_000_000} due="no longer" /> },
      ]}
    />
  );
}

function Refused({ state, view }: { readonly state: CorrespondentV6State; readonly view: TableView }) {
  const rows = [...state.refused].reverse();
  return (
    <StateTable<RefusedBindingUpdate>
      title="Binding Updates refused (latest first)"
      refText="RFC 6275 §9.5.1; RFC 4302 §3.4"
      rows={rows}
      rowKey={(r) => `${r.at}:${r.homeAddress}:${r.sequence}`}
      empty="None refused."
      compact={view.compact}
      columns={[
        { header: 'At', cell: (r) => timeText(r.at) },
        { header: 'For', cell: (r) => `${r.homeAddress} → ${r.careOfAddress}` },
        { header: 'Answer', cell: (r) => (r.status === null ? 'none (discarded)' : `BA ${bindingAckStatusText(r.status)}`) },
        { header: 'Why', cell: (r) => r.reason, secondary: true },
      ]}
    />
  );
}

export function Ipv6CorrespondentTables({ state, view }: { readonly state: CorrespondentV6State; readonly view: TableView }) {
  if (!state.config.routeOptimization) {
    return (
      <p className="state-note">
        Route optimization is <strong>off</strong>: this correspondent does not process the Mobility Header — a Binding Update gets an ICMPv6
        Parameter Problem (RFC 6275 §9.2) — and keeps no binding cache, so its datagrams go to the home address and the home agent tunnels them.
      </p>
    );
  }
  return (
    <>
      <BindingCache state={state} view={view} />
      <Nonces state={state} view={view} />
      <Refused state={state} view={view} />
      <AhAssociationsTable state={state} view={view} />
    </>
  );
}
