// What every tunnel (IP in IP, minimal encapsulation, GRE) shares: the typed
// refusals, the inner-TTL rules of RFC 2003 §3.1, the loop rule of RFC 2003 §3.2,
// and the shape of a tunnel's dissection for the packet walker.
//
// Refusing is not a parse error: each refusal says *why* the datagram may not
// go through the tunnel, so the protocol layer can drop it with that reason —
// and, for `ttl-expired`, answer with ICMP Time Exceeded (RFC 2003 §3.1).

import type { Ipv4Address } from './address';
import type { FieldNode } from './dissection';
import { IPV4_MAX_TOTAL, IPV4_MIN_HEADER, emitIpv4, emitIpv4Header, ipv4, parseIpv4, protocolName, type Ipv4Datagram } from './ipv4';
import type { WireError, WireResult } from './result';
import { copyPacket, packetBytes } from './packet-memory';
import { NO_OCTETS } from './cursor';

export type TunnelErrorKind =
  /** The datagram (outer or inner) is not valid IPv4, or a tunnel header cannot be read. */
  | 'malformed'
  /** A header checksum does not verify: a router discards the datagram (RFC 791 §3.1). */
  | 'bad-checksum'
  /** The inner TTL is, or would become, 0: discard, SHOULD send ICMP Time Exceeded (RFC 2003 §3.1). */
  | 'ttl-expired'
  /** Tunnelling would loop: the source is the encapsulator itself or the tunnel exit (RFC 2003 §3.2). */
  | 'routing-loop'
  /** A fragment: minimal encapsulation cannot carry one (RFC 2004 §3); a decapsulator needs the reassembled datagram. */
  | 'fragment'
  /** The result would exceed the 65535-octet IPv4 limit. */
  | 'too-big'
  /** The outer Protocol is not the one this tunnel decapsulates. */
  | 'wrong-protocol'
  /** A valid header using a feature the lab's tunnel does not implement (e.g. GRE source routing). */
  | 'unsupported';

/** A WireError (so `describeWireError` prints it) that also says which rule refused the datagram. */
export interface TunnelError extends WireError {
  readonly kind: TunnelErrorKind;
}

export type TunnelResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: TunnelError };

export function tunnelFail<T = never>(kind: TunnelErrorKind, layer: string, field: string, offset: number, reason: string): TunnelResult<T> {
  return { ok: false, error: { kind, layer, field, offset, reason } };
}

/** Wraps a parse failure of the datagram being tunnelled. */
export function malformed<T = never>(error: WireError): TunnelResult<T> {
  return { ok: false, error: { kind: 'malformed', ...error } };
}

/** Outer TTL when nothing else is configured: enough to reach any tunnel exit in the lab (OC-39, RFC 2003 §3.1). */
export const DEFAULT_TUNNEL_TTL = 64;

/** How an encapsulator builds the outer header (RFC 2003 §3.1; used as is by GRE, RFC 1701 §2). */
export interface EncapsulationOptions {
  /** Tunnel entry: the encapsulator's own address. */
  readonly source: Ipv4Address;
  /** Tunnel exit: the decapsulator (a care-of address, or the MN home address for a special tunnel). */
  readonly destination: Ipv4Address;
  /** Outer TTL; default 64 (OC-39). */
  readonly ttl?: number;
  /** Outer Identification: the encapsulating node's per-datagram counter. */
  readonly identification: number;
  /**
   * True when the encapsulator *forwards* a datagram it received (a home agent,
   * a previous FA re-tunnelling): the inner TTL is decremented and the inner
   * checksum fixed (RFC 2003 §3.1), and the loop rule of RFC 2003 §3.2 applies. False when it is
   * the original sender (a correspondent node using its binding cache): the
   * inner header is left exactly as it is.
   */
  readonly decrementInnerTtl: boolean;
  /** Also set the outer DF when the inner DF is clear (allowed, RFC 2003 §3.1: path-MTU discovery inside the tunnel). */
  readonly dontFragment?: boolean;
}

