// Minimal encapsulation (IP protocol 55, RFC 2004 §3).
//
//  before: [ IP header | payload ]
//  after : [ modified IP header | minimal forwarding header (8 or 12) | payload ]
//
// Minimal forwarding header (RFC 2004 §3):
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+-+-------------+-------------------------------+
// |   Protocol    |S|  reserved   |        Header Checksum        |
// +---------------+-+-------------+-------------------------------+
// |                 Original Destination Address                  |
// +---------------------------------------------------------------+
// |         Original Source Address (present only if S = 1)       |
// +---------------------------------------------------------------+
//
// Unlike IP in IP the original header is *modified in place*: Protocol := 55,
// Destination := tunnel exit, Source := encapsulator when it is not the
// original source; what was overwritten travels in the forwarding header.

import { readAddress, writeAddress, type Ipv4Address } from './address';
import { checksumIsValid, internetChecksum } from './checksum';
import type { Codec } from './codec';
import { Reader, getU16, putU16 } from './cursor';
import { field, group, hex, type FieldNode } from './dissection';
import { IPV4_MAX_TOTAL, IPV4_MIN_HEADER, IpProtocol, dissectIpv4, emitIpv4, parseIpv4, protocolName } from './ipv4';
import { EncodeError, fail, ok, type WireResult } from './result';
import { acceptInner, openOuter, prepareInner, tunnelFail, type Decapsulated, type EncapsulationOptions, type TunnelDissection, type TunnelResult } from './tunnel';

export const MINIMAL_LAYER = 'Minimal forwarding header';
export const MINIMAL_HEADER_SHORT = 8;
export const MINIMAL_HEADER_LONG = 12;
const S_BIT = 0x80;

/** Field table (offset, length, name). */
export const MINIMAL_FIELDS = [
  { offset: 0, length: 1, name: 'Protocol' },
  { offset: 1, length: 1, name: 'S / reserved' },
  { offset: 2, length: 2, name: 'Header Checksum' },
  { offset: 4, length: 4, name: 'Original Destination Address' },
  { offset: 8, length: 4, name: 'Original Source Address (S = 1)' },
] as const;

export interface MinimalForwardingHeader {
  /** The original IP Protocol value. */
  readonly protocol: number;
  readonly originalDestination: Ipv4Address;
  /** Present exactly when S = 1: the encapsulator replaced the IP source (RFC 2004 §3). */
  readonly originalSource?: Ipv4Address;
  /** The 7 reserved bits after S (sent 0), kept so odd input round-trips. */
  readonly reserved: number;
  /** Filled in by `parse`: whether the forwarding header's own checksum verified. */
  readonly checksumValid?: boolean;
}

export function minimalHeaderLength(h: MinimalForwardingHeader): number {
  return h.originalSource === undefined ? MINIMAL_HEADER_SHORT : MINIMAL_HEADER_LONG;
}

export function emitMinimalHeader(h: MinimalForwardingHeader, buf: Uint8Array, offset = 0): number {
  const n = minimalHeaderLength(h);
  if (offset + n > buf.length) throw new EncodeError(MINIMAL_LAYER, `buffer too small: need ${n} octets at offset ${offset}`);
  buf[offset] = h.protocol;
  buf[offset + 1] = (h.originalSource !== undefined ? S_BIT : 0) | (h.reserved & 0x7f);
  putU16(buf, offset + 2, 0);
  writeAddress(buf, offset + 4, h.originalDestination);
  if (h.originalSource !== undefined) writeAddress(buf, offset + 8, h.originalSource);
  putU16(buf, offset + 2, internetChecksum(buf, offset, offset + n)); // RFC 2004 §3: over this header only
  return n;
}

