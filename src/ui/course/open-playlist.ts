// Playing a lecture: `?playlist=<link>&item=<k>` opens the playlist at item k
// (1-based; the first if absent). A lesson item opens the lesson as a lesson
// link does — with the progress this browser keeps — and, when the item starts
// later than step 1, skips to that step as the lesson's own "Skip this step"
// does (the steps before it are left undone). A free-play item opens its
// scenario. A bad link still opens the lab, with every problem said.

import { openBuiltin } from '../app/run-opener';
import { openLesson } from '../lessons/open-lesson';
import { useLab } from '../store/lab-store';
import type { Playlist, PlaylistCatalog } from './playlist-link';
import { usePlaylist } from './playlist-store';

export const PLAYLIST_PARAM = 'playlist';
export const ITEM_PARAM = 'item';
/** What a playlist nothing of which can be played opens instead. */
const FALLBACK_SCENARIO = 'explore';

export function hasPlaylistLink(search: string): boolean {
  return new URLSearchParams(search).has(PLAYLIST_PARAM);
}

function modeOf(search: string): { mode?: 'workers' | 'in-page' } {
  const mode = new URLSearchParams(search).get('mode');
  return mode === 'workers' || mode === 'in-page' ? { mode } : {};
}

/** Adds problems to whatever the lab already reports (opening may have reported its own). */
function report(heading: string, problems: readonly string[]): void {
  if (problems.length === 0) return;
  const { loadError, setLoadError } = useLab.getState();
  const text = `${heading}\n${problems.map((p) => `  • ${p}`).join('\n')}`;
  setLoadError(loadError === null ? text : `${loadError}\n${text}`);
}

/** Keeps `item=<k>` in the address, so a reload comes back to the same item. */
function setItemAddress(index: number): void {
  const url = new URL(window.location.href);
  url.searchParams.set(ITEM_PARAM, String(index + 1));
  for (const key of ['scenario', 'seed', 'commands']) url.searchParams.delete(key);
  window.history.replaceState(window.history.state, '', url);
}

async function openItem(playlist: Playlist, index: number): Promise<void> {
  const item = playlist.items[index]!;
  const mode = modeOf(window.location.search);
  if (item.kind === 'free-play') {
    await openBuiltin(item.scenario, mode);
    return;
  }
  await openLesson(item.lesson, mode);
  const from = (item.from ?? 1) - 1;
  for (let l = useLab.getState().lesson; l !== null && l.id === item.lesson && l.progress.reached < from; l = useLab.getState().lesson) {
    useLab.getState().lessonNext();
  }
}

/** Shows item `index` of the playlist being played. */
export async function goToItem(index: number): Promise<void> {
  const { playlist, opening } = usePlaylist.getState();
  if (playlist === null || opening || index < 0 || index >= playlist.items.length) return;
  usePlaylist.setState({ index, opening: true });
  setItemAddress(index);
  try {
    await openItem(playlist, index);
  } finally {
    usePlaylist.setState({ opening: false });
  }
}

/** The lecture's Previous / Next (the bar's buttons and its keyboard shortcuts). */
export const previousItem = (): void => void goToItem(usePlaylist.getState().index - 1);
export const nextItem = (): void => void goToItem(usePlaylist.getState().index + 1);

export function leavePlaylist(): void {
  usePlaylist.setState({ playlist: null, index: 0, opening: false });
  const url = new URL(window.location.href);
  url.searchParams.delete(PLAYLIST_PARAM);
  url.searchParams.delete(ITEM_PARAM);
  window.history.replaceState(window.history.state, '', url);
}

/** Opens the playlist the page address carries. */
export async function openPlaylistFromLink(search: string): Promise<void> {
  const params = new URLSearchParams(search);
  // The catalog holds the built-in lessons, and the link's decoder its schema: fetched with the first playlist, not with the page (lessons/lesson-catalog.ts).
  let builtinCatalog: PlaylistCatalog;
  let decodePlaylist: typeof import('./playlist-link').decodePlaylist;
  try {
    [{ builtinCatalog }, { decodePlaylist }] = await Promise.all([import('./course-catalog'), import('./playlist-link')]);
  } catch {
    useLab.getState().setLoadError('The lecture could not be loaded: the lab may be offline, or a newer version may have replaced it. Reload the page to try again.');
    return;
  }
  const { playlist, problems } = decodePlaylist(params.get(PLAYLIST_PARAM) ?? '', builtinCatalog);
  if (playlist === null) {
    await openBuiltin(FALLBACK_SCENARIO, modeOf(search));
    report('The playlist link could not be played, so the lab opened on its own:', problems);
    return;
  }
  const asked = params.get(ITEM_PARAM);
  const k = asked === null ? 1 : Number(asked);
  const itemOk = Number.isInteger(k) && k >= 1 && k <= playlist.items.length;
  const unused = itemOk ? [] : [`item "${asked}" is not a number from 1 to ${playlist.items.length}; the playlist starts at item 1`];
  if (playlist.presentation === true) useLab.getState().setPresentation(true);
  usePlaylist.setState({ playlist, index: 0, opening: false });
  await goToItem(itemOk ? k - 1 : 0);
  report('Parts of the playlist link were left out:', [...problems, ...unused]);
}
