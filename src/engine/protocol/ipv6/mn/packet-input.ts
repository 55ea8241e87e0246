// The IPv6 mobile node's receive path (docs/ipv6.md §3): which packets are
// for it and what they carry.
// - Addresses: its home address, current and previous care-of address
//   (mipv6-07 §10.8), its link-local address, all-nodes and its
//   solicited-node groups. A type 2 Routing header must bring a packet to a
//   care-of address of its own and name its home address (RFC 6275 §6.4,
//   §11.3.3). It never forwards.
// - AH: verified with the association its SPI names (RFC 4302 §3.4.4).
// - IPv6 in IPv6 (RFC 2473) from its home agent, or from a previous router
//   forwarding for the old care-of address (possibly the home agent's tunnel
//   inside, nested): unwrapped and processed again. A correspondent's
//   datagram that came through the home agent's tunnel shows that the
//   correspondent has no binding: it triggers a Binding Update
//   (Perkins & Johnson §10; mipv6-07 §4.4).

import { verifyAhIcv } from '../../../crypto/ah-icv';
import type { Frame, NodeContext, NodeStep } from '../../../node/contract';
import { EtherType } from '../../../node/link-address';
import { describeWireError } from '../../../wire/result';
import { ALL_NODES, linkLocalAddressOf, solicitedNodeAddress, type Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { decapsulateIpv6 } from '../../../wire/ipv6/ipv6-in-ipv6';
import { parseIpv6Packet, type ParsedIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { dropped } from '../../nodes/common/trace';
import { updateCorrespondent } from './correspondent-binding';
import { onIcmpv6 } from './icmpv6-input';
import { onMobilityMessage } from './mobility-input';
import { acceptedAddresses, type MobileNodeV6State } from './mobile-node-v6-state';
import { onUdpDatagram, type ArrivalPath } from './traffic-v6';

/** Tunnels inside tunnels the node unwraps: the previous router's around the home agent's is two. */
const MAX_TUNNEL_DEPTH = 3;

export function onIpv6Frame(state: MobileNodeV6State, iface: string, frame: Frame, ctx: NodeContext): NodeStep<MobileNodeV6State> {
  if (frame.etherType !== EtherType.IPV6) return { state, outputs: [] }; // an IPv6-role node speaks only IPv6 (docs/ipv6.md §2)
  const parsed = parseIpv6Packet(frame.payload);
  if (!parsed.ok) return { state, outputs: [dropped('IPv6 packet dropped', describeWireError(parsed.error), 'RFC 8200 §3–§4', { interface: iface })] };
  return onPacket(state, ctx, iface, frame.payload, parsed.value, [], 0);
}

function addressedToMe(state: MobileNodeV6State, ctx: NodeContext, iface: string, p: ParsedIpv6Packet): string | undefined {
  const own = ctx.node.interfaces.find((i) => i.name === iface);
  const linkLocal = own === undefined ? undefined : linkLocalAddressOf(own.linkAddress);
  const accepted = acceptedAddresses(state);
  const d = p.header.destination;
  if (p.routingHeader2 !== undefined) {
    const careOfs = accepted.filter((a) => a !== state.config.homeAddress);
    if (!careOfs.includes(d)) return `a type 2 Routing header, but ${d} is not a care-of address of this node`;
    // The previous router answers a smooth-handoff Binding Update for the previous care-of address, the "home address" of that binding (mipv6-07 §10.8).
    const bound = [state.config.homeAddress, ...(state.previous === null ? [] : [state.previous.careOfAddress])];
    if (!bound.includes(p.routingHeader2.homeAddress)) return `the type 2 Routing header names ${p.routingHeader2.homeAddress}, which is neither this node's home address nor its previous care-of address`;
    return undefined;
  }
  const groups = [ALL_NODES, ...[...accepted, ...(linkLocal === undefined ? [] : [linkLocal])].map(solicitedNodeAddress)];
  if (accepted.includes(d) || d === linkLocal || groups.includes(d)) return undefined;
  return `${d} is not an address of this node, and a mobile node does not forward`;
}

function onPacket(state: MobileNodeV6State, ctx: NodeContext, iface: string, bytes: Uint8Array, p: ParsedIpv6Packet, tunnelledBy: readonly Ipv6Address[], depth: number): NodeStep<MobileNodeV6State> {
  const what = `IPv6 ${p.finalSource} → ${p.finalDestination}`;
  const notMine = addressedToMe(state, ctx, iface, p);
  if (notMine !== undefined) return { state, outputs: [dropped(`${what} dropped`, notMine, 'RFC 8200 §4.4; RFC 6275 §11.3.3', { interface: iface })] };
  if (p.authentication !== undefined) {
    const sa = state.config.associations.find((a) => a.spi === p.authentication!.spi);
    if (sa === undefined) return { state, outputs: [dropped(`${what} dropped`, `AH names SPI ${p.authentication.spi}, an association this node does not have`, 'RFC 4302 §3.4.2', { interface: iface })] };
    const check = verifyAhIcv(sa.key, bytes, p.authentication.offset);
    if (!check.ok) return { state, outputs: [dropped(`${what} dropped`, describeWireError(check.error), 'RFC 4302 §3.4.4', { interface: iface })] };
    if (!check.value.valid) return { state, outputs: [dropped(`${what} dropped`, `the AH ICV does not verify with the key of the association with ${sa.peer} (HMAC-MD5-96): forged or changed on the way`, 'RFC 4302 §3.4.4; RFC 2403', { interface: iface })] };
  }
  switch (p.upperNextHeader) {
    case NextHeader.ICMPV6:
      return onIcmpv6(state, p, iface, ctx);
    case NextHeader.MOBILITY:
      return onMobilityMessage(state, p, iface, ctx, bytes);
    case NextHeader.IPV6:
      return onTunnelled(state, ctx, iface, bytes, p, tunnelledBy, depth);
    case NextHeader.UDP: {
      const delivered = onUdpDatagram(state, p, pathOf(state, p, tunnelledBy), iface, ctx, bytes);
      return triggerBindingUpdate(delivered, ctx, p, tunnelledBy);
    }
    case NextHeader.NONE:
      return { state, outputs: [] };
    default:
      return { state, outputs: [dropped(`${what} dropped`, `next header ${p.upperNextHeader} is not one this node processes`, 'RFC 8200 §4', { interface: iface })] };
  }
}

function pathOf(state: MobileNodeV6State, p: ParsedIpv6Packet, tunnelledBy: readonly Ipv6Address[]): ArrivalPath {
  if (tunnelledBy.length > 0 && tunnelledBy[0] !== state.config.homeAgentAddress) return 'forwarded by the previous router';
  if (tunnelledBy.includes(state.config.homeAgentAddress)) return 'tunnelled by the home agent';
  if (p.routingHeader2 !== undefined) return 'with a type 2 Routing header (route optimized)';
  return 'directly';
}

/** Who may tunnel to the mobile node: its home agent, and a previous router it asked to forward (mipv6-07 §10.8). */
function trustedTunnelEntry(state: MobileNodeV6State, source: Ipv6Address): boolean {
  if (source === state.config.homeAgentAddress) return true;
  const e = state.bindingUpdateList[source];
  return e !== undefined && e.kind === 'previous-router';
}

function onTunnelled(state: MobileNodeV6State, ctx: NodeContext, iface: string, bytes: Uint8Array, p: ParsedIpv6Packet, tunnelledBy: readonly Ipv6Address[], depth: number): NodeStep<MobileNodeV6State> {
  const entry = p.header.source;
  const what = `IPv6-in-IPv6 from ${entry}`;
  if (depth >= MAX_TUNNEL_DEPTH) return { state, outputs: [dropped(`${what} dropped`, `more than ${MAX_TUNNEL_DEPTH} tunnels inside one another`, 'RFC 2473 §4.1', { interface: iface })] };
  if (!trustedTunnelEntry(state, entry)) {
    return { state, outputs: [dropped(`${what} dropped`, `${entry} is neither the home agent nor a previous router this node asked to forward: a tunnel from anyone else could inject packets for the home address`, 'RFC 2473 §3; RFC 6275 §11.3.3', { interface: iface })] };
  }
  const d = decapsulateIpv6(bytes);
  if (!d.ok) return { state, outputs: [dropped(`${what} dropped`, d.error.reason, 'RFC 2473 §3', { interface: iface })] };
  const inner = parseIpv6Packet(d.value.inner);
  if (!inner.ok) return { state, outputs: [dropped(`${what} dropped`, describeWireError(inner.error), 'RFC 2473 §3', { interface: iface })] };
  return onPacket(state, ctx, iface, d.value.inner, inner.value, [...tunnelledBy, entry], depth + 1);
}

/** Perkins & Johnson §10: a correspondent's datagram tunnelled by the home agent means it has no (current) binding. */
function triggerBindingUpdate(step: NodeStep<MobileNodeV6State>, ctx: NodeContext, p: ParsedIpv6Packet, tunnelledBy: readonly Ipv6Address[]): NodeStep<MobileNodeV6State> {
  const s = step.state;
  if (s.atHome || !tunnelledBy.includes(s.config.homeAgentAddress) || p.finalSource === s.config.homeAgentAddress) return step;
  const cn = p.finalSource;
  const bu = updateCorrespondent(s, ctx, cn, 'tunnelled', `a datagram from ${cn} arrived tunnelled by the home agent: ${cn} has no binding for ${s.config.homeAddress} (Perkins & Johnson §10)`);
  return { state: bu.state, outputs: [...step.outputs, ...bu.outputs] };
}
