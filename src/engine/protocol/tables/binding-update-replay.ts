// Replay protection of Binding Updates, per (sender, receiver) context
// (Perkins & Johnson §3.3; optim-08 §4.3; OC-28, OC-29, OC-40, OC-44).
// Registrations: replay.ts.
//
// Theory of operation.
//  * Receiver (a correspondent or any cache holder), per home agent: the
//    largest timestamp accepted (each must be newer and within ±5 s, OC-29),
//    or the nonce it expects next (optim-08 §4.3); and the Binding Requests it has
//    outstanding, one per mobile node (OC-43), because a BU answering a BR
//    copies the BR's Identification (optim-08 §4.3) — in nonce style only the
//    low half, the challenge (OC-44). A rejected BU answers Status 133; in
//    nonce style the receiver then sends a BR to resynchronise.
//  * Sender (a home agent), per receiver: the last timestamp sent (strictly
//    increasing, OC-28) or its current/next nonces (optim-08 §4.3).
//    Binding Requests are not authenticated, so an answer never lets one
//    steer what the receiver will accept next (OC-47): a timestamp is copied
//    only when it lies within the window behind the home agent's own clock
//    (RFC 2002 §5.6.1's window, OC-29) and after the last it sent — never
//    ahead of its clock, where it would make the receiver refuse the agent's
//    genuine updates as replays until its clock caught up; otherwise the
//    answer carries the agent's own fresh timestamp. In nonce style the answer
//    announces the nonce the next unsolicited update will carry anyway, so
//    the chain does not move whether or not the request was genuine.
// As for registrations, check only BUs whose authenticator verified.

import { EMPTY_BU_NONCE_RECEIVER, acceptBuNonce, answerBindingRequestNonce, bindingRequestChallenge, newBuNonceSender, unsolicitedBuNonce, type BuNonceReceiver, type BuNonceSender } from '../../crypto/nonces';
import {
  TIMESTAMP_WINDOW_SECONDS, checkTimestamp, identificationsEqual, isNewer, nextTimestamp, ntpDifference, ntpNow, ntpTimestamp,
  type Identification,
} from '../../crypto/identification';
import type { ReplayStyle } from '../../crypto/security-association';
import type { RandomSource } from '../../random';
import type { Ipv4Address } from '../../wire/address';
import { identificationHex } from '../../wire/mip/identification';
import { BindingAckStatus } from '../../wire/mip/binding-acknowledge';
import { entryAt, withEntry, withoutEntry, type Keyed, type Micros, type TableChange, type TableUpdate } from './table-change';

export interface BuReceiverContext {
  readonly lastTimestamp: Identification | null;
  readonly nonce: BuNonceReceiver;
  /** Identification of the outstanding Binding Request, per mobile node home address. */
  readonly outstandingRequests: Keyed<Identification>;
}

export interface BuReceiverReplayTable {
  /** Keyed by the sender's address (the home agent). */
  readonly contexts: Keyed<BuReceiverContext>;
}

export const EMPTY_BU_RECEIVER_REPLAY: BuReceiverReplayTable = { contexts: {} };
const FRESH_RECEIVER: BuReceiverContext = { lastTimestamp: null, nonce: EMPTY_BU_NONCE_RECEIVER, outstandingRequests: {} };

type ReceiverChange = TableChange<BuReceiverContext>;

function put(table: BuReceiverReplayTable, peer: Ipv4Address, after: BuReceiverContext, ref: string, reason: string): TableUpdate<BuReceiverReplayTable, BuReceiverContext> {
  const before = entryAt(table.contexts, peer);
  const change: ReceiverChange = before === undefined ? { kind: 'added', key: peer, after, ref, reason } : { kind: 'updated', key: peer, before, after, ref, reason };
  return { table: { contexts: withEntry(table.contexts, peer, after) }, changes: [change] };
}

export interface BindingRequestArgs {
  /** The home agent the BR goes to. */
  readonly peer: Ipv4Address;
  readonly homeAddress: Ipv4Address;
  readonly style: ReplayStyle;
  readonly epochUnixMs: number;
}

