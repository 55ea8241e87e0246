// A node's mobility security associations, selected by (peer address, SPI)
// (RFC 2002 §1.6, §3.5.1, §3.5.2–§3.5.4), and the home agent's
// master-key mode (optim-08 App. A; Perkins & Johnson §5).
//
// Theory of operation. A receiver picks the MSA named by the message's SPI
// and the peer it claims to come from; a sender (e.g. a home agent about to
// send a Binding Update) asks for any MSA it shares with the destination, and
// sends nothing without one (OC-27). Entries are configured by the scenario
// or learned as registration keys (Perkins & Johnson §9.1, §9.2); a learned key may carry
// an end time. A home agent with a master key (Perkins & Johnson §5; optim-08
// App. A) stores one secret instead of one per peer: for a peer whose
// administrator was handed its derived key it computes MD5(addr ‖ master ‖
// addr) (OC-35) whenever it needs the MSA, storing nothing. The master key
// stands for those hand-outs only: a node that was never given a derived key
// (a foreign agent the HA has no relationship with) shares no MSA with the HA,
// or the HA would demand authenticators that node cannot compute.

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

/** The HA's master key and the parameters of every MSA derived from it (Perkins & Johnson §5). */
export interface MasterKeyConfig {
  readonly key: Uint8Array;
  readonly spi: number;
  readonly algorithm: AuthAlgorithm;
  readonly replay: ReplayStyle;
  /**
   * The peers whose administrators were handed a derived key: each address
   * such a peer may use, mapped to the address its key was derived for (a
   * foreign agent relays from one address and is known by another, yet holds
   * one key). An address not listed shares nothing with the HA.
   */
  readonly peers: Readonly<Record<Ipv4Address, Ipv4Address>>;
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
  const ref = options.ref ?? (origin === 'configured' ? 'RFC 2002 §1.6, §3.5.2–§3.5.4' : 'Perkins & Johnson §9.1, §9.2');
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

/** Turns the HA's master-key mode on (or off, with null) (Perkins & Johnson §5; optim-08 App. A). */
export function setMasterKey(table: SecurityAssociationTable, master: MasterKeyConfig | null): SecurityAssociationUpdate {
  const ref = 'optim-08 App. A; Perkins & Johnson §5';
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
      ? { kind: 'added', key: 'master key', after: master, ref, reason: `MSAs derived on demand, SPI ${master.spi}, for the peers handed a key: ${[...new Set(Object.values(master.peers))].join(', ') || 'none'} (lab choice, Perkins & Johnson §5)` }
      : { kind: 'updated', key: 'master key', before, after: master, ref };
  return { table: { ...table, masterKey: master }, changes: [change], errors: [] };
}

/**
 * The MSA the master key yields for `peer`: key = MD5(addr ‖ master ‖ addr)
 * (OC-35), addr = the address the peer's key was derived for; null for a peer
 * that was handed no key.
 */
export function masterKeyAssociation(master: MasterKeyConfig, peer: Ipv4Address): SecurityAssociation | null {
  const derivedFor = Object.hasOwn(master.peers, peer) ? master.peers[peer] : undefined;
  if (derivedFor === undefined) return null;
  return { spi: master.spi, peer, algorithm: master.algorithm, key: deriveNodeKey(master.key, derivedFor), replay: master.replay };
}

function derived(master: MasterKeyConfig | null, peer: Ipv4Address): FoundAssociation | null {
  const association = master === null ? null : masterKeyAssociation(master, peer);
  return association === null ? null : { association, source: 'master-key' };
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
 * Receiver's lookup by (peer, SPI) (RFC 2002 §3.5.2–§3.5.4): an explicit MSA first; else,
 * at a HA in master-key mode, the derived one if the SPI is the master key's
 * and the peer was handed its key.
 */
export function findSecurityAssociation(table: SecurityAssociationTable, peer: Ipv4Address, spi: number, now: Micros): FoundAssociation | null {
  const e = live(table, associationId(peer, spi), now);
  if (e !== null) return { association: e.association, source: e.origin };
  return table.masterKey !== null && table.masterKey.spi === spi ? derived(table.masterKey, peer) : null;
}

/**
 * Sender's choice: an MSA shared with `peer` (OC-27: no MSA, no Binding
 * Update). Several explicit ones → the lowest SPI, so the choice is stable;
 * none → the master-key-derived one, if the peer was handed its key.
 */
export function associationWithPeer(table: SecurityAssociationTable, peer: Ipv4Address, now: Micros): FoundAssociation | null {
  let best: SecurityAssociationEntry | null = null;
  for (const k of Object.keys(table.entries)) {
    const e = live(table, k, now);
    if (e !== null && e.association.peer === peer && (best === null || e.association.spi < best.association.spi)) best = e;
  }
  if (best !== null) return { association: best.association, source: best.origin };
  return derived(table.masterKey, peer);
}

/** Drops learned keys whose registration ended. */
export function expireSecurityAssociations(table: SecurityAssociationTable, now: Micros): TableUpdate<SecurityAssociationTable, SecurityAssociationEntry> {
  const gone = sortedKeys(table.entries).filter((k) => hasExpired(table.entries[k]!.expiresAt, now));
  if (gone.length === 0) return { table, changes: [] };
  let entries = table.entries;
  for (const k of gone) entries = withoutEntry(entries, k);
  return {
    table: { ...table, entries },
    changes: gone.map((k) => ({ kind: 'expired', key: k, before: table.entries[k]!, ref: 'Perkins & Johnson §9.1, §9.2', reason: 'the registration this key belonged to has ended' })),
  };
}

/** Entries in (peer, SPI) key order, for state panels. */
export function securityAssociationEntries(table: SecurityAssociationTable): SecurityAssociationEntry[] {
  return sortedKeys(table.entries).map((k) => table.entries[k]!);
}
