import { memo } from 'react';
import type { NodeId } from '../../../engine/node/contract';
import type { PacketKind } from '../../../engine/wire/classify';
import type { PacketFilter } from '../../store/lab-store';
import { KIND_COLOUR, KIND_LABEL, PACKET_KINDS } from '../packet-kinds';

interface Props {
  readonly nodes: readonly NodeId[];
  readonly filter: PacketFilter;
  readonly onFilter: (filter: PacketFilter) => void;
  readonly text: string;
  readonly onText: (text: string) => void;
  readonly follow: boolean;
  readonly onFollow: (follow: boolean) => void;
  readonly shown: number;
  readonly total: number;
}

/** The store may hold several nodes (set from another view); the picker offers one at a time. */
const MANY = '\u0000several';

// Which packets the list shows: by the node that put them on the link, by
// kind (the same colours as the stripes, so the boxes double as the legend)
// and by any text in their columns.
export const PacketFilterBar = memo(function PacketFilterBar({ nodes, filter, onFilter, text, onText, follow, onFollow, shown, total }: Props) {
  const kindOn = (k: PacketKind) => filter.kinds.length === 0 || filter.kinds.includes(k);
  const onCount = PACKET_KINDS.filter(kindOn).length;
  const toggleKind = (k: PacketKind) => {
    const next = PACKET_KINDS.filter((x) => (x === k ? !kindOn(x) : kindOn(x)));
    if (next.length === 0) return; // "no kind" would mean "every kind" in the store: keep at least one
    onFilter({ ...filter, kinds: next.length === PACKET_KINDS.length ? [] : next });
  };
  return (
    <div className="packet-filter" role="group" aria-label="Packet list filters">
      <label className="packet-filter-node">
        Node{' '}
        <select
          value={filter.nodes.length === 1 ? filter.nodes[0] : filter.nodes.length > 1 ? MANY : ''}
          onChange={(e) => e.target.value !== MANY && onFilter({ ...filter, nodes: e.target.value === '' ? [] : [e.target.value] })}
        >
          <option value="">All nodes</option>
          {filter.nodes.length > 1 ? <option value={MANY}>{filter.nodes.join(', ')}</option> : null}
          {nodes.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </label>
      <fieldset className="packet-filter-kinds">
        <legend className="sr-only">Packet kinds shown</legend>
        {PACKET_KINDS.map((k) => (
          <label key={k} className="kind-toggle">
            <input type="checkbox" checked={kindOn(k)} disabled={kindOn(k) && onCount === 1} onChange={() => toggleKind(k)} />
            <span className="kind-swatch" aria-hidden="true" style={{ background: KIND_COLOUR[k] }} />
            {KIND_LABEL[k]}
          </label>
        ))}
      </fieldset>
      <label className="packet-filter-text">
        <span className="sr-only">Text filter</span>
        <input type="search" value={text} placeholder="Filter: Binding Update, 10.1.0.10…" onChange={(e) => onText(e.target.value)} />
      </label>
      <button type="button" className="follow-toggle" aria-pressed={follow} onClick={() => onFollow(!follow)}>
        Follow newest
      </button>
      <span className="packet-count">{shown === total ? `${total} packets` : `${shown} of ${total} packets`}</span>
    </div>
  );
});
