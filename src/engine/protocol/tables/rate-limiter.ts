// Rate limiting of the home agent's Binding Updates and of a foreign agent's
// Binding Warnings (Perkins & Johnson §3.3, §3.1; optim-08 §8.3, §7.1
// require a mechanism; the numbers are OC-20).
//
// Theory of operation. Both messages are triggered by data traffic (a
// datagram the HA intercepts, a datagram the FA re-tunnels), so without a
// limit a busy flow to a correspondent that ignores BUs would cost one BU per
// datagram. Per (destination, mobile node) — and per target for BWs — the
// limiter counts consecutive sends of an unchanged binding: after the k-th,
// the next may follow no sooner than min(2^(k−1), 32) s later (gaps 1, 2, 4,
// 8, 16, 32, 32 … s). A trigger inside the gap is simply dropped: the next
// datagram triggers again. When the binding changes (the caller passes a
// signature, e.g. the care-of address) the counter starts over, so news
// travels at once.

import type { Ipv4Address } from '../../wire/address';
import {
  MICROS_PER_SECOND, entryAt, formatSeconds, sortedKeys, withEntry, withoutEntry,
  type Keyed, type Micros, type TableChange, type TableUpdate,
} from './table-change';

export type RateLimitPolicy =
  /** OC-20: gap min(first × 2^(k−1), max) s after the k-th send. */
  | { readonly kind: 'exponential-backoff'; readonly firstGapSeconds: number; readonly maxGapSeconds: number }
  /** mipv6-07 §10.10/§11: one per gapSeconds, then one per slowGapSeconds once burstSends were sent. */
  | { readonly kind: 'burst-then-slow'; readonly gapSeconds: number; readonly burstSends: number; readonly slowGapSeconds: number };

/** The lab default (OC-20). */
export const OC20_BACKOFF: RateLimitPolicy = { kind: 'exponential-backoff', firstGapSeconds: 1, maxGapSeconds: 32 };
/** The alternative preset named in OC-20 (mipv6-07 MAX_UPDATE_RATE / SLOW_UPDATE_RATE). */
export const MIPV6_07_RATE: RateLimitPolicy = { kind: 'burst-then-slow', gapSeconds: 1, burstSends: 5, slowGapSeconds: 10 };

export type RateLimitedMessage = 'Binding Update' | 'Binding Warning';

/** Who the limit is about: BUs per (destination, MN) (Perkins & Johnson §3.3; optim-08 §7.1); BWs per (HA, D, T) (Perkins & Johnson §3.1; optim-08 §8.3). */
export interface RateLimitKey {
  readonly destination: Ipv4Address;
  readonly mobileNode: Ipv4Address;
  readonly target?: Ipv4Address;
  /**
   * Binding Updates that answer a Binding Request are limited by the same
   * policy in a bucket of their own (Perkins & Johnson §3.3), so that the one
   * answer a correspondent's challenge needs (nonce resynchronisation) is not
   * swallowed by the gap after the unsolicited update that provoked it.
   */
  readonly answering?: boolean;
}

export interface RateLimitEntry {
  readonly destination: Ipv4Address;
  readonly mobileNode: Ipv4Address;
  readonly target: Ipv4Address | null;
  /** Answers to Binding Requests (their own bucket), or unsolicited sends. */
  readonly answering: boolean;
  /** The binding the consecutive sends carried (e.g. the care-of address). */
  readonly signature: string;
  /** k: consecutive sends of this unchanged binding. */
  readonly sends: number;
  readonly lastSentAt: Micros;
  readonly nextAllowedAt: Micros;
}

export interface RateLimiter {
  readonly message: RateLimitedMessage;
  readonly policy: RateLimitPolicy;
  readonly entries: Keyed<RateLimitEntry>;
}

export function emptyRateLimiter(message: RateLimitedMessage, policy: RateLimitPolicy = OC20_BACKOFF): RateLimiter {
  return { message, policy, entries: {} };
}

export function rateLimitKeyText(key: RateLimitKey): string {
  const base = key.target === undefined ? `${key.destination}|${key.mobileNode}` : `${key.destination}|${key.mobileNode}|${key.target}`;
  return key.answering === true ? `${base}|answers` : base;
}

