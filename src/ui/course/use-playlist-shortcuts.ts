import { useEffect, useRef } from 'react';
import { shortcutAllowed } from '../controls/use-playback-shortcuts';

// The lecture's next and previous item from the keyboard — Page Down / Page Up,
// which is what a presenter's remote clicker sends, or N / P — never while the
// presenter types or works a control that owns those keys. They do not clash
// with the lab's other keys: Space and → are playback, arrows move a focused
// mobile node, R reveals a class question.

export interface PlaylistShortcuts {
  readonly next: () => void;
  readonly previous: () => void;
}

export function playlistKey(e: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>): 'next' | 'previous' | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  if (e.key === 'PageDown' || (e.key === 'n' && !e.shiftKey) || e.key === 'N') return 'next';
  if (e.key === 'PageUp' || (e.key === 'p' && !e.shiftKey) || e.key === 'P') return 'previous';
  return null;
}

export function usePlaylistShortcuts(actions: PlaylistShortcuts, on: boolean): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    if (!on) return;
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.repeat) return;
      const which = playlistKey(e);
      if (which === null || !shortcutAllowed(e.target, e.key)) return;
      e.preventDefault();
      latest.current[which]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [on]);
}
