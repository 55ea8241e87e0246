// Packets that left the same node for the same neighbour at the same instant
// (a tunnelled datagram and the Binding Update it triggered, say) would sit
// exactly on top of each other; each gets a slot across the link instead, so
// a learner sees two packets, not one.

import type { Flight } from '../model/flight-index';

export const SPREAD_GAP = 13;

/** Per flight key, its signed slot: 0 alone, ±0.5 for a pair, -1/0/1 for three… */
export function spreadSlots(flights: readonly Flight[]): Map<string, number> {
  const groups = new Map<string, string[]>();
  for (const f of flights) {
    const g = `${f.hop.from}>${f.hop.to}@${f.hop.link}:${f.hop.depart}:${f.hop.arrive}`;
    const list = groups.get(g);
    if (list === undefined) groups.set(g, [f.key]);
    else list.push(f.key);
  }
  const slots = new Map<string, number>();
  for (const keys of groups.values()) keys.forEach((k, i) => slots.set(k, i - (keys.length - 1) / 2));
  return slots;
}
