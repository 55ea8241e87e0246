// The playlist being played (a lecture opened from `?playlist=`): its items
// and which one is on screen. A store of its own, beside the lab's: the lab
// runs the item (a lesson or a scenario) as it runs any other.

import { create } from 'zustand';
import type { Playlist } from './playlist-link';

export interface PlaylistState {
  readonly playlist: Playlist | null;
  /** The item on screen (0-based). */
  readonly index: number;
  /** An item is being opened: the bar's buttons wait for it. */
  readonly opening: boolean;
}

export const usePlaylist = create<PlaylistState>()(() => ({ playlist: null, index: 0, opening: false }));
