import { CitedText } from '../references/CitedText';
import type { LessonSession } from '../lessons/lesson-slice';
import type { Playlist, PlaylistItem } from './playlist-link';
import { itemTitle } from './course-catalog';
import { leavePlaylist, nextItem as next, previousItem as previous } from './open-playlist';
import './course.css';

// The slim bar of a lecture opened from a playlist link: which item is on
// screen ("item k of n"), a free play's note for the class, and the way
// through the lecture — Previous / Next, or Page Up / Page Down (a remote
// clicker) and P / N — saying so once a lesson item's last step is done.

/** The lesson of a lesson item has passed the last step the item shows. */
function rangeDone(item: PlaylistItem, lesson: LessonSession | null): boolean {
  if (item.kind !== 'lesson' || lesson === null || lesson.id !== item.lesson) return false;
  const last = (item.to ?? lesson.loaded.lesson.steps.length) - 1;
  return lesson.progress.reached > last || (lesson.progress.reached === last && lesson.views[last]?.state === 'passed');
}

export function PlaylistBarNav({ playlist, index, opening, lesson }: { readonly playlist: Playlist; readonly index: number; readonly opening: boolean; readonly lesson: LessonSession | null }) {
  const item = playlist.items[index]!;
  const count = playlist.items.length;
  const after = playlist.items[index + 1];
  return (
    <nav className="playlist-bar" aria-label="Lecture">
      <p className="playlist-where">
        {playlist.title === undefined ? null : <span className="playlist-title">{playlist.title}</span>}
        <span className="playlist-count">Item {index + 1} of {count}:</span>{' '}
        <strong className="playlist-item">{item.kind === 'free-play' ? `Free play — ${item.title}` : itemTitle(item)}</strong>
        {item.kind === 'free-play' && item.note !== undefined ? <span className="playlist-note"><CitedText text={item.note} /></span> : null}
        <span className="playlist-done" role="status">{after !== undefined && rangeDone(item, lesson) ? 'Done: Next goes on.' : ''}</span>
      </p>
      <div className="playlist-buttons">
        <button type="button" disabled={index === 0 || opening} aria-keyshortcuts="PageUp P" onClick={previous}>Previous</button>
        <button type="button" disabled={after === undefined || opening} aria-keyshortcuts="PageDown N" onClick={next} title={after === undefined ? undefined : `Next: ${itemTitle(after)}`}>
          {after === undefined ? 'Last item' : 'Next'}
        </button>
        <button type="button" className="playlist-leave" onClick={leavePlaylist}>Leave the lecture</button>
      </div>
    </nav>
  );
}
