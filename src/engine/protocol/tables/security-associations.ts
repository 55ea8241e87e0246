// A node's mobility security associations, selected by (peer address, SPI)
// (rfc2002 §1.6, §3.5.1; base-mobile-ip.md §8.3), and the home agent's
// master-key mode (optim-08 App. A; route-optimization.md §13.2).
//
// Theory of operation. A receiver picks the MSA named by the message's SPI
// and the peer it claims to come from; a sender (e.g. a home agent about to
// send a Binding Update) asks for any MSA it shares with the destination, and
// sends nothing without one (OC-27). Entries are configured by the scenario
// or learned as registration keys (§14.4, §20 step 1); a learned key may carry
// an end time. A home agent with a master key has, in effect, an MSA with
// every node: when no explicit one exists, it derives the secret as
// MD5(addr ‖ master ‖ addr) (OC-35) whenever it needs it, storing nothing.

import { deriveNodeKey } from '../../crypto/master-key';
import {
  associationId, validateSecurityAssociation, type ReplayStyle, type SecurityAssociation, type SecurityAssociationError,
} from '../../crypto/security-association';
import type { AuthAlgorithm } from '../../crypto/authenticator';
import type { Ipv4Address } from '../../wire/address';
import {
  entryAt, hasExpired, sortedKeys, withEntry, withoutEntry,
  type Keyed, type Micros, type TableChange, type TableUpdate,
} from './table-change';

export type AssociationOrigin = 'configured' | 'registration-key';

export interface SecurityAssociationEntry {
  readonly association: SecurityAssociation;
  readonly origin: AssociationOrigin;
  readonly addedAt: Micros;
  /** null: lasts until removed (configured MSAs); a registration key may end with its registration. */
  readonly expiresAt: Micros | null;
}

/** The HA's master key and the parameters of every MSA derived from it (§13.2). */
export interface MasterKeyConfig {
  readonly key: Uint8Array;
  readonly spi: number;
  readonly algorithm: AuthAlgorithm;
  readonly replay: ReplayStyle;
}

export interface SecurityAssociationTable {
  /** Keyed by associationId(peer, SPI) = "peer#spi". */
  readonly entries: Keyed<SecurityAssociationEntry>;
  readonly masterKey: MasterKeyConfig | null;
}

export type SecurityAssociationChange = TableChange<SecurityAssociationEntry | MasterKeyConfig>;

export interface SecurityAssociationUpdate extends TableUpdate<SecurityAssociationTable, SecurityAssociationEntry | MasterKeyConfig> {
  /** Non-empty: the MSA was refused and the table is unchanged. */
  readonly errors: readonly SecurityAssociationError[];
}

export const EMPTY_SECURITY_ASSOCIATIONS: SecurityAssociationTable = { entries: {}, masterKey: null };

export interface AddOptions {
  readonly origin?: AssociationOrigin;
  readonly expiresAt?: Micros | null;
  readonly ref?: string;
}

/** Adds (or replaces) the MSA named by (peer, SPI) after checking it (crypto/security-association.ts). */
export function addSecurityAssociation(table: SecurityAssociationTable, sa: SecurityAssociation, now: Micros, options: AddOptions = {}): SecurityAssociationUpdate {
  const errors = validateSecurityAssociation(sa);
  if (errors.length > 0) return { table, changes: [], errors };
  const origin = options.origin ?? 'configured';
  const ref = options.ref ?? (origin === 'configured' ? 'rfc2002 §1.6; base §8.3' : 'route-optimization.md §14.4');
  const id = associationId(sa.peer, sa.spi);
  const before = entryAt(table.entries, id);
  const after: SecurityAssociationEntry = { association: sa, origin, addedAt: now, expiresAt: options.expiresAt ?? null };
  const change: SecurityAssociationChange = before === undefined
    ? { kind: 'added', key: id, after, ref, reason: `${origin === 'configured' ? 'MSA' : 'registration key'} with ${sa.peer}, SPI ${sa.spi} (${sa.algorithm}, ${sa.replay})` }
    : { kind: 'updated', key: id, before, after, ref, reason: `MSA with ${sa.peer}, SPI ${sa.spi} replaced` };
  return { table: { ...table, entries: withEntry(table.entries, id, after) }, changes: [change], errors: [] };
}

export function removeSecurityAssociation(table: SecurityAssociationTable, peer: Ipv4Address, spi: number, ref: string, reason?: string): TableUpdate<SecurityAssociationTable, SecurityAssociationEntry> {
  const id = associationId(peer, spi);
  const before = entryAt(table.entries, id);
  if (before === undefined) return { table, changes: [] };
  const change: TableChange<SecurityAssociationEntry> = { kind: 'removed', key: id, before, ref, ...(reason === undefined ? {} : { reason }) };
  return { table: { ...table, entries: withoutEntry(table.entries, id) }, changes: [change] };
}

