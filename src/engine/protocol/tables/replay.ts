// Replay protection of registrations, per security context (RFC 2002 §5.6;
// RFC 2002 §5.6, §3.8.2.1). Binding Updates: binding-update-replay.ts.
//
// Theory of operation. The arithmetic lives in crypto/identification.ts
// (timestamps) and crypto/nonces.ts (nonces); this file keeps the state each
// side holds between messages and turns a check into a verdict a node can act
// on: accept, or reject with Code 133 (identification mismatch) and the
// Identification the Reply must carry so the mobile node can resynchronise.
//
//  * Home agent, per mobile node: timestamps — the largest one accepted so far
//    (each must be newer and within ±5 s of the HA's clock, OC-29); nonces —
//    the nonce the HA put in its last Reply, which the next Request must echo.
//  * Mobile node, towards its home agent: timestamps — the last one sent and
//    the clock offset learnt from a Code 133 Reply; nonces — the HA's last nonce.
//
// The check must run only after the Request's authenticator verified (RFC 2002 §3.8.2.1 orders it so), or a forger could move the state.

import {
  TIMESTAMP_WINDOW_SECONDS, checkTimestamp, clockOffsetMsFromMismatch, nextTimestamp, ntpNow,
  sameLow32, timestampMismatchIdentification, type Identification,
} from '../../crypto/identification';
import { registrationNonceMatches, registrationNonceReply, registrationNonceRequest } from '../../crypto/nonces';
import type { ReplayStyle } from '../../crypto/security-association';
import type { RandomSource } from '../../random';
import type { Ipv4Address } from '../../wire/address';
import { identificationHex } from '../../wire/mip/identification';
import { ReplyCode } from '../../wire/mip/registration-reply-codes';
import { entryAt, withEntry, type Keyed, type Micros, type TableChange } from './table-change';

/** Code 133 in a Reply, Status 133 in a Binding Acknowledge: the same meaning (RFC 2002 §3.4; optim-08 §4.4). */
export const IDENTIFICATION_MISMATCH = ReplyCode.HA_IDENTIFICATION_MISMATCH;

/** The home agent's replay state for one mobile node. */
export interface RegistrationReplayContext {
  /** Timestamp style: the largest timestamp accepted so far. */
  readonly lastAccepted: Identification | null;
  /** Nonce style: the nonce sent in the high half of the last Reply. */
  readonly issuedNonce: number | null;
}

export interface RegistrationReplayTable {
  /** Keyed by mobile node home address. */
  readonly contexts: Keyed<RegistrationReplayContext>;
}

export const EMPTY_REGISTRATION_REPLAY: RegistrationReplayTable = { contexts: {} };
const FRESH: RegistrationReplayContext = { lastAccepted: null, issuedNonce: null };

export interface RegistrationReplayArgs {
  readonly mobileNode: Ipv4Address;
  /** From the MN–HA MSA named by the Request's SPI. */
  readonly style: ReplayStyle;
  readonly identification: Identification;
  /** The HA's clock: Unix ms at virtual time 0 (timestamp style). */
  readonly epochUnixMs: number;
  readonly windowSeconds?: number;
}

export type RegistrationReplayVerdict = {
  readonly table: RegistrationReplayTable;
  readonly changes: readonly TableChange<RegistrationReplayContext>[];
  /** The Identification the Reply carries (RFC 2002 §5.6.1, §5.6.2). */
  readonly replyIdentification: Identification;
  readonly reason: string;
} & ({ readonly accepted: true } | { readonly accepted: false; readonly code: typeof IDENTIFICATION_MISMATCH });

/**
 * The home agent's check of a Request's Identification (RFC 2002 §3.8.2.1, third
 * row), and the state update that goes with it. With nonces every Reply —
 * accepting or not — carries a fresh nonce, so the state moves either way
 * (RFC 2002 §5.6.2); with timestamps only an accepted Request moves it.
 */
