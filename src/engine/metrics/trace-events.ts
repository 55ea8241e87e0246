// Reading one trace event as what a learner watches for: which traffic-flow
// datagram it carries (through any tunnels), or which Mobile IP message. One
// event at a time, so both a whole-trace reader (the story tests) and an
// incremental one (the lesson checks, fed batch by batch) use the same code.

import { readFlowPayload } from '../network/behaviours/udp-datagram';
import type { TraceEvent } from '../node/contract';
import type { Ipv4Address } from '../wire/address';
import { classifyPacket } from '../wire/classify';
import { IpProtocol, parseIpv4, type Ipv4Datagram } from '../wire/ipv4';
import { parseMipMessage, type MipMessage } from '../wire/mip/mip-message';
import { parseUdp } from '../wire/udp';

/** A traffic-flow datagram seen on one event (network/behaviours/udp-datagram.ts payload). */
export interface FlowDatagramSighting {
  readonly flow: string;
  readonly sequence: number;
  /** The innermost datagram's source and destination: the flow's own direction. */
  readonly source: Ipv4Address;
  readonly destination: Ipv4Address;
  /** Tunnels around it at this event, outermost first; [] when plain. */
  readonly tunnels: readonly string[];
  /** The outermost header's source: the tunnel entry point when tunnelled. */
  readonly outerSource: Ipv4Address;
}

/** The flow datagram an event carries, or null when it carries none (or no bytes). */
export function flowDatagramOf(e: TraceEvent): FlowDatagramSighting | null {
  if (e.bytes === undefined) return null;
  const c = classifyPacket(e.bytes);
  if (c === null || c.udpPayload === undefined || (c.kind !== 'data' && c.kind !== 'tunnelled-data')) return null;
  const tag = readFlowPayload(c.udpPayload);
  if (tag === undefined) return null;
  const outer = parseIpv4(e.bytes);
  return { flow: tag.flow, sequence: tag.sequence, source: c.source, destination: c.destination, tunnels: c.tunnels, outerSource: outer.ok ? outer.value.source : c.source };
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

/** A transmission onto a link that carries its bytes: a row of the packet list, a packet of a capture. */
export function isPacketEvent(e: TraceEvent): boolean {
  return (e.kind === 'sent' || e.kind === 'forwarded') && e.bytes !== undefined;
}
