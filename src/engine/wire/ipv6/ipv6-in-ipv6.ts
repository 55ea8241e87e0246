// IPv6 in IPv6 tunnelling (RFC 2473; next header 41).
//
//  before:  [ IPv6 header | extension headers | payload ]
//  after :  [ outer IPv6 header, next header 41 | original packet (Hop Limit -1 when forwarded) ]
//
// The outer header is the tunnel: source = tunnel entry (the home agent, or a
// previous router for a previous care-of address), destination = tunnel exit
// (the care-of address), Hop Limit = the tunnel's own (RFC 2473 §6.3). The
// refusals are the IPv4 tunnels' (tunnel.ts) so a node handles both alike:
// `ttl-expired` for a Hop Limit that runs out (ICMPv6 Time Exceeded,
// RFC 2473 §3), `routing-loop` for a packet from the entry or exit itself.

import { tunnelFail, type TunnelResult } from '../tunnel';
import { IPV6_HEADER_LENGTH, NextHeader, emitIpv6Header, type Ipv6Header } from './ipv6-header';
import { type Ipv6Address } from './ipv6-address';
import { parseIpv6Packet, type ParsedIpv6Packet } from './ipv6-packet';

export const IPV6_IN_IPV6_LAYER = 'IPv6 in IPv6';
/** Octets the tunnel adds: one IPv6 header (no Tunnel Encapsulation Limit option is sent). */
export const IPV6_IN_IPV6_OVERHEAD = IPV6_HEADER_LENGTH;
/** Outer Hop Limit when nothing else is configured (RFC 2473 §6.3 leaves it to the entry point; the IPv4 tunnels' 64, OC-39). */
export const DEFAULT_TUNNEL_HOP_LIMIT = 64;

export interface Ipv6EncapsulationOptions {
  /** Tunnel entry: the encapsulator's own address. */
  readonly source: Ipv6Address;
  /** Tunnel exit: the care-of address. */
  readonly destination: Ipv6Address;
  /** Outer Hop Limit; default 64. */
  readonly hopLimit?: number;
  /**
   * True when the encapsulator forwards a packet it received (a home agent
   * intercepting for a home address): the inner Hop Limit is decremented
   * first, as any forwarding would (RFC 2473 §3), and the loop rule applies.
   * False when it is the original sender.
   */
  readonly decrementInnerHopLimit: boolean;
}

/** Wraps the IPv6 packet `inner`; Traffic Class copied from it (RFC 2473 §6.5 allows it), Flow Label 0. */
export function encapsulateIpv6(inner: Uint8Array, options: Ipv6EncapsulationOptions): TunnelResult<Uint8Array> {
  const parsed = parseIpv6Packet(inner);
  if (!parsed.ok) return { ok: false, error: { kind: 'malformed', ...parsed.error } };
  const h = parsed.value.header;
  const innerLength = parsed.value.end;
  if (h.hopLimit === 0) return tunnelFail('ttl-expired', IPV6_IN_IPV6_LAYER, 'inner Hop Limit', 7, 'never tunnel a packet whose Hop Limit is 0 (RFC 8200 §3)');
  if (options.decrementInnerHopLimit) {
    if (h.source === options.source) return tunnelFail('routing-loop', IPV6_IN_IPV6_LAYER, 'inner Source Address', 8, `the packet comes from the tunnel entry ${h.source} itself (RFC 2473 §3)`);
    if (h.source === options.destination) return tunnelFail('routing-loop', IPV6_IN_IPV6_LAYER, 'inner Source Address', 8, `the packet comes from the tunnel exit ${h.source} (RFC 2473 §3)`);
    if (h.hopLimit === 1) return tunnelFail('ttl-expired', IPV6_IN_IPV6_LAYER, 'inner Hop Limit', 7, 'forwarding would take the inner Hop Limit from 1 to 0: discard and send ICMPv6 Time Exceeded (RFC 4443 §3.3)');
  }
  if (innerLength > 0xffff) return tunnelFail('too-big', IPV6_IN_IPV6_LAYER, 'Payload Length', 4, `the tunnelled packet would carry ${innerLength} octets, above 65535`);
  const out = new Uint8Array(IPV6_HEADER_LENGTH + innerLength);
  emitIpv6Header({
    trafficClass: h.trafficClass,
    flowLabel: 0,
    payloadLength: innerLength,
    nextHeader: NextHeader.IPV6,
    hopLimit: options.hopLimit ?? DEFAULT_TUNNEL_HOP_LIMIT,
    source: options.source,
    destination: options.destination,
  }, out, 0);
  out.set(inner.subarray(0, innerLength), IPV6_HEADER_LENGTH);
  if (options.decrementInnerHopLimit) out[IPV6_HEADER_LENGTH + 7] = h.hopLimit - 1; // IPv6 has no header checksum to fix
  return { ok: true, value: out };
}

export interface Decapsulated6 {
  /** The outer packet as parsed (its extension headers, AH if any). */
  readonly outer: ParsedIpv6Packet;
  /** The inner packet as it leaves the tunnel (Hop Limit untouched, RFC 2473 §3). */
  readonly inner: Uint8Array;
  readonly innerHeader: Ipv6Header;
}

/** Strips the tunnel header of a packet whose chain ends in next header 41 (RFC 2473 §3). */
export function decapsulateIpv6(packet: Uint8Array): TunnelResult<Decapsulated6> {
  const outer = parseIpv6Packet(packet);
  if (!outer.ok) return { ok: false, error: { kind: 'malformed', ...outer.error } };
  const o = outer.value;
  if (o.upperNextHeader !== NextHeader.IPV6) return tunnelFail('wrong-protocol', IPV6_IN_IPV6_LAYER, 'Next Header', o.headerChain.length === 0 ? 6 : o.headerChain[o.headerChain.length - 1]!.offset, `next header ${o.upperNextHeader}, expected 41 (IPv6 in IPv6)`);
  const inner = parseIpv6Packet(o.upperBytes);
  if (!inner.ok) return { ok: false, error: { kind: 'malformed', ...inner.error, field: `inner ${inner.error.field}`, offset: o.upperOffset + inner.error.offset } };
  if (inner.value.header.hopLimit === 0) return tunnelFail('ttl-expired', IPV6_IN_IPV6_LAYER, 'inner Hop Limit', o.upperOffset + 7, 'the inner Hop Limit is 0 after decapsulation: discard');
  return { ok: true, value: { outer: o, inner: o.upperBytes.slice(0, inner.value.end), innerHeader: inner.value.header } };
}

