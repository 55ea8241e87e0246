// The octets tunnels add to a datagram on one link transmission, per
// encapsulation: the outer IPv4 header of IP in IP (RFC 2003 §3.1), the outer
// IPv4 header and the GRE header (RFC 1701 §2), or the minimal forwarding
// header (RFC 2004 §3: 8 octets, 12 with the original source). Nested tunnels
// count once each, outermost first. An IPv6 packet is read by
// ipv6-overhead.ts (IPv6 in IPv6, and the route-optimized path's headers).

import { parseGre } from '../wire/gre';
import { IpProtocol, parseIpv4 } from '../wire/ipv4';
import { minimalHeaderLength, parseMinimalHeader } from '../wire/minimal-encapsulation';
import { ipv6Overheads } from './ipv6-overhead';

export interface TunnelOverhead {
  /** As the packet classifier names it: "IP in IP", "GRE", "minimal encapsulation"; for IPv6 see ipv6-overhead.ts. */
  readonly method: string;
  readonly octets: number;
}

const MAX_DEPTH = 8;

/** Each tunnel around the innermost datagram, outermost first, with the octets it adds; [] for a plain datagram or bytes that do not parse. */
export function tunnelOverheads(bytes: Uint8Array): TunnelOverhead[] {
  if (bytes.length > 0 && bytes[0]! >> 4 === 6) return ipv6Overheads(bytes);
  const out: TunnelOverhead[] = [];
  let at = bytes;
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const ip = parseIpv4(at);
    if (!ip.ok) return out;
    const d = ip.value;
    const header = 20 + d.options.length;
    if (d.protocol === IpProtocol.IP_IN_IP) {
      out.push({ method: 'IP in IP', octets: header });
      at = d.payload;
    } else if (d.protocol === IpProtocol.GRE) {
      const g = parseGre(d.payload);
      if (!g.ok) return out;
      out.push({ method: 'GRE', octets: header + d.payload.length - g.value.payload.length });
      at = g.value.payload;
    } else if (d.protocol === IpProtocol.MINIMAL_ENCAPSULATION) {
      // The outer header is the original one, modified in place: only the forwarding header is added.
      const h = parseMinimalHeader(d.payload);
      if (!h.ok) return out;
      out.push({ method: 'minimal encapsulation', octets: minimalHeaderLength(h.value) });
      if (h.value.protocol !== IpProtocol.IP_IN_IP) return out;
      at = d.payload.subarray(minimalHeaderLength(h.value));
    } else return out;
  }
  return out;
}
