// Keeps the page address on the run (run-address.ts), so a reload — or the
// crash screen's "Reload the lab" — brings the run back exactly where it was:
// the same scenario, seed, commands, virtual time and speed (docs/architecture.md
// "Runtime": a run is deterministic given those, so replaying them is exact).
//
// history.replaceState, never pushState: the address follows the run without
// filling the Back button's history. It is written at once when the log, the
// status (pause, seek) or the speed change, and at most every WRITE_INTERVAL_MS
// while only the time moves. Not written: while a run loads or a link is being
// replayed (the address still names where to go), on a page route (#/…), and
// while a lesson or a playlist owns the address (a lesson's run is kept with
// its progress in the browser, lessons/lesson-progress.ts). A learner's own
// file is named by `?file=<name>`: the tab that opened it keeps its text (file-stash.ts).

import { isBuiltinId } from '../../../scenarios/builtin/catalog';
import { useLab, type LabState } from '../../store/lab-store';
import { isRunFragment, runAddressParts } from './run-address';

export const WRITE_INTERVAL_MS = 500;
/** Query parameters that another part of the page owns: while one is there, the run is not written. */
const OWNED_ELSEWHERE = ['lesson', 'playlist'];
/** The parameters this writer writes. */
const OWN_KEYS = ['scenario', 'file', 'seed', 'mode', 'commands'];
const FILE_PREFIX = 'file:';

let suspended = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let lastWrite = -Infinity;

/** While a link is replayed the address must keep saying where to go: the returned function resumes writing. */
export function suspendAddressWriter(): () => void {
  suspended++;
  let resumed = false;
  return () => {
    if (resumed) return;
    resumed = true;
    suspended--;
    // In a task of its own: the run just opened is drawn in this one, and encoding the run and the
    // browser's first history update (several ms on a slow phone) need not hold up its first answer to input.
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(writeRunAddress, 0);
  };
}

const isBuiltin = isBuiltinId;

function replace(url: URL): void {
  if (url.href === window.location.href) return;
  try {
    window.history.replaceState(window.history.state, '', url);
  } catch {
    // A browser that rate-limits replaceState: the next write catches up.
  }
}

/** The address for the store's run now (or null: leave the address alone). */
export function addressFor(state: LabState, href: string): URL | null {
  const url = new URL(href);
  if (url.hash.startsWith('#/') && url.hash !== '#/') return null; // another page (#/decoder, …): the run is not on screen; '#/' is the lab's own
  const ownedElsewhere = state.lesson !== null || OWNED_ELSEWHERE.some((k) => url.searchParams.has(k));
  if (ownedElsewhere) {
    if (!isRunFragment(url.hash)) return null;
    url.hash = '';
    return url;
  }
  const { runtime, scenarioId, status } = state;
  if (runtime === null || scenarioId === null || status === 'loading') return null;
  const file = scenarioId.startsWith(FILE_PREFIX) ? scenarioId.slice(FILE_PREFIX.length) : null;
  if (file === null && !isBuiltin(scenarioId)) {
    // A lesson's own scenario: no address can name it, and the address must not name another one.
    for (const key of OWN_KEYS) if (key !== 'mode') url.searchParams.delete(key);
    url.hash = '';
    return url;
  }
  const mode = url.searchParams.get('mode');
  const parts = runAddressParts(file ?? scenarioId, runtime.seed, mode === 'workers' || mode === 'in-page' ? mode : undefined, {
    commands: state.commands, at: state.now, speed: state.speed, playing: status === 'playing',
  }, file === null ? 'scenario' : 'file');
  const next = new URLSearchParams(parts.search);
  // Parameters this writer does not know (another part of the page's) stay.
  for (const [k, v] of url.searchParams) if (!OWN_KEYS.includes(k)) next.append(k, v);
  url.search = `?${next.toString()}`;
  url.hash = parts.hash;
  return url;
}

/** Writes the address now (a pause, a command, the crash screen, the page going away). */
export function writeRunAddress(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  if (suspended > 0 || typeof window === 'undefined') return;
  const url = addressFor(useLab.getState(), window.location.href);
  lastWrite = performance.now();
  if (url !== null) replace(url);
}

function writeSoon(): void {
  if (timer !== undefined) return;
  timer = setTimeout(writeRunAddress, Math.max(0, lastWrite + WRITE_INTERVAL_MS - performance.now()));
}

/** Follows the store from now on; returns the unsubscribe. */
export function startAddressWriter(): () => void {
  const unsubscribe = useLab.subscribe((s, prev) => {
    const changed = s.runtime !== prev.runtime || s.commands !== prev.commands || s.status !== prev.status || s.speed !== prev.speed || s.lesson !== prev.lesson;
    if (changed) writeRunAddress();
    else if (s.now !== prev.now) writeSoon();
  });
  const onHide = (): void => writeRunAddress();
  window.addEventListener('pagehide', onHide);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', onHide);
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
}

let started = false;

/** Starts the writer once for the page (App calls it on every mount). */
export function ensureAddressWriter(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  startAddressWriter();
}