/**
 * The Identification of a Binding Request, remembered so the answering BU is
 * recognised: the node's NTP time (OC-40), or in nonce style a random
 * challenge in the low half (OC-44).
 */
export function recordBindingRequest(table: BuReceiverReplayTable, args: BindingRequestArgs, now: Micros, random: RandomSource): TableUpdate<BuReceiverReplayTable, BuReceiverContext> & { readonly identification: Identification } {
  const ctx = entryAt(table.contexts, args.peer) ?? FRESH_RECEIVER;
  let nonce = ctx.nonce;
  let identification: Identification;
  if (args.style === 'nonce') ({ identification, receiver: nonce } = bindingRequestChallenge(ctx.nonce, random));
  else identification = ntpTimestamp(args.epochUnixMs, now, random);
  const after = { ...ctx, nonce, outstandingRequests: withEntry(ctx.outstandingRequests, args.homeAddress, identification) };
  const ref = args.style === 'nonce' ? 'optim-08 §4.3; lab choice' : 'optim-08 §4.3; lab choice';
  return { ...put(table, args.peer, after, ref, `Binding Request about ${args.homeAddress} outstanding, Identification ${identificationHex(identification)}`), identification };
}

export interface BindingUpdateReplayArgs {
  /** IP source of the BU (the home agent), which also named its MSA. */
  readonly peer: Ipv4Address;
  readonly homeAddress: Ipv4Address;
  readonly style: ReplayStyle;
  /** null when the BU had I = 0 (OC-06): nothing to check against. */
  readonly identification: Identification | null;
  readonly epochUnixMs: number;
  readonly windowSeconds?: number;
}

export type BindingUpdateReplayVerdict = TableUpdate<BuReceiverReplayTable, BuReceiverContext> & { readonly reason: string } & (
  | { readonly accepted: true; readonly via: 'timestamp' | 'nonce' | 'binding-request' }
  | {
      readonly accepted: false;
      readonly status: typeof BindingAckStatus.IDENTIFICATION_MISMATCH;
      /** Send a Binding Request to resynchronise (nonce style, optim-08 §4.3, OC-44). */
      readonly resynchronise: boolean;
    });

/** Step 4 of BU processing (Perkins & Johnson §3.3; optim-08 §4.3). A rejected BU leaves the state unchanged. */
export function checkBindingUpdateIdentification(table: BuReceiverReplayTable, args: BindingUpdateReplayArgs, now: Micros): BindingUpdateReplayVerdict {
  const ctx = entryAt(table.contexts, args.peer) ?? FRESH_RECEIVER;
  const reject = (reason: string) => ({
    table, changes: [], accepted: false as const, status: BindingAckStatus.IDENTIFICATION_MISMATCH, resynchronise: args.style === 'nonce', reason: `Status 133: ${reason}`,
  });
  const id = args.identification;
  if (id === null) return reject('the Binding Update carries no Identification (I = 0), so it cannot be checked for replay');
  const outstanding = entryAt(ctx.outstandingRequests, args.homeAddress);
  const requestsLeft = withoutEntry(ctx.outstandingRequests, args.homeAddress);

  if (args.style === 'timestamp') {
    if (outstanding !== undefined && identificationsEqual(outstanding, id)) {
      const lastTimestamp = ctx.lastTimestamp === null || isNewer(id, ctx.lastTimestamp) ? id : ctx.lastTimestamp;
      const reason = 'answers our Binding Request: Identification copied from it (optim-08 §4.3)';
      return { ...put(table, args.peer, { ...ctx, lastTimestamp, outstandingRequests: requestsLeft }, 'optim-08 §4.3', reason), accepted: true, via: 'binding-request', reason };
    }
    const window = args.windowSeconds ?? TIMESTAMP_WINDOW_SECONDS;
    const check = checkTimestamp(id, ntpNow(args.epochUnixMs, now), ctx.lastTimestamp, window);
    if (!check.accepted) return reject(check.explanation);
    const reason = `timestamp ${identificationHex(id)} accepted (${check.skewSeconds.toFixed(3)} s from this clock, newer than any before)`;
    return { ...put(table, args.peer, { ...ctx, lastTimestamp: id }, 'optim-08 §4.3; lab choice', reason), accepted: true, via: 'timestamp', reason };
  }

  const ref = 'optim-08 §4.3; lab choice';
  if (outstanding !== undefined && outstanding.low === id.low) {
    const challenge = ctx.nonce.challenge === id.low ? null : ctx.nonce.challenge;
    const reason = `answers our Binding Request (challenge ${hex(id.low)}); next expected nonce ${hex(id.high)}`;
    return { ...put(table, args.peer, { ...ctx, nonce: { expected: id.high, challenge }, outstandingRequests: requestsLeft }, ref, reason), accepted: true, via: 'binding-request', reason };
  }
  const check = acceptBuNonce(ctx.nonce, id);
  // A first contact's explanation already says a Binding Request will synchronise: say it once.
  if (!check.accepted) return reject(check.reason === 'no-state' ? check.explanation : `${check.explanation}; a Binding Request will resynchronise`);
  const reason = `nonce ${hex(id.low)} as expected; next expected nonce ${hex(id.high)}`;
  return { ...put(table, args.peer, { ...ctx, nonce: check.receiver }, ref, reason), accepted: true, via: check.via === 'challenge' ? 'binding-request' : 'nonce', reason };
}

