// Sending an IPv6 datagram from a node (docs/ipv6.md §2): choose the route,
// resolve the next hop's link-layer address, wrap it in a frame with
// EtherType 0x86DD (RFC 2464 §3). The IPv6 counterpart of ip-output.ts, shared
// by the router and the IPv6 protocol nodes.
//
// Next-hop determination follows RFC 4861 §5.2: longest prefix match over the
// table's IPv6 routes, then the neighbour's link-layer address. Static
// neighbours come from the topology; a node that learned more from Neighbor
// Discovery passes a table with its own entries added to `neighbours6`.

import type { NodeConfig, NodeOutput } from '../../node/contract';
import { EtherType } from '../../node/link-address';
import type { ForwardingTable } from '../../node/route-table';
import { lookupRoute6, resolveNeighbour6 } from '../../node/route-table6';
import { isIpv6LinkLocal, isIpv6Multicast, linkLocalAddressOf, multicastLinkAddressOf, type Ipv6Address } from '../../wire/ipv6/ipv6-address';
import { ROUTES_REF, type DatagramTrace } from './ip-output';

/**
 * Every IPv6 address of the node: each IPv6 interface's global address, then
 * its link-local address (fe80::/64 + modified EUI-64, RFC 4862 §5.3), which
 * every IPv6 interface has (RFC 4291 §2.1).
 */
export function ownIpv6Addresses(node: NodeConfig): Ipv6Address[] {
  const v6 = node.interfaces.filter((i) => i.ipv6 !== undefined);
  return [...v6.map((i) => i.ipv6!.address), ...v6.map((i) => linkLocalAddressOf(i.linkAddress))];
}

/** The global IPv6 address of the interface a datagram to `destination` would leave by (the natural source address, RFC 6724 rule 5 in spirit). */
export function sourceAddress6For(node: NodeConfig, table: ForwardingTable, destination: Ipv6Address): Ipv6Address | undefined {
  const route = lookupRoute6(table.routes6 ?? [], destination);
  return route === undefined ? undefined : node.interfaces.find((i) => i.name === route.interface)?.ipv6?.address;
}

/**
 * The output that sends `datagram` (IPv6 bytes) towards `destination`: a
 * transmit, or — when there is no route or no neighbour — a `dropped` trace
 * saying why. A multicast destination goes to 33:33 + its low 32 bits
 * (RFC 2464 §7) on the interface `via` names; a link-local one (fe80::/10,
 * never routed, RFC 4291 §2.5.6) to its neighbour entry on `via`.
 */
export function sendIpv6Datagram(node: NodeConfig, table: ForwardingTable, datagram: Uint8Array, destination: Ipv6Address, trace: DatagramTrace, via?: string): NodeOutput {
  const dropped = (reason: string, ref: string): NodeOutput => ({ kind: 'trace', event: { kind: 'dropped', summary: `not sent: ${trace.summary}`, reason, ref, bytes: datagram } });
  const neighbours = table.neighbours6 ?? [];
  let iface: string;
  let linkAddress: string | undefined;
  if (isIpv6Multicast(destination)) {
    if (via === undefined) return dropped(`${destination} is a multicast address: the sender must name the interface to send it on`, 'RFC 4291 §2.7');
    iface = via;
    linkAddress = multicastLinkAddressOf(destination);
  } else if (isIpv6LinkLocal(destination)) {
    if (via === undefined) return dropped(`${destination} is a link-local address, which is never routed: the sender must name the link's interface`, 'RFC 4291 §2.5.6');
    iface = via;
    linkAddress = resolveNeighbour6(neighbours, iface, destination);
    if (linkAddress === undefined) return dropped(`${destination} is not a known neighbour on that link (no link-layer address; Neighbor Discovery would have to find it)`, 'RFC 4861 §7.2');
  } else {
    const route = lookupRoute6(table.routes6 ?? [], destination);
    if (route === undefined) return dropped(`no IPv6 route to ${destination} in this node's forwarding table`, ROUTES_REF);
    iface = route.interface;
    const nextHop = route.nextHop ?? destination;
    linkAddress = resolveNeighbour6(neighbours, iface, nextHop);
    if (linkAddress === undefined) return dropped(`the route to ${route.destination}/${route.prefixLength} leads to ${nextHop}, which is not a known neighbour on that link (no link-layer address; Neighbor Discovery would have to find it)`, 'RFC 4861 §7.2');
  }
  const own = node.interfaces.find((i) => i.name === iface);
  if (own === undefined) return dropped(`this node has no interface "${iface}"`, ROUTES_REF);
  return {
    kind: 'transmit',
    interface: iface,
    frame: { source: own.linkAddress, destination: linkAddress, etherType: EtherType.IPV6, payload: datagram },
    summary: trace.summary,
    ...(trace.traceAs === undefined ? {} : { traceAs: trace.traceAs }),
    ...(trace.reason === undefined ? {} : { reason: trace.reason }),
    ...(trace.ref === undefined ? {} : { ref: trace.ref }),
  };
}
