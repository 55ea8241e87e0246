// Whole datagrams as nodes send them: an IPv4 header around a UDP datagram or
// an ICMP message, every checksum computed. The protocol nodes and the sample
// capture build their packets through these, so a packet is always complete.

import type { Ipv4Address } from './address';
import { emitIcmp, icmpLength, type IcmpMessage } from './icmp';
import { NO_OCTETS } from './cursor';
import { IpProtocol, emitIpv4, ipv4Length, type Ipv4Datagram } from './ipv4';
import { emitUdp, udp, udpLength } from './udp';
import { packetBytes } from './packet-memory';

export interface DatagramHeader {
  readonly source: Ipv4Address;
  readonly destination: Ipv4Address;
  /** Default 64 (OC-08); 1 for agent discovery and MN→FA registration on the local link. */
  readonly ttl?: number;
  /** The sending node's per-datagram counter (RFC 791 §3.1). */
  readonly identification?: number;
  readonly tos?: number;
  readonly dontFragment?: boolean;
}

function emitDatagram(d: Ipv4Datagram): Uint8Array {
  const out = packetBytes(ipv4Length(d));
  emitIpv4(d, out, 0);
  return out;
}

/** The datagram `ipv4` makes of the header's fields, written out in one literal (nodes send one of these per datagram they originate). */
function headerDatagram(h: DatagramHeader, protocol: number, payload: Uint8Array): Ipv4Datagram {
  return {
    tos: h.tos ?? 0, identification: h.identification ?? 0, reservedFlag: false, dontFragment: h.dontFragment ?? false, moreFragments: false, fragmentOffset: 0,
    ttl: h.ttl ?? 64, options: NO_OCTETS, source: h.source, destination: h.destination, protocol, payload,
  };
}

/** IPv4 + UDP with a real checksum over the pseudo-header (RFC 768; RFC 2002 §3.1: always send one). */
export function udpDatagram(header: DatagramHeader, sourcePort: number, destinationPort: number, payload: Uint8Array): Uint8Array {
  const u = udp(sourcePort, destinationPort, payload);
  const body = packetBytes(udpLength(u));
  emitUdp(u, body, 0, { source: header.source, destination: header.destination });
  return emitDatagram(headerDatagram(header, IpProtocol.UDP, body));
}

/** IPv4 + ICMP (checksum over the whole ICMP message, RFC 792). */
export function icmpDatagram(header: DatagramHeader, message: IcmpMessage): Uint8Array {
  const body = packetBytes(icmpLength(message));
  emitIcmp(message, body, 0);
  return emitDatagram(headerDatagram(header, IpProtocol.ICMP, body));
}