/** The datagram about to enter a tunnel, parsed, with the RFC 2003 §3.1 TTL rule applied. */
export interface PreparedInner {
  readonly datagram: Ipv4Datagram;
  /** Its bytes as they enter the tunnel (TTL decremented and checksum fixed when forwarding). */
  readonly bytes: Uint8Array;
}

/**
 * Parses the datagram to be tunnelled and applies the rules every encapsulator
 * shares: a valid header, never a TTL that is or would become 0 (RFC 2003 §3.1), and —
 * when forwarding — the loop rule (RFC 2003 §3.2).
 */
export function prepareInner(layer: string, inner: Uint8Array, options: EncapsulationOptions, parsed: WireResult<Ipv4Datagram> = parseIpv4(inner)): TunnelResult<PreparedInner> {
  if (!parsed.ok) return malformed(parsed.error);
  const d = parsed.value;
  // Our choice: a corrupted header is refused rather than re-checksummed (which would launder it).
  if (d.checksumValid !== true) return tunnelFail('bad-checksum', layer, 'inner Header Checksum', 10, 'the inner header checksum is wrong: a router discards this datagram (RFC 791 §3.1)');
  if (d.ttl === 0) return tunnelFail('ttl-expired', layer, 'inner Time to Live', 8, 'never encapsulate a datagram whose TTL is 0 (RFC 2003 §3.1)');
  if (!options.decrementInnerTtl) return { ok: true, value: { datagram: d, bytes: copyPacket(inner, 0, IPV4_MIN_HEADER + d.options.length + d.payload.length) } };
  // RFC 2003 §3.2 (RFC 2003 §3.2): a forwarding router must not tunnel a datagram from itself or from the tunnel exit.
  if (d.source === options.source) return tunnelFail('routing-loop', layer, 'inner Source Address', 12, `the datagram comes from the encapsulator ${d.source} itself (RFC 2003 §3.2)`);
  if (d.source === options.destination) return tunnelFail('routing-loop', layer, 'inner Source Address', 12, `the datagram comes from the tunnel exit ${d.source} (RFC 2003 §3.2)`);
  // RFC 2003 §3.1: forwarding decrements the inner TTL; reaching 0 means discard + Time Exceeded.
  if (d.ttl === 1) return tunnelFail('ttl-expired', layer, 'inner Time to Live', 8, 'forwarding would decrement the inner TTL from 1 to 0: discard and send ICMP Time Exceeded (RFC 2003 §3.1)');
  const forwarded: Ipv4Datagram = { ...d, ttl: d.ttl - 1 };
  const bytes = packetBytes(inner.length);
  const n = emitIpv4(forwarded, bytes, 0); // rewrites the header with the new TTL and a recomputed checksum
  return { ok: true, value: { datagram: forwarded, bytes: bytes.subarray(0, n) } };
}

/** A decapsulated datagram: the outer header that carried it, and the inner datagram, as bytes and parsed. */
export interface Decapsulated {
  readonly outer: Ipv4Datagram;
  /** The inner datagram as it leaves the tunnel (the decapsulator does not change its TTL, RFC 2003 §3.1). */
  readonly inner: Uint8Array;
  readonly innerDatagram: Ipv4Datagram;
}

/**
 * What the packet walker gets from a tunnel's dissector: the tunnel's header
 * nodes, and where the carried bytes are and what they are.
 */
export interface TunnelDissection {
  /** The outer IPv4 header and, for GRE / minimal encapsulation, the header the tunnel adds. */
  readonly node: FieldNode;
  /** Absolute offset where the carried bytes begin. */
  readonly innerOffset: number;
  /** Absolute end of the carried bytes (the outer Total Length). */
  readonly innerEnd: number;
  readonly inner: TunnelPayload;
}

export type TunnelPayload =
  /** A complete IPv4 datagram (IP in IP; GRE with Protocol Type 0x0800). */
  | { readonly kind: 'ipv4' }
  /**
   * Minimal encapsulation: the original transport payload, without an IP header
   * of its own. Its protocol and addresses (needed e.g. for the UDP
   * pseudo-header) are those restored from the forwarding header (RFC 2004 §3).
   */
  | { readonly kind: 'transport'; readonly protocol: number; readonly source: Ipv4Address; readonly destination: Ipv4Address }
  /** GRE carrying something other than IPv4: the Protocol Type says what. */
  | { readonly kind: 'other'; readonly protocolType: number };

