// Which link type an interface of a lab capture declares (tcpdump.org
// LINKTYPE_ values; pcapng.ts).
//
// A capture with no IPv6 keeps LINKTYPE_IPV4 (228), the writer's default, so
// every IPv4-only capture stays byte for byte what it always was. A capture
// that carries IPv6 declares LINKTYPE_RAW (101) on every interface: raw IP
// whose version is read from the first nibble, so one interface carries both
// versions — the lab's networks are dual-stack (docs/ipv6.md §2, OC-50), a
// router forwards IPv4 and IPv6 over the same link — and tshark 4.0 and the
// page's capture reader both decode it. LINKTYPE_IPV6 (229) per interface
// would have to promise that a link never carries an IPv4 packet, which a
// dual-stack link cannot.

import type { Topology } from '../network/topology';
import { LinkType, type CaptureInterface } from './pcapng';

/** IPv6 packets start with version 6 in their first nibble (RFC 8200 §3). */
export function isIpv6Packet(bytes: Uint8Array): boolean {
  return bytes.length > 0 && bytes[0]! >> 4 === 6;
}

/** The `linkType` field of an interface: nothing (the IPv4 default) unless the capture carries IPv6. */
export function captureLinkType(carriesIpv6: boolean): Pick<CaptureInterface, 'linkType'> {
  return carriesIpv6 ? { linkType: LinkType.RAW } : {};
}

/** Whether a run of this topology can put IPv6 on a link: some interface has an IPv6 address (docs/ipv6.md §2). */
export function topologyCarriesIpv6(topology: Topology): boolean {
  return topology.nodes.some((n) => n.interfaces.some((i) => i.ipv6 !== undefined));
}
