import { useState } from 'react';
import { draftPlaylist, draftProblems, moveItem, type DraftItem } from './playlist-draft';
import { playlistQuery } from './playlist-link';
import { PlaylistItemEditor } from './PlaylistItemEditor';

export type { DraftItem } from './playlist-draft';

// Building a lecture on the course page: lessons added from the map, free-play
// stretches, the order, a title — and the link that plays it (copied, or opened
// here). The link is offered only when every item is complete.

export function PlaylistBuilder({ items, onChange, nextKey }: {
  readonly items: readonly DraftItem[];
  readonly onChange: (items: readonly DraftItem[]) => void;
  readonly nextKey: () => number;
}) {
  const [title, setTitle] = useState('');
  const [presentation, setPresentation] = useState(true);
  const [status, setStatus] = useState('');
  const problems = draftProblems(title, items);
  const query = problems.length === 0 ? playlistQuery(draftPlaylist(title, presentation, items)) : null;
  const url = query === null ? '' : `${window.location.origin}${window.location.pathname}${query}`;

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Link copied.');
    } catch {
      setStatus('Copying is not allowed here: select the link above and copy it.');
    }
  };
  const update = (k: number, next: DraftItem['item']): void => onChange(items.map((d, i) => (i === k ? { key: d.key, item: next } : d)));

  return (
    <section className="course-builder" aria-labelledby="builder-title">
      <h2 id="builder-title" className="course-section-title">Build a lecture</h2>
      <p>Add lessons from the map (a range of their steps if you like) and free-play stretches, put them in order, and share one link. Opened, it shows a bar to walk the lecture: Next and Previous, or Page Down and Page Up.</p>
      <div className="builder-head">
        <label>Lecture title <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Week 3: route optimization" /></label>
        <label><input type="checkbox" checked={presentation} onChange={(e) => setPresentation(e.target.checked)} /> Open in presentation mode</label>
      </div>
      {items.length === 0 ? <p className="course-empty">No item yet: use “Add to the lecture” on a lesson.</p> : (
        <ol className="builder-items" aria-label="Lecture items">
          {items.map((d, k) => (
            <PlaylistItemEditor
              key={d.key} item={d.item} n={k + 1} count={items.length}
              onChange={(next) => update(k, next)}
              onMove={(by) => onChange(moveItem(items, k, by))}
              onRemove={() => onChange(items.filter((_, i) => i !== k))}
            />
          ))}
        </ol>
      )}
      <button type="button" onClick={() => onChange([...items, { key: nextKey(), item: { kind: 'free-play', scenario: 'explore', title: 'Free play' } }])}>Add a free-play stretch</button>
      {problems.length === 0 ? (
        <div className="builder-link">
          <label>Lecture link <input type="text" readOnly value={url} onFocus={(e) => e.target.select()} /></label>
          <button type="button" onClick={() => void copy()}>Copy link</button>
          <a href={query!}>Open the lecture</a>
        </div>
      ) : (
        <ul className="builder-problems">{problems.map((p) => <li key={p}>{p}</li>)}</ul>
      )}
      <p role="status" className="builder-status">{status}</p>
    </section>
  );
}
