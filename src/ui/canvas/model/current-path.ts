// The route the correspondent's traffic takes to the mobile node right now,
// read from what actually happened: the latest data datagram delivered to the
// mobile node, followed back through `causedBy` to the send that started it.
// Whether the home agent was on the way and who tunnelled to where tells
// triangle routing (RFC 2002 §4.2.3: the home agent intercepts and tunnels) from
// route optimization (Perkins & Johnson §3; optim-08 §3.1: the correspondent
// tunnels straight to the care-of address), and shows a previous foreign
// agent forwarding during a smooth handoff (Perkins & Johnson §4.1; optim-08 §8.1).
// An IPv6 path (Perkins & Johnson §10) is told the same way, except that the
// correspondent's route-optimized datagrams carry a type 2 Routing header
// instead of a tunnel (current-path-ipv6.ts words it).

import type { LinkId } from '../../../engine/network/topology';
import type { NodeId, TraceEvent, TraceEventId } from '../../../engine/node/contract';
import type { Micros } from '../../../engine/node/time';
import type { Ipv4Address } from '../../../engine/wire/address';
import type { Ipv6Address } from '../../../engine/wire/ipv6/ipv6-address';
import { outerAddresses } from '../../../engine/wire/outer-addresses';
import { runReading } from '../../store/run-reading';
import type { CanvasModel } from './canvas-model';
import { describeIpv6Path, isHomeAgentRole } from './current-path-ipv6';
import { exactHops } from './hops';

export interface PathHop {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly link: LinkId;
  /** The transmission (a packet id in every view). */
  readonly packet: TraceEventId;
  readonly tunnelled: boolean;
}

/** A node that put an outer IP header on the datagram, and where it sent it. */
export interface TunnelStep {
  readonly node: NodeId;
  readonly source: Ipv4Address | Ipv6Address;
  readonly destination: Ipv4Address | Ipv6Address;
}

export type PathKind = 'triangle' | 'route-optimization' | 'at-home' | 'direct' | 'other';

export interface CurrentPath {
  readonly mobile: NodeId;
  readonly origin: NodeId;
  /** The delivery the path ends in. */
  readonly delivered: TraceEventId;
  readonly sentAt: Micros;
  readonly deliveredAt: Micros;
  readonly hops: readonly PathHop[];
  /** The home agent, when the datagram passed through one. */
  readonly homeAgent?: NodeId;
  readonly tunnels: readonly TunnelStep[];
  readonly kind: PathKind;
  /** An IPv6 datagram (Perkins & Johnson §10). */
  readonly ipv6?: true;
  /** IPv6: the correspondent sent it straight to this care-of address with a type 2 Routing header (RFC 6275 §6.4). */
  readonly routedTo?: Ipv6Address;
  /** e.g. "CN → MN: 5 hops, 22.0 ms via HA, tunnelled by HA to care-of address 192.168.2.1 (triangle routing, RFC 2002 §4.2.3)". */
  readonly label: string;
}

const MAX_CHAIN = 256;

function isTransmission(e: TraceEvent): boolean {
  return (e.kind === 'sent' || e.kind === 'forwarded') && e.bytes !== undefined;
}

