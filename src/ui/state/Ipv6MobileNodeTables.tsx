import { bindingUpdateListEntries, type BindingUpdateListEntry } from '../../engine/protocol/ipv6/mn/binding-update-list';
import type { MobileNodeV6State, ReturnRoutabilityEntry } from '../../engine/protocol/ipv6/mn/mobile-node-v6-state';
import { MAX_TOKEN_LIFETIME_US } from '../../engine/protocol/ipv6/mn/return-routability-client';
import { entryAt } from '../../engine/keyed';
import { timeText } from '../controls/time-text';
import { Countdown, Lifetime } from './Lifetime';
import { StateTable } from './StateTable';
import { changedIn, tableChangedIn, type TableView } from './table-view';

// What the IPv6 mobile node holds (Perkins & Johnson §10; RFC 6275 §11; RFC 6275
// §11): where it is attached — default router, prefix, care-of address, the
// previous care-of address it still accepts — its home registration, its
// Binding Update List (RFC 6275 §11.1), the return-routability tokens it holds
// per correspondent, and its AH associations (keys are never shown).

const KIND_TEXT: Readonly<Record<BindingUpdateListEntry['kind'], string>> = {
  'home-agent': 'home agent',
  correspondent: 'correspondent',
  'previous-router': 'previous router (smooth handoff)',
};

function Attachment({ state, view }: { readonly state: MobileNodeV6State; readonly view: TableView }) {
  const a = state.attachment;
  const h = state.home;
  const fresh = tableChangedIn(view, 'attachment');
  return (
    <section className={`state-table${fresh ? ' state-row-changed' : ''}`} aria-label="Attachment and home registration" data-changed={fresh ? 'true' : undefined}>
      <h3>Attachment and home registration <span className="state-ref">RFC 4861 §6.3.4; RFC 6275 §11.5.1, §11.7.1</span>{fresh ? <span className="state-changed-badge"> changed</span> : null}</h3>
      <dl className="state-facts">
        <dt>Home address</dt><dd>{state.config.homeAddress} (home agent {state.config.homeAgentAddress})</dd>
        <dt>Where</dt>
        <dd>{a === null ? 'no Router Advertisement heard yet' : state.atHome ? `at home, default router ${a.router}` : `away, default router ${a.router} (prefix ${a.prefix.network}/${a.prefix.prefixLength})`}</dd>
        {a === null || state.atHome ? null : <><dt>Care-of address</dt><dd>{a.careOfAddress}</dd></>}
        {state.previous === null || state.previous.careOfAddress === state.config.homeAddress ? null : (
          <><dt>Previous care-of address</dt><dd>{state.previous.careOfAddress} (still accepted; previous router {state.previous.routerGlobal ?? state.previous.router})</dd></>
        )}
        <dt>Home registration</dt>
        <dd>
          {h.phase === 'none' ? (state.atHome ? 'none needed at home' : 'none') : null}
          {h.phase === 'registering' ? `Binding Update #${h.sequence} sent at ${timeText(h.sentAt ?? 0)}, awaiting its acknowledgement (${h.retransmissions} retransmission${h.retransmissions === 1 ? '' : 's'})` : null}
          {h.phase === 'deregistering' ? `deregistration #${h.sequence} sent at ${timeText(h.sentAt ?? 0)}, awaiting its acknowledgement` : null}
          {h.phase === 'registered' ? <>registered at {h.careOfAddress}, <Lifetime expiresAt={h.expiresAt} grantedSeconds={h.grantedLifetimeS ?? undefined} /></> : null}
        </dd>
        {h.lastRefusal === null ? null : <><dt>Last refusal</dt><dd>{h.lastRefusal}</dd></>}
        <dt>Correspondents</dt>
        <dd>
          {!state.config.routeOptimization ? 'route optimization off: no Binding Updates to correspondents'
            : state.config.correspondentAuthentication === 'ipsec' ? 'Binding Updates authenticated with AH (configured associations)' : 'Binding Updates authorized by return routability'}
          {state.noMobilitySupport.length === 0 ? '' : `; no Mobility Header support at ${state.noMobilitySupport.join(', ')}`}
        </dd>
      </dl>
    </section>
  );
}

function acknowledgedText(e: BindingUpdateListEntry): string {
  if (e.refusal !== null) return e.refusal;
  return e.acknowledgedAt === null ? `not yet${e.retransmissions > 0 ? ` (${e.retransmissions} resent)` : ''}` : `at ${timeText(e.acknowledgedAt)}`;
}

