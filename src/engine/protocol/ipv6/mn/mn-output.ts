// How the IPv6 mobile node puts a packet on its link (docs/ipv6.md §3): to
// its default router — the sender of the Router Advertisement it attached by
// (RFC 4861 §6.3.4; RFC 6275 §11.5.1) — whose link-layer address that
// advertisement carried. Before any advertisement it has only the topology's
// forwarding table, as any host (network/behaviours/ip6-output.ts).

import type { NodeContext, NodeOutput } from '../../../node/contract';
import { EtherType } from '../../../node/link-address';
import { sendIpv6Datagram } from '../../../network/behaviours/ip6-output';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import type { MobileNodeV6State } from './mobile-node-v6-state';

export interface SendNote {
  readonly summary: string;
  readonly ref: string;
  readonly reason?: string;
}

export function sendViaRouter(state: MobileNodeV6State, ctx: NodeContext, bytes: Uint8Array, destination: Ipv6Address, note: SendNote): NodeOutput {
  const a = state.attachment;
  const own = ctx.node.interfaces.find((i) => i.name === state.config.interface);
  if (a === null || own === undefined) {
    return sendIpv6Datagram(ctx.node, state.table, bytes, destination, { summary: note.summary, ref: note.ref, ...(note.reason === undefined ? {} : { reason: note.reason }) });
  }
  return {
    kind: 'transmit', interface: own.name,
    frame: { source: own.linkAddress, destination: a.routerLinkAddress, etherType: EtherType.IPV6, payload: bytes },
    summary: note.summary, ref: note.ref, ...(note.reason === undefined ? {} : { reason: note.reason }),
  };
}

/** A frame straight to a neighbour whose link-layer address the mobile node was just told (an NS's Source Link-Layer Address). */
export function sendToNeighbour(ctx: NodeContext, iface: string, linkAddress: string, bytes: Uint8Array, note: SendNote): NodeOutput {
  const own = ctx.node.interfaces.find((i) => i.name === iface)!;
  return {
    kind: 'transmit', interface: iface,
    frame: { source: own.linkAddress, destination: linkAddress, etherType: EtherType.IPV6, payload: bytes },
    summary: note.summary, ref: note.ref, ...(note.reason === undefined ? {} : { reason: note.reason }),
  };
}
