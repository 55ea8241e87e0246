// What a router reads of an IPv6 packet before forwarding it: the fixed
// header (RFC 8200 §3, parsed by wire/ipv6/ipv6-header.ts) and whether the
// octets its Payload Length announces arrived. Forwarding looks no further
// than these 40 octets: extension headers are for the destination (RFC 8200 §4).

import { IPV6_HEADER_LENGTH, parseIpv6Header, type Ipv6Header } from '../wire/ipv6/ipv6-header';
import { describeWireError } from '../wire/result';

export const IPV6_FIXED_HEADER_LENGTH = IPV6_HEADER_LENGTH;

export type Ipv6FixedHeader = Ipv6Header;

export type FixedHeaderResult =
  | { readonly ok: true; readonly header: Ipv6FixedHeader; /** 40 + Payload Length: octets past it are link padding. */ readonly length: number }
  | { readonly ok: false; readonly reason: string };

export function readIpv6Header(bytes: Uint8Array): FixedHeaderResult {
  const parsed = parseIpv6Header(bytes);
  if (!parsed.ok) return { ok: false, reason: describeWireError(parsed.error) };
  const h = parsed.value;
  const length = IPV6_HEADER_LENGTH + h.payloadLength;
  if (length > bytes.length) return { ok: false, reason: `IPv6: Payload Length at offset 4: ${h.payloadLength} octets announced after the header, only ${bytes.length - IPV6_HEADER_LENGTH} arrived` };
  return { ok: true, header: h, length };
}
