// IPv6 routes from the same shortest paths as the IPv4 ones (routing.ts;
// docs/ipv6.md §2, OC-50). A link's IPv6 prefix gets a route wherever the
// link's IPv4 prefix would; the next hop is the neighbour's IPv6 address on the
// first link of the path. A path whose first router has no IPv6 address there
// gives no IPv6 route: a route never points at a node that cannot take the
// datagram.

import { linkLocalAddressOf } from '../wire/ipv6/ipv6-address';
import { sortRoutes6, type Neighbour6, type Route6Entry } from '../node/route-table6';
import type { Membership } from './radio';
import type { PathsFrom } from './routing';
import { interfaceOf, type TopologyIndex } from './topology';

export function routes6From(index: TopologyIndex, paths: PathsFrom): Route6Entry[] {
  const routes: Route6Entry[] = [];
  for (const [linkId, prefix] of index.prefixes6) {
    const v = paths.linkVertex.get(linkId)!;
    const label = paths.best[v];
    const hop = paths.first[v];
    if (label === undefined || hop === undefined) continue; // unreachable from here
    const onLink = hop.link === linkId || hop.nextHop === null;
    const nextHop = onLink ? null : interfaceOf(index, hop.nextHop!).ipv6?.address;
    if (nextHop === undefined) continue; // the first router of the path speaks no IPv6 on that link
    routes.push({
      destination: prefix.network,
      prefixLength: prefix.prefixLength,
      interface: index.configs[paths.source]!.interfaces[hop.sourceInterface]!.name,
      nextHop,
      metric: label.delay,
      hops: label.links,
    });
  }
  return sortRoutes6(routes);
}

/**
 * Every other interface with an IPv6 address on each link the node is
 * attached to, by its global and its link-local address: the stand-in for a filled neighbour cache (RFC 4861 §7). Nodes
 * add what Neighbor Discovery teaches them on top (docs/ipv6.md §3, OC-53).
 */
export function neighbours6Of(index: TopologyIndex, membership: Membership, node: number): Neighbour6[] {
  const out: Neighbour6[] = [];
  const seen = new Set<string>();
  membership.attachments[node]!.forEach((linksOfInterface, i) => {
    const own = index.configs[node]!.interfaces[i]!;
    for (const linkId of linksOfInterface) {
      for (const member of membership.members.get(linkId) ?? []) {
        if (member.node === node && member.interface === i) continue;
        const other = interfaceOf(index, member);
        if (other.ipv6 === undefined) continue;
        // Its global address, and its link-local one (RFC 4862 §5.3): both follow from the topology, as an IPv4 neighbour's address does.
        for (const address of [other.ipv6.address, linkLocalAddressOf(other.linkAddress)]) {
          const key = `${own.name} ${address}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ interface: own.name, address, linkAddress: other.linkAddress });
        }
      }
    }
  });
  return out;
}
