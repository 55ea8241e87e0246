import { lazyView } from '../app/lazy-view';
import { selectLesson } from '../lessons/lesson-selectors';
import { useLab } from '../store/lab-store';
import { nextItem, previousItem } from './open-playlist';
import { usePlaylist } from './playlist-store';
import { usePlaylistShortcuts } from './use-playlist-shortcuts';

// The bar of a lecture opened from a playlist link (PlaylistBarNav.tsx draws it).
// Its titles come from the built-in lessons, so it is fetched with the first
// lecture, not with the page (app/lazy-view.tsx); the keyboard shortcuts are
// listened for here, so they work from the moment the lecture starts.

const PlaylistBarNav = lazyView('lecture bar', () => import('./PlaylistBarNav').then((m) => m.PlaylistBarNav));

export function PlaylistBar() {
  const playlist = usePlaylist((s) => s.playlist);
  const index = usePlaylist((s) => s.index);
  const opening = usePlaylist((s) => s.opening);
  const lesson = useLab(selectLesson);
  usePlaylistShortcuts({ next: nextItem, previous: previousItem }, playlist !== null);
  if (playlist === null) return null;
  return <PlaylistBarNav playlist={playlist} index={index} opening={opening} lesson={lesson} />;
}
