// The ICMPv6 errors a router sends while forwarding (RFC 4443 §3.1, §3.3),
// and the rules that keep errors from multiplying (RFC 4443 §2.4 (e)). The
// message itself is built by the ICMPv6 codec (wire/ipv6/icmpv6.ts).

import { isIpv6Multicast, type Ipv6Address } from '../wire/ipv6/ipv6-address';
import { IPV6_FIXED_HEADER_LENGTH, type Ipv6FixedHeader } from './ipv6-fixed-header';

export interface Icmpv6ErrorKind {
  readonly type: number;
  readonly code: number;
  readonly name: string;
}

/** RFC 4443 §3.1 (type 1) and §3.3 (type 3). */
export const Icmpv6Errors = {
  noRoute: { type: 1, code: 0, name: 'Destination Unreachable (no route to destination)' },
  addressUnreachable: { type: 1, code: 3, name: 'Destination Unreachable (address unreachable)' },
  hopLimitExceeded: { type: 3, code: 0, name: 'Time Exceeded (hop limit exceeded in transit)' },
} as const satisfies Record<string, Icmpv6ErrorKind>;

/** Next Header values of extension headers a router may step over to find the upper layer (RFC 8200 §4). */
const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AH = 51;
const DESTINATION_OPTIONS = 60;
const ICMPV6 = 58;

/**
 * The Next Header and offset of the upper layer, stepping over Hop-by-Hop,
 * Routing and Destination Options headers ((Hdr Ext Len + 1) × 8 octets) and
 * AH ((Payload Len + 2) × 4 octets, RFC 4302 §2.2). Undefined when the chain
 * runs past the packet or reaches a Fragment header.
 */
function upperLayer(bytes: Uint8Array, first: number, end: number): { nextHeader: number; offset: number } | undefined {
  let next = first;
  let at = IPV6_FIXED_HEADER_LENGTH;
  for (let guard = 0; guard < 16; guard++) {
    if (next === FRAGMENT) return undefined;
    if (next !== HOP_BY_HOP && next !== ROUTING && next !== DESTINATION_OPTIONS && next !== AH) return { nextHeader: next, offset: at };
    if (at + 2 > end) return undefined;
    const length = next === AH ? (bytes[at + 1]! + 2) * 4 : (bytes[at + 1]! + 1) * 8;
    next = bytes[at]!;
    at += length;
  }
  return undefined;
}

/**
 * Why no ICMPv6 error may be sent about this packet, or undefined if one may
 * (RFC 4443 §2.4 (e)): not about an ICMPv6 error message (types 0–127), not
 * about a packet sent to a multicast group, nor one whose source does not
 * name a single node.
 */
export function icmpv6ErrorForbidden(h: Ipv6FixedHeader, bytes: Uint8Array, end: number): string | undefined {
  const upper = upperLayer(bytes, h.nextHeader, end);
  if (upper !== undefined && upper.nextHeader === ICMPV6 && upper.offset < end && bytes[upper.offset]! < 128) return 'it is itself an ICMPv6 error message';
  if (isIpv6Multicast(h.destination)) return 'it was sent to a multicast group';
  if (isUnspecifiedOrMulticast(h.source)) return `its source ${h.source} does not name a single node`;
  return undefined;
}

function isUnspecifiedOrMulticast(a: Ipv6Address): boolean {
  return a === '::' || isIpv6Multicast(a);
}

/** "As much of invoking packet as possible without the ICMPv6 packet exceeding the minimum IPv6 MTU" (RFC 4443 §3.1): 1280 − 40 − 8 octets. */
export const ICMPV6_MAX_QUOTE = 1280 - IPV6_FIXED_HEADER_LENGTH - 8;