/** Seconds the limiter waits after the k-th consecutive send (k ≥ 1). */
export function gapAfterSends(policy: RateLimitPolicy, sends: number): number {
  if (policy.kind === 'exponential-backoff') {
    // 2^(k−1) overflows nothing here: the cap is reached long before k gets large.
    return Math.min(policy.firstGapSeconds * 2 ** Math.min(sends - 1, 52), policy.maxGapSeconds);
  }
  return sends >= policy.burstSends ? policy.slowGapSeconds : policy.gapSeconds;
}

/** The paper's section for each message's limit: Binding Updates §3.3, Binding Warnings §3.1. */
const PAPER_SECTION: Readonly<Record<RateLimitedMessage, string>> = { 'Binding Update': '§3.3', 'Binding Warning': '§3.1' };

/** Where the policy comes from, for the message it limits. */
export function rateLimitRef(message: RateLimitedMessage, policy: RateLimitPolicy): string {
  return policy.kind === 'exponential-backoff' ? `lab choice, Perkins & Johnson ${PAPER_SECTION[message]}` : 'lab choice mipv6-07 preset';
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface RateLimitDecision {
  readonly limiter: RateLimiter;
  readonly allowed: boolean;
  /** Earliest time the next send for this key is allowed (after this one, if it was allowed). */
  readonly nextAllowedAt: Micros;
  /** Learner-readable: why it was sent or dropped. */
  readonly reason: string;
  readonly changes: readonly TableChange<RateLimitEntry>[];
}

/**
 * May the node send this message now? If so, the send is counted. A trigger
 * inside the gap is dropped and leaves the limiter unchanged (Perkins & Johnson §3.3; optim-08 §7.1).
 */
export function tryAcquire(limiter: RateLimiter, key: RateLimitKey, bindingSignature: string, now: Micros): RateLimitDecision {
  const id = rateLimitKeyText(key);
  const before = entryAt(limiter.entries, id);
  const ref = rateLimitRef(limiter.message, limiter.policy);
  const what = `${limiter.message}${key.answering === true ? ' answering a Binding Request' : ''} to ${key.destination}`;
  const unchanged = before !== undefined && before.signature === bindingSignature;

  if (unchanged && now < before.nextAllowedAt) {
    const gap = gapAfterSends(limiter.policy, before.sends);
    return {
      limiter,
      allowed: false,
      nextAllowedAt: before.nextAllowedAt,
      reason: `rate-limited: next ${what} allowed at t=${formatSeconds(before.nextAllowedAt)} (gap ${gap} s after ${plural(before.sends, 'send')}, ${ref})`,
      changes: [],
    };
  }

  const sends = unchanged ? before.sends + 1 : 1;
  const gap = gapAfterSends(limiter.policy, sends);
  const after: RateLimitEntry = {
    destination: key.destination,
    mobileNode: key.mobileNode,
    target: key.target ?? null,
    answering: key.answering === true,
    signature: bindingSignature,
    sends,
    lastSentAt: now,
    nextAllowedAt: now + gap * MICROS_PER_SECOND,
  };
  const why = before === undefined ? 'first for this binding'
    : unchanged ? `${ordinal(sends)} with an unchanged binding`
      : `binding changed (${before.signature} → ${bindingSignature}), backoff reset`;
  const reason = `${what} allowed (${why}); the next no sooner than t=${formatSeconds(after.nextAllowedAt)} (gap ${gap} s after ${plural(sends, 'send')}, ${ref})`;
  const change: TableChange<RateLimitEntry> = before === undefined
    ? { kind: 'added', key: id, after, ref, reason }
    : { kind: 'updated', key: id, before, after, ref, reason };
  return {
    limiter: { ...limiter, entries: withEntry(limiter.entries, id, after) },
    allowed: true,
    nextAllowedAt: after.nextAllowedAt,
    reason,
    changes: [change],
  };
}

/**
 * Drops the limiter state about one mobile node (e.g. when its registration
 * ends), so the table does not grow with every node ever seen.
 */
export function forgetMobileNode(limiter: RateLimiter, mobileNode: Ipv4Address, ref: string): TableUpdate<RateLimiter, RateLimitEntry> {
  const gone = sortedKeys(limiter.entries).filter((k) => limiter.entries[k]!.mobileNode === mobileNode);
  if (gone.length === 0) return { table: limiter, changes: [] };
  let entries = limiter.entries;
  for (const k of gone) entries = withoutEntry(entries, k);
  return {
    table: { ...limiter, entries },
    changes: gone.map((k) => ({ kind: 'removed', key: k, before: limiter.entries[k]!, ref })),
  };
}
