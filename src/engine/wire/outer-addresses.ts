// The outermost header's source and destination of a datagram of either IP
// version, read straight from the fixed header (RFC 791 §3.1: octets 12 and
// 16; RFC 8200 §3: octets 8 and 24) — what a view needs to tell who a frame
// is addressed to on this link (the tunnel exit, the care-of address, a
// multicast group), not the final addresses the classifier reports.

import { readAddress, type Ipv4Address } from './address';
import { isIpv6Multicast, readIpv6, type Ipv6Address } from './ipv6/ipv6-address';

export interface OuterAddresses {
  readonly version: 4 | 6;
  readonly source: Ipv4Address | Ipv6Address;
  readonly destination: Ipv4Address | Ipv6Address;
}

/** The outer header's addresses; undefined when the bytes are too short for the header their version nibble names. */
export function outerAddresses(bytes: Uint8Array): OuterAddresses | undefined {
  if (bytes.length === 0) return undefined;
  const version = bytes[0]! >> 4;
  if (version === 6) return bytes.length < 40 ? undefined : { version: 6, source: readIpv6(bytes, 8), destination: readIpv6(bytes, 24) };
  return bytes.length < 20 ? undefined : { version: 4, source: readAddress(bytes, 12), destination: readAddress(bytes, 16) };
}

/** A broadcast or multicast destination of either version (RFC 1112 §4; RFC 4291 §2.7). */
export function isGroupDestination(a: Ipv4Address | Ipv6Address): boolean {
  if (a.includes(':')) return isIpv6Multicast(a);
  const first = Number(a.split('.')[0]);
  return a === '255.255.255.255' || (first >= 224 && first <= 239);
}
