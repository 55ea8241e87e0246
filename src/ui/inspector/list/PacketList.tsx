import { memo, useCallback, useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { TraceEventId } from '../../../engine/node/contract';
import type { PacketRow } from '../../store/trace-log';
import { protocolColumnText } from '../../store/packet-layer';
import { seconds6 } from '../format';
import { KIND_COLOUR, KIND_LABEL } from '../packet-kinds';
import { useScrollViewport } from '../use-scroll-viewport';

interface Props {
  readonly rows: readonly PacketRow[];
  readonly selected: TraceEventId | null;
  readonly onSelect: (id: TraceEventId) => void;
  /** Keep the newest row in view (while playing). */
  readonly follow: boolean;
  readonly onFollowChange: (follow: boolean) => void;
  readonly rowHeight: number;
  readonly emptyText: string;
}

const COLUMNS = ['No.', 'Time (s)', 'Node', 'Source', 'Destination', 'Protocol', 'Length', 'Summary'] as const;
const OVERSCAN = 8;

// Wireshark's top pane: one row per transmission, windowed (only the rows on
// screen exist in the DOM, so 10,000+ rows scroll as fast as 10). An ARIA grid
// whose active row is the selected packet; arrows, Page Up/Down, Home/End move
// the selection.
export const PacketList = memo(function PacketList({ rows, selected, onSelect, follow, onFollowChange, rowHeight, emptyText }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const onUserScroll = useCallback((el: HTMLElement) => {
    // Back at the end: follow again; anywhere else: the learner is reading, stop following.
    onFollowChange(el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight);
  }, [onFollowChange, rowHeight]);
  const { viewport, scrollTo, onScroll } = useScrollViewport(ref, onUserScroll);
  const bodyHeight = Math.max(rowHeight, viewport.height - rowHeight); // the sticky header takes one row
  const selectedIndex = selected === null ? -1 : rows.findIndex((r) => r.id === selected);

  // Follow the newest packet.
  useEffect(() => {
    if (follow && rows.length > 0) scrollTo(rows.length * rowHeight + rowHeight - viewport.height);
  }, [follow, rows.length, rowHeight, viewport.height, scrollTo]);

  // Bring the selected row into view, wherever it was selected.
  useEffect(() => {
    if (selectedIndex < 0) return;
    const top = selectedIndex * rowHeight;
    const el = ref.current;
    const current = el?.scrollTop ?? 0;
    if (top < current) scrollTo(top);
    else if (top + rowHeight > current + bodyHeight) scrollTo(top + rowHeight - bodyHeight);
  }, [selectedIndex, rowHeight, bodyHeight, scrollTo]);

  const first = Math.max(0, Math.floor(viewport.top / rowHeight) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((viewport.top + bodyHeight) / rowHeight) + OVERSCAN);
  const rowId = (r: PacketRow) => `${idPrefix}-pkt-${r.number}`;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0) return;
    const page = Math.max(1, Math.floor(bodyHeight / rowHeight) - 1);
    const from = selectedIndex >= 0 ? selectedIndex : Math.min(rows.length - 1, Math.floor(viewport.top / rowHeight));
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex < 0 ? from : from + 1,
      ArrowUp: selectedIndex < 0 ? from : from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: rows.length - 1,
    };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    onSelect(rows[Math.max(0, Math.min(rows.length - 1, to))]!.id);
  };

  const active = selectedIndex >= first && selectedIndex < last ? rowId(rows[selectedIndex]!) : undefined;
  return (
    <div className="packet-list-frame">
      <div
        ref={ref}
        className="packet-list"
        role="grid"
        aria-label="Packet list"
        aria-rowcount={rows.length + 1}
        aria-colcount={COLUMNS.length}
        aria-activedescendant={active}
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        style={{ ['--row-height' as string]: `${rowHeight}px` }}
      >
        <div role="rowgroup" className="packet-list-head">
          <div role="row" aria-rowindex={1} className="packet-list-row">
            {COLUMNS.map((c) => <div role="columnheader" key={c} className={`col col-${colClass(c)}`}>{c}</div>)}
          </div>
        </div>
        <div role="rowgroup" className="packet-list-body" style={{ height: rows.length * rowHeight }}>
          {rows.slice(first, last).map((r, k) => {
            const i = first + k;
            const isSelected = i === selectedIndex;
            return (
              <div
                role="row"
                key={r.id}
                id={rowId(r)}
                aria-rowindex={i + 2}
                aria-selected={isSelected}
                data-packet={r.id}
                className={`packet-list-row kind-${r.kind}${isSelected ? ' selected' : ''}`}
                style={{ top: i * rowHeight, height: rowHeight, borderLeftColor: KIND_COLOUR[r.kind] }}
                title={`${KIND_LABEL[r.kind]}${r.tunnels.length > 0 ? `, tunnelled (${r.tunnels.join(', ')})` : ''}`}
                onClick={() => {
                  onSelect(r.id);
                  ref.current?.focus({ preventScroll: true });
                }}
              >
                <div role="gridcell" className="col col-no">{r.number}</div>
                <div role="gridcell" className="col col-time">{seconds6(r.time)}</div>
                <div role="gridcell" className="col col-node">{r.node}</div>
                {/* An IPv6 address is wider than the column: the whole of it on hover (docs/ipv6.md). */}
                <div role="gridcell" className="col col-src" title={r.source}>{r.source}</div>
                <div role="gridcell" className="col col-dst" title={r.destination}>{r.destination}</div>
                <div role="gridcell" className="col col-proto">{protocolColumnText(r)}</div>
                <div role="gridcell" className="col col-len">{r.length}</div>
                <div role="gridcell" className="col col-summary">{r.summary}</div>
              </div>
            );
          })}
        </div>
      </div>
      {rows.length === 0 ? <p className="packet-list-empty">{emptyText}</p> : null}
    </div>
  );
});

function colClass(c: (typeof COLUMNS)[number]): string {
  return { 'No.': 'no', 'Time (s)': 'time', Node: 'node', Source: 'src', Destination: 'dst', Protocol: 'proto', Length: 'len', Summary: 'summary' }[c];
}
