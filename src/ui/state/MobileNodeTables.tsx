import type { SecurityAssociation } from '../../engine/crypto/security-association';
import type { MobileNodeState } from '../../engine/protocol/nodes/mn/mobile-node-state';
import { KEY_METHOD_NAMES } from '../../engine/protocol/keys';
import { SecretKey } from '../keys/SecretKey';
import { timeText } from '../controls/time-text';
import { useLab } from '../store/lab-store';
import { CHANGE_HIGHLIGHT_MICROS } from './recent-changes';
import { Countdown, Lifetime } from './Lifetime';
import { SecurityAssociations, type AssociationRow } from './SecurityAssociations';
import { StateTable } from './StateTable';
import { changedIn, idText, type TableView } from './table-view';

// What a mobile node holds (RFC 2002 §3.6;
// Perkins & Johnson §4.1): the registration in force (which foreign agent,
// which care-of address, how long), the Request in flight, the agents it
// hears, the smooth-handoff Binding Updates awaiting their acknowledgement and
// the keys it shares with foreign agents.

function Registration({ state }: { readonly state: MobileNodeState }) {
  const now = useLab((s) => s.now);
  const r = state.registration;
  // The lifetime is counted from when the Request was sent (RFC 2002 §3.6.2): the registration is that recent.
  const since = r === null ? null : r.expiresAt - r.grantedLifetime * 1_000_000;
  const fresh = since !== null && now >= since && now - since <= CHANGE_HIGHLIGHT_MICROS;
  return (
    <section className={`state-table${fresh ? ' state-row-changed' : ''}`} aria-label="Registration" data-changed={fresh ? 'true' : undefined}>
      <h3>Registration <span className="state-ref">RFC 2002 §3.6, §3.6.2</span>{fresh ? <span className="state-changed-badge"> changed</span> : null}</h3>
      <dl className="state-facts">
        <dt>Home address</dt><dd>{state.config.homeAddress} (home agent {state.homeAgent})</dd>
        {r === null || r.target.deregistration ? (
          <><dt>Where</dt><dd>{state.atHome ? 'at home: no binding needed, datagrams arrive on the home link' : 'not registered'}</dd></>
        ) : (
          <>
            <dt>Current foreign agent</dt><dd>{r.target.agent}</dd>
            <dt>Care-of address</dt><dd>{r.target.careOfAddress}</dd>
            <dt>Lifetime</dt><dd><Lifetime expiresAt={r.expiresAt} grantedSeconds={r.grantedLifetime} /></dd>
            <dt>Renews</dt><dd><Countdown at={r.renewAt} /></dd>
          </>
        )}
        {state.pending === null ? null : (
          <>
            <dt>Request in flight</dt>
            <dd>
              to {state.pending.target.agent}{state.pending.target.deregistration ? ' (deregistration)' : ''}, Lifetime {state.pending.lifetime} s,
              sent {timeText(state.pending.sentAt)}, {state.pending.retransmissions} retransmission{state.pending.retransmissions === 1 ? '' : 's'}
              {state.pending.key === null ? '' : `; key asked: ${state.pending.key.requested}`}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

const FLAG_NAMES = [['homeAgent', 'H'], ['foreignAgent', 'F'], ['smoothHandoff', 'S'], ['minimalEncapsulation', 'M'], ['gre', 'G'], ['busy', 'B']] as const;

export function MobileNodeTables({ state, view }: { readonly state: MobileNodeState; readonly view: TableView }) {
  const pendingBus = Object.keys(state.pendingBindingUpdates.entries).sort().map((k) => state.pendingBindingUpdates.entries[k]!);
  const configured = (sa: SecurityAssociation, what: string): AssociationRow => ({ association: sa, origin: what, expiresAt: null });
  const associations = [configured(state.config.homeAgentAssociation, 'configured (home agent)'), ...state.config.foreignAgentAssociations.map((sa) => configured(sa, 'configured (foreign agent)'))];
  return (
    <>
      <Registration state={state} />
      <StateTable
        title="Agents heard"
        refText="RFC 2002 §2.4"
        rows={state.listener.agents}
        rowKey={(a) => a.address}
        changed={(a) => changedIn(view, { table: 'agent table', key: a.address })}
        empty="No Agent Advertisement heard yet."
        compact={view.compact}
        columns={[
          { header: 'Agent', cell: (a) => `${a.address}${state.listener.current === a.address ? ' (current)' : ''}` },
          { header: 'Flags', cell: (a) => FLAG_NAMES.filter(([k]) => a.flags[k]).map(([, l]) => l).join(' ') || 'none', secondary: true },
          { header: 'Care-of addresses', cell: (a) => a.careOfAddresses.join(', ') || '—', secondary: true },
          { header: 'Advertisement valid', cell: (a) => <Lifetime expiresAt={a.expiresAt} grantedSeconds={a.icmpLifetime} /> },
        ]}
      />
      <StateTable
        title="Pending Binding Updates"
        refText="Perkins & Johnson §4.1; optim-08 §3.2; lab choice"
        rows={pendingBus}
        rowKey={(p) => p.previousFa}
        changed={(p) => changedIn(view, { table: 'pending Binding Updates', key: p.previousFa })}
        empty="None: no smooth-handoff Binding Update is waiting for its Binding Acknowledge."
        compact={view.compact}
        columns={[
          { header: 'Previous FA', cell: (p) => p.previousFa },
          { header: 'New care-of address', cell: (p) => p.newCareOfAddress },
          { header: 'Identification', cell: (p) => <code>{idText(p.identification)}</code>, secondary: true },
          { header: 'Next retransmission', cell: (p) => <>{<Countdown at={p.nextRetransmitAt} />} (timeout {p.timeoutSeconds} s)</> },
          { header: 'Gives up', cell: (p) => <Lifetime expiresAt={p.giveUpAt} />, secondary: true },
          { header: 'Retransmissions', cell: (p) => p.retransmissions, secondary: true },
        ]}
      />
      <StateTable
        title="Keys shared with foreign agents"
        refText="Perkins & Johnson §9.1, §9.2"
        rows={state.foreignAgentKeys}
        rowKey={(k) => k.faAddress}
        empty="None yet: a key is established when an agent that advertises S accepts a registration."
        compact={view.compact}
        columns={[
          { header: 'Foreign agent', cell: (k) => k.faAddress },
          { header: 'SPI', cell: (k) => k.association.spi },
          { header: 'Method', cell: (k) => `${k.method}: ${KEY_METHOD_NAMES[k.method]}`, secondary: true },
          { header: 'Key', cell: (k) => <SecretKey value={k.association.key} label={`key shared with ${k.faAddress}`} /> },
        ]}
      />
      <SecurityAssociations rows={associations} view={view} />
    </>
  );
}
