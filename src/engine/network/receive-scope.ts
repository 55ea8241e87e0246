// One received frame is read by several layers of the node that receives it:
// a mobility agent asks agent discovery first, then its own Mobile IP code,
// then its embedded router, and a correspondent its Route Optimization code,
// then its host — each parses the IPv4 header, and some the UDP header (and
// verify its checksum over the whole payload), again. While a node handles
// one input (NodeRunner.deliver), the received bytes are read-only
// (docs/architecture.md "Engine": packet bytes are read-only once built), so
// the same bytes parse the same: the last IPv4 and UDP parse are kept for
// the length of that one input and handed out again. Outside an input (a
// test calling a behaviour directly) nothing is kept, and every call parses.
// The parsed values are read-only too, so sharing them is the same as
// parsing again.

import { parseIpv4, type Ipv4Datagram } from '../wire/ipv4';
import type { WireResult } from '../wire/result';
import { parseUdp, type UdpDatagram } from '../wire/udp';

let depth = 0;
let ipv4Bytes: Uint8Array | undefined;
let ipv4Parsed: WireResult<Ipv4Datagram> | undefined;
let udpDatagram: Ipv4Datagram | undefined;
let udpParsed: WireResult<UdpDatagram> | undefined;

function forget(): void {
  ipv4Bytes = undefined;
  ipv4Parsed = undefined;
  udpDatagram = undefined;
  udpParsed = undefined;
}

/** A node starts handling one input: parses may be kept until `endReceive`. */
export function beginReceive(): void {
  if (depth++ === 0) forget();
}

/** The input is handled: nothing parsed during it is kept. */
export function endReceive(): void {
  if (--depth === 0) forget();
}

/** parseIpv4(bytes), the same result for the same bytes within one input. */
export function receivedIpv4(bytes: Uint8Array): WireResult<Ipv4Datagram> {
  if (depth === 0) return parseIpv4(bytes);
  if (bytes !== ipv4Bytes || ipv4Parsed === undefined) {
    ipv4Parsed = parseIpv4(bytes);
    ipv4Bytes = bytes;
  }
  return ipv4Parsed;
}

/** The UDP datagram a parsed IPv4 datagram carries, its checksum checked against `d`'s addresses: parseUdp over all of `d.payload`. */
export function receivedUdp(d: Ipv4Datagram): WireResult<UdpDatagram> {
  if (depth === 0) return parseUdp(d.payload, 0, d.payload.length, d);
  if (d !== udpDatagram || udpParsed === undefined) {
    udpParsed = parseUdp(d.payload, 0, d.payload.length, d);
    udpDatagram = d;
  }
  return udpParsed;
}
