// Reading one trace event as what a learner watches for: which traffic-flow
// datagram it carries (through any tunnels), or which Mobile IP message. One
// event at a time, so both a whole-trace reader (the story tests) and an
// incremental one (the lesson checks, fed batch by batch) use the same code.
// IPv6 too (Perkins & Johnson §10): a flow datagram by its final addresses,
// and a Mobility Header message (RFC 6275 §6.1) beside the Mobile IP ones.

import { readFlowPayload } from '../network/behaviours/udp-datagram';
import type { TraceEvent } from '../node/contract';
import type { Ipv4Address } from '../wire/address';
import { classifyPacket } from '../wire/classify';
import { IpProtocol, parseIpv4, type Ipv4Datagram } from '../wire/ipv4';
import type { Ipv6Address } from '../wire/ipv6/ipv6-address';
import { NextHeader } from '../wire/ipv6/ipv6-header';
import { parseIpv6Packet, type ParsedIpv6Packet } from '../wire/ipv6/ipv6-packet';
import { parseMobilityHeader } from '../wire/ipv6/mobility-header';
import { mhTypeOf, mobilityMessageName, type MobilityMessage } from '../wire/ipv6/mobility-messages';
import { parseMipMessage, type MipMessage } from '../wire/mip/mip-message';
import { outerAddresses } from '../wire/outer-addresses';
import { parseUdp } from '../wire/udp';

/** A traffic-flow datagram seen on one event (network/behaviours/udp-datagram.ts payload). */
export interface FlowDatagramSighting {
  readonly flow: string;
  readonly sequence: number;
  /** The innermost datagram's source and destination: the flow's own direction (IPv6: the final addresses, RFC 6275 §6.1.1). */
  readonly source: Ipv4Address | Ipv6Address;
  readonly destination: Ipv4Address | Ipv6Address;
  /** Tunnels around it at this event, outermost first; [] when plain. */
  readonly tunnels: readonly string[];
  /** The outermost header's source: the tunnel entry point when tunnelled (IPv6: the care-of address under a Home Address option). */
  readonly outerSource: Ipv4Address | Ipv6Address;
}

/** The flow datagram an event carries, or null when it carries none (or no bytes). */
export function flowDatagramOf(e: TraceEvent): FlowDatagramSighting | null {
  if (e.bytes === undefined) return null;
  const c = classifyPacket(e.bytes);
  if (c === null || c.udpPayload === undefined || (c.kind !== 'data' && c.kind !== 'tunnelled-data')) return null;
  const tag = readFlowPayload(c.udpPayload);
  if (tag === undefined) return null;
  return { flow: tag.flow, sequence: tag.sequence, source: c.source, destination: c.destination, tunnels: c.tunnels, outerSource: outerAddresses(e.bytes)?.source ?? c.source };
}

/** A Mobile IP message (UDP port 434 on either side, RFC 2002 §1.9) seen on one event. */
export interface MipSighting {
  readonly ip: Ipv4Datagram;
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly payload: Uint8Array;
  readonly message: MipMessage;
}

/** The Mobile IP message an event's outermost datagram carries, or null. A tunnelled one is read where it is decapsulated. */
export function mipMessageOf(e: TraceEvent): MipSighting | null {
  if (e.bytes === undefined) return null;
  const d = parseIpv4(e.bytes);
  if (!d.ok || d.value.protocol !== IpProtocol.UDP) return null;
  const ip = d.value;
  const u = parseUdp(ip.payload, 0, ip.payload.length, ip);
  if (!u.ok || (u.value.sourcePort !== 434 && u.value.destinationPort !== 434)) return null;
  const m = parseMipMessage(u.value.payload);
  if (!m.ok) return null;
  return { ip, sourcePort: u.value.sourcePort, destinationPort: u.value.destinationPort, payload: u.value.payload, message: m.value };
}

/** A Mobility Header message (IPv6 Next Header 135, RFC 6275 §6.1) seen on one event. */
export interface MobilitySighting {
  readonly packet: ParsedIpv6Packet;
  /** The final addresses (RFC 6275 §6.1.1): the home address of a Home Address option or a type 2 Routing header. */
  readonly source: Ipv6Address;
  readonly destination: Ipv6Address;
  readonly mhType: number;
  /** "Binding Update", "Home Test Init", … */
  readonly name: string;
  readonly message: MobilityMessage;
  /** A message with a bad checksum is still a sighting; its receiver discards it (RFC 6275 §9.2). */
  readonly checksumValid: boolean;
}

/** The Mobility Header message an event's outermost IPv6 packet carries, or null. A tunnelled one (a HoTI, a HoT) is read where it is decapsulated. */
export function mobilityMessageOf(e: TraceEvent): MobilitySighting | null {
  if (e.bytes === undefined || e.bytes.length === 0 || e.bytes[0]! >> 4 !== 6) return null;
  const p = parseIpv6Packet(e.bytes);
  if (!p.ok || p.value.upperNextHeader !== NextHeader.MOBILITY) return null;
  const packet = p.value;
  const pseudo = { source: packet.finalSource, destination: packet.finalDestination };
  const m = parseMobilityHeader(packet.upperBytes, 0, packet.upperBytes.length, pseudo);
  if (!m.ok) return null;
  const mhType = mhTypeOf(m.value.message);
  return { packet, ...pseudo, mhType, name: mobilityMessageName(mhType), message: m.value.message, checksumValid: m.value.checksumValid };
}

export { isPacketEvent } from './packet-event';