export function checkRegistrationIdentification(table: RegistrationReplayTable, args: RegistrationReplayArgs, now: Micros, random: RandomSource): RegistrationReplayVerdict {
  const before = entryAt(table.contexts, args.mobileNode);
  const ctx = before ?? FRESH;
  const id = args.identification;
  const update = (after: RegistrationReplayContext, ref: string, reason: string) => ({
    table: { contexts: withEntry(table.contexts, args.mobileNode, after) },
    changes: [before === undefined
      ? { kind: 'added' as const, key: args.mobileNode, after, ref, reason }
      : { kind: 'updated' as const, key: args.mobileNode, before, after, ref, reason }],
  });

  if (args.style === 'timestamp') {
    const ref = 'RFC 2002 §5.6.1; lab choice';
    const window = args.windowSeconds ?? TIMESTAMP_WINDOW_SECONDS;
    const haClock = ntpNow(args.epochUnixMs, now);
    const check = checkTimestamp(id, haClock, ctx.lastAccepted, window);
    if (!check.accepted) {
      const reply = timestampMismatchIdentification(id, haClock);
      return {
        table, changes: [], accepted: false, code: IDENTIFICATION_MISMATCH, replyIdentification: reply,
        reason: `Code 133: ${check.explanation}; the Reply carries the home agent's time (${identificationHex(reply)}) so the mobile node can resynchronise`,
      };
    }
    const reason = `timestamp ${identificationHex(id)} accepted (${check.skewSeconds.toFixed(3)} s from this clock, newer than any before)`;
    return { ...update({ ...ctx, lastAccepted: id }, ref, reason), accepted: true, replyIdentification: id, reason };
  }

  const ref = 'RFC 2002 §5.6.2';
  const reply = registrationNonceReply(id, random);
  const after = { ...ctx, issuedNonce: reply.high };
  if (!registrationNonceMatches(id, ctx.issuedNonce)) {
    const expected = ctx.issuedNonce === null ? 'no nonce issued yet (first contact)' : `expected ${hex(ctx.issuedNonce)}`;
    const reason = `Code 133: high 32 bits ${hex(id.high)} are not the home agent's nonce (${expected}); the Reply carries a fresh nonce ${hex(reply.high)}`;
    return { ...update(after, ref, reason), accepted: false, code: IDENTIFICATION_MISMATCH, replyIdentification: reply, reason };
  }
  const reason = `nonce ${hex(id.high)} matches; next nonce ${hex(reply.high)}`;
  return { ...update(after, ref, reason), accepted: true, replyIdentification: reply, reason };
}

function hex(n: number): string {
  return `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
}

// ---------------------------------------------------------------------------
// Mobile node side: one context per home agent (RFC 2002 §5.6, §3.6.2)
// ---------------------------------------------------------------------------

export interface RegistrationSenderState {
  readonly style: ReplayStyle;
  /** The Identification of the latest Request (Replies must match its low half). */
  readonly lastSent: Identification | null;
  /** Timestamp style: the last Identification the HA accepted. */
  readonly lastAccepted: Identification | null;
  /**
   * Timestamp style: new Identifications are strictly greater than this
   * (RFC 2002 §5.6.1). Normally the last one sent; after a Code 133 it falls
   * back to the last accepted one, so a clock that ran ahead can come back.
   */
  readonly sequenceFloor: Identification | null;
  /** Nonce style: high half of the last authenticated Reply. */
  readonly homeAgentNonce: number | null;
  /** Timestamp style: added to the node's epoch after a Code 133 Reply (RFC 2002 §5.6.1). */
  readonly clockOffsetMs: number;
}

export function newRegistrationSender(style: ReplayStyle): RegistrationSenderState {
  return { style, lastSent: null, lastAccepted: null, sequenceFloor: null, homeAgentNonce: null, clockOffsetMs: 0 };
}

/** Identification for a new Request: strictly increasing timestamps, or the HA's nonce ‖ a fresh one (RFC 2002 §5.6). */
export function nextRegistrationIdentification(state: RegistrationSenderState, epochUnixMs: number, now: Micros, random: RandomSource): { readonly state: RegistrationSenderState; readonly identification: Identification } {
  if (state.style === 'nonce') {
    const identification = registrationNonceRequest(state.homeAgentNonce, random);
    return { state: { ...state, lastSent: identification }, identification };
  }
  const identification = nextTimestamp(state.sequenceFloor, epochUnixMs + state.clockOffsetMs, now, random);
  return { state: { ...state, lastSent: identification, sequenceFloor: identification }, identification };
}

export interface RegistrationReplyReplay {
  readonly state: RegistrationSenderState;
  /** false: the low 32 bits do not match the latest Request — discard the Reply (RFC 2002 §3.6.2). */
  readonly matches: boolean;
  readonly reason: string;
}

/**
 * The mobile node's bookkeeping for an authenticated Reply: remember the HA's
 * nonce, or after Code 133 in timestamp style adopt the HA's clock (RFC 2002 §5.6.1).
 */
export function onRegistrationReply(state: RegistrationSenderState, reply: { readonly identification: Identification; readonly code: number }): RegistrationReplyReplay {
  if (state.lastSent === null || !sameLow32(state.lastSent, reply.identification)) {
    return { state, matches: false, reason: 'low 32 bits do not match the latest Request: discarded (RFC 2002 §3.6.2)' };
  }
  if (state.style === 'nonce') {
    return { state: { ...state, homeAgentNonce: reply.identification.high }, matches: true, reason: `home agent's next nonce ${hex(reply.identification.high)} (RFC 2002 §5.6.2)` };
  }
  if (reply.code === ReplyCode.ACCEPTED || reply.code === ReplyCode.ACCEPTED_NO_SIMULTANEOUS_BINDINGS) {
    return { state: { ...state, lastAccepted: state.lastSent }, matches: true, reason: 'timestamp accepted by the home agent' };
  }
  if (reply.code !== IDENTIFICATION_MISMATCH) return { state, matches: true, reason: `Code ${reply.code}: no change to the replay state` };
  const delta = clockOffsetMsFromMismatch(reply.identification, state.lastSent);
  return {
    state: { ...state, clockOffsetMs: state.clockOffsetMs + delta, sequenceFloor: state.lastAccepted },
    matches: true,
    reason: `Code 133: clock adjusted by ${delta} ms to the home agent's time (RFC 2002 §5.6.1)`,
  };
}