/** Turns the HA's master-key mode on (or off, with null) (route-optimization.md §13.2). */
export function setMasterKey(table: SecurityAssociationTable, master: MasterKeyConfig | null): SecurityAssociationUpdate {
  const ref = 'optim-08 App. A; route-optimization.md §13.2';
  if (master !== null) {
    // Checked as the MSA it will produce; the peer is a placeholder, any address would do.
    const errors = validateSecurityAssociation({ ...master, peer: '0.0.0.0' }).filter((e) => e.field !== 'peer');
    if (errors.length > 0) return { table, changes: [], errors };
  }
  const before = table.masterKey;
  if (before === null && master === null) return { table, changes: [], errors: [] };
  const change: SecurityAssociationChange = master === null
    ? { kind: 'removed', key: 'master key', before: before!, ref }
    : before === null
      ? { kind: 'added', key: 'master key', after: master, ref, reason: `MSAs with any node derived on demand, SPI ${master.spi} (OC-35)` }
      : { kind: 'updated', key: 'master key', before, after: master, ref };
  return { table: { ...table, masterKey: master }, changes: [change], errors: [] };
}

/** The MSA the master key yields for `peer`: key = MD5(addr ‖ master ‖ addr) (OC-35). */
export function masterKeyAssociation(master: MasterKeyConfig, peer: Ipv4Address): SecurityAssociation {
  return { spi: master.spi, peer, algorithm: master.algorithm, key: deriveNodeKey(master.key, peer), replay: master.replay };
}

export type AssociationSource = AssociationOrigin | 'master-key';

export interface FoundAssociation {
  readonly association: SecurityAssociation;
  readonly source: AssociationSource;
}

function live(table: SecurityAssociationTable, id: string, now: Micros): SecurityAssociationEntry | null {
  const e = entryAt(table.entries, id);
  return e === undefined || hasExpired(e.expiresAt, now) ? null : e;
}

/**
 * Receiver's lookup by (peer, SPI) (base §8.3): an explicit MSA first; else,
 * at a HA in master-key mode, the derived one if the SPI is the master key's.
 */
export function findSecurityAssociation(table: SecurityAssociationTable, peer: Ipv4Address, spi: number, now: Micros): FoundAssociation | null {
  const e = live(table, associationId(peer, spi), now);
  if (e !== null) return { association: e.association, source: e.origin };
  if (table.masterKey !== null && table.masterKey.spi === spi) return { association: masterKeyAssociation(table.masterKey, peer), source: 'master-key' };
  return null;
}

/**
 * Sender's choice: an MSA shared with `peer` (OC-27: no MSA, no Binding
 * Update). Several explicit ones → the lowest SPI, so the choice is stable;
 * none → the master-key-derived one, if any.
 */
export function associationWithPeer(table: SecurityAssociationTable, peer: Ipv4Address, now: Micros): FoundAssociation | null {
  let best: SecurityAssociationEntry | null = null;
  for (const k of Object.keys(table.entries)) {
    const e = live(table, k, now);
    if (e !== null && e.association.peer === peer && (best === null || e.association.spi < best.association.spi)) best = e;
  }
  if (best !== null) return { association: best.association, source: best.origin };
  return table.masterKey === null ? null : { association: masterKeyAssociation(table.masterKey, peer), source: 'master-key' };
}

/** Drops learned keys whose registration ended. */
export function expireSecurityAssociations(table: SecurityAssociationTable, now: Micros): TableUpdate<SecurityAssociationTable, SecurityAssociationEntry> {
  const gone = sortedKeys(table.entries).filter((k) => hasExpired(table.entries[k]!.expiresAt, now));
  if (gone.length === 0) return { table, changes: [] };
  let entries = table.entries;
  for (const k of gone) entries = withoutEntry(entries, k);
  return {
    table: { ...table, entries },
    changes: gone.map((k) => ({ kind: 'expired', key: k, before: table.entries[k]!, ref: 'route-optimization.md §14.4, §20 step 1', reason: 'the registration this key belonged to has ended' })),
  };
}

/** Entries in (peer, SPI) key order, for state panels. */
export function securityAssociationEntries(table: SecurityAssociationTable): SecurityAssociationEntry[] {
  return sortedKeys(table.entries).map((k) => table.entries[k]!);
}
