// IPv6 fixed header (RFC 8200 §3).
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-------+---------------+---------------------------------------+
// |Version| Traffic Class |              Flow Label               |
// +-------+---------------+-------+---------------+---------------+
// |        Payload Length         |  Next Header  |   Hop Limit   |
// +-------------------------------+---------------+---------------+
// |                                                               |
// +                         Source Address                        +
// |                          (16 octets)                          |
// +---------------------------------------------------------------+
// |                                                               |
// +                      Destination Address                      +
// |                          (16 octets)                          |
// +---------------------------------------------------------------+
//
// Unlike the IPv4 codec, the repr is the 40-octet header alone: what follows
// is a chain of extension headers (RFC 8200 §4) that ipv6-packet.ts walks, so
// Payload Length is a field of the repr and is checked against the captured
// octets by the packet parser, not here.

import type { Codec } from '../codec';
import { Reader, putU16 } from '../cursor';
import { field, group, hex, type FieldNode } from '../dissection';
import { EncodeError, fail, ok, type WireResult } from '../result';
import { readIpv6, writeIpv6, type Ipv6Address } from './ipv6-address';

export const IPV6_LAYER = 'IPv6';
export const IPV6_HEADER_LENGTH = 40;

/** Next Header values the lab knows (IANA "Assigned Internet Protocol Numbers"; docs/ipv6.md §1). */
export const NextHeader = {
  HOP_BY_HOP: 0,
  UDP: 17,
  IPV6: 41,
  ROUTING: 43,
  FRAGMENT: 44,
  AH: 51,
  ICMPV6: 58,
  NONE: 59,
  DESTINATION_OPTIONS: 60,
  MOBILITY: 135,
} as const;

const NEXT_HEADER_NAMES: Record<number, string> = {
  0: 'Hop-by-Hop Options',
  4: 'IPv4',
  6: 'TCP',
  17: 'UDP',
  41: 'IPv6',
  43: 'Routing',
  44: 'Fragment',
  50: 'ESP',
  51: 'AH',
  58: 'ICMPv6',
  59: 'No Next Header',
  60: 'Destination Options',
  135: 'Mobility Header',
};

export function nextHeaderName(n: number): string {
  return NEXT_HEADER_NAMES[n] ?? `unknown(${n})`;
}

/** Field table (offset, length, name): drives the dissection and documents the layout. */
export const IPV6_HEADER_FIELDS = [
  { offset: 0, length: 1, name: 'Version / Traffic Class (high 4 bits)' },
  { offset: 1, length: 3, name: 'Traffic Class (low 4 bits) / Flow Label' },
  { offset: 4, length: 2, name: 'Payload Length' },
  { offset: 6, length: 1, name: 'Next Header' },
  { offset: 7, length: 1, name: 'Hop Limit' },
  { offset: 8, length: 16, name: 'Source Address' },
  { offset: 24, length: 16, name: 'Destination Address' },
] as const;

export interface Ipv6Header {
  /** 8 bits (RFC 8200 §7). */
  readonly trafficClass: number;
  /** 20 bits (RFC 8200 §6). */
  readonly flowLabel: number;
  /** Octets after this header, extension headers included (RFC 8200 §3). */
  readonly payloadLength: number;
  readonly nextHeader: number;
  readonly hopLimit: number;
  readonly source: Ipv6Address;
  readonly destination: Ipv6Address;
}

export function ipv6HeaderLength(_h: Ipv6Header): number {
  return IPV6_HEADER_LENGTH;
}

