// The packet list's filter: the store's node and kind choice (shared with the
// other views) plus a free-text filter that matches any column, like a simple
// Wireshark display filter.

import type { PacketRow } from '../../store/trace-log';
import type { PacketFilter } from '../../store/lab-store';

const haystacks = new WeakMap<PacketRow, string>();

function haystack(row: PacketRow): string {
  let h = haystacks.get(row);
  if (h === undefined) {
    h = [
      row.number, row.node, row.interface ?? '', row.source, row.destination, row.protocol, row.kind, row.tunnels.join(' '), row.summary,
      ...(row.layer === undefined ? [] : [row.layer]), ...(row.outerAddresses ?? []),
    ].join('\u0000').toLowerCase();
    haystacks.set(row, h);
  }
  return h;
}

export function filterPackets(rows: readonly PacketRow[], filter: PacketFilter, text: string): readonly PacketRow[] {
  const nodes = filter.nodes.length === 0 ? null : new Set(filter.nodes);
  const kinds = filter.kinds.length === 0 ? null : new Set(filter.kinds);
  const words = text.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (nodes === null && kinds === null && words.length === 0) return rows.slice();
  return rows.filter((r) => (nodes === null || nodes.has(r.node))
    && (kinds === null || kinds.has(r.kind))
    && words.every((w) => haystack(r).includes(w)));
}