/** Forgets the outstanding Binding Request about a mobile node (e.g. its cache entry expired). */
export function forgetBindingRequest(table: BuReceiverReplayTable, peer: Ipv4Address, homeAddress: Ipv4Address): TableUpdate<BuReceiverReplayTable, BuReceiverContext> {
  const ctx = entryAt(table.contexts, peer);
  if (ctx === undefined || entryAt(ctx.outstandingRequests, homeAddress) === undefined) return { table, changes: [] };
  return put(table, peer, { ...ctx, outstandingRequests: withoutEntry(ctx.outstandingRequests, homeAddress) }, 'lab choice, Perkins & Johnson §3.2', `no answer expected any more about ${homeAddress}`);
}

function hex(n: number): string {
  return `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
}

// ---------------------------------------------------------------------------
// Sender side: the home agent, per receiver (Perkins & Johnson §3.3; optim-08 §4.3; OC-28)
// ---------------------------------------------------------------------------

export interface BuSenderContext {
  readonly lastTimestamp: Identification | null;
  /** Created on the first nonce-style BU to this receiver. */
  readonly nonce: BuNonceSender | null;
}

export interface BuSenderReplayTable {
  /** Keyed by the receiver's address. */
  readonly contexts: Keyed<BuSenderContext>;
}

export const EMPTY_BU_SENDER_REPLAY: BuSenderReplayTable = { contexts: {} };

export interface NextBuIdentificationArgs {
  readonly peer: Ipv4Address;
  readonly style: ReplayStyle;
  /** The Binding Request this BU answers, if any (trigger b, Perkins & Johnson §3.3; optim-08 §3.1). */
  readonly answering: Identification | null;
  readonly epochUnixMs: number;
  /** The association's timestamp window (OC-29); default ±5 s. */
  readonly windowSeconds?: number;
}

/** How an answer to a Binding Request got its Identification (OC-47); null for an unsolicited update. */
export interface AnswerIdentification {
  /** true: the request's Identification (timestamp) or its challenge (nonce) was copied, as optim-08 §4.3 says. */
  readonly copied: boolean;
  /** In the learner's words: why it was, or was not, copied. */
  readonly explanation: string;
}

export type NextBuIdentification = TableUpdate<BuSenderReplayTable, BuSenderContext> & {
  readonly identification: Identification;
  readonly answer: AnswerIdentification | null;
};

const TWO_32 = 0x1_0000_0000;

/**
 * May an answer carry this Binding Request's timestamp (OC-47)? Only within
 * the window behind this agent's clock (RFC 2002 §5.6.1; OC-29) and newer than
 * the last timestamp sent to this receiver: then the receiver accepts it and
 * every later update of the agent is newer still. A timestamp ahead of the
 * clock is refused even inside the window — copied, it would make the
 * receiver refuse the agent's genuine updates as replays until the clock
 * caught up with it.
 */
function copyableTimestamp(requested: Identification, ctx: BuSenderContext, args: NextBuIdentificationArgs, now: Micros): AnswerIdentification {
  const window = args.windowSeconds ?? TIMESTAMP_WINDOW_SECONDS;
  const skew = Number(ntpDifference(requested, ntpNow(args.epochUnixMs, now))) / TWO_32;
  // "Ahead" means past the microsecond this clock is in: a timestamp's bits below 1 µs are random (RFC 2002 §5.6.1).
  const ahead = ntpDifference(requested, ntpNow(args.epochUnixMs, now + 1)) >= 0n;
  const not = (why: string): AnswerIdentification => ({
    copied: false,
    explanation: `the Binding Request's timestamp is not copied: ${why}; the answer carries this home agent's own fresh timestamp instead (Binding Requests are not authenticated)`,
  });
  if (ahead) return not(`it is ${skew.toFixed(3)} s ahead of this home agent's clock, and a signed update carrying it would make the correspondent refuse this agent's genuine updates as replays until then`);
  if (-skew > window) return not(`it is ${(-skew).toFixed(3)} s behind this home agent's clock, outside the ±${window} s window`);
  if (ctx.lastTimestamp !== null && !isNewer(requested, ctx.lastTimestamp)) return not(`it is not newer than the last timestamp this agent sent to ${args.peer}, so ${args.peer} would refuse it as a replay`);
  return { copied: true, explanation: `the Binding Request's timestamp is copied (optim-08 §4.3): it lies ${Math.max(0, -skew).toFixed(3)} s behind this home agent's clock, within the ±${window} s window, and after the last timestamp sent to ${args.peer}` };
}