/**
 * Builds the outer datagram around a prepared inner one (RFC 2003 §3.1):
 * TOS copied, DF set when the inner DF is set, TTL 64 unless configured, no
 * options copied; `tunnelHeader` (GRE's, or nothing) sits between the outer
 * header and the inner datagram.
 */
export function buildOuter(layer: string, inner: PreparedInner, protocol: number, tunnelHeader: Uint8Array, options: EncapsulationOptions): TunnelResult<Uint8Array> {
  const total = IPV4_MIN_HEADER + tunnelHeader.length + inner.bytes.length;
  if (total > IPV4_MAX_TOTAL) return tunnelFail('too-big', layer, 'Total Length', 2, `the tunnelled datagram would be ${total} octets, above ${IPV4_MAX_TOTAL}`);
  const outer = ipv4({
    source: options.source,
    destination: options.destination,
    protocol,
    tos: inner.datagram.tos, // RFC 2003 §3.1: TOS copied from the inner header
    identification: options.identification,
    dontFragment: inner.datagram.dontFragment || options.dontFragment === true, // RFC 2003 §3.1: inner DF ⇒ outer DF
    ttl: options.ttl ?? DEFAULT_TUNNEL_TTL, // OC-39
    payload: NO_OCTETS, // written in place below: the header, then the tunnel header and the inner datagram, one copy each
  });
  const out = packetBytes(total);
  emitIpv4Header(outer, total - IPV4_MIN_HEADER, out, 0);
  out.set(tunnelHeader, IPV4_MIN_HEADER);
  out.set(inner.bytes, IPV4_MIN_HEADER + tunnelHeader.length);
  return { ok: true, value: out };
}

/** Checks a received outer datagram before decapsulating it: valid, checksum correct, right protocol, not a fragment. */
export function openOuter(layer: string, datagram: Uint8Array, protocol: number): TunnelResult<Ipv4Datagram> {
  const parsed = parseIpv4(datagram);
  if (!parsed.ok) return malformed(parsed.error);
  const outer = parsed.value;
  if (outer.checksumValid !== true) return tunnelFail('bad-checksum', layer, 'Header Checksum', 10, 'the outer header checksum is wrong: a router discards this datagram (RFC 791 §3.1)');
  if (outer.protocol !== protocol) return tunnelFail('wrong-protocol', layer, 'Protocol', 9, `protocol ${outer.protocol} (${protocolName(outer.protocol)}), expected ${protocol} (${protocolName(protocol)})`);
  if (outer.moreFragments || outer.fragmentOffset !== 0) return tunnelFail('fragment', layer, 'Flags / Fragment Offset', 6, 'a fragment: reassemble the outer datagram before decapsulating it');
  return { ok: true, value: outer };
}

/** Checks a decapsulated inner datagram (RFC 2003 §3.1): valid, and TTL 0 after decapsulation means discard. */
export function acceptInner(layer: string, inner: Uint8Array, innerOffset: number): TunnelResult<Ipv4Datagram> {
  const parsed = parseIpv4(inner);
  if (!parsed.ok) return malformed({ ...parsed.error, field: `inner ${parsed.error.field}`, offset: innerOffset + parsed.error.offset });
  const d = parsed.value;
  if (d.checksumValid !== true) return tunnelFail('bad-checksum', layer, 'inner Header Checksum', innerOffset + 10, 'the inner header checksum is wrong: a router discards this datagram (RFC 791 §3.1)');
  // RFC 2003 §3.1: the decapsulator leaves the inner TTL alone, and discards a datagram whose TTL is 0.
  if (d.ttl === 0) return tunnelFail('ttl-expired', layer, 'inner Time to Live', innerOffset + 8, 'the inner TTL is 0 after decapsulation: discard (RFC 2003 §3.1)');
  return { ok: true, value: d };
}
