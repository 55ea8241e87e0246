import { memo } from 'react';
import { KIND_COLOUR } from '../inspector/packet-kinds';
import { LADDER_KIND_GROUPS } from './ladder-kinds';

interface Props {
  readonly groups: ReadonlySet<string>;
  readonly onGroups: (groups: ReadonlySet<string>) => void;
  readonly zoom: number;
  readonly onZoom: (zoom: number) => void;
  readonly follow: boolean;
  readonly onFollow: (follow: boolean) => void;
  readonly count: number;
}

export const ZOOMS: readonly { readonly value: number; readonly label: string }[] = [
  { value: 0.5, label: '1 ms = ½ px' },
  { value: 2, label: '1 ms = 2 px' },
  { value: 8, label: '1 ms = 8 px' },
];

// What the ladder shows and how: kinds (the colours double as the legend),
// the time scale, and whether it keeps up with playback.
export const LadderToolbar = memo(function LadderToolbar({ groups, onGroups, zoom, onZoom, follow, onFollow, count }: Props) {
  const toggle = (id: string) => {
    const next = new Set(groups);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onGroups(next);
  };
  return (
    <div className="ladder-toolbar" role="group" aria-label="Ladder diagram options">
      <fieldset className="ladder-kinds">
        <legend className="sr-only">Message kinds drawn</legend>
        {LADDER_KIND_GROUPS.map((g) => (
          <label key={g.id} className="kind-toggle">
            <input type="checkbox" checked={groups.has(g.id)} onChange={() => toggle(g.id)} />
            <span className="kind-swatch" aria-hidden="true" style={{ background: KIND_COLOUR[g.kinds[0]!] }} />
            {g.label}
          </label>
        ))}
      </fieldset>
      <label>
        Time scale{' '}
        <select value={zoom} onChange={(e) => onZoom(Number(e.target.value))}>
          {ZOOMS.map((z) => <option key={z.value} value={z.value}>{z.label}</option>)}
        </select>
      </label>
      <button type="button" className="follow-toggle" aria-pressed={follow} onClick={() => onFollow(!follow)}>
        Follow playback
      </button>
      <span className="ladder-count">{count} arrows</span>
    </div>
  );
});
