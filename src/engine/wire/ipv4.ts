// IPv4 header (RFC 791; layout and rules as redrawn in RFC 791 §3.1).
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-------+-------+---------------+-------------------------------+
// |Version|  IHL  |      TOS      |          Total Length         |
// +-------+-------+---------------+-----+-------------------------+
// |         Identification        |Flags|     Fragment Offset     |
// +---------------+---------------+-----+-------------------------+
// |      TTL      |   Protocol    |        Header Checksum        |
// +---------------+---------------+-------------------------------+
// |                        Source Address                         |
// +---------------------------------------------------------------+
// |                      Destination Address                      |
// +---------------------------------------------------------------+
// |                    Options (if IHL > 5) + padding             |
//
// The repr is the whole datagram (header + payload): Total Length bounds the
// payload, and every layer above needs the addresses (pseudo-header,
// tunnelling), so splitting them would only make callers glue them back.

import { readAddress, writeAddress, type Ipv4Address } from './address';
import { checksumIsValid, internetChecksum } from './checksum';
import type { Codec } from './codec';
import { NO_OCTETS, Reader, getU16, putU16, viewOf } from './cursor';
import { field, group, hex, type FieldNode } from './dissection';
import { EncodeError, fail, ok, type WireResult } from './result';

export const IPV4_LAYER = 'IPv4';
export const IPV4_MIN_HEADER = 20;
/** Hard limit against hostile lengths: nothing in the lab is larger than this. */
export const IPV4_MAX_TOTAL = 65535;

/** IP protocol numbers used by the lab (docs/protocol-notes.md §Numbers registry). */
export const IpProtocol = {
  ICMP: 1,
  IP_IN_IP: 4,
  UDP: 17,
  GRE: 47,
  MINIMAL_ENCAPSULATION: 55,
} as const;

const PROTOCOL_NAMES: Record<number, string> = {
  1: 'ICMP',
  4: 'IP in IP (RFC 2003)',
  17: 'UDP',
  47: 'GRE (RFC 1701/1702)',
  55: 'Minimal encapsulation (RFC 2004)',
};

export function protocolName(p: number): string {
  return PROTOCOL_NAMES[p] ?? `unknown(${p})`;
}

/** Field table (offset, length, name): drives the dissection and documents the layout. */
export const IPV4_FIELDS = [
  { offset: 0, length: 1, name: 'Version / IHL' },
  { offset: 1, length: 1, name: 'Type of Service' },
  { offset: 2, length: 2, name: 'Total Length' },
  { offset: 4, length: 2, name: 'Identification' },
  { offset: 6, length: 2, name: 'Flags / Fragment Offset' },
  { offset: 8, length: 1, name: 'Time to Live' },
  { offset: 9, length: 1, name: 'Protocol' },
  { offset: 10, length: 2, name: 'Header Checksum' },
  { offset: 12, length: 4, name: 'Source Address' },
  { offset: 16, length: 4, name: 'Destination Address' },
] as const;

export interface Ipv4Datagram {
  readonly tos: number;
  readonly identification: number;
  /** Bit 0 of the flags (0x8000): reserved, kept so odd input round-trips. */
  readonly reservedFlag: boolean;
  readonly dontFragment: boolean;
  readonly moreFragments: boolean;
  /** In 8-octet units. */
  readonly fragmentOffset: number;
  readonly ttl: number;
  readonly protocol: number;
  readonly source: Ipv4Address;
  readonly destination: Ipv4Address;
  /** Options + padding, a multiple of 4 octets (empty for IHL 5). */
  readonly options: Uint8Array;
  readonly payload: Uint8Array;
  /**
   * Filled in by `parse`: whether the received header checksum verified. A bad
   * checksum is not a parse error — a router drops it with this as the reason
   * (RFC 791 §3.1), and the inspector shows it. `emit` always writes a
   * correct checksum.
   */
  readonly checksumValid?: boolean;
}

export function ipv4Length(d: Ipv4Datagram): number {
  return IPV4_MIN_HEADER + d.options.length + d.payload.length;
}

export function emitIpv4(d: Ipv4Datagram, buf: Uint8Array, offset = 0): number {
  const total = emitIpv4Header(d, d.payload.length, buf, offset);
  buf.set(d.payload, offset + IPV4_MIN_HEADER + d.options.length);
  return total;
}

/**
 * emitIpv4 without the payload: the header of a datagram whose `payloadLength`
 * octets the caller writes after it (d.payload is not read). Returns the total length.
 */