function BindingUpdateList({ state, view }: { readonly state: MobileNodeV6State; readonly view: TableView }) {
  return (
    <StateTable<BindingUpdateListEntry>
      title="Binding Update List"
      refText="RFC 6275 §11.1"
      rows={bindingUpdateListEntries(state.bindingUpdateList)}
      rowKey={(e) => e.destination}
      changed={(e) => changedIn(view, { table: 'Binding Update List', key: e.destination })}
      empty={state.atHome ? 'Empty: at home no node holds a binding for it.' : 'Empty: no Binding Update sent yet.'}
      note="One entry per node it sent a Binding Update to. At most one per second to a correspondent, one per 10 s after five in a row (mipv6-07 §10.9–§11)."
      compact={view.compact}
      columns={[
        { header: 'Sent to', cell: (e) => `${e.destination} (${KIND_TEXT[e.kind]})` },
        { header: 'Binding', cell: (e) => (e.lifetimeS === 0 ? `${e.homeAddress}: delete` : `${e.homeAddress} → ${e.careOfAddress}`) },
        { header: 'Lifetime', cell: (e) => (e.lifetimeS === 0 ? '0 (deletion)' : <Lifetime expiresAt={e.expiresAt} grantedSeconds={e.grantedLifetimeS ?? e.lifetimeS} />) },
        { header: 'Acknowledged', cell: acknowledgedText },
        { header: 'Sequence', cell: (e) => String(e.sequence), secondary: true },
        { header: 'Sent', cell: (e) => timeText(e.sentAt), secondary: true },
        { header: 'Authentication', cell: (e) => (e.authentication === 'ipsec' ? 'AH' : 'return routability'), secondary: true },
        { header: 'More updates', cell: (e) => (e.sending ? 'yes' : 'no'), secondary: true },
      ]}
    />
  );
}

function tokenText(token: string | null, at: number | null, index: number | null) {
  if (token === null || at === null) return 'waiting for the test';
  return <>nonce {index}, usable <Countdown at={at + MAX_TOKEN_LIFETIME_US} due="no longer (older than 210 s)" /></>;
}

function ReturnRoutability({ state, view }: { readonly state: MobileNodeV6State; readonly view: TableView }) {
  const rows = Object.keys(state.returnRoutability).sort().map((k) => state.returnRoutability[k]!);
  if (state.config.correspondentAuthentication !== 'return-routability' && rows.length === 0) return null;
  return (
    <StateTable<ReturnRoutabilityEntry>
      title="Return-routability tokens"
      refText="RFC 6275 §5.2.5, §11.6"
      rows={rows}
      rowKey={(e) => e.correspondent}
      empty="None yet: the tests run when a correspondent first needs a Binding Update."
      note="The keygen tokens themselves stay secret; a token is used for at most 210 s."
      compact={view.compact}
      columns={[
        { header: 'Correspondent', cell: (e) => e.correspondent },
        { header: 'Home token', cell: (e) => tokenText(e.homeToken, e.homeTokenAt, e.homeNonceIndex) },
        { header: 'Care-of token', cell: (e) => tokenText(e.careOfToken, e.careOfTokenAt, e.careOfNonceIndex) },
        { header: 'Binding Update', cell: (e) => (e.bindingPending ? 'waits for the tokens' : 'sent'), secondary: true },
      ]}
    />
  );
}

interface AssociationRow { readonly spi: number; readonly peer: string; readonly addresses: string; readonly nextOut: number }

function Associations({ state, view }: { readonly state: MobileNodeV6State; readonly view: TableView }) {
  const rows: AssociationRow[] = state.config.associations.map((a) => ({
    spi: a.spi, peer: a.peer, addresses: a.peerAddresses.join(', ') || '—', nextOut: (entryAt(state.ahSequence, String(a.spi)) ?? 0) + 1,
  }));
  return (
    <StateTable<AssociationRow>
      title="AH security associations"
      refText="RFC 4302 §3.3.2; RFC 2403"
      rows={rows}
      rowKey={(r) => String(r.spi)}
      empty="No security association configured: it cannot register with its home agent."
      compact={view.compact}
      columns={[
        { header: 'SPI', cell: (r) => String(r.spi) },
        { header: 'With', cell: (r) => r.peer },
        { header: 'Next sequence sent', cell: (r) => String(r.nextOut) },
        { header: 'Peer addresses', cell: (r) => r.addresses, secondary: true },
      ]}
    />
  );
}

export function Ipv6MobileNodeTables({ state, view }: { readonly state: MobileNodeV6State; readonly view: TableView }) {
  return (
    <>
      <Attachment state={state} view={view} />
      <BindingUpdateList state={state} view={view} />
      <ReturnRoutability state={state} view={view} />
      <Associations state={state} view={view} />
    </>
  );
}