export function emitIpv6Header(h: Ipv6Header, buf: Uint8Array, offset = 0): number {
  if (!(h.trafficClass >= 0 && h.trafficClass <= 0xff)) throw new EncodeError(IPV6_LAYER, `Traffic Class ${h.trafficClass} does not fit 8 bits`);
  if (!(h.flowLabel >= 0 && h.flowLabel <= 0xfffff)) throw new EncodeError(IPV6_LAYER, `Flow Label ${h.flowLabel} does not fit 20 bits`);
  if (!(h.payloadLength >= 0 && h.payloadLength <= 0xffff)) throw new EncodeError(IPV6_LAYER, `Payload Length ${h.payloadLength} does not fit 16 bits (the lab sends no jumbograms)`);
  if (!(h.nextHeader >= 0 && h.nextHeader <= 0xff) || !(h.hopLimit >= 0 && h.hopLimit <= 0xff)) throw new EncodeError(IPV6_LAYER, `Next Header ${h.nextHeader} and Hop Limit ${h.hopLimit} must each fit 8 bits`);
  if (offset + IPV6_HEADER_LENGTH > buf.length) throw new EncodeError(IPV6_LAYER, `buffer too small: need ${IPV6_HEADER_LENGTH} octets at offset ${offset}`);
  const o = offset;
  buf[o] = 0x60 | (h.trafficClass >>> 4);
  buf[o + 1] = ((h.trafficClass & 0x0f) << 4) | (h.flowLabel >>> 16);
  putU16(buf, o + 2, h.flowLabel & 0xffff);
  putU16(buf, o + 4, h.payloadLength);
  buf[o + 6] = h.nextHeader;
  buf[o + 7] = h.hopLimit;
  writeIpv6(buf, o + 8, h.source);
  writeIpv6(buf, o + 24, h.destination);
  return IPV6_HEADER_LENGTH;
}

export function parseIpv6Header(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<Ipv6Header> {
  const r = new Reader(bytes, IPV6_LAYER, offset, end);
  if (!r.has(IPV6_HEADER_LENGTH)) return r.short('header', IPV6_HEADER_LENGTH);
  const word = r.u32();
  const version = word >>> 28;
  if (version !== 6) return fail(IPV6_LAYER, 'Version', offset, `version ${version}, expected 6`);
  const payloadLength = r.u16();
  const nextHeader = r.u8();
  const hopLimit = r.u8();
  return ok({
    trafficClass: (word >>> 20) & 0xff,
    flowLabel: word & 0xfffff,
    payloadLength,
    nextHeader,
    hopLimit,
    source: readIpv6(bytes, offset + 8),
    destination: readIpv6(bytes, offset + 24),
  });
}

/** The 40-octet header's tree; the extension headers and payload are left to the packet walker (packet6.ts). */
export function dissectIpv6Header(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<FieldNode> {
  const parsed = parseIpv6Header(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const h = parsed.value;
  const available = end - offset - IPV6_HEADER_LENGTH;
  const lengthExtra: Partial<FieldNode> = h.payloadLength > available ? { warning: `exceeds the ${available} octets captured after the header` } : {};
  const children: FieldNode[] = [
    field('Version', offset, 1, 6, { mask: 0xf0 }),
    field('Traffic Class', offset, 2, hex(h.trafficClass, 2), { mask: 0x0ff0, ref: 'RFC 8200 §7' }),
    field('Flow Label', offset + 1, 3, hex(h.flowLabel, 5), { mask: 0x0fffff, ref: 'RFC 8200 §6' }),
    field('Payload Length', offset + 4, 2, `${h.payloadLength} octets`, lengthExtra),
    field('Next Header', offset + 6, 1, `${h.nextHeader} (${nextHeaderName(h.nextHeader)})`),
    field('Hop Limit', offset + 7, 1, h.hopLimit),
    field('Source Address', offset + 8, 16, h.source),
    field('Destination Address', offset + 24, 16, h.destination),
  ];
  return ok(group('Internet Protocol Version 6', offset, IPV6_HEADER_LENGTH, `${h.source} → ${h.destination}, ${nextHeaderName(h.nextHeader)}, Hop Limit ${h.hopLimit}`, children, { ref: 'RFC 8200 §3' }));
}

export const ipv6HeaderCodec: Codec<Ipv6Header> = {
  layer: IPV6_LAYER,
  parse: parseIpv6Header,
  length: ipv6HeaderLength,
  emit: emitIpv6Header,
  dissect: dissectIpv6Header,
};

/** Defaults for building a header: no traffic class, no flow label, Hop Limit 64 (RFC 8200 §3 leaves it to the node; the lab uses IPv4's TTL, OC-08). */
export function ipv6Header(fields: Pick<Ipv6Header, 'source' | 'destination' | 'nextHeader' | 'payloadLength'> & Partial<Ipv6Header>): Ipv6Header {
  return { trafficClass: 0, flowLabel: 0, hopLimit: 64, ...fields };
}
