// One palette and one vocabulary for packet kinds, shared by the packet list,
// the ladder diagram and anything else that colours packets (docs/architecture.md "UI":
// data, tunnelled, control, key exchange). Colours are paired with text
// everywhere they appear, so colour is never the only cue.

import type { PacketKind } from '../../engine/wire/classify';

export const PACKET_KINDS: readonly PacketKind[] = ['control', 'key-exchange', 'discovery', 'data', 'tunnelled-data', 'icmp-error', 'other'];

export const KIND_LABEL: Readonly<Record<PacketKind, string>> = {
  control: 'Control',
  'key-exchange': 'Key exchange',
  discovery: 'Discovery',
  data: 'Data',
  'tunnelled-data': 'Tunnelled data',
  'icmp-error': 'ICMP error',
  other: 'Other',
};

/** Stripe / arrow colours; each has ≥ 3:1 contrast against white (WCAG non-text contrast). */
export const KIND_COLOUR: Readonly<Record<PacketKind, string>> = {
  control: '#1d4ed8',
  'key-exchange': '#7e22ce',
  discovery: '#0f766e',
  data: '#64748b',
  'tunnelled-data': '#b45309',
  'icmp-error': '#b91c1c',
  other: '#737373',
};
