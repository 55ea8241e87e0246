// The run in a page address, compact (docs/architecture.md "Runtime": same
// scenario + seed + command log = same run, so the log, the virtual time and
// the speed are all a link needs to bring a run back). The log is written as
// a small JSON document — entry times as differences, a move as
// [Δt, node, Δx, Δy] against that node's previous move, node ids in one
// table — then deflated (RFC 1951, fflate) and written in base64url
// (RFC 4648 §5). A ten-minute session fits a link; the 12-odd moves a second
// of a drag become a few bytes each.
//
//   { "v": 1, "t": 8000000, "s": 1, "p": 1, "n": ["MN"],
//     "c": [[3000000, 0, 600, 450, 1], [220000, 0, 12, 0], [1000000, {"type": "configure", …}]] }
//
// Decoding never throws: a damaged link says what is wrong with it, and an
// entry that does not read is left out and named with its number.

import { deflateSync, Inflate } from 'fflate';
import type { Micros } from '../../../engine/node/time';
import type { CommandLogEntry, Speed } from '../../../runtime/types';
import { base64UrlToBytes, bytesToBase64Url } from './base64url';
import { isLinkTime, type LinkEntry, type RefusedEntry } from './link-entries';

export const RUN_STATE_VERSION = 1;
/** More than any run's log inflates to (a link is at most a few hundred kB): a "deflate bomb" stops here. */
export const MAX_INFLATED_BYTES = 8 * 1024 * 1024;

export interface RunState {
  readonly commands: readonly CommandLogEntry[];
  /** Where the run was (virtual µs). */
  readonly at?: Micros;
  readonly speed?: Speed;
  readonly playing?: boolean;
}

export interface DecodedRunState {
  readonly entries: readonly LinkEntry[];
  /** Entries that did not read: left out, named. */
  readonly unreadable: readonly RefusedEntry[];
  readonly at?: Micros;
  readonly speed?: Speed;
  readonly playing?: boolean;
  /** Other parts that did not read (the time, the speed): left out, named. */
  readonly problems: readonly string[];
}

const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function compactEntries(commands: readonly CommandLogEntry[]): { nodes: string[]; rows: unknown[] } {
  const nodes: string[] = [];
  const nodeIndex = new Map<string, number>();
  const last = new Map<string, { x: number; y: number }>();
  const rows: unknown[] = [];
  let previous = 0;
  for (const { at, command } of commands) {
    const dt = at - previous;
    previous = at;
    if (command.type !== 'move') {
      rows.push([dt, command]);
      continue;
    }
    let i = nodeIndex.get(command.node);
    if (i === undefined) {
      i = nodes.push(command.node) - 1;
      nodeIndex.set(command.node, i);
    }
    const { x, y } = command.position;
    const before = last.get(command.node);
    last.set(command.node, { x, y });
    // Differences only between whole numbers: a sum of fractions could round differently on the way back.
    if (before !== undefined && [x, y, before.x, before.y].every(Number.isSafeInteger)) rows.push([dt, i, x - before.x, y - before.y]);
    else rows.push([dt, i, x, y, 1]);
  }
  return { nodes, rows };
}

/** The run as the `run=` part of an address. */
export function encodeRunState(state: RunState): string {
  const { nodes, rows } = compactEntries(state.commands);
  const doc: Record<string, unknown> = { v: RUN_STATE_VERSION };
  if (state.at !== undefined) doc.t = state.at;
  if (state.speed !== undefined) doc.s = state.speed === 'unpaced' ? 'u' : state.speed;
  if (state.playing === true) doc.p = 1;
  doc.n = nodes;
  doc.c = rows;
  return bytesToBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(doc)), { level: 9 }));
}

type Failure = { ok: false; problem: string };

class TooLarge extends Error {}

