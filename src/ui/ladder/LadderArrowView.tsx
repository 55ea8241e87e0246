import { memo, type KeyboardEvent } from 'react';
import { KIND_COLOUR } from '../inspector/packet-kinds';
import { arrowName, type LadderArrow } from './ladder-model';

interface Props {
  readonly arrow: LadderArrow;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly labelY: number;
  readonly selected: boolean;
  readonly tabbable: boolean;
  readonly onSelect: (arrow: LadderArrow) => void;
  readonly onKeyDown: (e: KeyboardEvent<SVGGElement>, arrow: LadderArrow) => void;
  readonly onFocus: (arrow: LadderArrow) => void;
}

const HEAD = 7;

// One hop: a line from sender to receiver with a head at the receiver, or a
// ✕ part-way where the link lost it. A focusable button (roving tabindex);
// its name says what, who to whom and when.
export const LadderArrowView = memo(function LadderArrowView({ arrow, x0, y0, x1, y1, labelY, selected, tabbable, onSelect, onKeyDown, onFocus }: Props) {
  const colour = KIND_COLOUR[arrow.kind];
  const len = Math.hypot(x1 - x0, y1 - y0) || 1;
  const ux = (x1 - x0) / len;
  const uy = (y1 - y0) / len;
  const head = `${x1},${y1} ${x1 - HEAD * ux - (HEAD / 2) * uy},${y1 - HEAD * uy + (HEAD / 2) * ux} ${x1 - HEAD * ux + (HEAD / 2) * uy},${y1 - HEAD * uy - (HEAD / 2) * ux}`;
  const midX = (x0 + x1) / 2;
  return (
    <g
      role="button"
      className={`ladder-arrow fate-${arrow.fate}${selected ? ' selected' : ''}`}
      tabIndex={tabbable ? 0 : -1}
      aria-label={arrowName(arrow)}
      aria-pressed={selected}
      data-packet={arrow.packet}
      data-arrow={arrow.key}
      onClick={() => onSelect(arrow)}
      onKeyDown={(e) => onKeyDown(e, arrow)}
      onFocus={() => onFocus(arrow)}
    >
      <title>{`No. ${arrow.number}: ${arrowName(arrow)}${arrow.why ? ` — ${arrow.why}` : ''}`}</title>
      <line className="arrow-halo" x1={x0} y1={y0} x2={x1} y2={y1} />
      <line className="arrow-line" x1={x0} y1={y0} x2={x1} y2={y1} stroke={colour} strokeDasharray={arrow.kind === 'tunnelled-data' ? '5 3' : undefined} />
      {arrow.fate === 'lost' ? (
        <text className="arrow-lost" x={x1} y={y1} textAnchor="middle" dominantBaseline="central">✕</text>
      ) : (
        <polygon points={head} fill={colour} />
      )}
      {arrow.fate === 'refused' ? <text className="arrow-refused" x={x1} y={y1 - 8} textAnchor="middle">⊘</text> : null}
      <text className="arrow-label" x={midX} y={labelY} textAnchor="middle">{arrow.name}</text>
    </g>
  );
});
