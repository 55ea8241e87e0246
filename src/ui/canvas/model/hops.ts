// Which link a transmission crossed, to whom, and when it arrives — so the
// canvas can draw a packet in flight. Once a `received` event names the
// transmission as its cause the answer is exact; but the runtime reports
// events only up to `now` (backend.ts: advanceTo processes events with
// time ≤ t), so a packet truly in flight has no reception yet. Then the hop
// is estimated the way the link model plans it (network/transmission.ts):
// arrival = send + serialization + the link's propagation delay, to the
// member of the link the datagram is for.

import { entryAt } from '../../../engine/keyed';
import { serializationDelay } from '../../../engine/network/transmission';
import type { LinkId } from '../../../engine/network/topology';
import type { NodeId, TraceEvent } from '../../../engine/node/contract';
import type { Micros } from '../../../engine/node/time';
import { isGroupDestination, outerAddresses } from '../../../engine/wire/outer-addresses';
import type { CommandLogEntry } from '../../../runtime/types';
import { interfaceKey, type CanvasModel } from './canvas-model';

/** One frame crossing one link, sender to one receiver. */
export interface Hop {
  readonly link: LinkId;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly depart: Micros;
  readonly arrive: Micros;
  /** Known from a `received` event (true) or planned from the link model (false). */
  readonly exact: boolean;
}

/** A node's current attachments per interface (NodeView.attachments). */
export type AttachmentsOf = (node: NodeId) => Readonly<Record<string, readonly string[]>> | undefined;

/** The links an interface is on: its fixed link, or, for a radio interface, the cells in range. */
export function interfaceLinks(model: CanvasModel, node: NodeId, iface: string | undefined, attachments: AttachmentsOf): readonly LinkId[] {
  if (iface === undefined) return [];
  const fixed = model.fixedLink.get(interfaceKey(node, iface));
  if (fixed !== undefined) return [fixed];
  const byInterface = attachments(node);
  return (byInterface === undefined ? undefined : entryAt(byInterface, iface)) ?? []; // interface names are data
}

/** Every node on a link: its fixed members and the mobile nodes whose radio is attached to it. */
export function linkMembers(model: CanvasModel, link: LinkId, attachments: AttachmentsOf): NodeId[] {
  const out: NodeId[] = [];
  for (const n of model.nodes) {
    const on = n.interfaces.some((i) => (i.link === undefined ? (attachments(n.id)?.[i.name] ?? []).includes(link) : i.link === link));
    if (on) out.push(n.id);
  }
  return out;
}

/** A broadcast or multicast address, IPv4 or IPv6 (an IPv6 one is ff00::/8, RFC 4291 §2.7). */
export function isGroupAddress(a: string): boolean {
  return isGroupDestination(a);
}

/** A transmission addressed (outer header) to one node: if nobody receives it, it is lost. */
export function isUnicast(tx: TraceEvent): boolean {
  const outer = tx.bytes === undefined ? undefined : outerAddresses(tx.bytes);
  return outer !== undefined && !isGroupAddress(outer.destination);
}

/** A router's "→ next hop …" (router.ts, router6.ts): a dotted IPv4 address or IPv6 text. */
const NEXT_HOP = /next hop (\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]+)/;

/**
 * Who on `candidates` the frame is for: the next hop the router named, else
 * the datagram's (outer) destination, else everyone for a group address, else
 * the members that forward (a host's default router).
 */
export function likelyReceivers(model: CanvasModel, tx: TraceEvent, candidates: readonly NodeId[]): NodeId[] {
  const pick = (address: string | undefined): NodeId | undefined => {
    if (address === undefined) return undefined;
    const n = model.nodeByAddress.get(address);
    return n !== undefined && candidates.includes(n) ? n : undefined;
  };
  const byNextHop = pick(NEXT_HOP.exec(tx.summary)?.[1]);
  if (byNextHop !== undefined) return [byNextHop];
  const destination = tx.bytes === undefined ? undefined : outerAddresses(tx.bytes)?.destination;
  const byDestination = pick(destination);
  if (byDestination !== undefined) return [byDestination];
  if (destination !== undefined && isGroupAddress(destination)) return [...candidates];
  return candidates.filter((c) => model.nodeById.get(c)?.forwards === true);
}

