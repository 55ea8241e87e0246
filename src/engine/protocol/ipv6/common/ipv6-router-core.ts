// What the IPv6 home agent and access router share as routers (docs/ipv6.md
// §2–§3): the dual-stack router's forwarding (network/behaviours/router.ts,
// reused, not copied) plus the Neighbor Discovery this lab's routers do
// themselves (RFC 4861 §7.2, OC-53): the forwarding table they hand the router
// is the topology's, with the neighbours they learned added to `neighbours6`
// (network/behaviours/ip6-output.ts), and a datagram for an on-link address
// nobody has resolved waits in the hold queue while a Neighbor Solicitation
// asks for it.

import type { InterfaceConfig, NodeContext, NodeInput, NodeOutput } from '../../../node/contract';
import type { ForwardingTable } from '../../../node/route-table';
import { lookupRoute6, resolveNeighbour6 } from '../../../node/route-table6';
import { routerBehaviour, type RouterState } from '../../../network/behaviours/router';
import { sendIpv6Datagram } from '../../../network/behaviours/ip6-output';
import type { DatagramTrace } from '../../../network/behaviours/ip-output';
import { EtherType } from '../../../node/link-address';
import { isIpv6LinkLocal, isIpv6Multicast, readIpv6, solicitedNodeAddress, type Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { dropped, tableTraces, trace } from '../../nodes/common/trace';
import {
  HOLD_QUEUE_LENGTH, holdForResolution, learnNeighbour, nextResolutionRetry, retryResolutions, sortedNeighbourEntries,
  type HeldDatagram, type NeighbourCache,
} from './neighbour-cache';
import { neighborSolicitationPacket } from './nd-messages';

export const ND_RETRANSMIT_TIMER = 'nd-retransmit';

export interface Ipv6RouterCore {
  readonly router: RouterState;
  readonly neighbours: NeighbourCache;
}

export interface CoreStep {
  readonly core: Ipv6RouterCore;
  readonly outputs: readonly NodeOutput[];
}

/** The topology's table with the learned neighbours added (what ip6-output.ts expects of a node doing ND). */
export function tableWithLearned(core: Ipv6RouterCore): ForwardingTable {
  const learned = sortedNeighbourEntries(core.neighbours).flatMap((e) => (e.linkAddress === null ? [] : [{ interface: e.interface, address: e.address, linkAddress: e.linkAddress }]));
  const table = core.router.table;
  if (learned.length === 0) return table;
  return { ...table, neighbours6: [...(table.neighbours6 ?? []), ...learned] };
}

/** Where a unicast datagram to `destination` would go and whether its next hop is unresolved (RFC 4861 §5.2). */
function unresolvedNextHop(core: Ipv6RouterCore, destination: Ipv6Address, via?: string): { iface: string; nextHop: Ipv6Address } | undefined {
  if (isIpv6Multicast(destination)) return undefined;
  const table = tableWithLearned(core);
  if (isIpv6LinkLocal(destination)) {
    if (via === undefined || resolveNeighbour6(table.neighbours6 ?? [], via, destination) !== undefined) return undefined;
    return { iface: via, nextHop: destination };
  }
  const route = lookupRoute6(table.routes6 ?? [], destination);
  if (route === undefined) return undefined;
  const nextHop = route.nextHop ?? destination;
  if (resolveNeighbour6(table.neighbours6 ?? [], route.interface, nextHop) !== undefined) return undefined;
  return { iface: route.interface, nextHop };
}

function retryTimer(neighbours: NeighbourCache): NodeOutput[] {
  const at = nextResolutionRetry(neighbours);
  return at === null ? [{ kind: 'cancel-timer', key: ND_RETRANSMIT_TIMER }] : [{ kind: 'set-timer', key: ND_RETRANSMIT_TIMER, at, ref: 'RFC 4861 §7.2.2 (RetransTimer)' }];
}

function solicit(ctx: NodeContext, core: Ipv6RouterCore, iface: string, target: Ipv6Address): NodeOutput {
  const own = ctx.node.interfaces.find((i) => i.name === iface);
  const destination = solicitedNodeAddress(target);
  if (own === undefined) return dropped(`no Neighbor Solicitation for ${target}`, `this node has no interface "${iface}"`, 'RFC 4861 §7.2.2');
  const bytes = neighborSolicitationPacket(own, target, destination);
  return sendIpv6Datagram(ctx.node, core.router.table, bytes, destination, {
    summary: `Neighbor Solicitation for ${target} → ${destination}`,
    reason: `the router has a datagram for ${target} on this link and does not know its link-layer address`,
    ref: 'RFC 4861 §7.2.2',
  }, iface);
}

/** Queues `held` for `nextHop` and solicits it if the entry is new. */
function hold(core: Ipv6RouterCore, ctx: NodeContext, iface: string, nextHop: Ipv6Address, held: HeldDatagram): CoreStep {
  const h = holdForResolution(core.neighbours, iface, nextHop, held, ctx.now);
  const next = { ...core, neighbours: h.table };
  const outputs: NodeOutput[] = [...tableTraces('neighbour cache', h.changes)];
  if (h.replaced !== undefined) outputs.push(dropped(`${h.replaced.summary} — not sent`, `a newer datagram for ${nextHop} took its place in the hold queue while the address is being resolved (at most ${HOLD_QUEUE_LENGTH} wait per address)`, 'RFC 4861 §7.2.2', { bytes: h.replaced.bytes }));
  if (h.solicit) outputs.push(solicit(ctx, next, iface, nextHop));
  return { core: next, outputs: [...outputs, ...retryTimer(next.neighbours)] };
}

/** Sends a datagram this node originates, resolving its next hop by Neighbor Discovery when needed. */
export function sendFromRouter(core: Ipv6RouterCore, ctx: NodeContext, bytes: Uint8Array, destination: Ipv6Address, trace: DatagramTrace, via?: string): CoreStep {
  const pending = unresolvedNextHop(core, destination, via);
  if (pending !== undefined) {
    return hold(core, ctx, pending.iface, pending.nextHop, { bytes, summary: trace.summary, traceAs: trace.traceAs ?? 'sent', ref: trace.ref ?? 'RFC 8200 §3' });
  }
  return { core, outputs: [sendIpv6Datagram(ctx.node, tableWithLearned(core), bytes, destination, trace, via)] };
}

/** Runs the dual-stack router on `input` with the learned neighbours in its table. */
export function asRouter(core: Ipv6RouterCore, input: NodeInput, ctx: NodeContext): CoreStep {
  const step = routerBehaviour.handle({ ...core.router, table: tableWithLearned(core) }, input, ctx);
  const router = { ...(step.state), table: core.router.table };
  return { core: { ...core, router }, outputs: step.outputs };
}

/** Installs a new topology table (the learned neighbours stay). */
export function installRoutes(core: Ipv6RouterCore, input: NodeInput, ctx: NodeContext): CoreStep {
  const step = routerBehaviour.handle(core.router, input, ctx);
  return { core: { ...core, router: step.state }, outputs: step.outputs };
}

/**
 * Forwards a datagram in transit (someone else's): through the router, or —
 * when the destination is on a link of ours and unresolved — into the hold
 * queue with a Neighbor Solicitation (RFC 4861 §7.2.2).
 */
export function forwardTransit(core: Ipv6RouterCore, input: Extract<NodeInput, { kind: 'frame' }>, ctx: NodeContext, what?: string): CoreStep {
  const bytes = input.frame.payload;
  if (input.frame.etherType === EtherType.IPV6 && bytes.length >= 40 && bytes[7]! > 1) {
    const source = readIpv6(bytes, 8);
    const destination = readIpv6(bytes, 24);
    const pending = isIpv6LinkLocal(destination) || isIpv6LinkLocal(source) ? undefined : unresolvedNextHop(core, destination);
    if (pending !== undefined) {
      return hold(core, ctx, pending.iface, pending.nextHop, { bytes, summary: what ?? `IPv6 ${source} → ${destination}`, traceAs: 'forwarded', ref: 'RFC 8200 §3', arrivedOn: input.interface });
    }
  }
  return asRouter(core, input, ctx);
}

/** Sends a datagram that waited for resolution, now that its next hop is known. */
function release(core: Ipv6RouterCore, ctx: NodeContext, held: HeldDatagram, iface: InterfaceConfig | undefined): CoreStep {
  if (held.arrivedOn !== undefined) {
    const frame = { source: iface?.linkAddress ?? '', destination: iface?.linkAddress ?? '', etherType: EtherType.IPV6, payload: held.bytes };
    return asRouter(core, { kind: 'frame', interface: held.arrivedOn, frame }, ctx);
  }
  const destination = readIpv6(held.bytes, 24);
  return { core, outputs: [sendIpv6Datagram(ctx.node, tableWithLearned(core), held.bytes, destination, { summary: held.summary, traceAs: held.traceAs, ref: held.ref, reason: 'held until Neighbor Discovery resolved the next hop (RFC 4861 §7.2.2)' })] };
}

/** A link-layer address learned from SLLA or TLLA (RFC 4861 §7.2.3, §7.2.5); a waiting datagram goes out. */
export function learnFrom(core: Ipv6RouterCore, ctx: NodeContext, iface: string, address: Ipv6Address, linkAddress: string, what: string): CoreStep {
  if (address === '::') return { core, outputs: [] }; // RFC 4861 §7.2.3: no entry from the unspecified source
  const l = learnNeighbour(core.neighbours, iface, address, linkAddress, what, ctx.now);
  const next = { ...core, neighbours: l.table };
  const outputs: NodeOutput[] = [...tableTraces('neighbour cache', l.changes)];
  if (l.released === undefined) return { core: next, outputs };
  let released = next;
  for (const held of l.released) {
    const r = release(released, ctx, held, ctx.node.interfaces.find((i) => i.name === iface));
    released = r.core;
    outputs.push(...r.outputs);
  }
  return { core: released, outputs: [...outputs, ...retryTimer(released.neighbours)] };
}

/** The retransmission timer: solicit again or give up, dropping the held datagram with the reason (RFC 4861 §7.2.2). */
export function onNdRetransmit(core: Ipv6RouterCore, ctx: NodeContext): CoreStep {
  const r = retryResolutions(core.neighbours, ctx.now);
  const next = { ...core, neighbours: r.table };
  const outputs: NodeOutput[] = [...tableTraces('neighbour cache', r.changes)];
  for (const e of r.resolicit) outputs.push(solicit(ctx, next, e.interface, e.address));
  let core2 = next;
  for (const e of r.failed) {
    const why = `${e.address} did not answer ${e.solicitations} Neighbor Solicitations: address resolution failed`;
    for (const held of e.held) {
      if (held.arrivedOn === undefined) {
        outputs.push(dropped(`${held.summary} — not sent`, `${why}, so the datagram that waited is discarded`, 'RFC 4861 §7.2.2', { bytes: held.bytes }));
        continue;
      }
      // Someone else's datagram: the router discards it and tells its source (ICMPv6 Destination Unreachable, address unreachable; RFC 4861 §7.2.2, RFC 4443 §3.1).
      outputs.push(trace('decision', `${held.summary}: address resolution failed`, 'RFC 4861 §7.2.2', { reason: why }));
      const frame = { source: '', destination: '', etherType: EtherType.IPV6, payload: held.bytes };
      const routed = asRouter(core2, { kind: 'frame', interface: held.arrivedOn, frame }, ctx);
      core2 = routed.core;
      outputs.push(...routed.outputs);
    }
  }
  return { core: core2, outputs: [...outputs, ...retryTimer(core2.neighbours)] };
}
