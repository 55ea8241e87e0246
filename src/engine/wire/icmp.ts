// ICMP (RFC 792): the error messages the tunnel rules use
// (RFC 2003 §4), a catch-all for other types that
// round-trips unchanged, and the dispatcher over every ICMP message the lab
// knows — router/agent advertisements and solicitations included.
//
// Error message layout (types 3, 4, 5, 11, 12):
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+-------------------------------+
// |     Type      |     Code      |           Checksum            |
// +---------------+---------------+-------------------------------+
// |   octets 4–7: unused / next-hop MTU / gateway / pointer       |
// +---------------------------------------------------------------+
// |   offending datagram: IP header + at least 8 octets of data   |
//
// Octets 4–7 per type (RFC 792): 3 → unused, but for code 4
// octets 6–7 = next-hop MTU; 4 and 11 → unused; 5 → gateway address;
// 12 → octet 4 = pointer. "Unused" bits are kept so any input round-trips.

import { addressToU32, readAddress, type Ipv4Address } from './address';
import { agentAdvertisementLength, dissectAgentAdvertisement, emitAgentAdvertisement, mobilityExtensionOf, parseAgentAdvertisement, type AgentAdvertisement } from './agent-advertisement';
import { agentSolicitationLength, dissectAgentSolicitation, emitAgentSolicitation, parseAgentSolicitation, type AgentSolicitation } from './agent-solicitation';
import type { Codec } from './codec';
import { Reader, putU32 } from './cursor';
import { field, group, hex, hexBytes, type FieldNode } from './dissection';
import { ICMP_HEADER_LENGTH, ICMP_LAYER, ICMP_MAX_LENGTH, IcmpType, dissectIcmpHeader, icmpChecksumValid, icmpCodeName, icmpTypeName, writeIcmpChecksum } from './icmp-header';
import { parseQuotedDatagram } from './icmp-quote';
import { IpProtocol, protocolName } from './ipv4';
import { EncodeError, ok, type WireResult } from './result';

// Re-exported so that users of the dispatcher need one import.
export { IcmpType, icmpCodeName, icmpTypeName } from './icmp-header';
export { parseQuotedDatagram, quoteDatagram, type QuotedDatagram } from './icmp-quote';

export const ICMP_ERROR_HEADER_LENGTH = 8;

interface IcmpErrorCommon {
  readonly code: number;
  /** The offending datagram as quoted: its IP header plus at least 8 octets of data (RFC 792). */
  readonly quoted: Uint8Array;
  /** Filled in by `parse`; a bad checksum is a flag for the receiver to drop on, not a parse error. */
  readonly checksumValid?: boolean;
}

export interface DestinationUnreachable extends IcmpErrorCommon {
  readonly kind: 'destination-unreachable';
  /** Octets 4–5: unused (0). */
  readonly unused: number;
  /** Octets 6–7: the next-hop MTU for code 4 (RFC 792); unused (0) for other codes. */
  readonly nextHopMtu: number;
}

export interface SourceQuench extends IcmpErrorCommon {
  readonly kind: 'source-quench';
  /** Octets 4–7: unused (0). */
  readonly unused: number;
}

export interface Redirect extends IcmpErrorCommon {
  readonly kind: 'redirect';
  readonly gateway: Ipv4Address;
}

export interface TimeExceeded extends IcmpErrorCommon {
  readonly kind: 'time-exceeded';
  /** Octets 4–7: unused (0). */
  readonly unused: number;
}

export interface ParameterProblem extends IcmpErrorCommon {
  readonly kind: 'parameter-problem';
  /** Octet 4: offset of the offending octet in the quoted datagram. */
  readonly pointer: number;
  /** Octets 5–7: unused (0). */
  readonly unused: number;
}

/** Any type the lab gives no structure to (echo, timestamp, …): kept whole so it round-trips. */
export interface UnknownIcmp {
  readonly kind: 'unknown';
  readonly type: number;
  readonly code: number;
  /** Octets 4 to the end of the message. */
  readonly body: Uint8Array;
  readonly checksumValid?: boolean;
}

export type IcmpError = DestinationUnreachable | SourceQuench | Redirect | TimeExceeded | ParameterProblem;