/** The propagation delay of a link at virtual time `at`, after any set-link commands before it. */
export function linkDelayAt(model: CanvasModel, commands: readonly CommandLogEntry[]): (link: LinkId, at: Micros) => Micros {
  return (link, at) => {
    let delay = model.links.get(link)?.delay ?? 0;
    for (const c of commands) {
      if (c.at > at) break;
      if (c.command.type === 'set-link' && c.command.link === link && c.command.delay !== undefined) delay = c.command.delay;
    }
    return delay;
  };
}

/** The planned hops of a transmission whose receptions are not reported yet. */
export function estimateHops(model: CanvasModel, tx: TraceEvent, attachments: AttachmentsOf, delayOf: (link: LinkId, at: Micros) => Micros): Hop[] {
  const links = interfaceLinks(model, tx.node, tx.interface, attachments);
  const octets = tx.bytes?.length ?? 0;
  const hops: Hop[] = [];
  const served = new Set<NodeId>([tx.node]);
  for (const link of links) {
    const spec = model.links.get(link);
    if (spec === undefined) continue;
    const candidates = linkMembers(model, link, attachments).filter((m) => !served.has(m));
    const arrive = tx.time + serializationDelay(octets, spec.bandwidth) + delayOf(link, tx.time);
    const likely = likelyReceivers(model, tx, candidates);
    // A point-to-point link has one possible receiver, whatever the datagram says.
    const receivers = likely.length === 0 && spec.kind === 'point-to-point' ? candidates : likely;
    for (const to of receivers) {
      served.add(to);
      hops.push({ link, from: tx.node, to, depart: tx.time, arrive, exact: false });
    }
  }
  return hops;
}

const LINK_IN_SUMMARY = /\(link ([^)]+)\)/;

/** The hops a transmission really made, from the `received` events that name it as their cause. */
export function exactHops(model: CanvasModel, tx: TraceEvent, outcomes: readonly TraceEvent[]): Hop[] {
  const hops: Hop[] = [];
  for (const o of outcomes) {
    if (o.kind !== 'received') continue;
    const link = model.fixedLink.get(interfaceKey(tx.node, tx.interface ?? ''))
      ?? model.fixedLink.get(interfaceKey(o.node, o.interface ?? ''))
      ?? LINK_IN_SUMMARY.exec(o.summary)?.[1];
    if (link === undefined) continue;
    hops.push({ link, from: tx.node, to: o.node, depart: tx.time, arrive: o.time, exact: true });
  }
  return hops;
}

/** Beyond the planned arrival, for a frame that waited behind others in its sender's queue on a slow link. */
const ARRIVAL_GRACE: Micros = 1_000;

/**
 * The latest time a transmission can be received: its send time plus the
 * serialization and delay of the slowest link it may be on (a mobile node's
 * radio: any cell), plus a little grace. By then, a frame no one has received
 * never will be: the link model fixes its receivers when it leaves.
 */
export function arrivalDeadline(model: CanvasModel, delayOf: (link: LinkId, at: Micros) => Micros): (tx: TraceEvent) => Micros {
  const radio = [...model.links.values()].filter((l) => l.kind === 'radio').map((l) => l.id);
  return (tx) => {
    const fixed = model.fixedLink.get(interfaceKey(tx.node, tx.interface ?? ''));
    let latest = 0;
    for (const link of fixed === undefined ? radio : [fixed]) {
      const spec = model.links.get(link);
      if (spec === undefined) continue;
      latest = Math.max(latest, serializationDelay(tx.bytes?.length ?? 0, spec.bandwidth) + delayOf(link, tx.time));
    }
    return tx.time + latest + ARRIVAL_GRACE;
  };
}
