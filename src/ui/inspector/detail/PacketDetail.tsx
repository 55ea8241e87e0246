import { memo, useCallback, useMemo, useState } from 'react';
import type { TraceEventId } from '../../../engine/node/contract';
import type { MipProfile } from '../../../engine/wire/mip/profile';
import { dissectPacketFully } from '../../../engine/wire/packet';
import { describeWireError } from '../../../engine/wire/result';
import type { LoadedScenario } from '../../../scenarios/to-topology';
import type { PacketRow } from '../../store/trace-log';
import type { TraceView } from '../../store/trace-view';
import { DissectionTree } from '../DissectionTree';
import { HexView } from '../HexView';
import { deepestFieldAt, flatten, type FieldPath, type FlatField } from '../field-path';
import type { FieldNode } from '../../../engine/wire/dissection';
import { KIND_COLOUR, KIND_LABEL } from '../packet-kinds';
import { authChecks } from './auth-checks';
import { AuthChecks } from './AuthChecks';
import { Outcomes } from './Outcomes';
import { Provenance } from './Provenance';

interface Props {
  readonly row: PacketRow;
  /** The trace as of now: a new view each time the log grew (store/trace-view.ts). */
  readonly trace: TraceView;
  readonly profile: MipProfile;
  readonly scenario: LoadedScenario | null;
  readonly onSelectPacket: (id: TraceEventId) => void;
}

type Decoded = { readonly root: FieldNode; readonly fields: readonly FlatField[] } | { readonly error: string };

// The selected packet, whole: where it came from and what became of it, its
// authenticators, and every layer (outer IP, tunnel, inner IP, UDP, Mobile IP
// message, each extension) with field ↔ byte highlighting both ways.
// Keyed by packet in the parent, so a new packet starts with nothing selected.
export const PacketDetail = memo(function PacketDetail({ row, trace, profile, scenario, onSelectPacket }: Props) {
  const bytes = row.event.bytes!;
  const [field, setField] = useState<FieldPath | null>(null);
  const [coverage, setCoverage] = useState<number | null>(null);

  const decoded = useMemo((): Decoded => {
    const d = dissectPacketFully(bytes, profile);
    return d.ok ? { root: d.value.root, fields: flatten(d.value.root) } : { error: describeWireError(d.error) };
  }, [bytes, profile]);

  // Verdicts arrive with later trace events: recompute with each new view of the trace.
  const checks = useMemo(
    () => ('root' in decoded ? authChecks(bytes, decoded.root, profile, trace.log, row.id, scenario) : []),
    [decoded, bytes, profile, trace, row.id, scenario],
  );

  const highlight = useMemo(() => {
    if (!('fields' in decoded) || field === null) return null;
    const f = decoded.fields.find((x) => x.path === field);
    return f ? { start: f.node.offset, end: f.node.offset + f.node.length } : null;
  }, [decoded, field]);

  const covered = coverage === null ? null : checks.find((c) => c.index === coverage)?.covered ?? null;

  const pickByte = useCallback((offset: number) => {
    if (!('fields' in decoded)) return;
    const f = deepestFieldAt(decoded.fields, offset);
    if (f) setField(f.path);
  }, [decoded]);

  return (
    <section className="packet-detail" aria-label={`Packet No. ${row.number} details`}>
      <h2 className="packet-detail-title">
        <span className="kind-badge" style={{ borderColor: KIND_COLOUR[row.kind], color: KIND_COLOUR[row.kind] }}>{KIND_LABEL[row.kind]}</span>{' '}
        No. {row.number} · {row.protocol}
        {row.tunnels.length > 0 ? <span className="muted"> in {row.tunnels.join(' in ')}</span> : null}
      </h2>
      <Provenance row={row} trace={trace.log} onSelectPacket={onSelectPacket} />
      <Outcomes packetId={row.id} trace={trace.log} traceVersion={trace.version} onSelectPacket={onSelectPacket} />
      {checks.length > 0 ? (
        <AuthChecks checks={checks} profile={profile} shownCoverage={coverage} onShowCoverage={setCoverage} onSelectField={setField} />
      ) : null}
      {'error' in decoded ? <p className="decode-error" role="alert">Malformed packet — {decoded.error}</p> : null}
      <div className="packet-detail-panes">
        {'root' in decoded ? <DissectionTree root={decoded.root} selected={field} onSelect={setField} /> : null}
        <HexView bytes={bytes} highlight={highlight} covered={covered} onPickByte={pickByte} />
      </div>
    </section>
  );
});
