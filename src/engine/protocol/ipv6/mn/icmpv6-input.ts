// ICMPv6 that reaches the IPv6 mobile node (RFC 4443; RFC 4861; RFC 6275
// §11.3.5): Router Advertisements (movement, router-discovery.ts), Neighbor
// Solicitations for one of its addresses — answered with a Neighbor
// Advertisement carrying its link-layer address (RFC 4861 §7.2.4), as any
// host; DAD is omitted (OC-53) — and a Parameter Problem showing that a
// correspondent does not process the Mobility Header.

import type { NodeContext, NodeStep } from '../../../node/contract';
import { describeWireError } from '../../../wire/result';
import { parseIcmpv6 } from '../../../wire/ipv6/icmpv6';
import { ALL_NODES, UNSPECIFIED_ADDRESS, linkLocalAddressOf, multicastLinkAddressOf, type Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { parseIpv6Header } from '../../../wire/ipv6/ipv6-header';
import type { ParsedIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { MOBILITY_NEXT_HEADER } from '../../../wire/ipv6/mobility-header';
import { ndValidationProblem, type NeighborSolicitation } from '../../../wire/ipv6/neighbor-discovery';
import { findNdOption } from '../../../wire/ipv6/nd-options';
import { dropped } from '../../nodes/common/trace';
import { onMobilityHeaderUnsupported } from './correspondent-binding';
import { hostNeighborAdvertisementPacket } from './mn-packets';
import { sendToNeighbour } from './mn-output';
import { acceptedAddresses, type MobileNodeV6State } from './mobile-node-v6-state';
import { onRouterAdvertisement } from './router-discovery';

export function onIcmpv6(state: MobileNodeV6State, p: ParsedIpv6Packet, iface: string, ctx: NodeContext): NodeStep<MobileNodeV6State> {
  const pseudo = { source: p.finalSource, destination: p.finalDestination };
  const parsed = parseIcmpv6(p.upperBytes, 0, p.upperBytes.length, pseudo);
  if (!parsed.ok) return { state, outputs: [dropped(`ICMPv6 from ${p.finalSource} dropped`, describeWireError(parsed.error), 'RFC 4443 §2.4', { interface: iface })] };
  const m = parsed.value;
  if (m.checksumValid === false) return { state, outputs: [dropped(`ICMPv6 from ${p.finalSource} dropped`, 'bad ICMPv6 checksum (over the IPv6 pseudo-header)', 'RFC 4443 §2.3', { interface: iface })] };
  const ip = { hopLimit: p.header.hopLimit, source: p.header.source, destination: p.header.destination };
  switch (m.kind) {
    case 'router-advertisement': {
      const problem = ndValidationProblem(m, ip);
      if (problem !== undefined) return { state, outputs: [dropped(`Router Advertisement from ${ip.source} discarded`, problem, 'RFC 4861 §6.1.2', { interface: iface })] };
      return onRouterAdvertisement(state, ctx, ip.source, m, iface);
    }
    case 'neighbor-solicitation': {
      const problem = ndValidationProblem(m, ip);
      if (problem !== undefined) return { state, outputs: [dropped(`Neighbor Solicitation from ${ip.source} discarded`, problem, 'RFC 4861 §7.1.1', { interface: iface })] };
      return answerSolicitation(state, ctx, iface, ip.source, m);
    }
    case 'parameter-problem':
      return onParameterProblem(state, p.finalSource, m.code, m.pointer, m.invoking);
    default:
      // Router Solicitations are for routers; other ICMPv6 (echo, other errors) needs nothing from a mobile node here.
      return { state, outputs: [] };
  }
}

function answerSolicitation(state: MobileNodeV6State, ctx: NodeContext, iface: string, source: Ipv6Address, ns: NeighborSolicitation): NodeStep<MobileNodeV6State> {
  const own = ctx.node.interfaces.find((i) => i.name === iface);
  if (own === undefined) return { state, outputs: [] };
  const mine = [...acceptedAddresses(state), linkLocalAddressOf(own.linkAddress)];
  if (!mine.includes(ns.target)) return { state, outputs: [] }; // RFC 4861 §7.2.3: not a target of this node — silently ignored
  const slla = findNdOption(ns.options, 'source-link-layer-address')?.linkAddress;
  // RFC 4861 §7.2.4: to the solicitor, or to all-nodes when it had no address yet.
  const destination = source === UNSPECIFIED_ADDRESS ? ALL_NODES : source;
  const linkAddress = source === UNSPECIFIED_ADDRESS ? multicastLinkAddressOf(ALL_NODES) : slla;
  if (linkAddress === undefined) {
    return { state, outputs: [dropped(`Neighbor Solicitation for ${ns.target} not answered`, `it carries no Source Link-Layer Address option, and the mobile node does not resolve ${source} itself`, 'RFC 4861 §7.2.4')] };
  }
  const bytes = hostNeighborAdvertisementPacket(own, ns.target, destination);
  return {
    state,
    outputs: [sendToNeighbour(ctx, iface, linkAddress, bytes, {
      summary: `Neighbor Advertisement ${ns.target} is at ${own.linkAddress} → ${destination}`, ref: 'RFC 4861 §7.2.4',
      reason: `${ns.target} is one of its addresses: the answer carries its link-layer address`,
    })],
  };
}

/** RFC 6275 §9.2, §11.3.5: a Parameter Problem whose pointer names the Next Header that announced a Mobility Header. */
function onParameterProblem(state: MobileNodeV6State, from: Ipv6Address, code: number, pointer: number, invoking: Uint8Array): NodeStep<MobileNodeV6State> {
  const header = parseIpv6Header(invoking, 0, invoking.length);
  const aboutMobility = pointer < invoking.length && invoking[pointer] === MOBILITY_NEXT_HEADER && (code === 0 || code === 1);
  if (!header.ok || !aboutMobility) {
    return { state, outputs: [dropped(`ICMPv6 Parameter Problem from ${from} noted`, `code ${code}, pointer ${pointer}: not about a Mobility Header the mobile node sent, so nothing changes`, 'RFC 4443 §3.4')] };
  }
  return onMobilityHeaderUnsupported(state, header.value.destination);
}
