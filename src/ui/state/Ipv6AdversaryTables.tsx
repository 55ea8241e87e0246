import type { AdversaryV6State, OverheardBindingUpdate } from '../../engine/protocol/ipv6/adversary/adversary-v6-state';
import { timeText } from '../controls/time-text';
import { StateTable } from './StateTable';
import type { TableView } from './table-view';

// What the IPv6 adversary holds (Perkins & Johnson §10; RFC 6275 §15): the
// Binding Updates to correspondents it overheard (the newest is what a replay
// sends and a tampering starts from), and its scripted attacks.

function authText(o: OverheardBindingUpdate): string {
  if (o.ah !== null) return `AH, SPI ${o.ah.spi} #${o.ah.sequence}`;
  if (o.nonceIndices !== null) return `return routability (nonces ${o.nonceIndices.home}/${o.nonceIndices.careOf})`;
  return 'none';
}

export function Ipv6AdversaryTables({ state, view }: { readonly state: AdversaryV6State; readonly view: TableView }) {
  const rows = [...state.overheard].reverse();
  return (
    <>
      <StateTable<OverheardBindingUpdate>
        title="Binding Updates overheard (latest first)"
        refText="Perkins & Johnson §10; RFC 6275 §15.1"
        rows={rows}
        rowKey={(o) => `${o.at}:${o.homeAddress}:${o.sequence}`}
        empty="Nothing overheard yet: there is nothing to replay or tamper with."
        note={`${state.overheardCount} overheard in all; a replay sends the latest byte for byte.`}
        compact={view.compact}
        columns={[
          { header: 'At', cell: (o) => timeText(o.at) },
          { header: 'Binding', cell: (o) => `${o.homeAddress} → ${o.source}` },
          { header: 'To', cell: (o) => o.destination },
          { header: 'Authenticated by', cell: authText },
          { header: 'Sequence', cell: (o) => String(o.sequence), secondary: true },
          { header: 'Lifetime', cell: (o) => `${o.lifetimeS} s`, secondary: true },
        ]}
      />
      <section className="state-table" aria-label="The adversary's attacks">
        <h3>Attacks <span className="state-ref">RFC 6275 §15.1, §15.4; RFC 4302 §3.4</span></h3>
        <dl className="state-facts">
          <dt>Sent</dt><dd>{state.attempted}</dd>
          <dt>Not possible</dt><dd>{state.abandoned} (nothing overheard yet)</dd>
          <dt>Scripted</dt><dd>{state.config.attacks.map((a) => `${a.kind} at ${timeText(a.at)}`).join('; ') || 'none'}</dd>
        </dl>
      </section>
    </>
  );
}
