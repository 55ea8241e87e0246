// What happens to a frame between two nodes (docs/architecture.md "Engine": links with
// delay, loss, bandwidth).
//
//  departure = max(now, the sending interface's queue free time) + serialization
//  arrival   = departure + propagation delay of the link
//
// Serialization = ceil(octets × 8 / bandwidth), counting the IPv4 datagram
// only (the lab ignores link-layer framing overhead). Frames wait in a FIFO
// per sending interface — one per direction of a point-to-point link, one per
// station on a segment or in a cell — and the loss draws of that direction come
// from a seeded stream owned by the same interface. Keeping all of it on the
// sender's side is what lets one worker per node decide it alone, in the same
// order as the in-process scheduler (docs/architecture.md "Runtime").
//
// Receivers are fixed when the frame is handed to the link: a mobile node
// that walks out of the cell while a frame is in flight still receives it.
//
// Loss is drawn per receiver that accepts the frame (its own link-layer
// address, a group address, or a promiscuous interface), in (node, interface)
// order, and only when the link's loss is strictly between 0 and 1, so a
// loss-free link consumes no randomness.
//
// A unicast frame whose destination address no station on the link has (the
// mobile node it was meant for has left the cell) reaches no one — a
// promiscuous station overhearing it is not its receiver. The plan says so,
// with the time it would have arrived, so the sender can trace every frame
// that went nowhere (node-runner.ts: a `lost` event at that time).

import { isGroupLinkAddress, type LinkAddress } from '../node/link-address';
import { MICROS_PER_SECOND, type Micros } from '../node/time';
import { createRandom, type RandomState } from '../random';
import type { Membership } from './radio';
import { interfaceOf, interfaceSpec, type InterfaceRef, type LinkId, type TopologyIndex } from './topology';

/** The state of one sending interface: its FIFO and its loss stream. Plain data. */
export interface TransmitState {
  /** When the interface finishes sending what is already queued. */
  readonly freeAt: Micros;
  readonly random: RandomState;
}

export interface Reception {
  readonly link: LinkId;
  readonly to: InterfaceRef;
  readonly time: Micros;
}

/** A copy the link's loss draw took: it would have reached `to` at `time`. */
export interface LinkLoss {
  readonly link: LinkId;
  readonly to: InterfaceRef;
  readonly probability: number;
  readonly time: Micros;
}

/** A unicast frame whose destination address no station on its links has: it would have arrived at `time`. */
export interface Unreached {
  readonly links: readonly LinkId[];
  readonly time: Micros;
}

export interface TransmitPlan {
  readonly state: TransmitState;
  /** When the last bit leaves the sender. */
  readonly departure: Micros;
  readonly receptions: readonly Reception[];
  readonly losses: readonly LinkLoss[];
  /** Present when the frame is unicast and no station on its links has its destination address. */
  readonly unreached?: Unreached;
}

export function serializationDelay(octets: number, bitsPerSecond: number | undefined): Micros {
  if (bitsPerSecond === undefined) return 0;
  return Math.ceil((octets * 8 * MICROS_PER_SECOND) / bitsPerSecond);
}

function accepts(index: TopologyIndex, to: InterfaceRef, destination: LinkAddress): boolean {
  return isGroupLinkAddress(destination)
    || interfaceOf(index, to).linkAddress === destination
    || interfaceSpec(index, to).promiscuous === true;
}

/**
 * Plans one transmission from `from`. Returns undefined when the interface is
 * attached to no link (a radio interface out of range of every cell).
 */
export function planTransmission(
  index: TopologyIndex,
  membership: Membership,
  from: InterfaceRef,
  destination: LinkAddress,
  octets: number,
  state: TransmitState,
  now: Micros,
): TransmitPlan | undefined {
  const linkIds = membership.attachments[from.node]![from.interface]!;
  if (linkIds.length === 0) return undefined;
  const links = linkIds.map((id) => index.links.get(id)!);
  // One radio sends once, at the pace of the slowest cell it is attached to.
  const serialization = Math.max(...links.map((l) => serializationDelay(octets, l.bandwidth)));
  const departure = Math.max(now, state.freeAt) + serialization;
  const random = createRandom(state.random);
  const receptions: Reception[] = [];
  const losses: LinkLoss[] = [];
  const served = new Set<string>();
  let addressed = isGroupLinkAddress(destination);
  for (const link of links) {
    for (const to of membership.members.get(link.id) ?? []) {
      const key = `${to.node}/${to.interface}`;
      if ((to.node === from.node && to.interface === from.interface) || served.has(key)) continue;
      if (!accepts(index, to, destination)) continue;
      served.add(key);
      if (interfaceOf(index, to).linkAddress === destination) addressed = true;
      const loss = link.loss ?? 0;
      const lost = loss >= 1 || (loss > 0 && random.u32() / 0x100000000 < loss);
      if (lost) losses.push({ link: link.id, to, probability: loss, time: departure + link.delay });
      else receptions.push({ link: link.id, to, time: departure + link.delay });
    }
  }
  // The latest it could have arrived, over every link the interface is on.
  const unreached = addressed ? {} : { unreached: { links: linkIds, time: departure + Math.max(...links.map((l) => l.delay)) } };
  return { state: { freeAt: departure, random: random.state() }, departure, receptions, losses, ...unreached };
}
