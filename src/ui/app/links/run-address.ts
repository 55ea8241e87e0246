// The page address of a run (docs/architecture.md "Runtime": the same
// scenario, seed and command log give the same run — so the address can
// always bring the run back, after a reload, a crash, or on another machine):
//
//   ?scenario=explore&seed=7&mode=workers#run=<compact log, time, speed>
//
// The scenario, seed and mode stay readable in the query; the run — which
// grows with the session — rides in the fragment, which browsers never send
// to the server, so no server refuses a long session's address (HTTP 431).
// Old links carry the log as `?commands=<base64url JSON>`; they still open.
// Page routes use the fragment too (`#/decoder`): a run fragment starts
// `#run=`, a route `#/`.

import type { Micros } from '../../../engine/node/time';
import type { Speed } from '../../../runtime/types';
import { parseRunLink, type RunLink } from '../run-link';
import { base64UrlToBytes } from './base64url';
import { isRefused, readJsonEntry, type LinkEntry, type RefusedEntry } from './link-entries';
import { decodeRunState, encodeRunState, type RunState } from './run-state-codec';

export const RUN_FRAGMENT = 'run=';

/** What a link says of the run itself. */
export interface LinkRun {
  readonly entries: readonly LinkEntry[];
  readonly unreadable: readonly RefusedEntry[];
  readonly at?: Micros;
  readonly speed?: Speed;
  readonly playing?: boolean;
}

export interface RunAddress {
  /** Lesson, scenario, seed and mode (the log is in `run`). */
  readonly link: RunLink;
  /** A learner's own file, by name, instead of a built-in scenario: kept in the tab that opened it (file-stash.ts). */
  readonly file?: string;
  readonly run?: LinkRun;
  /** Parts that did not read: left out, each named. */
  readonly problems: readonly string[];
}

/** A fragment that carries a run (not a page route). */
export function isRunFragment(hash: string): boolean {
  return hash.startsWith(`#${RUN_FRAGMENT}`);
}

function readOldCommands(text: string): LinkRun | string {
  const bytes = base64UrlToBytes(text);
  if (!bytes.ok) return `the command log in the link is damaged (${bytes.problem}); the run starts without it`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.bytes));
  } catch {
    return 'the command log in the link is damaged (not base64url JSON); the run starts without it';
  }
  if (!Array.isArray(parsed)) return 'the command log in the link is not a list of { at, command } entries; the run starts without it';
  const read = parsed.map((e, k) => readJsonEntry(e, k + 1));
  return { entries: read.filter((e): e is LinkEntry => !isRefused(e)), unreadable: read.filter(isRefused) };
}

/** Reads a page address (its query and fragment); never throws. */
export function readRunAddress(search: string, hash: string): RunAddress {
  const parsed = parseRunLink(search);
  // The log is read here, entry by entry (a bad entry leaves out only itself).
  const { commands: _whole, ...link } = parsed.link;
  const problems = parsed.problems.filter((p) => !p.startsWith('the command log in the link'));
  let run: LinkRun | undefined;
  const old = new URLSearchParams(search).get('commands');
  if (old !== null) {
    const read = readOldCommands(old);
    if (typeof read === 'string') problems.push(read);
    else run = read;
  }
  if (isRunFragment(hash)) {
    const decoded = decodeRunState(hash.slice(1 + RUN_FRAGMENT.length));
    if (!decoded.ok) problems.push(`the run in the link is damaged — ${decoded.problem}; the scenario opens from its start`);
    else {
      if (run !== undefined) problems.push('the link carries two command logs; the one after "#run=" is used');
      const { entries, unreadable, at, speed, playing } = decoded.state;
      problems.push(...decoded.state.problems.map((p) => `the run in the link: ${p}`));
      run = { entries, unreadable, ...(at === undefined ? {} : { at }), ...(speed === undefined ? {} : { speed }), ...(playing === true ? { playing } : {}) };
    }
  }
  const file = new URLSearchParams(search).get('file');
  return { link, ...(file === null || file === '' ? {} : { file }), ...(run === undefined ? {} : { run }), problems };
}

/** The address of a run: query (the built-in scenario — or, in the tab that opened it, the file —, seed, mode) + `#run=` fragment. */
export function runAddressParts(scenario: string, seed: number, mode: 'workers' | 'in-page' | undefined, state: RunState, key: 'scenario' | 'file' = 'scenario'): { search: string; hash: string } {
  const params = new URLSearchParams();
  params.set(key, scenario);
  params.set('seed', String(seed));
  if (mode !== undefined) params.set('mode', mode);
  return { search: `?${params.toString()}`, hash: `#${RUN_FRAGMENT}${encodeRunState(state)}` };
}
