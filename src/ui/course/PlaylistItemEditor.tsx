import { memo, useId } from 'react';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin';
import { lessonById } from '../lessons/lesson-catalog';
import type { FreePlayItem, LessonItem, PlaylistItem } from './playlist-link';

// One item of the lecture being built: a lesson with the steps to show, or a
// free play (a scenario, a title and a note for the class); with the buttons
// that move it up, down or out. Every control is labelled with the item's number.

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

function LessonFields({ item, n, onChange }: { readonly item: LessonItem; readonly n: number; readonly onChange: (i: PlaylistItem) => void }) {
  const id = useId();
  const loaded = lessonById(item.lesson);
  const steps = loaded?.lesson.steps.length ?? 1;
  const from = item.from ?? 1;
  const to = item.to ?? steps;
  const set = (f: number, t: number): void => onChange({ kind: 'lesson', lesson: item.lesson, ...(f === 1 ? {} : { from: f }), ...(t === steps ? {} : { to: t }) });
  return (
    <div className="builder-fields">
      <strong>{loaded?.lesson.title ?? item.lesson}</strong>
      <label htmlFor={`${id}-from`}>from step</label>
      <select id={`${id}-from`} aria-label={`Item ${n}: first step`} value={from} onChange={(e) => { const f = Number(e.target.value); set(f, Math.max(f, to)); }}>
        {range(steps).map((k) => <option key={k} value={k}>{k}</option>)}
      </select>
      <label htmlFor={`${id}-to`}>to step</label>
      <select id={`${id}-to`} aria-label={`Item ${n}: last step`} value={to} onChange={(e) => { const t = Number(e.target.value); set(Math.min(from, t), t); }}>
        {range(steps).map((k) => <option key={k} value={k}>{k}</option>)}
      </select>
      {from > 1 ? <span className="builder-hint">Steps before {from} are skipped, not played.</span> : null}
    </div>
  );
}

function FreePlayFields({ item, n, onChange }: { readonly item: FreePlayItem; readonly n: number; readonly onChange: (i: PlaylistItem) => void }) {
  return (
    <div className="builder-fields builder-free">
      <strong>Free play</strong>
      <label>Scenario{' '}
        <select aria-label={`Item ${n}: scenario`} value={item.scenario} onChange={(e) => onChange({ ...item, scenario: e.target.value })}>
          {BUILTIN_SCENARIOS.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
        </select>
      </label>
      <label>Title{' '}
        <input type="text" aria-label={`Item ${n}: title`} value={item.title} onChange={(e) => onChange({ ...item, title: e.target.value })} />
      </label>
      <label className="builder-note">Note for the class{' '}
        <textarea aria-label={`Item ${n}: note for the class`} rows={2} value={item.note ?? ''} onChange={(e) => onChange({ kind: 'free-play', scenario: item.scenario, title: item.title, ...(e.target.value === '' ? {} : { note: e.target.value }) })} />
      </label>
    </div>
  );
}

export const PlaylistItemEditor = memo(function PlaylistItemEditor({ item, n, count, onChange, onMove, onRemove }: {
  readonly item: PlaylistItem;
  /** 1-based position. */
  readonly n: number;
  readonly count: number;
  readonly onChange: (item: PlaylistItem) => void;
  readonly onMove: (by: -1 | 1) => void;
  readonly onRemove: () => void;
}) {
  return (
    <li className="builder-item">
      <span className="builder-n" aria-hidden="true">{n}</span>
      {item.kind === 'lesson' ? <LessonFields item={item} n={n} onChange={onChange} /> : <FreePlayFields item={item} n={n} onChange={onChange} />}
      <span className="builder-item-buttons">
        <button type="button" aria-label={`Move item ${n} up`} disabled={n === 1} onClick={() => onMove(-1)}>↑</button>
        <button type="button" aria-label={`Move item ${n} down`} disabled={n === count} onClick={() => onMove(1)}>↓</button>
        <button type="button" aria-label={`Remove item ${n}`} onClick={onRemove}>Remove</button>
      </span>
    </li>
  );
});
