// The lecture an instructor is building on the course page, before it is a
// link: its items in order, each with a key for React, and what is still wrong
// with it (a free play without a title) — a link is only offered once nothing is.

import { MAX_ITEMS, MAX_NOTE, MAX_TITLE, type Playlist, type PlaylistItem } from './playlist-link';

export interface DraftItem {
  readonly key: number;
  readonly item: PlaylistItem;
}

export function moveItem(items: readonly DraftItem[], from: number, by: -1 | 1): DraftItem[] {
  const to = from + by;
  if (to < 0 || to >= items.length) return [...items];
  const out = [...items];
  [out[from], out[to]] = [out[to]!, out[from]!];
  return out;
}

export function draftProblems(title: string, items: readonly DraftItem[]): string[] {
  const problems: string[] = [];
  if (items.length === 0) problems.push('Add a lesson or a free play first.');
  if (items.length > MAX_ITEMS) problems.push(`A lecture holds at most ${MAX_ITEMS} items.`);
  if (title.length > MAX_TITLE) problems.push(`The lecture's title is longer than ${MAX_TITLE} characters.`);
  items.forEach(({ item }, k) => {
    if (item.kind !== 'free-play') return;
    if (item.title.trim() === '') problems.push(`Item ${k + 1}: give the free play a title.`);
    if (item.title.length > MAX_TITLE) problems.push(`Item ${k + 1}: the title is longer than ${MAX_TITLE} characters.`);
    if ((item.note ?? '').length > MAX_NOTE) problems.push(`Item ${k + 1}: the note is longer than ${MAX_NOTE} characters.`);
  });
  return problems;
}

export function draftPlaylist(title: string, presentation: boolean, items: readonly DraftItem[]): Playlist {
  return {
    ...(title.trim() === '' ? {} : { title: title.trim() }),
    ...(presentation ? { presentation: true } : {}),
    items: items.map(({ item }): PlaylistItem => {
      if (item.kind === 'lesson') return item;
      const note = item.note?.trim() ?? '';
      return { kind: 'free-play', scenario: item.scenario, title: item.title.trim(), ...(note === '' ? {} : { note }) };
    }),
  };
}
