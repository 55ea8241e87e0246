// The correspondent's return-routability secrets (RFC 6275 §5.2.2, §9.4; OC-56):
// Kcn, 20 octets drawn once from the node's seeded random source, and a nonce
// schedule — a fresh 64-bit nonce every 30 s, each named by a 16-bit Nonce
// Index, honoured for MAX_NONCE_LIFETIME (240 s) after it was made. Nonces are
// made when a Home or Care-of Test Init needs one (never on an idle timer), so
// a correspondent nobody tests keeps an empty table.
//
// Plain data, copy-on-write.

import type { RandomSource } from '../../../random';
import { MICROS_PER_SECOND, type Micros } from '../../tables/table-change';

/** OC-56: a new nonce every 30 s. */
export const NONCE_INTERVAL_SECONDS = 30;
/** RFC 6275 §12 MAX_NONCE_LIFETIME. */
export const MAX_NONCE_LIFETIME_SECONDS = 240;
/** RFC 6275 §5.2.2: Kcn, 20 octets for HMAC-SHA1. */
export const KCN_OCTETS = 20;
const NONCE_OCTETS = 8;

export interface IssuedNonce {
  readonly index: number;
  readonly nonce: Uint8Array;
  readonly madeAt: Micros;
}

export interface NonceSchedule {
  /** null until the first test init needs it. */
  readonly kcn: Uint8Array | null;
  /** Nonces still honoured, oldest first. */
  readonly nonces: readonly IssuedNonce[];
  /** The index the next nonce gets (mod 2^16). */
  readonly nextIndex: number;
}

export const EMPTY_NONCE_SCHEDULE: NonceSchedule = { kcn: null, nonces: [], nextIndex: 0 };

function honoured(n: IssuedNonce, now: Micros): boolean {
  return now - n.madeAt < MAX_NONCE_LIFETIME_SECONDS * MICROS_PER_SECOND;
}

/** The schedule without nonces past MAX_NONCE_LIFETIME. */
export function pruneNonces(s: NonceSchedule, now: Micros): NonceSchedule {
  const kept = s.nonces.filter((n) => honoured(n, now));
  return kept.length === s.nonces.length ? s : { ...s, nonces: kept };
}

/**
 * Kcn and the current nonce for a test init arriving now: the newest nonce if
 * it is younger than 30 s, else a fresh one (RFC 6275 §5.2.7: the same nonce
 * serves many mobile nodes; OC-56 sets the pace).
 */
export function currentNonce(s: NonceSchedule, now: Micros, random: RandomSource): { readonly schedule: NonceSchedule; readonly kcn: Uint8Array; readonly nonce: IssuedNonce; readonly made: boolean } {
  const kcn = s.kcn ?? random.bytes(KCN_OCTETS);
  const pruned = pruneNonces({ ...s, kcn }, now);
  const newest = pruned.nonces.at(-1);
  if (newest !== undefined && now - newest.madeAt < NONCE_INTERVAL_SECONDS * MICROS_PER_SECOND) return { schedule: pruned, kcn, nonce: newest, made: false };
  const nonce: IssuedNonce = { index: pruned.nextIndex, nonce: random.bytes(NONCE_OCTETS), madeAt: now };
  return { schedule: { kcn, nonces: [...pruned.nonces, nonce], nextIndex: (pruned.nextIndex + 1) & 0xffff }, kcn, nonce, made: true };
}

/** The nonce a Binding Update names by index, if still honoured (RFC 6275 §9.5.1). */
export function honouredNonce(s: NonceSchedule, index: number, now: Micros): IssuedNonce | null {
  const n = s.nonces.find((x) => x.index === index);
  return n !== undefined && honoured(n, now) ? n : null;
}
