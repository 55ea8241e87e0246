// The ICMP error messages a router generates while forwarding (RFC 791 §3.1: "discard + ICMP Time Exceeded when it reaches 0"; layout in RFC 792).
// Built here from raw bytes so forwarding does not wait for the full ICMP codec.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+-------------------------------+
// |     Type      |     Code      |           Checksum            |
// +---------------+---------------+-------------------------------+
// |                     unused (0) (octets 4–7)                   |
// +---------------------------------------------------------------+
// |      offending datagram's IP header + first 8 octets of data  |
//
// Checksum: RFC 791 §3.1 over the whole ICMP message.

import { getU16, putU16 } from '../wire/cursor';
import { internetChecksum } from '../wire/checksum';
import { IpProtocol, type Ipv4Datagram } from '../wire/ipv4';
import { addressToU32 } from '../wire/address';
import { isMulticastIpv4 } from '../node/link-address';

export interface IcmpErrorKind {
  readonly type: number;
  readonly code: number;
  readonly name: string;
}

/** The errors the forwarding path sends (RFC 792 table). */
export const IcmpErrors = {
  netUnreachable: { type: 3, code: 0, name: 'Destination Unreachable (net unreachable)' },
  hostUnreachable: { type: 3, code: 1, name: 'Destination Unreachable (host unreachable)' },
  ttlExceeded: { type: 11, code: 0, name: 'Time Exceeded (TTL exceeded in transit)' },
} as const satisfies Record<string, IcmpErrorKind>;

export const ICMP_ERROR_HEADER_LENGTH = 8;
/** "the offending datagram's IP header plus at least the first 8 octets of its data" (RFC 792). */
export const ICMP_QUOTED_DATA_OCTETS = 8;

/** ICMP types that are error messages (RFC 792 table). */
const ERROR_TYPES = new Set([3, 4, 5, 11, 12]);

/**
 * The ICMP message (no IP header) reporting `offending` — the datagram as
 * received, before the router changed anything. The quote is cut at the
 * datagram's Total Length, so trailing link padding is never quoted.
 */
export function icmpErrorMessage(kind: IcmpErrorKind, offending: Uint8Array): Uint8Array {
  const headerLength = (offending[0]! & 0x0f) * 4;
  const total = offending.length >= 4 ? Math.min(getU16(offending, 2), offending.length) : offending.length;
  const quoted = Math.min(headerLength + ICMP_QUOTED_DATA_OCTETS, total);
  const out = new Uint8Array(ICMP_ERROR_HEADER_LENGTH + quoted);
  out[0] = kind.type;
  out[1] = kind.code;
  // octets 2–3 (checksum) and 4–7 (unused) stay 0 while the checksum is computed
  out.set(offending.subarray(0, quoted), ICMP_ERROR_HEADER_LENGTH);
  putU16(out, 2, internetChecksum(out));
  return out;
}

function isGroupDestination(address: string): boolean {
  return address === '255.255.255.255' || isMulticastIpv4(address);
}

/**
 * Why no ICMP error may be sent about this datagram, or undefined if one may.
 * The rules keep errors from multiplying (from knowledge, not re-read:
 * RFC 1122 §3.2.2, RFC 1812 §4.3.2.7).
 */
export function icmpErrorForbidden(d: Ipv4Datagram): string | undefined {
  if (d.protocol === IpProtocol.ICMP && d.payload.length > 0 && ERROR_TYPES.has(d.payload[0]!)) return 'it is itself an ICMP error message';
  if (d.fragmentOffset !== 0) return 'it is not the first fragment';
  if (isGroupDestination(d.destination)) return 'it was sent to a broadcast or multicast address';
  const src = addressToU32(d.source);
  if (src === 0 || src >>> 24 === 127 || isGroupDestination(d.source)) return `its source ${d.source} does not name a single host`;
  return undefined;
}
