// Which packets the ladder draws. Data is off by default: a flow sends a
// datagram every few hundred milliseconds and would bury the protocol's
// control messages, which are what the ladder is for.

import type { PacketKind } from '../../engine/wire/classify';

export interface KindGroup {
  readonly id: string;
  readonly label: string;
  readonly kinds: readonly PacketKind[];
  readonly shownByDefault: boolean;
}

export const LADDER_KIND_GROUPS: readonly KindGroup[] = [
  { id: 'control', label: 'Control', kinds: ['control'], shownByDefault: true },
  { id: 'key-exchange', label: 'Key exchange', kinds: ['key-exchange'], shownByDefault: true },
  { id: 'discovery', label: 'Discovery', kinds: ['discovery'], shownByDefault: true },
  { id: 'data', label: 'Data', kinds: ['data', 'tunnelled-data'], shownByDefault: false },
  { id: 'errors', label: 'ICMP errors, other', kinds: ['icmp-error', 'other'], shownByDefault: true },
];

export const DEFAULT_GROUPS: ReadonlySet<string> = new Set(LADDER_KIND_GROUPS.filter((g) => g.shownByDefault).map((g) => g.id));

export function kindsOf(groups: ReadonlySet<string>): ReadonlySet<PacketKind> {
  return new Set(LADDER_KIND_GROUPS.filter((g) => groups.has(g.id)).flatMap((g) => g.kinds));
}
