// The 4 octets every ICMP message starts with, the type and code names, and the
// ICMP checksum (RFC 792): RFC 791 §3.1 over the *entire* ICMP message, no
// pseudo-header. Shared by icmp.ts (errors, unknown types, the dispatcher),
// agent-advertisement.ts and agent-solicitation.ts, so that none of those
// imports another.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+-------------------------------+
// |     Type      |     Code      |           Checksum            |
// +---------------+---------------+-------------------------------+
// |                   type-specific fields ...

import { checksumIsValid, internetChecksum } from './checksum';
import { getU16, putU16 } from './cursor';
import { field, hex, type FieldNode } from './dissection';

export const ICMP_LAYER = 'ICMP';
export const ICMP_HEADER_LENGTH = 4;
/** Hard limit against hostile lengths: an ICMP message never exceeds an IPv4 payload. */
export const ICMP_MAX_LENGTH = 65535 - 20;

/** ICMP types the lab gives a structure to (RFC 792; docs/protocol-notes.md §Numbers). */
export const IcmpType = {
  DESTINATION_UNREACHABLE: 3,
  SOURCE_QUENCH: 4,
  REDIRECT: 5,
  ROUTER_ADVERTISEMENT: 9,
  ROUTER_SOLICITATION: 10,
  TIME_EXCEEDED: 11,
  PARAMETER_PROBLEM: 12,
} as const;

// Names of the standard types (RFC 792/950/1256, from knowledge) so that even
// an `unknown` message shows something a student recognises.
const TYPE_NAMES: Record<number, string> = {
  0: 'Echo Reply',
  3: 'Destination Unreachable',
  4: 'Source Quench',
  5: 'Redirect',
  8: 'Echo Request',
  9: 'Router Advertisement',
  10: 'Router Solicitation',
  11: 'Time Exceeded',
  12: 'Parameter Problem',
  13: 'Timestamp Request',
  14: 'Timestamp Reply',
  17: 'Address Mask Request',
  18: 'Address Mask Reply',
};

export function icmpTypeName(type: number): string {
  return TYPE_NAMES[type] ?? `unknown(${type})`;
}

// Code names from the table in RFC 792 and, for types 9/10,
// RFC 1256 §3; RFC 2002 §2.1, §2.2, §2.4.
const CODE_NAMES: Record<number, Record<number, string>> = {
  3: {
    0: 'net unreachable',
    1: 'host unreachable',
    2: 'protocol unreachable',
    3: 'port unreachable',
    4: 'fragmentation needed and DF set',
    5: 'source route failed',
  },
  4: { 0: 'source quench' },
  5: { 0: 'redirect for the network', 1: 'redirect for the host', 2: 'redirect for TOS and network', 3: 'redirect for TOS and host' },
  9: { 0: 'also routes ordinary traffic', 16: 'does not route ordinary traffic' },
  10: { 0: 'solicitation' },
  11: { 0: 'TTL exceeded in transit', 1: 'fragment reassembly time exceeded' },
  12: { 0: 'pointer indicates the error' },
};

/** The code's name for this type, or undefined when the spec tables do not list it. */
export function icmpCodeName(type: number, code: number): string | undefined {
  return CODE_NAMES[type]?.[code];
}

/** "4 (fragmentation needed and DF set)", "7 (not listed for this type)", or just "0" for a type without a code table. */
export function icmpCodeText(type: number, code: number): string {
  if (CODE_NAMES[type] === undefined) return String(code);
  return `${code} (${icmpCodeName(type, code) ?? 'not listed for this type'})`;
}

/** Computes and stores the checksum of the ICMP message at [start, end) (RFC 792). */
export function writeIcmpChecksum(buf: Uint8Array, start: number, end: number): void {
  putU16(buf, start + 2, 0);
  putU16(buf, start + 2, internetChecksum(buf, start, end)); // RFC 791 §3.1: computed with the field at 0
}

/** Verification over the whole received message, checksum field included (RFC 791 §3.1). */
export function icmpChecksumValid(bytes: Uint8Array, start: number, end: number): boolean {
  return checksumIsValid(bytes, start, end);
}

/** Type, Code and Checksum nodes, shared by every ICMP dissector. */
export function dissectIcmpHeader(bytes: Uint8Array, offset: number, checksumValid: boolean, ref: string): FieldNode[] {
  const type = bytes[offset]!;
  const code = bytes[offset + 1]!;
  const stored = getU16(bytes, offset + 2);
  return [
    field('Type', offset, 1, `${type} (${icmpTypeName(type)})`, { ref }),
    field('Code', offset + 1, 1, icmpCodeText(type, code), CODE_NAMES[type] !== undefined && icmpCodeName(type, code) === undefined ? { warning: `code ${code} is not defined for type ${type}` } : {}),
    field('Checksum', offset + 2, 2, `${hex(stored, 4)} [${checksumValid ? 'correct' : 'incorrect'}]`, {
      ref: 'RFC 792',
      ...(checksumValid ? {} : { warning: 'bad ICMP checksum: the receiver discards this message (RFC 792)' }),
    }),
  ];
}
