// ICMPv6 (RFC 4443): the error messages a router or host sends (§3), Echo
// (§4), a catch-all for other types that round-trips unchanged, and the
// dispatcher over every ICMPv6 message the lab knows — Neighbor Discovery
// (neighbor-discovery.ts) included.
//
// Error message layout (types 1–4, RFC 4443 §3.1–§3.4):
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+-------------------------------+
// |     Type      |     Code      |           Checksum            |
// +---------------+---------------+-------------------------------+
// |   octets 4–7: unused (1, 3) / MTU (2) / Pointer (4)           |
// +---------------------------------------------------------------+
// |  as much of the invoking packet as fits without the error     |
// |  packet exceeding the minimum IPv6 MTU (RFC 4443 §2.4 (c))    |
//
// Echo Request / Reply (128, 129, RFC 4443 §4.1–§4.2):
// | Type | Code | Checksum | Identifier | Sequence Number | Data ...
//
// The checksum covers the IPv6 pseudo-header (icmpv6-header.ts), so every
// entry point takes the pseudo-header addresses; a bad checksum is a flag for
// the receiver to drop on (`checksumValid: false`), never a parse error.

import type { Codec } from '../codec';
import { Reader, putU16, putU32 } from '../cursor';
import { field, group, hex, hexBytes, type FieldNode } from '../dissection';
import { EncodeError, ok, type WireResult } from '../result';
import {
  ICMPV6_HEADER_LENGTH, ICMPV6_LAYER, ICMPV6_MAX_LENGTH, Icmpv6Type, dissectIcmpv6Header, icmpv6ChecksumValid, icmpv6CodeName, icmpv6TypeName,
  writeIcmpv6Checksum, type Ipv6PseudoAddresses,
} from './icmpv6-header';
import { dissectInvokingPacket } from './icmpv6-quote';
import { dissectNdMessage, ndMessageSummary } from './nd-dissection';
import { emitNdMessage, isNdType, ndMessageLength, ndTypeOf, parseNdMessage, type NdMessage } from './neighbor-discovery';

export { Icmpv6Type, icmpv6CodeName, icmpv6TypeName, type Ipv6PseudoAddresses } from './icmpv6-header';

export const ICMPV6_ERROR_HEADER_LENGTH = 8;
export const ICMPV6_ECHO_HEADER_LENGTH = 8;

interface Icmpv6ErrorCommon {
  readonly code: number;
  /** The start of the packet that caused the error: its IPv6 header first (RFC 4443 §2.4 (c)). */
  readonly invoking: Uint8Array;
  /** Filled in by `parse`. */
  readonly checksumValid?: boolean;
}

export interface Icmpv6DestinationUnreachable extends Icmpv6ErrorCommon {
  readonly kind: 'destination-unreachable';
  /** Octets 4–7: unused, sent as 0, kept for round trip. */
  readonly unused: number;
}

export interface Icmpv6PacketTooBig extends Icmpv6ErrorCommon {
  readonly kind: 'packet-too-big';
  /** The MTU of the next-hop link (RFC 4443 §3.2). */
  readonly mtu: number;
}

export interface Icmpv6TimeExceeded extends Icmpv6ErrorCommon {
  readonly kind: 'time-exceeded';
  readonly unused: number;
}

export interface Icmpv6ParameterProblem extends Icmpv6ErrorCommon {
  readonly kind: 'parameter-problem';
  /** Octet offset in the invoking packet where the error was found; may lie past the quote (RFC 4443 §3.4). */
  readonly pointer: number;
}

export type Icmpv6Error = Icmpv6DestinationUnreachable | Icmpv6PacketTooBig | Icmpv6TimeExceeded | Icmpv6ParameterProblem;

export interface Icmpv6Echo {
  readonly kind: 'echo-request' | 'echo-reply';
  readonly code: number;
  readonly identifier: number;
  readonly sequenceNumber: number;
  readonly data: Uint8Array;
  readonly checksumValid?: boolean;
}

/** Any type the lab gives no structure to (MLD, Redirect, …): kept whole so it round-trips. */
export interface Icmpv6Unknown {
  readonly kind: 'unknown';
  readonly type: number;
  readonly code: number;
  /** Octets 4 to the end of the message. */
  readonly body: Uint8Array;
  readonly checksumValid?: boolean;
}