/** A Router Advertisement with a Mobility Agent Advertisement Extension is an Agent Advertisement (RFC 2002 §2.4). */
export type IcmpAdvertisement = AgentAdvertisement & { readonly kind: 'agent-advertisement' | 'router-advertisement' };
/** An Agent Solicitation is a Router Solicitation, unchanged (RFC 2002 §2.2). */
export type IcmpSolicitation = AgentSolicitation & { readonly kind: 'router-solicitation' };

export type IcmpMessage = IcmpAdvertisement | IcmpSolicitation | IcmpError | UnknownIcmp;

const ERROR_TYPES: Record<IcmpError['kind'], number> = {
  'destination-unreachable': IcmpType.DESTINATION_UNREACHABLE,
  'source-quench': IcmpType.SOURCE_QUENCH,
  redirect: IcmpType.REDIRECT,
  'time-exceeded': IcmpType.TIME_EXCEEDED,
  'parameter-problem': IcmpType.PARAMETER_PROBLEM,
};

export function isIcmpError(m: IcmpMessage): m is IcmpError {
  return m.kind in ERROR_TYPES;
}

/** The ICMP Type value of a message. */
export function icmpTypeOf(m: IcmpMessage): number {
  switch (m.kind) {
    case 'agent-advertisement':
    case 'router-advertisement': return IcmpType.ROUTER_ADVERTISEMENT;
    case 'router-solicitation': return IcmpType.ROUTER_SOLICITATION;
    case 'unknown': return m.type;
    default: return ERROR_TYPES[m.kind];
  }
}

export function icmpLength(m: IcmpMessage): number {
  switch (m.kind) {
    case 'agent-advertisement':
    case 'router-advertisement': return agentAdvertisementLength(m);
    case 'router-solicitation': return agentSolicitationLength(m);
    case 'unknown': return ICMP_HEADER_LENGTH + m.body.length;
    default: return ICMP_ERROR_HEADER_LENGTH + m.quoted.length;
  }
}

/** Octets 4–7 of an error message as one 32-bit word. */
function errorWord(m: IcmpError): number {
  switch (m.kind) {
    case 'destination-unreachable': return (((m.unused & 0xffff) << 16) | (m.nextHopMtu & 0xffff)) >>> 0;
    case 'redirect': return addressToU32(m.gateway);
    case 'parameter-problem': return (((m.pointer & 0xff) << 24) | (m.unused & 0xffffff)) >>> 0;
    default: return m.unused >>> 0;
  }
}

