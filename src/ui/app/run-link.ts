// A run is shareable (the brief: "runs are deterministic and shareable"): the
// page address names the scenario, the seed and, once the learner has
// interacted, the command log. Opening the link replays the same run, because
// the same scenario + seed + commands give the same trace (docs/architecture.md "Runtime").
//
//   ?scenario=smooth-handoff&seed=7&commands=<base64url of JSON>&mode=in-page
//
// That is the first form of a link, still read. The page now writes the log,
// with the virtual time and the speed, compact in the fragment
// (`#run=…`, links/run-address.ts), and reads the log of either form entry by
// entry there; this file reads the rest of the query.
//
// A link may instead open a lesson (`?lesson=triangle-routing`), which runs its
// own scenario and restores the learner's progress from the browser.

import type { CommandLogEntry } from '../../runtime/types';

export interface RunLink {
  readonly lesson?: string;
  readonly scenario?: string;
  readonly seed?: number;
  readonly mode?: 'workers' | 'in-page';
  readonly commands?: readonly CommandLogEntry[];
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The shape only (an `at` number, a `command` object); the runtime validates each command and names what it refuses. */
function isLogEntryShape(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { at, command } = e as { at?: unknown; command?: unknown };
  return typeof at === 'number' && Number.isFinite(at) && at >= 0 && typeof command === 'object' && command !== null && !Array.isArray(command);
}

/** Reads a run link; a part that does not parse is left out and named in `problems` (never thrown). */
export function parseRunLink(search: string): { link: RunLink; problems: string[] } {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const link: { lesson?: string; scenario?: string; seed?: number; mode?: 'workers' | 'in-page'; commands?: CommandLogEntry[] } = {};
  const lesson = params.get('lesson');
  if (lesson !== null && lesson !== '') link.lesson = lesson;
  const scenario = params.get('scenario');
  if (scenario !== null && scenario !== '') link.scenario = scenario;
  const seed = params.get('seed');
  if (seed !== null) {
    const n = Number(seed);
    if (Number.isInteger(n) && n >= 0 && n <= 0xffffffff) link.seed = n;
    else problems.push(`seed "${seed}" is not a whole number from 0 to 4294967295; the scenario's own seed is used`);
  }
  const mode = params.get('mode');
  if (mode === 'workers' || mode === 'in-page') link.mode = mode;
  else if (mode !== null) problems.push(`mode "${mode}" is neither "workers" nor "in-page"; the lab chooses`);
  const commands = params.get('commands');
  if (commands !== null) {
    try {
      const parsed: unknown = JSON.parse(fromBase64Url(commands));
      if (!Array.isArray(parsed) || !parsed.every(isLogEntryShape)) {
        problems.push('the command log in the link is not a list of { at, command } entries; the run starts without it');
      } else {
        link.commands = parsed as CommandLogEntry[];
      }
    } catch {
      problems.push('the command log in the link is damaged (not base64url JSON); the run starts without it');
    }
  }
  return { link, problems };
}

/**
 * The link with a scenario the lab can open: a scenario it does not know is
 * named in a problem and replaced by `fallback`, so a damaged link still opens
 * a working lab rather than an empty one.
 */
export function withKnownScenario(parsed: { link: RunLink; problems: string[] }, isKnown: (id: string) => boolean, fallback: string): { link: RunLink; problems: string[] } {
  const { link, problems } = parsed;
  if (link.scenario === undefined || isKnown(link.scenario)) return parsed;
  // The seed and the moves belonged to the unknown scenario: the fallback starts fresh.
  return {
    link: { scenario: fallback, ...(link.mode === undefined ? {} : { mode: link.mode }) },
    problems: [...problems, `there is no built-in scenario "${link.scenario}"; "${fallback}" is opened instead, without the link's seed and commands`],
  };
}

/**
 * A lesson link with a lesson the lab has: an unknown one is named in a
 * problem and replaced by `fallback`. A lesson runs its own scenario from its
 * own start, so a scenario, seed or command log beside it is not used.
 */
export function withKnownLesson(parsed: { link: RunLink; problems: string[] }, isKnown: (id: string) => boolean, fallback: string): { link: RunLink; problems: string[] } {
  const { link, problems } = parsed;
  if (link.lesson === undefined) return parsed;
  const unused = link.scenario !== undefined || link.seed !== undefined || link.commands !== undefined;
  if (isKnown(link.lesson) && !unused) return parsed;
  return {
    link: { lesson: isKnown(link.lesson) ? link.lesson : fallback, ...(link.mode === undefined ? {} : { mode: link.mode }) },
    problems: [
      ...problems,
      ...(isKnown(link.lesson) ? [] : [`there is no lesson "${link.lesson}"; the first lesson, "${fallback}", is opened instead`]),
      ...(unused ? ['a lesson runs its own scenario, so the link\'s scenario, seed and commands are not used'] : []),
    ],
  };
}

/**
 * Writes a link in the first format (`?commands=` JSON). The page now writes
 * the compact `#run=` form (links/run-address.ts); this stays so the tests can
 * make the old links that people already shared and prove they still open.
 */
export function formatRunLink(link: RunLink): string {
  const params = new URLSearchParams();
  if (link.lesson !== undefined) params.set('lesson', link.lesson);
  if (link.scenario !== undefined) params.set('scenario', link.scenario);
  if (link.seed !== undefined) params.set('seed', String(link.seed));
  if (link.mode !== undefined) params.set('mode', link.mode);
  if (link.commands !== undefined && link.commands.length > 0) params.set('commands', toBase64Url(JSON.stringify(link.commands)));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
