// The invoking packet an ICMPv6 error quotes: as much of it as fits without
// the error packet exceeding the minimum IPv6 MTU (RFC 4443 §2.4 (c)). The
// quote is usually cut short, so its Payload Length promises more than follows;
// the dissection says so instead of warning, and names the field a Parameter
// Problem's Pointer designates when it falls in the fixed header.

import { field, group, hexBytes, type FieldNode } from '../dissection';
import { ICMPV6_HEADER_LENGTH, IPV6_MINIMUM_MTU } from './icmpv6-header';
import { IPV6_HEADER_FIELDS, IPV6_HEADER_LENGTH, dissectIpv6Header } from './ipv6-header';

/** Error header (8) inside an IPv6 header (40): what is left of 1280 octets for the quote. */
export const ICMPV6_ERROR_QUOTE_LIMIT = IPV6_MINIMUM_MTU - IPV6_HEADER_LENGTH - 2 * ICMPV6_HEADER_LENGTH;

/**
 * The start of `packet` an error message quotes when the error itself goes out
 * with `overhead` octets of IPv6 headers (40 without extension headers).
 */
export function quoteInvokingPacket(packet: Uint8Array, overhead = IPV6_HEADER_LENGTH): Uint8Array {
  const room = IPV6_MINIMUM_MTU - overhead - 2 * ICMPV6_HEADER_LENGTH;
  return packet.slice(0, Math.max(0, Math.min(packet.length, room)));
}

function pointerTarget(pointer: number): string | undefined {
  const f = IPV6_HEADER_FIELDS.find((x) => pointer >= x.offset && pointer < x.offset + x.length);
  return f?.name;
}

/** The quoted packet at [offset, offset + length); `pointer` (Parameter Problem) is an offset inside it. */
export function dissectInvokingPacket(bytes: Uint8Array, offset: number, length: number, pointer?: number): FieldNode {
  const ref = 'RFC 4443 §2.4 (c)';
  const header = dissectIpv6Header(bytes, offset, offset + length);
  if (!header.ok) {
    return field('Invoking packet', offset, length, hexBytes(bytes.subarray(offset, offset + length)), { ref, warning: `not a readable IPv6 header: ${header.error.reason}` });
  }
  const quotedAfter = length - IPV6_HEADER_LENGTH;
  // The quoted header's Payload Length describes the original packet, not the quote.
  const headerNode: FieldNode = {
    ...header.value,
    name: 'IPv6 header (quoted)',
    children: (header.value.children ?? []).map((c) => {
      if (c.name !== 'Payload Length') return c;
      const { warning: _cut, ...rest } = c;
      return { ...rest, value: `${c.value} in the original packet; ${quotedAfter} quoted` };
    }),
  };
  const children: FieldNode[] = [headerNode];
  if (quotedAfter > 0) children.push(field('Quoted data', offset + IPV6_HEADER_LENGTH, quotedAfter, hexBytes(bytes.subarray(offset + IPV6_HEADER_LENGTH, offset + length))));
  const summary = header.value.value;
  if (pointer !== undefined && pointer < length) {
    const target = pointerTarget(pointer);
    children.push(field('Pointed-to octet', offset + pointer, 1, target !== undefined ? `octet ${pointer}: ${target}` : `octet ${pointer}`, { ref: 'RFC 4443 §3.4' }));
  }
  return group('Invoking packet', offset, length, summary, children, { ref });
}