export function emitIcmp(m: IcmpMessage, buf: Uint8Array, offset = 0): number {
  switch (m.kind) {
    case 'agent-advertisement':
    case 'router-advertisement': return emitAgentAdvertisement(m, buf, offset);
    case 'router-solicitation': return emitAgentSolicitation(m, buf, offset);
  }
  const total = icmpLength(m);
  if (total > ICMP_MAX_LENGTH) throw new EncodeError(ICMP_LAYER, `message of ${total} octets is too long`);
  if (offset + total > buf.length) throw new EncodeError(ICMP_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  if (m.kind === 'unknown') {
    if (m.type === IcmpType.ROUTER_ADVERTISEMENT || m.type === IcmpType.ROUTER_SOLICITATION || Object.values(ERROR_TYPES).includes(m.type)) {
      throw new EncodeError(ICMP_LAYER, `type ${m.type} has its own structure and cannot be sent as unknown`);
    }
    buf[offset] = m.type;
    buf[offset + 1] = m.code;
    buf.set(m.body, offset + ICMP_HEADER_LENGTH);
  } else {
    buf[offset] = ERROR_TYPES[m.kind];
    buf[offset + 1] = m.code;
    putU32(buf, offset + 4, errorWord(m));
    buf.set(m.quoted, offset + ICMP_ERROR_HEADER_LENGTH);
  }
  writeIcmpChecksum(buf, offset, offset + total); // RFC 792: over the entire message
  return total;
}

function parseIcmpError(bytes: Uint8Array, offset: number, end: number, type: number): WireResult<IcmpError> {
  const r = new Reader(bytes, ICMP_LAYER, offset, end);
  if (!r.has(ICMP_ERROR_HEADER_LENGTH)) return r.short(`${icmpTypeName(type)} header`, ICMP_ERROR_HEADER_LENGTH);
  r.skip(1);
  const code = r.u8();
  r.skip(2);
  const word = r.u32();
  const quoted = r.take(r.remaining);
  const checksumValid = icmpChecksumValid(bytes, offset, end);
  const common = { code, quoted, checksumValid };
  switch (type) {
    case IcmpType.DESTINATION_UNREACHABLE: return ok({ kind: 'destination-unreachable', unused: word >>> 16, nextHopMtu: word & 0xffff, ...common });
    case IcmpType.REDIRECT: return ok({ kind: 'redirect', gateway: readAddress(bytes, offset + 4), ...common });
    case IcmpType.PARAMETER_PROBLEM: return ok({ kind: 'parameter-problem', pointer: word >>> 24, unused: word & 0xffffff, ...common });
    case IcmpType.SOURCE_QUENCH: return ok({ kind: 'source-quench', unused: word, ...common });
    default: return ok({ kind: 'time-exceeded', unused: word, ...common });
  }
}

/** Decodes any ICMP message at [offset, end) (`end` = end of the IP payload). Never throws on bad bytes. */
export function parseIcmp(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<IcmpMessage> {
  const r = new Reader(bytes, ICMP_LAYER, offset, end);
  if (!r.has(ICMP_HEADER_LENGTH)) return r.short('header', ICMP_HEADER_LENGTH);
  const type = r.u8();
  const code = r.u8();
  switch (type) {
    case IcmpType.ROUTER_ADVERTISEMENT: {
      const a = parseAgentAdvertisement(bytes, offset, end);
      if (!a.ok) return a;
      // RFC 2002 §2.4: the Mobility Agent Advertisement Extension is what makes it an agent advertisement.
      return ok({ kind: mobilityExtensionOf(a.value) !== undefined ? 'agent-advertisement' : 'router-advertisement', ...a.value });
    }
    case IcmpType.ROUTER_SOLICITATION: {
      const s = parseAgentSolicitation(bytes, offset, end);
      return s.ok ? ok({ kind: 'router-solicitation', ...s.value }) : s;
    }
    case IcmpType.DESTINATION_UNREACHABLE:
    case IcmpType.SOURCE_QUENCH:
    case IcmpType.REDIRECT:
    case IcmpType.TIME_EXCEEDED:
    case IcmpType.PARAMETER_PROBLEM:
      return parseIcmpError(bytes, offset, end, type);
    default:
      return ok({ kind: 'unknown', type, code, body: bytes.slice(offset + ICMP_HEADER_LENGTH, end), checksumValid: icmpChecksumValid(bytes, offset, end) });
  }
}

function unusedNode(name: string, offset: number, length: number, value: number): FieldNode {
  return field(name, offset, length, hex(value, length * 2), value !== 0 ? { warning: 'unused: should be sent as 0 (RFC 792)' } : {});
}

function dissectQuoted(quoted: Uint8Array, bytes: Uint8Array, offset: number, pointer?: number): FieldNode {
  const parsed = parseQuotedDatagram(bytes, offset, offset + quoted.length);
  if (!parsed.ok) {
    return field('Quoted datagram', offset, quoted.length, hexBytes(quoted), { warning: `not a readable IPv4 header: ${parsed.error.reason}` });
  }
  const q = parsed.value;
  const h = q.header;
  const headerLength = 20 + h.options.length;
  const children: FieldNode[] = [
    group('IPv4 header (quoted)', offset, headerLength, `${h.source} → ${h.destination}`, [
      field('Total Length (original)', offset + 2, 2, `${q.totalLength} octets`),
      field('Identification', offset + 4, 2, hex(h.identification, 4)),
      field('Time to Live', offset + 8, 1, h.ttl),
      field('Protocol', offset + 9, 1, `${h.protocol} (${protocolName(h.protocol)})`),
      field('Source Address', offset + 12, 4, h.source),
      field('Destination Address', offset + 16, 4, h.destination),
    ]),
  ];
  if (h.payload.length > 0) {
    const tunnelled = h.protocol === IpProtocol.IP_IN_IP || h.protocol === IpProtocol.GRE || h.protocol === IpProtocol.MINIMAL_ENCAPSULATION;
    children.push(field('Quoted data', offset + headerLength, h.payload.length, hexBytes(h.payload), tunnelled
      ? { ref: 'RFC 792; RFC 2003 §5', value: `${hexBytes(h.payload)} (only the start of the tunnel's payload: why the encapsulator keeps soft state)` }
      : {}));
  }
  const problems: string[] = [];
  if (h.payload.length < 8 && q.totalLength > headerLength) problems.push('fewer than the 8 data octets RFC 792 quotes');
  if (pointer !== undefined && pointer >= quoted.length) problems.push(`the pointer (${pointer}) lies outside the quoted datagram`);
  const extra = problems.length > 0 ? { warning: problems.join('; ') } : {};
  return group('Quoted datagram', offset, quoted.length, `${h.source} → ${h.destination}, protocol ${h.protocol}`, children, { ref: 'RFC 792', ...extra });
}

function errorSummary(m: IcmpError): string {
  const codeName = icmpCodeName(ERROR_TYPES[m.kind], m.code) ?? `code ${m.code}`;
  switch (m.kind) {
    case 'destination-unreachable': return m.code === 4 ? `${codeName}, next-hop MTU ${m.nextHopMtu}` : codeName;
    case 'redirect': return `${codeName} via ${m.gateway}`;
    case 'parameter-problem': return `pointer ${m.pointer}`;
    default: return codeName;
  }
}

export function dissectIcmp(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<FieldNode> {
  const parsed = parseIcmp(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  switch (m.kind) {
    case 'agent-advertisement':
    case 'router-advertisement': return dissectAgentAdvertisement(bytes, offset, end);
    case 'router-solicitation': return dissectAgentSolicitation(bytes, offset, end);
    case 'unknown': {
      const children = dissectIcmpHeader(bytes, offset, m.checksumValid === true, 'RFC 792');
      if (m.body.length > 0) children.push(field('Data', offset + 4, m.body.length, hexBytes(m.body)));
      return ok(group(`ICMP ${icmpTypeName(m.type)}`, offset, icmpLength(m), `type ${m.type}, code ${m.code}, ${m.body.length} octets after the header`, children, { ref: 'RFC 792' }));
    }
  }
  const type = ERROR_TYPES[m.kind];
  const o = offset;
  const children = dissectIcmpHeader(bytes, o, m.checksumValid === true, 'RFC 792');
  switch (m.kind) {
    case 'destination-unreachable':
      if (m.code === 4) {
        children.push(unusedNode('Unused', o + 4, 2, m.unused));
        children.push(field('Next-Hop MTU', o + 6, 2, `${m.nextHopMtu} octets`, { ref: 'RFC 792; RFC 2003 §5' }));
      } else {
        children.push(unusedNode('Unused', o + 4, 4, errorWord(m)));
      }
      break;
    case 'redirect':
      children.push(field('Gateway Address', o + 4, 4, m.gateway));
      break;
    case 'parameter-problem':
      children.push(field('Pointer', o + 4, 1, `octet ${m.pointer} of the quoted datagram`, { ref: 'RFC 792' }));
      children.push(unusedNode('Unused', o + 5, 3, m.unused));
      break;
    default:
      children.push(unusedNode('Unused', o + 4, 4, m.unused));
  }
  if (m.quoted.length > 0) children.push(dissectQuoted(m.quoted, bytes, o + ICMP_ERROR_HEADER_LENGTH, m.kind === 'parameter-problem' ? m.pointer : undefined));
  return ok(group(`ICMP ${icmpTypeName(type)}`, o, icmpLength(m), errorSummary(m), children, { ref: 'RFC 792; RFC 2003 §4' }));
}

/** The codec over every ICMP message (the packet walker calls this for IP protocol 1). */
export const icmpCodec: Codec<IcmpMessage> = {
  layer: ICMP_LAYER,
  parse: parseIcmp,
  length: icmpLength,
  emit: emitIcmp,
  dissect: dissectIcmp,
};

// Builders for the error messages a node sends (RFC 2003 §3.1, §4, §5).

export function destinationUnreachable(code: number, quoted: Uint8Array, nextHopMtu = 0): DestinationUnreachable {
  return { kind: 'destination-unreachable', code, unused: 0, nextHopMtu: code === 4 ? nextHopMtu : 0, quoted };
}

export function timeExceeded(code: number, quoted: Uint8Array): TimeExceeded {
  return { kind: 'time-exceeded', code, unused: 0, quoted };
}

export function parameterProblem(pointer: number, quoted: Uint8Array): ParameterProblem {
  return { kind: 'parameter-problem', code: 0, pointer, unused: 0, quoted };
}

export function redirect(code: number, gateway: Ipv4Address, quoted: Uint8Array): Redirect {
  return { kind: 'redirect', code, gateway, quoted };
}

export function sourceQuench(quoted: Uint8Array): SourceQuench {
  return { kind: 'source-quench', code: 0, unused: 0, quoted };
}