function inflateText(text: string): { ok: true; doc: Record<string, unknown> } | Failure {
  const bytes = base64UrlToBytes(text);
  if (!bytes.ok) return { ok: false, problem: `it is not base64url: ${bytes.problem}` };
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    // Streamed, so a "deflate bomb" is stopped at the cap rather than after it has filled the memory.
    const stream = new Inflate((chunk) => {
      size += chunk.length;
      if (size > MAX_INFLATED_BYTES) throw new TooLarge();
      chunks.push(chunk);
    });
    stream.push(bytes.bytes, true);
  } catch (error) {
    if (error instanceof TooLarge) return { ok: false, problem: `it inflates to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MB, more than any run needs` };
    return { ok: false, problem: `it does not inflate (${error instanceof Error ? error.message : String(error)}) — it was cut short or changed` };
  }
  const inflated = new Uint8Array(size);
  chunks.reduce((offset, chunk) => (inflated.set(chunk, offset), offset + chunk.length), 0);
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch (error) {
    return { ok: false, problem: `what it inflates to is not JSON text (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isRecord(doc)) return { ok: false, problem: 'what it inflates to is not a run' };
  if (doc.v !== RUN_STATE_VERSION) return { ok: false, problem: `it is version ${JSON.stringify(doc.v) ?? 'undefined'} of the format; this lab reads version ${RUN_STATE_VERSION}` };
  return { ok: true, doc };
}

/** One compact row → an entry, or why it does not read. `state` carries the time and each node's last position. */
function readRow(row: unknown, index: number, nodes: readonly unknown[], state: { at: Micros; last: Map<string, { x: number; y: number }> }): LinkEntry | RefusedEntry {
  if (!Array.isArray(row) || row.length < 2) return { index, reason: 'it is not an entry of the link format' };
  const dt: unknown = row[0];
  if (!isInteger(dt) || dt < 0 || !isLinkTime(state.at + dt)) return { index, reason: `its time step ${JSON.stringify(dt) ?? 'undefined'} is not a whole number of µs ≥ 0` };
  state.at += dt;
  const at = state.at;
  if (row.length === 2) return isRecord(row[1]) ? { index, at, command: row[1] } : { index, at, reason: 'it has no command object' };
  const [, i, a, b, absolute] = row as unknown[];
  const node = isInteger(i) ? nodes[i] : undefined;
  if (typeof node !== 'string') return { index, at, reason: `its node number ${JSON.stringify(i) ?? 'undefined'} is not in the link's node table` };
  if (!isFiniteNumber(a) || !isFiniteNumber(b) || (row.length === 5 && absolute !== 1) || row.length > 5) return { index, at, reason: 'its position is not two finite numbers' };
  const before = state.last.get(node);
  if (row.length === 4 && before === undefined) return { index, at, reason: `it moves "${node}" by a difference, but no earlier move of "${node}" says from where` };
  const position = row.length === 5 || before === undefined ? { x: a, y: b } : { x: before.x + a, y: before.y + b };
  state.last.set(node, position);
  return { index, at, command: { type: 'move', node, position } };
}

/** Reads the `run=` part of an address; never throws. */
export function decodeRunState(text: string): { ok: true; state: DecodedRunState } | Failure {
  const inflated = inflateText(text);
  if (!inflated.ok) return inflated;
  const { doc } = inflated;
  const problems: string[] = [];
  const nodes = Array.isArray(doc.n) ? doc.n : [];
  if (!Array.isArray(doc.n)) problems.push('its node table is missing');
  if (!Array.isArray(doc.c)) return { ok: false, problem: 'it has no command log' };
  const entries: LinkEntry[] = [];
  const unreadable: RefusedEntry[] = [];
  const walk = { at: 0, last: new Map<string, { x: number; y: number }>() };
  doc.c.forEach((row, k) => {
    const read = readRow(row, k + 1, nodes, walk);
    if ('reason' in read) unreadable.push(read);
    else entries.push(read);
  });
  const state: { -readonly [K in keyof DecodedRunState]: DecodedRunState[K] } = { entries, unreadable, problems };
  if (doc.t !== undefined) {
    if (isLinkTime(doc.t)) state.at = doc.t;
    else problems.push(`its time ${JSON.stringify(doc.t)} is not a whole number of µs ≥ 0; the run opens at its start`);
  }
  if (doc.s !== undefined) {
    if (doc.s === 'u') state.speed = 'unpaced';
    else if (isFiniteNumber(doc.s) && doc.s > 0) state.speed = doc.s;
    else problems.push(`its speed ${JSON.stringify(doc.s)} is not a speed; the lab's own is used`);
  }
  if (doc.p === 1) state.playing = true;
  return { ok: true, state };
}
