import { useMemo, useState } from 'react';
import { describeWireError } from '../../engine/wire/result';
import { parseHexInput } from '../../engine/wire/hex';
import { dissectPacket } from '../../engine/wire/packet';
import { DissectionTree } from '../inspector/DissectionTree';
import { HexView } from '../inspector/HexView';
import { deepestFieldAt, flatten, type FieldPath } from '../inspector/field-path';
import { useSamplePackets } from './use-sample-packets';

// Paste a captured IPv4 or IPv6 packet (or pick one of the lab's own samples) and see
// every layer dissected by the same engine the simulation runs on.
export function PacketDecoder() {
  const samples = useSamplePackets();
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<FieldPath | null>(null);

  const decoded = useMemo(() => {
    if (text.trim() === '') return null;
    const hex = parseHexInput(text);
    if (!hex.ok) return { error: `Not hex: ${hex.reason}` } as const;
    const d = dissectPacket(hex.bytes);
    if (!d.ok) return { error: `Malformed packet — ${describeWireError(d.error)}` } as const;
    return { bytes: hex.bytes, root: d.value, fields: flatten(d.value) } as const;
  }, [text]);

  const highlight = useMemo(() => {
    if (decoded === null || 'error' in decoded || selected === null) return null;
    const f = decoded.fields.find((x) => x.path === selected);
    return f ? { start: f.node.offset, end: f.node.offset + f.node.length } : null;
  }, [decoded, selected]);

  const pickByte = (offset: number) => {
    if (decoded === null || 'error' in decoded) return;
    const f = deepestFieldAt(decoded.fields, offset);
    if (f) setSelected(f.path);
  };

  return (
    <section className="decoder" aria-labelledby="decoder-title">
      <h2 id="decoder-title">Packet decoder</h2>
      <p>
        Paste one IPv4 or IPv6 packet as hex, from the IP header on (Wireshark: <em>Copy → as Hex Stream</em>), or pick one
        of the lab&apos;s sample messages. Click a field to see its bytes; click a byte to find its field.
      </p>
      <div className="decoder-inputs">
        <label className="sample-picker">
          Sample message{' '}
          <select
            value=""
            onChange={(e) => {
              const s = samples.find((x) => x.name === e.target.value);
              if (s) {
                setText(Array.from(s.bytes, (b) => b.toString(16).padStart(2, '0')).join(' '));
                setSelected(null);
              }
            }}
          >
            <option value="">Choose a message…</option>
            {samples.map((s) => (
              <option key={s.name} value={s.name}>{s.name}</option>
            ))}
          </select>
        </label>
        <label className="hex-input">
          Packet bytes (hex)
          <textarea
            value={text}
            spellCheck={false}
            rows={4}
            placeholder="45 00 00 4a 00 01 00 00 01 11 ec ee …"
            onChange={(e) => {
              setText(e.target.value);
              setSelected(null);
            }}
          />
        </label>
      </div>
      {decoded !== null && 'error' in decoded ? (
        <p className="decode-error" role="alert">{decoded.error}</p>
      ) : null}
      {decoded !== null && !('error' in decoded) ? (
        <div className="inspector-panes">
          <DissectionTree root={decoded.root} selected={selected} onSelect={setSelected} />
          <HexView bytes={decoded.bytes} highlight={highlight} onPickByte={pickByte} />
        </div>
      ) : null}
    </section>
  );
}