/** Follows a delivery at a mobile node back to the transmission that started it; null when the chain breaks. */
export function followPath(model: CanvasModel, byId: ReadonlyMap<TraceEventId, TraceEvent>, end: TraceEvent): CurrentPath | null {
  const chain: TraceEvent[] = [];
  let e: TraceEvent | undefined = end;
  for (let n = 0; e !== undefined && n < MAX_CHAIN; n++) {
    chain.push(e);
    if (e.kind === 'sent' && e.bytes !== undefined) break;
    e = e.causedBy === undefined ? undefined : byId.get(e.causedBy);
  }
  const first = chain[chain.length - 1]!;
  if (first.kind !== 'sent' || first.bytes === undefined) return null;
  chain.reverse();

  const hops: PathHop[] = [];
  const tunnels: TunnelStep[] = [];
  let outer: { source: string; destination: string } | null = null;
  chain.forEach((tx, i) => {
    if (!isTransmission(tx)) return;
    const next = chain[i + 1];
    const hop = next === undefined || next.causedBy !== tx.id ? undefined : exactHops(model, tx, [next])[0];
    const tunnelled = (runReading().classifyPacket(tx.bytes!)?.tunnels.length ?? 0) > 0;
    if (hop !== undefined) hops.push({ from: hop.from, to: hop.to, link: hop.link, packet: tx.id, tunnelled });
    if (!tunnelled) {
      outer = null;
      return;
    }
    const addresses = outerAddresses(tx.bytes!);
    if (addresses === undefined) return;
    const header = { source: addresses.source, destination: addresses.destination };
    const prev: { source: string; destination: string } | null = outer;
    if (prev === null || prev.source !== header.source || prev.destination !== header.destination) tunnels.push({ node: tx.node, ...header });
    outer = header;
  });

  const roleOf = (id: NodeId) => model.nodeById.get(id)?.role;
  const homeAgent = chain.find((x) => isTransmission(x) && x !== first && isHomeAgentRole(roleOf(x.node)))?.node;
  const sent = runReading().classifyPacket(first.bytes);
  // IPv6 route optimization is no tunnel: the correspondent's own datagram carries a type 2 Routing header (RFC 6275 §6.4).
  const routedTo = sent?.routingHeader2 === true && sent.tunnels.length === 0 ? outerAddresses(first.bytes)?.destination : undefined;
  const kind: PathKind = homeAgent !== undefined
    ? (tunnels.some((t) => t.node === homeAgent) ? 'triangle' : 'at-home')
    : routedTo !== undefined ? 'route-optimization'
      : tunnels.length === 0 ? 'direct'
        : tunnels[0]!.node === first.node ? 'route-optimization' : 'other';
  const path = {
    mobile: end.node,
    origin: first.node,
    delivered: end.id,
    sentAt: first.time,
    deliveredAt: end.time,
    hops,
    ...(homeAgent === undefined ? {} : { homeAgent }),
    tunnels,
    kind,
    ...(sent?.ipv6 === true ? { ipv6: true as const } : {}),
    ...(routedTo === undefined ? {} : { routedTo }),
  };
  return { ...path, label: path.ipv6 === true ? describeIpv6Path(path, roleOf) : describePath(path, roleOf) };
}

/** The learner-visible sentence, built from what the path did (never from a scenario's intent). */
export function describePath(path: Omit<CurrentPath, 'label'>, roleOf: (id: NodeId) => string | undefined): string {
  const n = path.hops.length;
  const ms = ((path.deliveredAt - path.sentAt) / 1000).toFixed(1);
  let text = `${path.origin} → ${path.mobile}: ${n} ${n === 1 ? 'hop' : 'hops'}, ${ms} ms`;
  const [firstTunnel, ...later] = path.tunnels;
  switch (path.kind) {
    case 'triangle':
      text += ` via ${path.homeAgent}, tunnelled by ${firstTunnel!.node} to care-of address ${firstTunnel!.destination} (triangle routing, RFC 2002 §4.2.3)`;
      break;
    case 'route-optimization':
      text += `, tunnelled by ${firstTunnel!.node} directly to care-of address ${firstTunnel!.destination} (route optimization, Perkins & Johnson §3; optim-08 §3.1)`;
      break;
    case 'at-home':
      text += ` via ${path.homeAgent}, no tunnel: the mobile node is on its home network (RFC 2002 §4)`;
      break;
    case 'direct':
      text += ', direct, no tunnel';
      break;
    case 'other':
      text += `, tunnelled by ${firstTunnel!.node} to ${firstTunnel!.destination}`;
      break;
  }
  for (const t of later) {
    text += roleOf(t.node) === 'foreign-agent'
      ? `, re-tunnelled by ${t.node} to ${t.destination} (smooth handoff: the previous foreign agent forwards, Perkins & Johnson §4.1; optim-08 §8.1)`
      : `, re-tunnelled by ${t.node} to ${t.destination}`;
  }
  return text;
}
