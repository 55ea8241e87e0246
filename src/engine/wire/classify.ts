// A fast look at a packet — cheaper than the full dissection in packet.ts —
// for what needs it on every trace event: the UI's colours (data, tunnelled,
// control, key exchange) and the run metrics (which flow, which message).

import { parseGre } from './gre';
import { classifyIpv6Packet } from './ipv6/classify6';
import { IpProtocol, parseIpv4 } from './ipv4';
import { minimalHeaderLength, parseMinimalHeader } from './minimal-encapsulation';
import { MIP_UDP_PORT, mipMessageTypeName } from './mip/message-layout';
import { parseUdp } from './udp';
import type { Ipv4Address } from './address';
import type { Ipv6Address } from './ipv6/ipv6-address';

export type PacketKind = 'data' | 'tunnelled-data' | 'control' | 'key-exchange' | 'discovery' | 'icmp-error' | 'other';

export interface PacketClass {
  readonly kind: PacketKind;
  /** Tunnels the innermost datagram is carried in, outermost first, e.g. ["IP in IP"]. */
  readonly tunnels: readonly string[];
  /**
   * The innermost datagram's addresses: dotted IPv4, or canonical IPv6 text —
   * the *final* ones for IPv6 (the home address of a Home Address option or
   * of a type 2 Routing header, RFC 6275 §6.1.1), so a flow is one flow
   * however it travels.
   */
  readonly source: Ipv4Address | Ipv6Address;
  readonly destination: Ipv4Address | Ipv6Address;
  /** For UDP: the innermost datagram's payload (e.g. a flow payload). */
  readonly udpPayload?: Uint8Array;
  /** For Mobile IP messages: octet 0 and its name. */
  readonly mipType?: number;
  /** An IPv6 packet (docs/ipv6.md); absent for IPv4. */
  readonly ipv6?: true;
  /** IPv6: the innermost packet carries a type 2 Routing header (sent straight to a care-of address, RFC 6275 §6.4). */
  readonly routingHeader2?: true;
  /** IPv6: the innermost packet carries a Home Address option (sent from a care-of address, RFC 6275 §6.3). */
  readonly homeAddressOption?: true;
  /** IPv6: the innermost packet carries an Authentication Header (RFC 4302). */
  readonly authenticated?: true;
  /** For a Mobility Header message: its MH Type (RFC 6275 §6.1; 5 = Binding Update). */
  readonly mhType?: number;
  readonly name: string;
}

const MAX_DEPTH = 8;
/** Registration-key extensions (regkey-00 §4, §5): a registration carrying one is a key exchange. */
const KEY_EXTENSION_TYPES = new Set([113, 114, 115, 116, 120, 121, 122, 123, 124, 125]);

export function classifyPacket(bytes: Uint8Array): PacketClass | null {
  if (bytes.length > 0 && bytes[0]! >> 4 === 6) return classifyIpv6Packet(bytes); // docs/ipv6.md §1
  const tunnels: string[] = [];
  let at = bytes;
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const ip = parseIpv4(at);
    if (!ip.ok) return null;
    const d = ip.value;
    let protocol = d.protocol;
    let payload = d.payload;
    let source = d.source;
    let destination = d.destination;
    if (protocol === IpProtocol.IP_IN_IP) { tunnels.push('IP in IP'); at = payload; continue; }
    if (protocol === IpProtocol.GRE) {
      const g = parseGre(payload);
      if (!g.ok) return null;
      tunnels.push('GRE');
      at = g.value.payload;
      continue;
    }
    if (protocol === IpProtocol.MINIMAL_ENCAPSULATION) {
      const h = parseMinimalHeader(payload);
      if (!h.ok) return null;
      tunnels.push('minimal encapsulation');
      protocol = h.value.protocol;
      destination = h.value.originalDestination;
      source = h.value.originalSource ?? source;
      payload = payload.subarray(minimalHeaderLength(h.value));
      if (protocol === IpProtocol.IP_IN_IP) { at = payload; continue; }
    }
    return transport(protocol, source, destination, payload, tunnels);
  }
  return null;
}

function transport(protocol: number, source: Ipv4Address, destination: Ipv4Address, payload: Uint8Array, tunnels: string[]): PacketClass {
  const base = { tunnels, source, destination };
  if (protocol === IpProtocol.ICMP && payload.length > 0) {
    const type = payload[0]!;
    if (type === 9 || type === 10) return { ...base, kind: 'discovery', name: type === 9 ? 'Agent Advertisement' : 'Agent Solicitation' };
    return { ...base, kind: type === 0 || type === 8 ? 'data' : 'icmp-error', name: `ICMP type ${type}` };
  }
  if (protocol === IpProtocol.UDP) {
    const u = parseUdp(payload, 0, payload.length, { source, destination });
    if (!u.ok) return { ...base, kind: 'other', name: 'malformed UDP' };
    const p = u.value.payload;
    if ((u.value.destinationPort === MIP_UDP_PORT || u.value.sourcePort === MIP_UDP_PORT) && p.length > 0) {
      const type = p[0]!;
      const name = mipMessageTypeName(type).replace(/ \(.*\)$/, '');
      const keyed = (type === 1 || type === 3) && carriesKeyExtension(p, type === 1 ? 24 : 20);
      return { ...base, kind: keyed ? 'key-exchange' : 'control', mipType: type, udpPayload: p, name };
    }
    return { ...base, kind: tunnels.length > 0 ? 'tunnelled-data' : 'data', udpPayload: p, name: `UDP ${u.value.sourcePort} → ${u.value.destinationPort}` };
  }
  return { ...base, kind: tunnels.length > 0 ? 'tunnelled-data' : 'data', name: `IP protocol ${protocol}` };
}

/** Walks the extension list by its two header shapes (regkey-00 §4, §5) looking for a key extension. */
function carriesKeyExtension(p: Uint8Array, start: number): boolean {
  let at = start;
  for (let n = 0; at < p.length && n < 64; n++) {
    const type = p[at]!;
    if (KEY_EXTENSION_TYPES.has(type)) return true;
    const wide = type === 114 || type === 115 || type === 116 || (type >= 120 && type <= 124);
    const len = wide ? ((p[at + 1] ?? 0) << 8) | (p[at + 2] ?? 0) : (p[at + 1] ?? 0);
    at += (wide ? 3 : 2) + len;
  }
  return false;
}
