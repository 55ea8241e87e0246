import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useLab } from '../store/lab-store';
import { useTraceView } from '../store/trace-view';
import { DEFAULT_PROFILE } from '../../engine/wire/mip/profile';
import { lazyView } from '../app/lazy-view';
import { EarlierPackets } from './list/EarlierPackets';
import { filterPackets } from './list/filter-packets';
import { PacketFilterBar } from './list/PacketFilterBar';
import { PacketList } from './list/PacketList';
import { usePacketTextFilter } from '../capture/packet-text-filter';
import './inspector.css';

// A packet's layers come from the full dissector set: fetched when the first packet is
// selected, not with the page (app/lazy-view.tsx).
const PacketDetail = lazyView('packet details', () => import('./detail/PacketDetail').then((m) => m.PacketDetail));

const ROW_HEIGHT = 22;
const ROW_HEIGHT_PRESENTATION = 30;

// The inspector in the Wireshark shape (docs/architecture.md "UI"): the packet list on
// the left, the selected packet — provenance, outcomes, authenticators,
// decoded tree and bytes — on the right. One selection everywhere: the list,
// the ladder and the canvas all read and write the store's selectedPacket.
export function PacketInspector() {
  const view = useTraceView();
  const trace = view.log;
  const filter = useLab((s) => s.packetFilter);
  const setPacketFilter = useLab((s) => s.setPacketFilter);
  const selected = useLab((s) => s.selectedPacket);
  const selectPacket = useLab((s) => s.selectPacket);
  const playing = useLab((s) => s.status === 'playing');
  const presentation = useLab((s) => s.presentation);
  const scenario = useLab((s) => s.scenario);
  const text = usePacketTextFilter((s) => s.text); // kept outside: Save capture can keep only what the list shows
  const setText = usePacketTextFilter((s) => s.setText);
  useEffect(() => () => setText(''), [setText]); // the text lives as long as the list, as local state would
  // Wireshark stops auto-scrolling once the learner picks a packet (here or in another view).
  // Adjusted while rendering, not in an effect: no render still following once a packet is picked.
  const [follow, setFollow] = useState(selected === null);
  const [seenSelection, setSeenSelection] = useState(selected);
  if (selected !== seenSelection) {
    setSeenSelection(selected);
    if (selected !== null) setFollow(false);
  }

  // Filtering 10,000+ rows can trail a frame behind a busy run without holding up the rest of the page.
  // A new view each time the mutable log grew (store/trace-view.ts).
  const deferred = useDeferredValue(view);
  const rows = useMemo(() => filterPackets(deferred.log.packets, filter, text), [deferred, filter, text]);
  const nodes = useMemo(() => scenario?.nodes.map((n) => n.id) ?? [...new Set(deferred.log.packets.map((p) => p.node))], [scenario, deferred]);

  const onSelect = useCallback((id: string) => selectPacket(id), [selectPacket]);
  const row = selected === null ? undefined : trace.packetById.get(selected);
  const total = trace.packets.length;
  const emptyText = total === 0 ? 'No packets yet — press Play to run the scenario.' : 'No packet matches the filter.';

  return (
    <section className={`packet-inspector${presentation ? ' presentation' : ''}`} aria-label="Packet inspector">
      <PacketFilterBar
        nodes={nodes}
        filter={filter}
        onFilter={setPacketFilter}
        text={text}
        onText={setText}
        follow={follow}
        onFollow={setFollow}
        shown={rows.length}
        total={total}
      />
      <EarlierPackets />
      <div className="packet-inspector-panes">
        <PacketList
          rows={rows}
          selected={selected}
          onSelect={onSelect}
          follow={follow && playing}
          onFollowChange={setFollow}
          rowHeight={presentation ? ROW_HEIGHT_PRESENTATION : ROW_HEIGHT}
          emptyText={emptyText}
        />
        {/* It scrolls once a packet's layers and bytes overflow: focusable and named, so the keyboard can scroll it too (WCAG 2.1.1). */}
        <div className="packet-inspector-detail" role="region" aria-label="Packet details" tabIndex={0}>
          {row === undefined ? (
            <p className="muted detail-hint">
              Select a packet (click, or arrow keys in the list) to see who sent it and why, what became of it, every layer
              decoded and its bytes.
            </p>
          ) : (
            <PacketDetail
              key={row.id}
              row={row}
              trace={view}
              profile={scenario?.profile ?? DEFAULT_PROFILE}
              scenario={scenario}
              onSelectPacket={onSelect}
            />
          )}
        </div>
      </div>
    </section>
  );
}
