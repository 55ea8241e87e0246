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
import { createRandom, stateAfter, type RandomSource, type RandomState } from '../random';
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

const NO_LOSSES: readonly LinkLoss[] = Object.freeze([]);

export function serializationDelay(octets: number, bitsPerSecond: number | undefined): Micros {
  if (bitsPerSecond === undefined) return 0;
  return Math.ceil((octets * 8 * MICROS_PER_SECOND) / bitsPerSecond);
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
  const links = linkIds.length === 1 ? [index.links.get(linkIds[0]!)!] : linkIds.map((id) => index.links.get(id)!);
  // One radio sends once, at the pace of the slowest cell it is attached to.
  let serialization = -Infinity;
  for (const l of links) serialization = Math.max(serialization, serializationDelay(octets, l.bandwidth));
  const departure = Math.max(now, state.freeAt) + serialization;
  // The loss stream is opened only when a lossy link draws from it; untouched, its state stays as it was.
  let random: RandomSource | undefined;
  const receptions: Reception[] = [];
  let losses: LinkLoss[] | undefined; // most frames lose nothing: then the shared empty list
  // A station is served once even when it shares several of the sender's cells; on one link each is listed once.
  const served = links.length > 1 ? new Set<string>() : undefined;
  const group = isGroupLinkAddress(destination);
  let addressed = group;
  for (const link of links) {
    for (const to of membership.members.get(link.id) ?? []) {
      if (to.node === from.node && to.interface === from.interface) continue;
      const key = served === undefined ? '' : `${to.node}/${to.interface}`;
      if (served?.has(key) === true) continue;
      // Accepted: its own link-layer address, a group address, or a promiscuous interface.
      const own = interfaceOf(index, to).linkAddress === destination;
      if (!group && !own && interfaceSpec(index, to).promiscuous !== true) continue;
      served?.add(key);
      if (own) addressed = true;
      const loss = link.loss ?? 0;
      const lost = loss >= 1 || (loss > 0 && (random ??= createRandom(state.random)).u32() / 0x100000000 < loss);
      if (lost) (losses ??= []).push({ link: link.id, to, probability: loss, time: departure + link.delay });
      else receptions.push({ link: link.id, to, time: departure + link.delay });
    }
  }
  const plan = { state: { freeAt: departure, random: random === undefined ? state.random : stateAfter(random, state.random) }, departure, receptions, losses: losses ?? NO_LOSSES };
  if (addressed) return plan;
  // The latest it could have arrived, over every link the interface is on.
  let latest = -Infinity;
  for (const l of links) latest = Math.max(latest, l.delay);
  return { ...plan, unreached: { links: linkIds, time: departure + latest } };
}