/** The Identification of the next BU to `peer` (Perkins & Johnson §3.3; optim-08 §4.3 table; OC-47 for answers). */
export function nextBindingUpdateIdentification(table: BuSenderReplayTable, args: NextBuIdentificationArgs, now: Micros, random: RandomSource): NextBuIdentification {
  const before = entryAt(table.contexts, args.peer);
  const ctx: BuSenderContext = before ?? { lastTimestamp: null, nonce: null };
  let after: BuSenderContext;
  let identification: Identification;
  let ref: string;
  let answer: AnswerIdentification | null = null;
  if (args.style === 'timestamp') {
    answer = args.answering === null ? null : copyableTimestamp(args.answering, ctx, args, now);
    // Copied (optim-08 §4.3), it also becomes the last timestamp sent, so the next unsolicited one is newer still.
    identification = answer?.copied === true ? args.answering! : nextTimestamp(ctx.lastTimestamp, args.epochUnixMs, now, random);
    after = { ...ctx, lastTimestamp: identification };
    ref = answer === null ? 'Perkins & Johnson §3.3; optim-08 §4.3; lab choice' : 'optim-08 §4.3; RFC 2002 §5.6.1; lab choice';
  } else {
    const sender = ctx.nonce ?? newBuNonceSender(random);
    const sent = args.answering === null ? unsolicitedBuNonce(sender, random) : answerBindingRequestNonce(sender, args.answering);
    identification = sent.identification;
    after = { ...ctx, nonce: sent.sender };
    ref = args.answering === null ? 'Perkins & Johnson §3.3; optim-08 §4.3' : 'optim-08 §4.3; lab choice';
    if (args.answering !== null) {
      answer = { copied: true, explanation: `the Binding Request's challenge ${hex(args.answering.low)} is copied into the low half; the high half announces ${hex(identification.high)}, the nonce this agent's next unsolicited update carries anyway, so an answer to a request nobody genuine sent changes nothing the correspondent expects` };
    }
  }
  const reason = `Identification ${identificationHex(identification)} for the next Binding Update to ${args.peer}`;
  if (before !== undefined && JSON.stringify(before) === JSON.stringify(after)) return { table, changes: [], identification, answer };
  const change: TableChange<BuSenderContext> = before === undefined ? { kind: 'added', key: args.peer, after, ref, reason } : { kind: 'updated', key: args.peer, before, after, ref, reason };
  return { table: { contexts: withEntry(table.contexts, args.peer, after) }, changes: [change], identification, answer };
}
