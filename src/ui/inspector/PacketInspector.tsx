import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useLab } from '../store/lab-store';
import { DEFAULT_PROFILE } from '../../engine/wire/mip/profile';
import { PacketDetail } from './detail/PacketDetail';
import { EarlierPackets } from './list/EarlierPackets';
import { filterPackets } from './list/filter-packets';
import { PacketFilterBar } from './list/PacketFilterBar';
import { PacketList } from './list/PacketList';
import './inspector.css';

const ROW_HEIGHT = 22;
const ROW_HEIGHT_PRESENTATION = 30;

// The inspector in the Wireshark shape (docs/architecture.md "UI"): the packet list on
// the left, the selected packet — provenance, outcomes, authenticators,
// decoded tree and bytes — on the right. One selection everywhere: the list,
// the ladder and the canvas all read and write the store's selectedPacket.
export function PacketInspector() {
  const trace = useLab((s) => s.trace);
  const traceVersion = useLab((s) => s.traceVersion);
  const filter = useLab((s) => s.packetFilter);
  const setPacketFilter = useLab((s) => s.setPacketFilter);
  const selected = useLab((s) => s.selectedPacket);
  const selectPacket = useLab((s) => s.selectPacket);
  const playing = useLab((s) => s.status === 'playing');
  const presentation = useLab((s) => s.presentation);
  const scenario = useLab((s) => s.scenario);
  const [text, setText] = useState('');
  const [follow, setFollow] = useState(true);

  // Filtering 10,000+ rows can trail a frame behind a busy run without holding up the rest of the page.
  const version = useDeferredValue(traceVersion);
  const rows = useMemo(
    () => filterPackets(trace.packets, filter, text),
    [trace, version, filter, text], // version: the mutable trace grew
  );
  const nodes = useMemo(() => scenario?.nodes.map((n) => n.id) ?? [...new Set(trace.packets.map((p) => p.node))], [scenario, trace, version]);

  // Wireshark stops auto-scrolling once the learner picks a packet.
  useEffect(() => {
    if (selected !== null) setFollow(false);
  }, [selected]);

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
        <div className="packet-inspector-detail">
          {row === undefined ? (
            <p className="muted detail-hint">
              Select a packet (click, or arrow keys in the list) to see who sent it and why, what became of it, every layer
              decoded and its bytes.
            </p>
          ) : (
            <PacketDetail
              key={row.id}
              row={row}
              trace={trace}
              traceVersion={traceVersion}
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