export function parseMinimalHeader(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<MinimalForwardingHeader> {
  const r = new Reader(bytes, MINIMAL_LAYER, offset, end);
  if (!r.has(MINIMAL_HEADER_SHORT)) return r.short('header', MINIMAL_HEADER_SHORT);
  const protocol = r.u8();
  const flags = r.u8();
  r.skip(2);
  const originalDestination = readAddress(bytes, r.offset);
  r.skip(4);
  const hasSource = (flags & S_BIT) !== 0;
  if (hasSource && !r.has(4)) return r.short('Original Source Address', 4);
  const originalSource = hasSource ? readAddress(bytes, r.offset) : undefined;
  const n = hasSource ? MINIMAL_HEADER_LONG : MINIMAL_HEADER_SHORT;
  return ok({
    protocol,
    originalDestination,
    ...(originalSource !== undefined ? { originalSource } : {}),
    reserved: flags & 0x7f,
    checksumValid: checksumIsValid(bytes, offset, offset + n),
  });
}

export function dissectMinimalHeader(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<FieldNode> {
  const parsed = parseMinimalHeader(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const h = parsed.value;
  const stored = getU16(bytes, offset + 2);
  const s = h.originalSource !== undefined;
  const children: FieldNode[] = [
    field('Protocol', offset, 1, `${h.protocol} (${protocolName(h.protocol)}, original)`),
    field('S: original source present', offset + 1, 1, s ? 'set (encapsulator is not the original source: 12-octet header)' : 'not set (encapsulator is the original source: 8-octet header)', { mask: S_BIT, ref: 'RFC 2004 §3' }),
    field('Reserved', offset + 1, 1, hex(h.reserved, 2), { mask: 0x7f, ...(h.reserved !== 0 ? { warning: 'reserved bits should be sent as 0' } : {}) }),
    field('Header Checksum', offset + 2, 2, `${hex(stored, 4)} [${h.checksumValid ? 'correct' : 'incorrect'}]`, {
      ref: 'RFC 2004 §3 (over this header only)',
      ...(h.checksumValid ? {} : { warning: 'bad forwarding-header checksum: the decapsulator discards this datagram' }),
    }),
    field('Original Destination Address', offset + 4, 4, h.originalDestination),
  ];
  if (s) children.push(field('Original Source Address', offset + 8, 4, h.originalSource!));
  const value = `to ${h.originalDestination}${s ? ` from ${h.originalSource}` : ''}, ${protocolName(h.protocol)}`;
  return ok(group('Minimal Forwarding Header', offset, minimalHeaderLength(h), value, children, { ref: 'RFC 2004 §3' }));
}

export const minimalHeaderCodec: Codec<MinimalForwardingHeader> = {
  layer: MINIMAL_LAYER,
  parse: parseMinimalHeader,
  length: minimalHeaderLength,
  emit: emitMinimalHeader,
  dissect: dissectMinimalHeader,
};

/** Minimal encapsulation has no outer header of its own: no outer TTL or Identification to choose. */
export type MinimalEncapsulationOptions = Pick<EncapsulationOptions, 'source' | 'destination' | 'decrementInnerTtl'>;

/**
 * Minimal encapsulation of the IPv4 datagram `datagram` (RFC 2004 §3):
 * refuses a fragment; S = 1 exactly when the encapsulator (`options.source`) is
 * not the original source; TTL rules as for IP in IP (RFC 2003 §3.1).
 */
export function encapsulateMinimal(datagram: Uint8Array, options: MinimalEncapsulationOptions): TunnelResult<Uint8Array> {
  const L = 'Minimal encapsulation';
  // The TTL and loop rules are the same as for IP in IP (RFC 2004 §4, §5); the outer fields prepareInner ignores.
  const prepared = prepareInner(L, datagram, { ...options, identification: 0 });
  if (!prepared.ok) return prepared;
  const d = prepared.value.datagram;
  // RFC 2004 §3: no room for fragment information.
  if (d.moreFragments || d.fragmentOffset !== 0) return tunnelFail('fragment', L, 'Flags / Fragment Offset', 6, 'minimal encapsulation MUST NOT be used for a datagram that is already a fragment (RFC 2004 §3)');
  const replacesSource = d.source !== options.source; // RFC 2004 §3: S = 1 exactly when the encapsulator is not the original source
  const header: MinimalForwardingHeader = {
    protocol: d.protocol,
    originalDestination: d.destination,
    ...(replacesSource ? { originalSource: d.source } : {}),
    reserved: 0,
  };
  const headerLength = minimalHeaderLength(header);
  const ipHeaderLength = IPV4_MIN_HEADER + d.options.length;
  const total = ipHeaderLength + headerLength + d.payload.length;
  if (total > IPV4_MAX_TOTAL) return tunnelFail('too-big', L, 'Total Length', 2, `the encapsulated datagram would be ${total} octets, above ${IPV4_MAX_TOTAL}`);
  const payload = new Uint8Array(headerLength + d.payload.length);
  emitMinimalHeader(header, payload, 0);
  payload.set(d.payload, headerLength);
  const out = new Uint8Array(total);
  // RFC 2004 §3: Protocol := 55, Destination := tunnel exit, Source := encapsulator if not the original source,
  // Total Length += 8 or 12, checksum recomputed; TOS, ID, flags, TTL (after RFC 2003 §3.1) unchanged.
  emitIpv4({ ...d, protocol: IpProtocol.MINIMAL_ENCAPSULATION, destination: options.destination, source: replacesSource ? options.source : d.source, payload }, out, 0);
  return { ok: true, value: out };
}

/** Restores the original datagram from a protocol-55 datagram (RFC 2004 §3). */
export function decapsulateMinimal(datagram: Uint8Array): TunnelResult<Decapsulated> {
  const L = 'Minimal decapsulation';
  const outer = openOuter(L, datagram, IpProtocol.MINIMAL_ENCAPSULATION);
  if (!outer.ok) return outer;
  const o = outer.value;
  const at = IPV4_MIN_HEADER + o.options.length;
  const parsed = parseMinimalHeader(o.payload);
  if (!parsed.ok) return { ok: false, error: { kind: 'malformed', ...parsed.error, offset: at + parsed.error.offset } };
  const h = parsed.value;
  if (h.checksumValid !== true) return tunnelFail('bad-checksum', L, 'Header Checksum', at + 2, 'the minimal forwarding header checksum is wrong (RFC 2004 §3)');
  const headerLength = minimalHeaderLength(h);
  // RFC 2004 §3: restore Protocol, Destination (and Source if S = 1), remove the header, Total Length −= 8 or 12, new checksum.
  const restored = { ...o, protocol: h.protocol, destination: h.originalDestination, source: h.originalSource ?? o.source, payload: o.payload.subarray(headerLength) };
  const inner = new Uint8Array(at + restored.payload.length);
  emitIpv4(restored, inner, 0);
  const innerDatagram = acceptInner(L, inner, 0);
  if (!innerDatagram.ok) return innerDatagram;
  return { ok: true, value: { outer: o, inner, innerDatagram: innerDatagram.value } };
}

/**
 * For the packet walker: given a protocol-55 datagram at `offset`, the modified
 * IP header and the forwarding header as one tunnel node, where the original
 * payload starts, and the protocol and addresses it belongs to.
 */
export function dissectMinimalEncapsulation(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<TunnelDissection> {
  const ip = parseIpv4(bytes, offset, end);
  if (!ip.ok) return ip;
  if (ip.value.protocol !== IpProtocol.MINIMAL_ENCAPSULATION) return fail(MINIMAL_LAYER, 'Protocol', offset + 9, `protocol ${ip.value.protocol}, expected 55 (minimal encapsulation)`);
  const ipNode = dissectIpv4(bytes, offset, end);
  if (!ipNode.ok) return ipNode;
  const at = offset + IPV4_MIN_HEADER + ip.value.options.length;
  const innerEnd = at + ip.value.payload.length;
  const header = parseMinimalHeader(bytes, at, innerEnd);
  if (!header.ok) return header;
  const headerNode = dissectMinimalHeader(bytes, at, innerEnd);
  if (!headerNode.ok) return headerNode;
  const h = header.value;
  const source = h.originalSource ?? ip.value.source;
  const length = at - offset + minimalHeaderLength(h);
  return ok({
    node: group('Minimal encapsulation tunnel', offset, length, `${ip.value.source} → ${ip.value.destination}, original ${source} → ${h.originalDestination}`, [ipNode.value, headerNode.value], { ref: 'RFC 2004 §3' }),
    innerOffset: at + minimalHeaderLength(h),
    innerEnd,
    inner: { kind: 'transport', protocol: h.protocol, source, destination: h.originalDestination },
  });
}
