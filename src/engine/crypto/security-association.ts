// A mobility security association (MSA): what two nodes share so one can
// authenticate the other's messages (RFC 2002 §1.6, §3.5.1, §3.5.2–§3.5.4, §5.6). A receiver selects it by (peer address, SPI); the SPI then fixes
// the algorithm, the key and the replay-protection style.
//
// The record is plain data (structured-cloneable) so node state that holds
// MSAs snapshots and restores like everything else.

import { isIpv4Address, type Ipv4Address } from '../wire/address';
import { AUTH_ALGORITHMS, type AuthAlgorithm } from './authenticator';

/** Replay protection of the MSA (RFC 2002 §5.6; OC-28 default for BUs). */
export type ReplayStyle = 'timestamp' | 'nonce';

export const REPLAY_STYLES: readonly ReplayStyle[] = ['timestamp', 'nonce'];

/** SPIs 0..255 are reserved and never name an MSA (RFC 2002 §1.6, optim-08 §2; docs/protocol-notes.md §Numbers). */
export const MIN_SPI = 256;
export const MAX_SPI = 0xffffffff;
/**
 * Hard limit on key size (our limit, not the spec's): HMAC hashes a key
 * longer than 64 octets anyway, and keyed-MD5 hashes it twice per message,
 * so a huge configured key is only a way to make every check slow.
 */
export const MAX_KEY_LENGTH = 255;

export interface SecurityAssociation {
  readonly spi: number;
  /** The other end: the node whose messages this MSA authenticates. */
  readonly peer: Ipv4Address;
  readonly algorithm: AuthAlgorithm;
  /** Shared secret; 16 octets by default (RFC 2002 §3.5.1; registration keys OC-12). */
  readonly key: Uint8Array;
  readonly replay: ReplayStyle;
}

export type SecurityAssociationError =
  | { readonly kind: 'reserved-spi'; readonly field: 'spi'; readonly reason: string }
  | { readonly kind: 'invalid-spi'; readonly field: 'spi'; readonly reason: string }
  | { readonly kind: 'invalid-peer'; readonly field: 'peer'; readonly reason: string }
  | { readonly kind: 'unknown-algorithm'; readonly field: 'algorithm'; readonly reason: string }
  | { readonly kind: 'empty-key'; readonly field: 'key'; readonly reason: string }
  | { readonly kind: 'key-too-long'; readonly field: 'key'; readonly reason: string }
  | { readonly kind: 'unknown-replay-style'; readonly field: 'replay'; readonly reason: string };

export function isReservedSpi(spi: number): boolean {
  return spi >= 0 && spi < MIN_SPI;
}

/**
 * Every problem with an MSA (an empty list means it is usable). Meant for
 * scenario files and the learner's "add a security association" form, whose
 * values come from outside the engine, so fields are checked even where the
 * type already says what they should be.
 */
export function validateSecurityAssociation(sa: SecurityAssociation): readonly SecurityAssociationError[] {
  const errors: SecurityAssociationError[] = [];
  if (!Number.isInteger(sa.spi) || sa.spi < 0 || sa.spi > MAX_SPI) {
    errors.push({ kind: 'invalid-spi', field: 'spi', reason: `SPI ${sa.spi} is not a 32-bit unsigned integer` });
  } else if (isReservedSpi(sa.spi)) {
    errors.push({ kind: 'reserved-spi', field: 'spi', reason: `SPI ${sa.spi} is reserved (0..255, RFC 2002 §1.6); use ${MIN_SPI} or more` });
  }
  if (typeof sa.peer !== 'string' || !isIpv4Address(sa.peer)) {
    errors.push({ kind: 'invalid-peer', field: 'peer', reason: `peer ${JSON.stringify(sa.peer)} is not a dotted-quad IPv4 address` });
  }
  if (!AUTH_ALGORITHMS.includes(sa.algorithm)) {
    errors.push({ kind: 'unknown-algorithm', field: 'algorithm', reason: `algorithm ${JSON.stringify(sa.algorithm)} is not one of ${AUTH_ALGORITHMS.join(', ')}` });
  }
  if (!(sa.key instanceof Uint8Array) || sa.key.length === 0) {
    errors.push({ kind: 'empty-key', field: 'key', reason: 'the shared secret is empty' });
  } else if (sa.key.length > MAX_KEY_LENGTH) {
    errors.push({ kind: 'key-too-long', field: 'key', reason: `a ${sa.key.length}-octet key exceeds the lab's limit of ${MAX_KEY_LENGTH}` });
  }
  if (!REPLAY_STYLES.includes(sa.replay)) {
    errors.push({ kind: 'unknown-replay-style', field: 'replay', reason: `replay style ${JSON.stringify(sa.replay)} is not one of ${REPLAY_STYLES.join(', ')}` });
  }
  return errors;
}

/** A stable lookup key for tables of MSAs selected by (peer, SPI) (RFC 2002 §3.5.2–§3.5.4). */
export function associationId(peer: Ipv4Address, spi: number): string {
  return `${peer}#${spi}`;
}
