// The 4 octets every ICMPv6 message starts with (RFC 4443 §2.1), the type and
// code names, and the ICMPv6 checksum (RFC 4443 §2.3): the Internet checksum
// over the IPv6 pseudo-header (RFC 8200 §8.1, Next Header 58) followed by the
// whole message. Shared by icmpv6.ts, neighbor-discovery.ts and nd-dissection.ts
// so that none of them imports another the wrong way round.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+-------------------------------+
// |     Type      |     Code      |           Checksum            |
// +---------------+---------------+-------------------------------+
// |                         Message Body ...
//
// Unlike ICMP for IPv4 (RFC 792), the checksum covers the pseudo-header, so a
// message only verifies bound to the addresses it travelled between. Those are
// the *final* addresses (docs/ipv6.md §1; RFC 6275 §6.1.1): the caller passes them.

import { checksumIsValid, internetChecksum } from '../checksum';
import { getU16, putU16 } from '../cursor';
import { field, hex, type FieldNode } from '../dissection';
import { ipv6PseudoHeaderSum, type Ipv6Address } from './ipv6-address';

export const ICMPV6_LAYER = 'ICMPv6';
export const ICMPV6_HEADER_LENGTH = 4;
/** IPv6 Next Header value of ICMPv6 (RFC 4443 §1). */
export const ICMPV6_NEXT_HEADER = 58;
/** Hard limit against hostile lengths: an ICMPv6 message never exceeds a (non-jumbo) IPv6 payload (RFC 8200 §3). */
export const ICMPV6_MAX_LENGTH = 65535;
/** The IPv6 minimum link MTU (RFC 8200 §5): an error message never makes a packet exceed it (RFC 4443 §2.4 (c)). */
export const IPV6_MINIMUM_MTU = 1280;

/** The addresses of the enclosing IPv6 header that the pseudo-header needs (the final ones, RFC 6275 §6.1.1); trusted canonical text from a parsed header or the node itself. */
export interface Ipv6PseudoAddresses {
  readonly source: Ipv6Address;
  readonly destination: Ipv6Address;
}

/** ICMPv6 types the lab gives a structure to (RFC 4443 §3–§4; RFC 4861 §4). */
export const Icmpv6Type = {
  DESTINATION_UNREACHABLE: 1,
  PACKET_TOO_BIG: 2,
  TIME_EXCEEDED: 3,
  PARAMETER_PROBLEM: 4,
  ECHO_REQUEST: 128,
  ECHO_REPLY: 129,
  ROUTER_SOLICITATION: 133,
  ROUTER_ADVERTISEMENT: 134,
  NEIGHBOR_SOLICITATION: 135,
  NEIGHBOR_ADVERTISEMENT: 136,
} as const;

// Names of the types a student may meet on a link (RFC 4443, RFC 4861, RFC 2710,
// RFC 3810, RFC 6275 §6.5–§6.8), so even an `unknown` message shows something recognisable.
const TYPE_NAMES: Record<number, string> = {
  1: 'Destination Unreachable',
  2: 'Packet Too Big',
  3: 'Time Exceeded',
  4: 'Parameter Problem',
  128: 'Echo Request',
  129: 'Echo Reply',
  130: 'Multicast Listener Query',
  131: 'Multicast Listener Report',
  132: 'Multicast Listener Done',
  133: 'Router Solicitation',
  134: 'Router Advertisement',
  135: 'Neighbor Solicitation',
  136: 'Neighbor Advertisement',
  137: 'Redirect',
  143: 'Version 2 Multicast Listener Report',
  144: 'Home Agent Address Discovery Request',
  145: 'Home Agent Address Discovery Reply',
  146: 'Mobile Prefix Solicitation',
  147: 'Mobile Prefix Advertisement',
};

export function icmpv6TypeName(type: number): string {
  return TYPE_NAMES[type] ?? `unknown(${type})`;
}

/** RFC 4443 §2.1: types 0–127 are error messages, 128–255 informational. */
export function isIcmpv6ErrorType(type: number): boolean {
  return type < 128;
}

// Code tables of RFC 4443 §3.1–§3.4, §4.1–§4.2 and RFC 4861 §4.1–§4.4 (code 0 only).
const CODE_NAMES: Record<number, Record<number, string>> = {
  1: {
    0: 'no route to destination',
    1: 'communication with destination administratively prohibited',
    2: 'beyond scope of source address',
    3: 'address unreachable',
    4: 'port unreachable',
    5: 'source address failed ingress/egress policy',
    6: 'reject route to destination',
  },
  2: { 0: 'packet too big' },
  3: { 0: 'hop limit exceeded in transit', 1: 'fragment reassembly time exceeded' },
  4: { 0: 'erroneous header field encountered', 1: 'unrecognized Next Header type encountered', 2: 'unrecognized IPv6 option encountered' },
  128: { 0: 'echo request' },
  129: { 0: 'echo reply' },
  133: { 0: 'router solicitation' },
  134: { 0: 'router advertisement' },
  135: { 0: 'neighbor solicitation' },
  136: { 0: 'neighbor advertisement' },
};

/** The code's name for this type, or undefined when the spec tables do not list it. */
export function icmpv6CodeName(type: number, code: number): string | undefined {
  return CODE_NAMES[type]?.[code];
}

/** "3 (address unreachable)", "9 (not listed for this type)", or just "7" for a type without a code table. */
export function icmpv6CodeText(type: number, code: number): string {
  if (CODE_NAMES[type] === undefined) return String(code);
  return `${code} (${icmpv6CodeName(type, code) ?? 'not listed for this type'})`;
}

function pseudoSum(pseudo: Ipv6PseudoAddresses, length: number): number {
  return ipv6PseudoHeaderSum(pseudo.source, pseudo.destination, length, ICMPV6_NEXT_HEADER);
}

/** Computes and stores the checksum of the ICMPv6 message at [start, end) (RFC 4443 §2.3). */
export function writeIcmpv6Checksum(buf: Uint8Array, start: number, end: number, pseudo: Ipv6PseudoAddresses): void {
  putU16(buf, start + 2, 0); // RFC 4443 §2.3: computed with the checksum field set to zero
  putU16(buf, start + 2, internetChecksum(buf, start, end, pseudoSum(pseudo, end - start)));
}

/** Verification over pseudo-header + received message, checksum field included (RFC 4443 §2.3). */
export function icmpv6ChecksumValid(bytes: Uint8Array, start: number, end: number, pseudo: Ipv6PseudoAddresses): boolean {
  return checksumIsValid(bytes, start, end, pseudoSum(pseudo, end - start));
}

/** Type, Code and Checksum nodes, shared by every ICMPv6 dissector. */
export function dissectIcmpv6Header(bytes: Uint8Array, offset: number, checksumValid: boolean, ref: string): FieldNode[] {
  const type = bytes[offset]!;
  const code = bytes[offset + 1]!;
  const stored = getU16(bytes, offset + 2);
  return [
    field('Type', offset, 1, `${type} (${icmpv6TypeName(type)})`, { ref }),
    field('Code', offset + 1, 1, icmpv6CodeText(type, code), CODE_NAMES[type] !== undefined && icmpv6CodeName(type, code) === undefined ? { warning: `code ${code} is not defined for type ${type}` } : {}),
    field('Checksum', offset + 2, 2, `${hex(stored, 4)} [${checksumValid ? 'correct' : 'incorrect'}]`, {
      ref: 'RFC 4443 §2.3',
      ...(checksumValid ? {} : { warning: 'bad ICMPv6 checksum (pseudo-header + message): the receiver discards this message (RFC 4443 §2.4)' }),
    }),
  ];
}
