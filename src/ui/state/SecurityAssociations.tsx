import type { SecurityAssociation } from '../../engine/crypto/security-association';
import type { Micros } from '../../engine/node/time';
import type { MasterKeyConfig, SecurityAssociationTable } from '../../engine/protocol/tables/security-associations';
import { SecretKey } from '../keys/SecretKey';
import { Lifetime } from './Lifetime';
import { StateTable } from './StateTable';
import type { TableView } from './table-view';

// Mobility security associations, selected by (peer, SPI) (RFC 2002 §1.6,
// §3.5.1; RFC 2002 §3.5.2–§3.5.4): SPI, peer, algorithm and replay style in
// the clear, the key as a fingerprint until the learner asks for it.

export interface AssociationRow {
  readonly association: SecurityAssociation;
  /** "configured", "registration key", "held key (method 5)", … */
  readonly origin: string;
  readonly expiresAt: Micros | null;
}

export function tableRows(table: SecurityAssociationTable): AssociationRow[] {
  return Object.keys(table.entries).sort().map((k) => {
    const e = table.entries[k]!;
    return { association: e.association, origin: e.origin === 'configured' ? 'configured' : 'registration key', expiresAt: e.expiresAt };
  });
}

export function SecurityAssociations({ rows, master = null, view }: { readonly rows: readonly AssociationRow[]; readonly master?: MasterKeyConfig | null; readonly view: TableView }) {
  return (
    <>
      <StateTable
        title="Security associations"
        refText="RFC 2002 §1.6, §3.5.1, §3.5.2–§3.5.4"
        rows={rows}
        rowKey={(r) => `${r.association.peer}#${r.association.spi}`}
        empty="None: this node can authenticate nobody's messages, and sends nothing that needs an authenticator (lab choice, Perkins & Johnson §5)."
        compact={view.compact}
        columns={[
          { header: 'Peer', cell: (r) => r.association.peer },
          { header: 'SPI', cell: (r) => r.association.spi },
          { header: 'Algorithm', cell: (r) => r.association.algorithm },
          { header: 'Replay', cell: (r) => r.association.replay },
          { header: 'Origin', cell: (r) => r.origin, secondary: true },
          { header: 'Key', cell: (r) => <SecretKey value={r.association.key} label={`SA with ${r.association.peer}, SPI ${r.association.spi}`} /> },
          { header: 'Lifetime', cell: (r) => <Lifetime expiresAt={r.expiresAt} />, secondary: true },
        ]}
      />
      {master === null ? null : (
        <p className="state-note">
          Master key (Perkins & Johnson §5; optim-08 App. A): each peer handed its derived key
          ({[...new Set(Object.values(master.peers))].join(', ') || 'none'}) shares MD5(address ‖ master ‖ address), SPI {master.spi}, {master.algorithm}, {master.replay} — master{' '}
          <SecretKey value={master.key} label="the master key" />
        </p>
      )}
    </>
  );
}