export function emitIpv4Header(d: Ipv4Datagram, payloadLength: number, buf: Uint8Array, offset = 0): number {
  const headerLength = IPV4_MIN_HEADER + d.options.length;
  const total = headerLength + payloadLength;
  if (d.options.length % 4 !== 0 || headerLength > 60) throw new EncodeError(IPV4_LAYER, `options must be a multiple of 4 octets, at most 40 (got ${d.options.length})`);
  if (total > IPV4_MAX_TOTAL) throw new EncodeError(IPV4_LAYER, `datagram of ${total} octets exceeds ${IPV4_MAX_TOTAL}`);
  if (offset + total > buf.length) throw new EncodeError(IPV4_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  const o = offset;
  buf[o] = 0x40 | (headerLength / 4);
  buf[o + 1] = d.tos;
  putU16(buf, o + 2, total);
  putU16(buf, o + 4, d.identification);
  const flags = (d.reservedFlag ? 0x8000 : 0) | (d.dontFragment ? 0x4000 : 0) | (d.moreFragments ? 0x2000 : 0);
  putU16(buf, o + 6, flags | (d.fragmentOffset & 0x1fff));
  buf[o + 8] = d.ttl;
  buf[o + 9] = d.protocol;
  putU16(buf, o + 10, 0);
  writeAddress(buf, o + 12, d.source);
  writeAddress(buf, o + 16, d.destination);
  buf.set(d.options, o + IPV4_MIN_HEADER);
  putU16(buf, o + 10, internetChecksum(buf, o, o + headerLength)); // RFC 791 §3.1: computed with the field at 0
  return total;
}

export function parseIpv4(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<Ipv4Datagram> {
  // Read in place rather than through a Reader: every hop parses a datagram several times.
  if (end - offset < IPV4_MIN_HEADER) return new Reader(bytes, IPV4_LAYER, offset, end).short('header', IPV4_MIN_HEADER);
  const vihl = bytes[offset]!;
  const version = vihl >> 4;
  if (version !== 4) return fail(IPV4_LAYER, 'Version', offset, `version ${version}, expected 4`);
  const headerLength = (vihl & 0x0f) * 4;
  if (headerLength < IPV4_MIN_HEADER) return fail(IPV4_LAYER, 'IHL', offset, `IHL ${vihl & 0x0f} is below the minimum of 5 words`);
  const total = getU16(bytes, offset + 2);
  if (total < headerLength) return fail(IPV4_LAYER, 'Total Length', offset + 2, `${total} is shorter than the ${headerLength}-octet header`);
  if (total > end - offset) return fail(IPV4_LAYER, 'Total Length', offset + 2, `${total} exceeds the ${end - offset} octets available`);
  const ff = getU16(bytes, offset + 6);
  return ok({
    tos: bytes[offset + 1]!,
    identification: getU16(bytes, offset + 4),
    reservedFlag: (ff & 0x8000) !== 0,
    dontFragment: (ff & 0x4000) !== 0,
    moreFragments: (ff & 0x2000) !== 0,
    fragmentOffset: ff & 0x1fff,
    ttl: bytes[offset + 8]!,
    protocol: bytes[offset + 9]!,
    source: readAddress(bytes, offset + 12),
    destination: readAddress(bytes, offset + 16),
    options: viewOf(bytes, offset + IPV4_MIN_HEADER, offset + headerLength), // views, not copies (cursor.ts Reader.take)
    payload: viewOf(bytes, offset + headerLength, offset + total),
    checksumValid: checksumIsValid(bytes, offset, offset + headerLength),
  });
}

/** Dissects the header only; the payload node is left to the caller (packet.ts walks the layers). */
export function dissectIpv4(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<FieldNode> {
  const parsed = parseIpv4(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const d = parsed.value;
  const headerLength = IPV4_MIN_HEADER + d.options.length;
  const ff = getU16(bytes, offset + 6);
  const storedChecksum = getU16(bytes, offset + 10);
  const children: FieldNode[] = [
    field('Version', offset, 1, 4, { mask: 0xf0 }),
    field('Header Length (IHL)', offset, 1, `${headerLength} octets (${headerLength / 4} words)`, { mask: 0x0f }),
    field('Type of Service', offset + 1, 1, hex(d.tos, 2)),
    field('Total Length', offset + 2, 2, `${headerLength + d.payload.length} octets`),
    field('Identification', offset + 4, 2, `${hex(d.identification, 4)} (${d.identification})`),
    group('Flags', offset + 6, 2, hex(ff & 0xe000, 4), [
      field('Reserved', offset + 6, 1, d.reservedFlag ? 'set (should be 0)' : 'not set', { mask: 0x80 }),
      field("Don't Fragment (DF)", offset + 6, 1, d.dontFragment ? 'set' : 'not set', { mask: 0x40 }),
      field('More Fragments (MF)', offset + 6, 1, d.moreFragments ? 'set' : 'not set', { mask: 0x20 }),
    ], { ref: 'RFC 791 §3.1' }),
    field('Fragment Offset', offset + 6, 2, `${d.fragmentOffset * 8} octets`, { mask: 0x1fff }),
    field('Time to Live', offset + 8, 1, d.ttl),
    field('Protocol', offset + 9, 1, `${d.protocol} (${protocolName(d.protocol)})`),
    field('Header Checksum', offset + 10, 2, `${hex(storedChecksum, 4)} [${d.checksumValid ? 'correct' : 'incorrect'}]`, d.checksumValid ? {} : { warning: 'bad header checksum: a router discards this datagram (RFC 791 §3.1)' }),
    field('Source Address', offset + 12, 4, d.source),
    field('Destination Address', offset + 16, 4, d.destination),
  ];
  if (d.options.length > 0) children.push(field('Options', offset + 20, d.options.length, `${d.options.length} octets`));
  return ok(group('Internet Protocol Version 4', offset, headerLength, `${d.source} → ${d.destination}, ${protocolName(d.protocol)}, TTL ${d.ttl}`, children, { ref: 'RFC 791 §3.1' }));
}

export const ipv4Codec: Codec<Ipv4Datagram> = {
  layer: IPV4_LAYER,
  parse: parseIpv4,
  length: ipv4Length,
  emit: emitIpv4,
  dissect: dissectIpv4,
};

/** Defaults for building a datagram: TTL 64 (OC-08), no options, no fragmentation. */
export function ipv4(fields: Pick<Ipv4Datagram, 'source' | 'destination' | 'protocol' | 'payload'> & Partial<Ipv4Datagram>): Ipv4Datagram {
  return {
    tos: 0,
    identification: 0,
    reservedFlag: false,
    dontFragment: false,
    moreFragments: false,
    fragmentOffset: 0,
    ttl: 64,
    options: NO_OCTETS,
    ...fields,
  };
}
