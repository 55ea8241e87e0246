// A run link's command log entry as read from the address, before the
// runtime's validator has seen it, and an entry that was refused — with its
// number in the link (counted from 1), its time when that much could be read,
// and why. A link with one bad entry still opens with the others, naming the
// one it left out (docs/architecture.md "Runtime": the command log is the run's script).

import type { Micros } from '../../../engine/node/time';

export interface LinkEntry {
  /** Its place in the link's log, counted from 1. */
  readonly index: number;
  readonly at: Micros;
  /** Untrusted: the runtime's validator decides. */
  readonly command: unknown;
}

export interface RefusedEntry {
  readonly index: number;
  readonly at?: Micros;
  readonly reason: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The time of a log entry as a link may write it: whole µs from 0 (the runtime's own check, check-command-log.ts). */
export function isLinkTime(at: unknown): at is Micros {
  return typeof at === 'number' && Number.isSafeInteger(at) && at >= 0;
}

/** Reads an `{ at, command }` entry of an old JSON link: the entry, or why it is not one. */
export function readJsonEntry(value: unknown, index: number): LinkEntry | RefusedEntry {
  if (!isRecord(value)) return { index, reason: 'it is not an { at, command } entry' };
  if (!isLinkTime(value.at)) return { index, reason: `its time ${JSON.stringify(value.at) ?? 'undefined'} is not a whole number of µs ≥ 0` };
  if (!isRecord(value.command)) return { index, at: value.at, reason: 'it has no command object' };
  return { index, at: value.at, command: value.command };
}

export function isRefused(e: LinkEntry | RefusedEntry): e is RefusedEntry {
  return 'reason' in e;
}
