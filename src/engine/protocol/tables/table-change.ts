// What every table operation returns, and the small helpers the tables share.
//
// Theory of operation. A node's tables are plain data (no classes, no Maps):
// they survive structuredClone for snapshots and rewind, and render directly
// in the UI's state panels (docs/architecture.md "Engine"). Every operation is a pure
// function
//
//   (table, args, now) → { table, changes }
//
// that returns a NEW table — the one it was given may be shared by a snapshot
// — and a list of change records. A change record carries the entry before
// and after and the spec section that made it happen, so the trace can answer
// "why did this entry change?" (docs/architecture.md: "every table is the state a node
// actually holds").
//
// Time is virtual, in integer microseconds since the run started. Lifetimes
// travel on the wire in seconds, with 0xFFFF meaning "infinite" (RFC 2002 §3.3,
// optim-08 §4.3); a table stores the absolute `expiresAt` (null = never), as
// smoltcp stores `expires_at`.

import type { Keyed } from '../../keyed';
import { MICROS_PER_SECOND, type Micros } from '../../node/time';

// One virtual-time type for the engine: node/time.ts owns it.
export { MICROS_PER_SECOND, type Micros };

/** Lifetime value meaning "never expires" (RFC 2002 §3.3; optim-08 §4.3; Perkins & Johnson §3.3). */
export const INFINITE_LIFETIME = 0xffff;

export type ChangeKind = 'added' | 'updated' | 'removed' | 'expired' | 'evicted';

/** One change to one entry, as the trace shows it ("table-changed" events). */
export interface TableChange<E> {
  readonly kind: ChangeKind;
  /** The entry's key in its table, e.g. a home address. */
  readonly key: string;
  readonly before?: E;
  readonly after?: E;
  /** The rule that made the change, e.g. "Perkins & Johnson §3.3; optim-08 §3.1", "OC-33". */
  readonly ref: string;
  /** Optional one line for a learner, e.g. "Lifetime 0: the mobile node asked for deletion". */
  readonly reason?: string;
}

export interface TableUpdate<T, E> {
  readonly table: T;
  readonly changes: readonly TableChange<E>[];
}

/** Seconds → µs. */
export function secondsToMicros(s: number): Micros {
  return Math.round(s * MICROS_PER_SECOND);
}

/** Throws on a lifetime no 16-bit Lifetime field can carry: a caller's bug, not bad bytes. */
export function checkLifetime(lifetimeSeconds: number, what: string): void {
  if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 0 || lifetimeSeconds > INFINITE_LIFETIME) {
    throw new RangeError(`${what}: lifetime ${lifetimeSeconds} is not a 16-bit number of seconds`);
  }
}

/** Absolute expiry of a lifetime granted now; null for 0xFFFF (infinite). */
export function expiryOf(lifetimeSeconds: number, now: Micros): Micros | null {
  return lifetimeSeconds === INFINITE_LIFETIME ? null : now + lifetimeSeconds * MICROS_PER_SECOND;
}

/** An entry is gone from the instant its lifetime runs out; an infinite one never is. */
export function hasExpired(expiresAt: Micros | null, now: Micros): boolean {
  return expiresAt !== null && now >= expiresAt;
}

/**
 * Remaining lifetime as a 16-bit Lifetime value: whole seconds, rounded down
 * (never announce more than is left; RFC 2002 §3.8.2.2 "never more"), 0xFFFF
 * for an infinite one. A finite one is capped at 0xFFFE so it cannot be read
 * as infinite.
 */
export function remainingLifetimeSeconds(expiresAt: Micros | null, now: Micros): number {
  if (expiresAt === null) return INFINITE_LIFETIME;
  const left = Math.floor((expiresAt - now) / MICROS_PER_SECOND);
  return Math.min(Math.max(left, 0), INFINITE_LIFETIME - 1);
}

/** "4.000 s", or "4.000250 s" when the time is not a whole millisecond. */
export function formatSeconds(t: Micros): string {
  const sign = t < 0 ? '-' : '';
  const abs = Math.abs(t);
  const whole = Math.floor(abs / MICROS_PER_SECOND);
  const micros = abs % MICROS_PER_SECOND;
  const fraction = micros % 1000 === 0 ? String(micros / 1000).padStart(3, '0') : String(micros).padStart(6, '0');
  return `${sign}${whole}.${fraction} s`;
}

/** "300 s", or "infinite (0xFFFF)". */
export function formatLifetime(lifetimeSeconds: number): string {
  return lifetimeSeconds === INFINITE_LIFETIME ? 'infinite (0xFFFF)' : `${lifetimeSeconds} s`;
}

// Records keyed by string (keyed.ts: learner ids are ordinary keys there).
export { entryAt, withEntry, withoutEntry, type Keyed } from '../../keyed';

/** Keys in a fixed order (code-unit order), so change lists never depend on insertion history. */
export function sortedKeys(record: Keyed<unknown>): string[] {
  return Object.keys(record).sort(compareText);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
