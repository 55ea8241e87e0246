// Routing header (RFC 8200 §4.4), with the type 2 Routing header of Mobile
// IPv6 (RFC 6275 §6.4) decoded in full.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+---------------+---------------+
// |  Next Header  |  Hdr Ext Len  | Routing Type  | Segments Left |
// +---------------+---------------+---------------+---------------+
// |                  type-specific data (type 2: Reserved, 4)     |
// +---------------------------------------------------------------+
// |                                                               |
// +        type 2: Home Address (16 octets)                       +
// |                                                               |
// +---------------------------------------------------------------+
//
// Type 2: Hdr Ext Len 2, Segments Left 1 as sent (0 once processed: the form
// AH's ICV covers, RFC 4302 §3.3.3.1.2.2). Any other type is kept as bytes;
// whether it may be skipped is the packet parser's call (RFC 8200 §4.4:
// only with Segments Left 0).

import type { Codec } from '../codec';
import { Reader, getU32, putU32 } from '../cursor';
import { field, group, hex, hexBytes, type FieldNode } from '../dissection';
import { EncodeError, fail, ok, type WireResult } from '../result';
import { readIpv6, writeIpv6, type Ipv6Address } from './ipv6-address';
import { nextHeaderName } from './ipv6-header';

export const ROUTING_LAYER = 'Routing';
export const TYPE2_ROUTING_LENGTH = 24;

export type RoutingHeader =
  | {
      readonly kind: 'type2';
      readonly nextHeader: number;
      /** 1 as sent; 0 after the mobile node swapped the addresses. */
      readonly segmentsLeft: number;
      /** 32 bits, zero when sent and ignored when received (RFC 6275 §6.4); kept so input round-trips. */
      readonly reserved: number;
      readonly homeAddress: Ipv6Address;
    }
  | {
      readonly kind: 'other';
      readonly nextHeader: number;
      readonly routingType: number;
      readonly segmentsLeft: number;
      /** The type-specific data (everything after the first 4 octets). */
      readonly data: Uint8Array;
    };

export function routingHeaderLength(h: RoutingHeader): number {
  return h.kind === 'type2' ? TYPE2_ROUTING_LENGTH : 4 + h.data.length;
}

export function emitRoutingHeader(h: RoutingHeader, buf: Uint8Array, offset = 0): number {
  const total = routingHeaderLength(h);
  if (total % 8 !== 0 || total > 2048) throw new EncodeError(ROUTING_LAYER, `${total} octets: a Routing header is a multiple of 8 octets, at most 2048 (RFC 8200 §4.4)`);
  if (offset + total > buf.length) throw new EncodeError(ROUTING_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  buf[offset] = h.nextHeader & 0xff;
  buf[offset + 1] = total / 8 - 1;
  if (h.kind === 'type2') {
    buf[offset + 2] = 2;
    buf[offset + 3] = h.segmentsLeft & 0xff;
    putU32(buf, offset + 4, h.reserved);
    writeIpv6(buf, offset + 8, h.homeAddress);
  } else {
    buf[offset + 2] = h.routingType & 0xff;
    buf[offset + 3] = h.segmentsLeft & 0xff;
    buf.set(h.data, offset + 4);
  }
  return total;
}

export function parseRoutingHeader(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<RoutingHeader> {
  const r = new Reader(bytes, ROUTING_LAYER, offset, end);
  if (!r.has(4)) return r.short('fixed part', 4);
  const nextHeader = r.u8();
  const hdrExtLen = r.u8();
  const routingType = r.u8();
  const segmentsLeft = r.u8();
  const total = (hdrExtLen + 1) * 8;
  if (total > end - offset) return fail(ROUTING_LAYER, 'Hdr Ext Len', offset + 1, `says ${total} octets, only ${end - offset} remain`);
  if (routingType !== 2) return ok({ kind: 'other', nextHeader, routingType, segmentsLeft, data: r.take(total - 4) });
  if (hdrExtLen !== 2) return fail(ROUTING_LAYER, 'Hdr Ext Len', offset + 1, `${hdrExtLen}, a type 2 Routing header has 2 (RFC 6275 §6.4)`);
  if (segmentsLeft > 1) return fail(ROUTING_LAYER, 'Segments Left', offset + 3, `${segmentsLeft}, a type 2 Routing header carries exactly one address (RFC 6275 §6.4)`);
  return ok({ kind: 'type2', nextHeader, segmentsLeft, reserved: getU32(bytes, offset + 4), homeAddress: readIpv6(bytes, offset + 8) });
}

export function dissectRoutingHeader(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<FieldNode> {
  const parsed = parseRoutingHeader(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const h = parsed.value;
  const total = routingHeaderLength(h);
  const children: FieldNode[] = [
    field('Next Header', offset, 1, `${h.nextHeader} (${nextHeaderName(h.nextHeader)})`),
    field('Hdr Ext Len', offset + 1, 1, `${total / 8 - 1} (${total} octets)`),
  ];
  if (h.kind === 'type2') {
    children.push(
      field('Routing Type', offset + 2, 1, '2 (Mobile IPv6 home address)', { ref: 'RFC 6275 §6.4' }),
      field('Segments Left', offset + 3, 1, h.segmentsLeft === 1 ? '1 (the home address is still to be visited)' : '0 (already processed)'),
      field('Reserved', offset + 4, 4, hex(h.reserved, 8), h.reserved !== 0 ? { warning: 'should be zero (RFC 6275 §6.4)' } : {}),
      field('Home Address', offset + 8, 16, h.homeAddress),
    );
    return ok(group('Routing Header (type 2)', offset, total, `home address ${h.homeAddress}`, children, { ref: 'RFC 6275 §6.4' }));
  }
  children.push(
    field('Routing Type', offset + 2, 1, `${h.routingType} (not processed by the lab)`, { ref: 'RFC 8200 §4.4' }),
    field('Segments Left', offset + 3, 1, h.segmentsLeft, h.segmentsLeft > 0 ? { warning: 'an unrecognised Routing Type with Segments Left > 0: discard and send ICMPv6 Parameter Problem code 0 (RFC 8200 §4.4)' } : {}),
  );
  if (h.data.length > 0) children.push(field('Type-specific data', offset + 4, h.data.length, hexBytes(h.data, 32)));
  const note = h.segmentsLeft === 0 ? 'Segments Left 0: skipped' : `Segments Left ${h.segmentsLeft}: cannot be processed`;
  return ok(group(`Routing Header (type ${h.routingType})`, offset, total, note, children, { ref: 'RFC 8200 §4.4' }));
}

export const routingHeaderCodec: Codec<RoutingHeader> = {
  layer: ROUTING_LAYER,
  parse: parseRoutingHeader,
  length: routingHeaderLength,
  emit: emitRoutingHeader,
  dissect: dissectRoutingHeader,
};

/** The type 2 Routing header a correspondent or home agent sends to a care-of address (RFC 6275 §6.4, §9.6). */
export function type2RoutingHeader(nextHeader: number, homeAddress: Ipv6Address): RoutingHeader {
  return { kind: 'type2', nextHeader, segmentsLeft: 1, reserved: 0, homeAddress };
}