export type Icmpv6Message = NdMessage | Icmpv6Error | Icmpv6Echo | Icmpv6Unknown;

const OTHER_TYPES: Record<Icmpv6Error['kind'] | Icmpv6Echo['kind'], number> = {
  'destination-unreachable': Icmpv6Type.DESTINATION_UNREACHABLE,
  'packet-too-big': Icmpv6Type.PACKET_TOO_BIG,
  'time-exceeded': Icmpv6Type.TIME_EXCEEDED,
  'parameter-problem': Icmpv6Type.PARAMETER_PROBLEM,
  'echo-request': Icmpv6Type.ECHO_REQUEST,
  'echo-reply': Icmpv6Type.ECHO_REPLY,
};
const STRUCTURED: ReadonlySet<number> = new Set([...Object.values(OTHER_TYPES), 133, 134, 135, 136]);

export function isIcmpv6Error(m: Icmpv6Message): m is Icmpv6Error {
  return m.kind === 'destination-unreachable' || m.kind === 'packet-too-big' || m.kind === 'time-exceeded' || m.kind === 'parameter-problem';
}

function isNd(m: Icmpv6Message): m is NdMessage {
  return m.kind === 'router-solicitation' || m.kind === 'router-advertisement' || m.kind === 'neighbor-solicitation' || m.kind === 'neighbor-advertisement';
}

/** The ICMPv6 Type value of a message. */
export function icmpv6TypeOf(m: Icmpv6Message): number {
  if (isNd(m)) return ndTypeOf(m);
  return m.kind === 'unknown' ? m.type : OTHER_TYPES[m.kind];
}

export function icmpv6Length(m: Icmpv6Message): number {
  if (isNd(m)) return ndMessageLength(m);
  switch (m.kind) {
    case 'unknown': return ICMPV6_HEADER_LENGTH + m.body.length;
    case 'echo-request':
    case 'echo-reply': return ICMPV6_ECHO_HEADER_LENGTH + m.data.length;
    default: return ICMPV6_ERROR_HEADER_LENGTH + m.invoking.length;
  }
}

/** Octets 4–7 of an error message as one 32-bit word. */
function errorWord(m: Icmpv6Error): number {
  switch (m.kind) {
    case 'packet-too-big': return m.mtu >>> 0;
    case 'parameter-problem': return m.pointer >>> 0;
    default: return m.unused >>> 0;
  }
}

