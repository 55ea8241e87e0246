import { memo, useCallback, useMemo, useState } from 'react';
import { DEFAULT_PROFILE } from '../../engine/wire/mip/profile';
import { dissectPacket } from '../../engine/wire/packet';
import { describeWireError } from '../../engine/wire/result';
import { DissectionTree } from '../inspector/DissectionTree';
import { HexView } from '../inspector/HexView';
import { deepestFieldAt, flatten, type FieldPath, type FlatField } from '../inspector/field-path';
import type { FieldNode } from '../../engine/wire/dissection';
import type { CapturedPacket } from './read-capture';

type Decoded = { readonly root: FieldNode; readonly fields: readonly FlatField[] } | { readonly error: string };

interface Props {
  readonly packet: CapturedPacket;
}

// One packet of an opened capture: its comments (a lab capture says which
// message it is and why it was sent), then the decoded tree and the bytes, as
// on the packet decoder page — read-only: there is no run behind it, so no
// provenance or outcomes.
export const CapturedPacketDetail = memo(function CapturedPacketDetail({ packet }: Props) {
  const [selected, setSelected] = useState<FieldPath | null>(null);
  const ip = packet.ip;
  const decoded = useMemo((): Decoded | null => {
    if (ip === null) return null;
    const d = dissectPacket(ip, DEFAULT_PROFILE);
    return d.ok ? { root: d.value, fields: flatten(d.value) } : { error: describeWireError(d.error) };
  }, [ip]);
  const highlight = useMemo(() => {
    if (decoded === null || 'error' in decoded || selected === null) return null;
    const f = decoded.fields.find((x) => x.path === selected);
    return f ? { start: f.node.offset, end: f.node.offset + f.node.length } : null;
  }, [decoded, selected]);
  const pickByte = useCallback((offset: number) => {
    if (decoded === null || 'error' in decoded) return;
    const f = deepestFieldAt(decoded.fields, offset);
    if (f) setSelected(f.path);
  }, [decoded]);
  const header = ip === null ? 0 : packet.frame.length - ip.length;

  return (
    <section className="packet-detail" aria-label={`Captured packet No. ${packet.number}`}>
      <h2 className="packet-detail-title">No. {packet.number} · {packet.interfaceName} · {packet.frame.length} octets</h2>
      {packet.comments.map((c, i) => <p key={i} className="capture-comment">{c}</p>)}
      {ip === null ? <p className="decode-error" role="alert">Not decoded — {packet.notIp}</p> : null}
      {decoded !== null && 'error' in decoded ? <p className="decode-error" role="alert">Malformed packet — {decoded.error}</p> : null}
      {header > 0 ? <p className="muted">The {header}-octet link-layer header is left out: the bytes below start at the IP header.</p> : null}
      <div className="packet-detail-panes">
        {decoded !== null && 'root' in decoded ? <DissectionTree root={decoded.root} selected={selected} onSelect={setSelected} /> : null}
        <HexView bytes={ip ?? packet.frame} highlight={highlight} onPickByte={pickByte} />
      </div>
    </section>
  );
});
