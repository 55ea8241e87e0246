// The nonce style of the 64-bit Identification: the registration nonces of
// the base protocol (RFC 2002 §5.6.2) and the Binding
// Update nonce bookkeeping of route optimization (Perkins & Johnson §3.3; optim-08 §4.3,
// optim-08 §4.3, OC-44). Timestamps: identification.ts.
//
// Every function is pure: it takes the old state and returns the new one, so
// the state lives in the node's plain-data tables and snapshots with them.

import type { RandomSource } from '../random';
import type { Identification } from './identification';

// ---------------------------------------------------------------------------
// Registration (RFC 2002 §5.6.2)
// ---------------------------------------------------------------------------

/**
 * A mobile node's next Request: high 32 bits = the nonce from the home
 * agent's last authenticated Reply, low 32 bits = its own new random value
 * (only the MN checks it). With no Reply yet (first registration) the high
 * half is random: the HA will answer Code 133 with a fresh nonce and the
 * scheme resynchronises (RFC 2002 §5.6.2).
 */
export function registrationNonceRequest(homeAgentNonce: number | null, random: RandomSource): Identification {
  return { high: homeAgentNonce ?? random.u32(), low: random.u32() };
}

/**
 * A home agent's Reply — accepting or Code 133 alike: high 32 bits = a fresh
 * nonce it will expect next, low 32 bits copied from the Request (RFC 2002 §5.6.2).
 */
export function registrationNonceReply(request: Identification, random: RandomSource): Identification {
  return { high: random.u32(), low: request.low };
}

/** The home agent's check: the Request's high half is the nonce it last issued to this MN. */
export function registrationNonceMatches(request: Identification, issuedNonce: number | null): boolean {
  return issuedNonce !== null && request.high === issuedNonce;
}

// ---------------------------------------------------------------------------
// Binding Updates, sender side: the home agent, per receiver (optim-08 §4.3)
// ---------------------------------------------------------------------------

export interface BuNonceSender {
  /** Nonce carried in the low half of the next BU. */
  readonly current: number;
  /** Nonce announced in the high half of the next BU (the one after it will use). */
  readonly next: number;
}

export function newBuNonceSender(random: RandomSource): BuNonceSender {
  return { current: random.u32(), next: random.u32() };
}

export interface BuNonceSent {
  readonly identification: Identification;
  readonly sender: BuNonceSender;
}

/** Unsolicited BU: Identification = next ‖ current; then current := next, next := random (Perkins & Johnson §3.3; optim-08 §4.3). */
export function unsolicitedBuNonce(sender: BuNonceSender, random: RandomSource): BuNonceSent {
  return {
    identification: { high: sender.next, low: sender.current },
    sender: { current: sender.next, next: random.u32() },
  };
}

/**
 * BU answering a Binding Request in nonce style (OC-44, OC-47): low 32 bits
 * copied from the Request (the receiver's challenge), high 32 bits = current,
 * the nonce the next unsolicited BU carries in its low half; the sender does
 * not advance. Binding Requests are not authenticated: an answer to one that
 * nobody genuine sent is refused by the receiver and must leave the chain
 * where the receiver expects it, or the next genuine update would be refused.
 */
export function answerBindingRequestNonce(sender: BuNonceSender, request: Identification): BuNonceSent {
  return { identification: { high: sender.current, low: request.low }, sender };
}

// ---------------------------------------------------------------------------
// Binding Updates, receiver side: a correspondent, per home agent (optim-08 §4.3)
// ---------------------------------------------------------------------------

export interface BuNonceReceiver {
  /** Low half the next unsolicited BU must carry; null before first contact. */
  readonly expected: number | null;
  /** Low half of our outstanding Binding Request, if any (OC-44). */
  readonly challenge: number | null;
}

export const EMPTY_BU_NONCE_RECEIVER: BuNonceReceiver = { expected: null, challenge: null };

/**
 * Identification of a Binding Request that (re)synchronises nonces: low 32
 * bits a fresh random challenge; the high half is not used by anyone and is
 * sent as 0 (our choice).
 */
export function bindingRequestChallenge(receiver: BuNonceReceiver, random: RandomSource): { identification: Identification; receiver: BuNonceReceiver } {
  const challenge = random.u32();
  return { identification: { high: 0, low: challenge }, receiver: { ...receiver, challenge } };
}

export type BuNonceCheck =
  | { readonly accepted: true; readonly via: 'expected' | 'challenge'; readonly receiver: BuNonceReceiver }
  | { readonly accepted: false; readonly reason: 'no-state' | 'mismatch'; readonly explanation: string; readonly receiver: BuNonceReceiver };

/**
 * Replay check of a BU in nonce style (optim-08 §4.3): accepted if its
 * low half is the expected nonce, or the challenge of our outstanding BR;
 * then its high half becomes the next expected nonce. A rejected BU leaves
 * the state unchanged; the caller then sends a BR (`bindingRequestChallenge`).
 * Call it only for a BU whose authenticator verified, or an attacker could
 * move `expected`.
 */
export function acceptBuNonce(receiver: BuNonceReceiver, bu: Identification): BuNonceCheck {
  if (receiver.expected !== null && bu.low === receiver.expected) {
    return { accepted: true, via: 'expected', receiver: { expected: bu.high, challenge: receiver.challenge } };
  }
  if (receiver.challenge !== null && bu.low === receiver.challenge) {
    return { accepted: true, via: 'challenge', receiver: { expected: bu.high, challenge: null } };
  }
  if (receiver.expected === null && receiver.challenge === null) {
    return { accepted: false, reason: 'no-state', explanation: 'first contact: no nonce expected yet, a Binding Request will synchronise (lab choice, optim-08 §4.3)', receiver };
  }
  const wanted = [receiver.expected, receiver.challenge].filter((n): n is number => n !== null).map(hex32).join(' or ');
  return { accepted: false, reason: 'mismatch', explanation: `low 32 bits ${hex32(bu.low)} are not the expected nonce ${wanted}`, receiver };
}

function hex32(n: number): string {
  return `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
}
