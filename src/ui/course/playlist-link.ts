// A lecture as a link: `?playlist=<base64url of a compact JSON>`. A playlist
// is an ordered selection of lessons (optionally a range of their steps) and
// free-play stretches (a built-in scenario with a title and a note for the
// class); `p` opens it in presentation mode. The compact JSON keeps the link short enough to paste in a course
// page or a slide:
//
//   { "v": 1, "t": "Week 3", "p": 1, "i": [ { "l": "triangle-routing", "f": 2, "u": 4 },
//                                    { "s": "explore", "t": "Try it", "n": "Move MN" } ] }
//
// Decoding never throws: a link that is cut short or mistyped, or an item the
// lab does not have, comes back as problems, each naming the item ("item 3:
// …"), and the items that are fine are kept — so a bad link still opens a
// working lab that says what it left out.

import { z } from 'zod';

export const PLAYLIST_VERSION = 1;
/** Hard limits against a hostile or mistaken link. */
export const MAX_ITEMS = 40;
export const MAX_TITLE = 120;
export const MAX_NOTE = 600;

export interface LessonItem {
  readonly kind: 'lesson';
  readonly lesson: string;
  /** First step shown (1-based), if not the first. */
  readonly from?: number;
  /** Last step of the stretch (1-based), if not the last. */
  readonly to?: number;
}

export interface FreePlayItem {
  readonly kind: 'free-play';
  /** A built-in scenario id. */
  readonly scenario: string;
  readonly title: string;
  readonly note?: string;
}

export type PlaylistItem = LessonItem | FreePlayItem;

export interface Playlist {
  readonly title?: string;
  /** Opens in presentation mode (a lecture link). */
  readonly presentation?: true;
  readonly items: readonly PlaylistItem[];
}

/** What the lab has: how many steps a lesson has (undefined: no such lesson), and whether a scenario exists. */
export interface PlaylistCatalog {
  lessonSteps(id: string): number | undefined;
  hasScenario(id: string): boolean;
}

// ---- the compact form ------------------------------------------------------------------

const step = z.number().int().min(1);
const compactLesson = z.strictObject({ l: z.string().min(1), f: step.optional(), u: step.optional() });
const compactFree = z.strictObject({ s: z.string().min(1), t: z.string().min(1).max(MAX_TITLE), n: z.string().min(1).max(MAX_NOTE).optional() });
const compactHead = z.strictObject({ v: z.literal(PLAYLIST_VERSION), t: z.string().min(1).max(MAX_TITLE).optional(), p: z.literal(1).optional(), i: z.array(z.unknown()).min(1).max(MAX_ITEMS) });

type CompactItem = z.infer<typeof compactLesson> | z.infer<typeof compactFree>;

function compactOf(item: PlaylistItem): CompactItem {
  if (item.kind === 'lesson') return { l: item.lesson, ...(item.from === undefined ? {} : { f: item.from }), ...(item.to === undefined ? {} : { u: item.to }) };
  return { s: item.scenario, t: item.title, ...(item.note === undefined ? {} : { n: item.note }) };
}

// ---- base64url of UTF-8 text -------------------------------------------------------------

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The text, or null if it is not base64url of UTF-8. */
function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

export function encodePlaylist(playlist: Playlist): string {
  const compact = {
    v: PLAYLIST_VERSION, ...(playlist.title === undefined ? {} : { t: playlist.title }), ...(playlist.presentation === true ? { p: 1 } : {}),
    i: playlist.items.map(compactOf) };
  return toBase64Url(JSON.stringify(compact));
}

/** The page address part that opens the playlist: `?playlist=…`. */
export function playlistQuery(playlist: Playlist): string {
  return `?playlist=${encodePlaylist(playlist)}`;
}

// ---- decoding ------------------------------------------------------------------------------

export interface PlaylistDecoded {
  /** The items that can be played (null if none can, or the link itself is unreadable). */
  readonly playlist: Playlist | null;
  /** Each problem in words, naming the item (1-based) it is about. */
  readonly problems: readonly string[];
}

const DAMAGED = 'the playlist link is damaged (cut short or mistyped): ask for the link again';

function zodProblem(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.length === 0 ? '' : ` (${issue.path.join('.')})`;
  return `${issue.message}${where}`;
}

function itemProblem(raw: unknown, n: number, catalog: PlaylistCatalog): { item?: PlaylistItem; problem?: string } {
  const asLesson = compactLesson.safeParse(raw);
  if (asLesson.success) {
    const { l, f, u } = asLesson.data;
    const steps = catalog.lessonSteps(l);
    if (steps === undefined) return { problem: `item ${n}: there is no lesson "${l}"` };
    const from = f ?? 1;
    const to = u ?? steps;
    if (from > steps || to > steps) return { problem: `item ${n}: the lesson "${l}" has ${steps} steps, not ${Math.max(from, to)}` };
    if (from > to) return { problem: `item ${n}: the steps of "${l}" run from ${from} to ${to}, backwards` };
    return { item: { kind: 'lesson', lesson: l, ...(f === undefined ? {} : { from: f }), ...(u === undefined ? {} : { to: u }) } };
  }
  const asFree = compactFree.safeParse(raw);
  if (asFree.success) {
    const { s, t, n: note } = asFree.data;
    if (!catalog.hasScenario(s)) return { problem: `item ${n}: there is no built-in scenario "${s}" for the free play "${t}"` };
    return { item: { kind: 'free-play', scenario: s, title: t, ...(note === undefined ? {} : { note }) } };
  }
  const looksLesson = typeof raw === 'object' && raw !== null && 'l' in raw;
  const error = looksLesson ? asLesson.error : asFree.error;
  return { problem: `item ${n}: is neither a lesson nor a free play — ${zodProblem(error)}` };
}

/** Reads the `playlist` parameter's value; never throws. */
export function decodePlaylist(text: string, catalog: PlaylistCatalog): PlaylistDecoded {
  const json = fromBase64Url(text);
  if (json === null || json === '') return { playlist: null, problems: [DAMAGED] };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { playlist: null, problems: [DAMAGED] };
  }
  const head = compactHead.safeParse(raw);
  if (!head.success) {
    const tooMany = head.error.issues.some((i) => i.code === 'too_big' && i.path[0] === 'i');
    return { playlist: null, problems: [tooMany ? `the playlist has more than ${MAX_ITEMS} items` : `the playlist link is not one this lab can read: ${zodProblem(head.error)}`] };
  }
  const items: PlaylistItem[] = [];
  const problems: string[] = [];
  head.data.i.forEach((raw, k) => {
    const { item, problem } = itemProblem(raw, k + 1, catalog);
    if (item !== undefined) items.push(item);
    if (problem !== undefined) problems.push(problem);
  });
  if (items.length === 0) return { playlist: null, problems: [...problems, 'no item of the playlist can be played'] };
  const { t, p } = head.data;
  return { playlist: { ...(t === undefined ? {} : { title: t }), ...(p === undefined ? {} : { presentation: true }), items }, problems };
}
