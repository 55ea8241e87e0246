// The rows of an opened capture for the lab's packet list (inspector/list):
// each frame classified like a trace packet. A lab capture's comment says who
// sent the packet ("… | FA2: relayed …"), which fills the Node column; a
// capture from elsewhere shows the interface there instead.

import { classifyPacket } from '../../engine/wire/classify';
import { ipv6Columns, type PacketRow } from '../store/trace-log';
import type { CapturedPacket } from './read-capture';

const LAB_COMMENT = /^.* \| ([^:|]+): (.*)$/s;

export function captureRow(p: CapturedPacket): PacketRow {
  const c = p.ip === null ? null : classifyPacket(p.ip);
  const comment = p.comments[0];
  const lab = comment === undefined ? null : LAB_COMMENT.exec(comment);
  const id = `capture-${p.number}`;
  const summary = lab?.[2] ?? comment ?? p.notIp ?? c?.name ?? '';
  return {
    id,
    number: p.number,
    time: p.timeMicros,
    node: lab?.[1] ?? p.interfaceName,
    interface: p.interfaceName,
    source: c?.source ?? '—',
    destination: c?.destination ?? '—',
    kind: c?.kind ?? 'other',
    protocol: p.ip === null ? 'not IPv4' : c?.name ?? 'malformed',
    ...(p.ip === null ? {} : ipv6Columns(c, p.ip)),
    tunnels: c?.tunnels ?? [],
    summary,
    length: p.frame.length,
    event: { id, time: p.timeMicros, node: lab?.[1] ?? p.interfaceName, kind: 'sent', summary, ref: '', ...(p.ip === null ? {} : { bytes: p.ip }) },
  };
}
