// IP in IP encapsulation (IP protocol 4, RFC 2003).
//
//  before:  [ IP header | payload ]
//  after :  [ outer IP header | IP header (unchanged except TTL) | payload ]
//
// There is no header of its own: the outer IPv4 header *is* the tunnel header
// (source = tunnel entry, destination = tunnel exit, protocol 4). The rules for
// building it and for the inner TTL are shared with GRE and live in tunnel.ts;
// this file is the protocol-4 use of them.

import { group } from './dissection';
import { readAddress } from './address';
import { IPV4_MIN_HEADER, IpProtocol, dissectIpv4, parseIpv4, type Ipv4Datagram } from './ipv4';
import { fail, ok, type WireResult } from './result';
import {
  acceptInner, buildOuter, openOuter, prepareInner,
  type Decapsulated, type EncapsulationOptions, type TunnelDissection, type TunnelResult,
} from './tunnel';
import { NO_OCTETS } from './cursor';

export const IP_IN_IP_LAYER = 'IP in IP';
/** Octets IP in IP adds (docs/protocol-notes.md §Encapsulation overheads). */
export const IP_IN_IP_OVERHEAD = IPV4_MIN_HEADER;

/**
 * Wraps the IPv4 datagram `inner` in an outer header from `options.source`
 * (tunnel entry) to `options.destination` (tunnel exit): RFC 2003 §3.1 as
 * redrawn in RFC 2003 §3.1, with the inner TTL rules of RFC 2003 §3.1. Returns
 * the outer datagram, or a typed refusal (e.g. `ttl-expired`: send ICMP Time
 * Exceeded to the inner source).
 */
export function encapsulateIpInIp(inner: Uint8Array, options: EncapsulationOptions, parsedInner?: WireResult<Ipv4Datagram>): TunnelResult<Uint8Array> {
  const prepared = prepareInner(IP_IN_IP_LAYER, inner, options, parsedInner ?? parseIpv4(inner));
  if (!prepared.ok) return prepared;
  return buildOuter(IP_IN_IP_LAYER, prepared.value, IpProtocol.IP_IN_IP, NO_OCTETS, options); // no tunnel header: the shared empty array, only read
}

/** Strips the outer header of a protocol-4 datagram (RFC 2003 §3.1: the inner TTL is left as it is). */
export function decapsulateIpInIp(datagram: Uint8Array): TunnelResult<Decapsulated> {
  const outer = openOuter(IP_IN_IP_LAYER, datagram, IpProtocol.IP_IN_IP);
  if (!outer.ok) return outer;
  const innerOffset = IPV4_MIN_HEADER + outer.value.options.length;
  const inner = outer.value.payload;
  const innerDatagram = acceptInner(IP_IN_IP_LAYER, inner, innerOffset);
  if (!innerDatagram.ok) return innerDatagram;
  return { ok: true, value: { outer: outer.value, inner, innerDatagram: innerDatagram.value } };
}

/**
 * For the packet walker: given a protocol-4 datagram at `offset`, the outer
 * header's node (marked as the tunnel) and where the inner datagram starts.
 */
export function dissectIpInIp(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<TunnelDissection> {
  const outer = dissectIpv4(bytes, offset, end);
  if (!outer.ok) return outer;
  if (bytes[offset + 9] !== IpProtocol.IP_IN_IP) return fail(IP_IN_IP_LAYER, 'Protocol', offset + 9, `protocol ${bytes[offset + 9]}, expected 4 (IP in IP)`);
  const node = outer.value;
  const innerOffset = offset + node.length;
  const innerEnd = offset + ((bytes[offset + 2]! << 8) | bytes[offset + 3]!);
  return ok({
    node: group('IP in IP tunnel', offset, node.length, `${readAddress(bytes, offset + 12)} → ${readAddress(bytes, offset + 16)} (tunnel entry → exit)`, [node], { ref: 'RFC 2003 §3.1; RFC 2003' }),
    innerOffset,
    innerEnd,
    inner: { kind: 'ipv4' },
  });
}
