// How the IPv6 home agent and access routers answer Neighbor Discovery
// (RFC 4861 §6.2.6, §7.2.3–§7.2.5; docs/ipv6.md §3, OC-53): a Router
// Solicitation or Neighbor Solicitation carrying a Source Link-Layer Address
// option creates or updates a neighbour entry; a Router Solicitation on the
// advertising link is answered with a Router Advertisement at once; a Neighbor
// Solicitation for one of the router's own addresses with a Neighbor
// Advertisement; a Neighbor Advertisement answers the router's own
// solicitation and releases the datagram that waited.

import type { InterfaceConfig, NodeContext, NodeOutput } from '../../../node/contract';
import { ALL_NODES, UNSPECIFIED_ADDRESS, linkLocalAddressOf } from '../../../wire/ipv6/ipv6-address';
import { findNdOption } from '../../../wire/ipv6/nd-options';
import { ndValidationProblem, type NdMessage } from '../../../wire/ipv6/neighbor-discovery';
import type { ParsedIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { dropped, trace } from '../../nodes/common/trace';
import { entryAt } from '../../tables/table-change';
import { learnFrom, sendFromRouter, type CoreStep, type Ipv6RouterCore } from './ipv6-router-core';
import { neighbourKey } from './neighbour-cache';
import { neighborAdvertisementPacket } from './nd-messages';
import { onRouterSolicitation, type AdvertiserStep, type AdvertiserV6Config, type AdvertiserV6State } from './router-advertiser';

const NAMES: Readonly<Record<NdMessage['kind'], string>> = {
  'router-solicitation': 'Router Solicitation',
  'router-advertisement': 'Router Advertisement',
  'neighbor-solicitation': 'Neighbor Solicitation',
  'neighbor-advertisement': 'Neighbor Advertisement',
};

function isOwnAddressOn(iface: InterfaceConfig, address: string): boolean {
  return iface.ipv6?.address === address || linkLocalAddressOf(iface.linkAddress) === address;
}

function answerSolicitation(core: Ipv6RouterCore, ctx: NodeContext, iface: InterfaceConfig, p: ParsedIpv6Packet, target: string): CoreStep {
  const fromUnspecified = p.header.source === UNSPECIFIED_ADDRESS;
  const destination = fromUnspecified ? ALL_NODES : p.header.source; // RFC 4861 §7.2.4
  const bytes = neighborAdvertisementPacket(iface, target, destination, !fromUnspecified);
  return sendFromRouter(core, ctx, bytes, destination, {
    summary: `Neighbor Advertisement for ${target} (R, ${fromUnspecified ? '' : 'S, '}O) → ${destination}`,
    reason: `${target} is this router's address on the link: it gives its link-layer address ${iface.linkAddress}`,
    ref: 'RFC 4861 §7.2.4',
  }, iface.name);
}

/** The router's handling of a valid ND message addressed to it (or to a group it is in). */
export function onNeighborDiscovery(
  core: Ipv6RouterCore, advertising: AdvertiserV6Config, advertiser: AdvertiserV6State, ctx: NodeContext, ifaceName: string, p: ParsedIpv6Packet, m: NdMessage, bytes: Uint8Array,
): AdvertiserStep {
  const name = NAMES[m.kind];
  const unchanged = (outputs: NodeOutput[]): AdvertiserStep => ({ core, advertiser, outputs });
  const problem = ndValidationProblem(m, { hopLimit: p.header.hopLimit, source: p.header.source, destination: p.header.destination });
  if (problem !== undefined) return unchanged([dropped(`${name} from ${p.header.source} discarded`, problem, 'RFC 4861 §6.1, §7.1', { bytes, interface: ifaceName })]);
  const iface = ctx.node.interfaces.find((i) => i.name === ifaceName);
  if (iface === undefined) return unchanged([]);
  const slla = findNdOption(m.options, 'source-link-layer-address')?.linkAddress;
  const learned = slla === undefined ? { core, outputs: [] as readonly NodeOutput[] } : learnFrom(core, ctx, ifaceName, p.header.source, slla, name);
  switch (m.kind) {
    case 'router-solicitation': {
      if (ifaceName !== advertising.interface) return { core: learned.core, advertiser, outputs: [...learned.outputs, trace('decision', `${name} from ${p.header.source} not answered`, 'RFC 4861 §6.2.6', { reason: 'this router does not advertise on that link', interface: ifaceName })] };
      const ra = onRouterSolicitation(learned.core, advertising, advertiser, ctx, p.header.source);
      return { ...ra, outputs: [...learned.outputs, ...ra.outputs] };
    }
    case 'neighbor-solicitation': {
      if (!isOwnAddressOn(iface, m.target)) return { core: learned.core, advertiser, outputs: learned.outputs }; // another node's address: its owner answers
      const na = answerSolicitation(learned.core, ctx, iface, p, m.target);
      return { core: na.core, advertiser, outputs: [...learned.outputs, ...na.outputs] };
    }
    case 'neighbor-advertisement': {
      const tlla = findNdOption(m.options, 'target-link-layer-address')?.linkAddress;
      if (entryAt(core.neighbours, neighbourKey(m.target)) === undefined || tlla === undefined) {
        // RFC 4861 §7.2.5: an advertisement for an address with no entry is discarded (nothing asked for it).
        return unchanged([]);
      }
      const l = learnFrom(core, ctx, ifaceName, m.target, tlla, name);
      return { core: l.core, advertiser, outputs: l.outputs };
    }
    case 'router-advertisement':
      return unchanged([]); // another router's advertisement: hosts use it, a router has nothing to learn (RFC 4861 §6.2.7 consistency checks are not modelled)
  }
}