/** Writes the message at `offset` with its checksum over the pseudo-header; returns octets written. */
export function emitIcmpv6(m: Icmpv6Message, buf: Uint8Array, offset: number, pseudo: Ipv6PseudoAddresses): number {
  if (isNd(m)) return emitNdMessage(m, buf, offset, pseudo);
  const total = icmpv6Length(m);
  if (total > ICMPV6_MAX_LENGTH) throw new EncodeError(ICMPV6_LAYER, `message of ${total} octets is too long`);
  if (offset + total > buf.length) throw new EncodeError(ICMPV6_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  buf[offset + 1] = m.code;
  switch (m.kind) {
    case 'unknown':
      if (STRUCTURED.has(m.type)) throw new EncodeError(ICMPV6_LAYER, `type ${m.type} has its own structure and cannot be sent as unknown`);
      buf[offset] = m.type;
      buf.set(m.body, offset + ICMPV6_HEADER_LENGTH);
      break;
    case 'echo-request':
    case 'echo-reply':
      buf[offset] = OTHER_TYPES[m.kind];
      putU16(buf, offset + 4, m.identifier);
      putU16(buf, offset + 6, m.sequenceNumber);
      buf.set(m.data, offset + ICMPV6_ECHO_HEADER_LENGTH);
      break;
    default:
      buf[offset] = OTHER_TYPES[m.kind];
      putU32(buf, offset + 4, errorWord(m));
      buf.set(m.invoking, offset + ICMPV6_ERROR_HEADER_LENGTH);
  }
  writeIcmpv6Checksum(buf, offset, offset + total, pseudo);
  return total;
}

/** A fresh buffer holding the message: what a node hands to the IPv6 layer as the upper-layer payload. */
export function encodeIcmpv6(m: Icmpv6Message, pseudo: Ipv6PseudoAddresses): Uint8Array {
  const buf = new Uint8Array(icmpv6Length(m));
  emitIcmpv6(m, buf, 0, pseudo);
  return buf;
}

/** Decodes any ICMPv6 message at [offset, end) (`end` = end of the upper-layer payload). Never throws on bad bytes. */
export function parseIcmpv6(bytes: Uint8Array, offset: number, end: number, pseudo: Ipv6PseudoAddresses): WireResult<Icmpv6Message> {
  const r = new Reader(bytes, ICMPV6_LAYER, offset, end);
  if (!r.has(ICMPV6_HEADER_LENGTH)) return r.short('header', ICMPV6_HEADER_LENGTH);
  const type = r.u8();
  const code = r.u8();
  r.skip(2);
  if (isNdType(type)) return parseNdMessage(bytes, offset, end, pseudo);
  if (type === Icmpv6Type.ECHO_REQUEST || type === Icmpv6Type.ECHO_REPLY || (type >= 1 && type <= 4)) {
    const whole = new Reader(bytes, ICMPV6_LAYER, offset, end);
    if (!whole.has(ICMPV6_ERROR_HEADER_LENGTH)) return whole.short(`${icmpv6TypeName(type)} header`, ICMPV6_ERROR_HEADER_LENGTH);
  }
  const checksumValid = icmpv6ChecksumValid(bytes, offset, end, pseudo);
  switch (type) {
    case Icmpv6Type.ECHO_REQUEST:
    case Icmpv6Type.ECHO_REPLY: {
      const identifier = r.u16();
      const sequenceNumber = r.u16();
      return ok({ kind: type === Icmpv6Type.ECHO_REQUEST ? 'echo-request' : 'echo-reply', code, identifier, sequenceNumber, data: r.take(r.remaining), checksumValid });
    }
    case Icmpv6Type.DESTINATION_UNREACHABLE:
    case Icmpv6Type.PACKET_TOO_BIG:
    case Icmpv6Type.TIME_EXCEEDED:
    case Icmpv6Type.PARAMETER_PROBLEM: {
      const word = r.u32();
      const common = { code, invoking: r.take(r.remaining), checksumValid };
      if (type === Icmpv6Type.PACKET_TOO_BIG) return ok({ kind: 'packet-too-big', mtu: word, ...common });
      if (type === Icmpv6Type.PARAMETER_PROBLEM) return ok({ kind: 'parameter-problem', pointer: word, ...common });
      return ok({ kind: type === Icmpv6Type.TIME_EXCEEDED ? 'time-exceeded' : 'destination-unreachable', unused: word, ...common });
    }
    default:
      return ok({ kind: 'unknown', type, code, body: r.take(r.remaining), checksumValid });
  }
}

function codeText(type: number, code: number): string {
  return icmpv6CodeName(type, code) ?? `code ${code}`;
}

function errorSummary(m: Icmpv6Error): string {
  const type = OTHER_TYPES[m.kind];
  switch (m.kind) {
    case 'packet-too-big': return `MTU ${m.mtu}`;
    case 'parameter-problem': return `${codeText(type, m.code)}, pointer ${m.pointer}`;
    default: return codeText(type, m.code);
  }
}

/** One line for a packet list ("Router Advertisement (H) 2001:db8:1::/64", "Time Exceeded (hop limit exceeded in transit)"); no checksum check. */
export function icmpv6MessageName(bytes: Uint8Array, offset = 0, end = bytes.length): string {
  const parsed = parseIcmpv6(bytes, offset, end, { source: '::', destination: '::' });
  if (!parsed.ok) return `ICMPv6 (malformed: ${parsed.error.reason})`;
  const m = parsed.value;
  if (isNd(m)) return ndMessageSummary(m);
  switch (m.kind) {
    case 'unknown': return `ICMPv6 ${icmpv6TypeName(m.type)}`;
    case 'echo-request':
    case 'echo-reply': return `${icmpv6TypeName(OTHER_TYPES[m.kind])} id ${hex(m.identifier, 4)} seq ${m.sequenceNumber}`;
    default: return `${icmpv6TypeName(OTHER_TYPES[m.kind])} (${errorSummary(m)})`;
  }
}

function unusedNode(offset: number, value: number, ref: string): FieldNode {
  return field('Unused', offset, 4, hex(value, 8), value !== 0 ? { warning: `unused: should be sent as 0 (${ref})` } : {});
}

function dissectError(m: Icmpv6Error, bytes: Uint8Array, o: number): FieldNode {
  const type = OTHER_TYPES[m.kind];
  const ref = `RFC 4443 §3.${type}`;
  const children = dissectIcmpv6Header(bytes, o, m.checksumValid === true, ref);
  const problems: string[] = [];
  switch (m.kind) {
    case 'packet-too-big':
      children.push(field('MTU', o + 4, 4, `${m.mtu} octets`, { ref, ...(m.mtu < 1280 ? { warning: 'below the IPv6 minimum link MTU of 1280 (RFC 8200 §5)' } : {}) }));
      break;
    case 'parameter-problem':
      children.push(field('Pointer', o + 4, 4, m.pointer < m.invoking.length ? `octet ${m.pointer} of the invoking packet` : `octet ${m.pointer} of the invoking packet (beyond the quoted part, RFC 4443 §3.4)`, { ref }));
      break;
    default:
      children.push(unusedNode(o + 4, m.unused, ref));
  }
  if (m.invoking.length > 0) children.push(dissectInvokingPacket(bytes, o + ICMPV6_ERROR_HEADER_LENGTH, m.invoking.length, m.kind === 'parameter-problem' ? m.pointer : undefined));
  else problems.push('no part of the invoking packet is quoted (RFC 4443 §2.4 (c))');
  return group(`ICMPv6 ${icmpv6TypeName(type)}`, o, icmpv6Length(m), errorSummary(m), children, { ref, ...(problems.length > 0 ? { warning: problems.join('; ') } : {}) });
}

/** The field tree of any ICMPv6 message at [offset, end), checksum checked against `pseudo`. */
export function dissectIcmpv6(bytes: Uint8Array, offset: number, end: number, pseudo: Ipv6PseudoAddresses): WireResult<FieldNode> {
  const parsed = parseIcmpv6(bytes, offset, end, pseudo);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  if (isNd(m)) return dissectNdMessage(bytes, offset, end, pseudo);
  const valid = m.checksumValid === true;
  switch (m.kind) {
    case 'unknown': {
      const children = dissectIcmpv6Header(bytes, offset, valid, 'RFC 4443 §2.1');
      if (m.body.length > 0) children.push(field('Message Body', offset + 4, m.body.length, hexBytes(m.body)));
      const kind = m.type < 128 ? 'an error type the lab does not know' : 'informational';
      return ok(group(`ICMPv6 ${icmpv6TypeName(m.type)}`, offset, icmpv6Length(m), `type ${m.type} (${kind}), code ${m.code}, ${m.body.length} octets after the header`, children, { ref: 'RFC 4443 §2.1' }));
    }
    case 'echo-request':
    case 'echo-reply': {
      const ref = m.kind === 'echo-request' ? 'RFC 4443 §4.1' : 'RFC 4443 §4.2';
      const children = [
        ...dissectIcmpv6Header(bytes, offset, valid, ref),
        field('Identifier', offset + 4, 2, hex(m.identifier, 4), { ref }),
        field('Sequence Number', offset + 6, 2, m.sequenceNumber, { ref }),
        ...(m.data.length > 0 ? [field('Data', offset + 8, m.data.length, hexBytes(m.data))] : []),
      ];
      return ok(group(`ICMPv6 ${icmpv6TypeName(OTHER_TYPES[m.kind])}`, offset, icmpv6Length(m), `id ${hex(m.identifier, 4)}, seq ${m.sequenceNumber}, ${m.data.length} octets of data`, children, { ref }));
    }
    default:
      return ok(dissectError(m, bytes, offset));
  }
}

/** An ICMPv6 codec bound to the enclosing IPv6 addresses (the checksum's pseudo-header), as `udpCodec` is for IPv4. */
export function icmpv6Codec(pseudo: Ipv6PseudoAddresses): Codec<Icmpv6Message> {
  return {
    layer: ICMPV6_LAYER,
    parse: (bytes, offset = 0, end = bytes.length) => parseIcmpv6(bytes, offset, end, pseudo),
    length: icmpv6Length,
    emit: (m, buf, offset = 0) => emitIcmpv6(m, buf, offset, pseudo),
    dissect: (bytes, offset = 0, end = bytes.length) => dissectIcmpv6(bytes, offset, end, pseudo),
  };
}
