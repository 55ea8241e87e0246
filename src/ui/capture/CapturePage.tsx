import { useCallback, useMemo, useState } from 'react';
import { PacketList } from '../inspector/list/PacketList';
import '../inspector/inspector.css';
import { CapturedPacketDetail } from './CapturedPacketDetail';
import { captureRow } from './capture-rows';
import { OpenCaptureButton } from './OpenCaptureButton';
import { useOpenedCapture } from './opened-capture-store';
import { WiresharkHelp } from './WiresharkHelp';
import './capture.css';

/** Times past this (µs) are wall-clock dates (a capture from elsewhere): shown relative to the first packet, as Wireshark does. */
const WALL_CLOCK = 1e12;

// The capture page (#/capture): a capture file the learner opened, read-only,
// in the packet inspector's shape — the list, the decoded tree and the bytes —
// or, for a file that could not be read, what is wrong with it and where.
export function CapturePage() {
  const capture = useOpenedCapture((s) => s.capture);
  const refusal = useOpenedCapture((s) => s.refusal);
  const [selected, setSelected] = useState<string | null>(null);
  const rows = useMemo(() => {
    if (capture === null) return [];
    const first = capture.packets[0]?.timeMicros ?? 0;
    const shift = first > WALL_CLOCK ? first : 0;
    return capture.packets.map((p) => ({ ...captureRow(p), time: p.timeMicros - shift }));
  }, [capture]);
  const onSelect = useCallback((id: string) => setSelected(id), []);
  const noop = useCallback(() => undefined, []);
  const index = selected === null ? -1 : rows.findIndex((r) => r.id === selected);
  const packet = index < 0 ? undefined : capture?.packets[index];

  return (
    <div className="app capture-page">
      <header className="app-header">
        <h1>Route Optimization Lab — capture</h1>
        <p className="tagline">
          A capture file opened read-only: every packet dissected by the same engine the lab runs. <a href="#/">Back to the lab</a>
        </p>
        <OpenCaptureButton label={capture === null ? 'Open capture' : 'Open another capture'} />
      </header>
      <main>
        {refusal !== null ? <p className="decode-error" role="alert">{refusal}</p> : null}
        {capture === null ? (
          <p>Open a pcapng or pcap file — one the lab saved, or one from Wireshark or tshark — to see its packets decoded.</p>
        ) : (
          <section className="packet-inspector" aria-label="Opened capture">
            <h2 className="capture-summary">
              <strong>{capture.fileName}</strong>: {capture.packets.length} packet{capture.packets.length === 1 ? '' : 's'}
              {capture.application === undefined ? '' : `, written by ${capture.application}`} ({capture.format})
            </h2>
            <div className="packet-inspector-panes">
              <PacketList rows={rows} selected={selected} onSelect={onSelect} follow={false} onFollowChange={noop} rowHeight={22} emptyText="The file holds no packets." />
              <div className="packet-inspector-detail" role="region" aria-label="Packet details" tabIndex={0}>
                {packet === undefined
                  ? <p className="muted detail-hint">Select a packet to see every layer decoded and its bytes.</p>
                  : <CapturedPacketDetail key={packet.number} packet={packet} />}
              </div>
            </div>
          </section>
        )}
        <WiresharkHelp />
      </main>
    </div>
  );
}
