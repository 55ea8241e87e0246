// Building the UDP-in-IPv4 datagrams the simple host sends, and the payload
// format of its traffic flows: a 32-bit sequence number, the flow id in ASCII,
// then zero padding — so a receiver (and a learner reading the hex) can tell
// which flow and which datagram arrived.

import type { Ipv4Address } from '../../wire/address';
import { getU32, putU32 } from '../../wire/cursor';
import { emitIpv4, ipv4, ipv4Length, IpProtocol } from '../../wire/ipv4';
import { emitUdp, udp, udpLength } from '../../wire/udp';
import { packetBytes } from '../../wire/packet-memory';

export interface UdpDatagramFields {
  readonly source: Ipv4Address;
  readonly destination: Ipv4Address;
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly payload: Uint8Array;
  readonly ttl: number;
  readonly identification: number;
}

/** IPv4 header + UDP header (checksum over the pseudo-header, RFC 768) + payload. */
export function buildUdpDatagram(f: UdpDatagramFields): Uint8Array {
  const segment = udp(f.sourcePort, f.destinationPort, f.payload);
  const udpBytes = packetBytes(udpLength(segment));
  emitUdp(segment, udpBytes, 0, { source: f.source, destination: f.destination });
  const datagram = ipv4({ source: f.source, destination: f.destination, protocol: IpProtocol.UDP, ttl: f.ttl, identification: f.identification, payload: udpBytes });
  const bytes = packetBytes(ipv4Length(datagram));
  emitIpv4(datagram, bytes);
  return bytes;
}

/** At least 4 + the id's length octets; longer requests are zero-padded. */
export function flowPayload(flowId: string, sequence: number, octets: number): Uint8Array {
  const out = packetBytes(Math.max(octets, 4 + flowId.length));
  putU32(out, 0, sequence >>> 0);
  for (let i = 0; i < flowId.length; i++) out[4 + i] = flowId.charCodeAt(i) & 0x7f;
  return out;
}

/** The flow id and sequence number of a flow payload, when it looks like one. */
export function readFlowPayload(payload: Uint8Array): { readonly flow: string; readonly sequence: number } | undefined {
  if (payload.length < 5) return undefined;
  // The id: up to the first zero octet, at most 64 octets, one character per octet, read in one go.
  const limit = Math.min(payload.length, 4 + 64);
  let end = 4;
  while (end < limit && payload[end] !== 0) end++;
  if (end === 4) return undefined;
  return { flow: String.fromCharCode.apply(null, payload.subarray(4, end) as unknown as number[]), sequence: getU32(payload, 0) };
}
