// The octets IPv6 mobility adds to a datagram on one link transmission
// (Perkins & Johnson §10; docs/ipv6.md §1), per mechanism, outermost first:
// an IPv6-in-IPv6 tunnel's outer header (40 octets, RFC 2473 §3), and on the
// route-optimized path the type 2 Routing header a correspondent adds (24,
// RFC 6275 §6.4), the Destination Options header holding a mobile node's
// Home Address option (24 with its padding, RFC 6275 §6.3), and an
// Authentication Header (24 with HMAC-MD5-96, RFC 4302 §2; RFC 2403) where
// the packet carries one. The lab's IPv4 tunnels are counted in
// encapsulation-overhead.ts; the method names here never collide with them.

import { NextHeader } from '../wire/ipv6/ipv6-header';
import { parseIpv6Packet } from '../wire/ipv6/ipv6-packet';
import { homeAddressOf } from '../wire/ipv6/destination-options';
import { IPV6_IN_IPV6_OVERHEAD } from '../wire/ipv6/ipv6-in-ipv6';
import type { TunnelOverhead } from './encapsulation-overhead';

/** The names the figures use (also the classifier's tunnel name, "IPv6 in IPv6"). */
export const Ipv6OverheadMethod = {
  TUNNEL: 'IPv6 in IPv6',
  ROUTING_HEADER: 'type 2 Routing header',
  HOME_ADDRESS_OPTION: 'Home Address option',
  AUTHENTICATION_HEADER: 'AH',
} as const;

export const IPV6_OVERHEAD_METHODS: ReadonlySet<string> = new Set(Object.values(Ipv6OverheadMethod));

const MAX_DEPTH = 8;

/** Each mobility addition to an IPv6 packet, outermost first; [] for a plain packet or bytes that do not parse. */
export function ipv6Overheads(bytes: Uint8Array): TunnelOverhead[] {
  const out: TunnelOverhead[] = [];
  let at = bytes;
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const parsed = parseIpv6Packet(at);
    if (!parsed.ok) return out;
    const p = parsed.value;
    const tunnel = p.upperNextHeader === NextHeader.IPV6;
    if (tunnel) out.push({ method: Ipv6OverheadMethod.TUNNEL, octets: IPV6_IN_IPV6_OVERHEAD });
    let destinationOptions = 0;
    for (const h of p.headerChain) {
      if (h.nextHeader === NextHeader.ROUTING && p.routingHeader2 !== undefined && p.routingHeader2.offset === h.offset) {
        out.push({ method: Ipv6OverheadMethod.ROUTING_HEADER, octets: h.length });
      } else if (h.nextHeader === NextHeader.DESTINATION_OPTIONS) {
        const options = p.destinationOptions[destinationOptions++];
        if (options !== undefined && homeAddressOf(options) !== undefined) out.push({ method: Ipv6OverheadMethod.HOME_ADDRESS_OPTION, octets: h.length });
      } else if (h.nextHeader === NextHeader.AH) {
        out.push({ method: Ipv6OverheadMethod.AUTHENTICATION_HEADER, octets: h.length });
      }
    }
    if (!tunnel) return out;
    at = p.upperBytes;
  }
  return out;
}
