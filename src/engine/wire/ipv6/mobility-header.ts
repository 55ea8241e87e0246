// The Mobility Header (RFC 6275 §6.1.1), IPv6 Next Header 135.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+---------------+---------------+
// | Payload Proto |  Header Len   |   MH Type     |   Reserved    |
// +---------------+---------------+---------------+---------------+
// |           Checksum            |                               |
// +-------------------------------+                               |
// .                         Message Data                          .
//
// Payload Proto is 59 (no next header). Header Len counts 8-octet units
// after the first 8, so the header is always a multiple of 8 octets. The
// Checksum is the Internet checksum over the IPv6 pseudo-header (RFC 8200
// §8.1, next header 135) with the *final* addresses — the home address as
// source when a Home Address option is present, as destination when a type 2
// Routing header is — and the whole Mobility Header (RFC 6275 §6.1.1).
// The message records and their data are in mobility-messages.ts, the options
// in mobility-options.ts, the field tree in mobility-header-dissect.ts.

import { checksumIsValid, internetChecksum } from '../checksum';
import type { Codec } from '../codec';
import { getU16, putU16 } from '../cursor';
import type { FieldNode } from '../dissection';
import { EncodeError, fail, ok, type WireResult } from '../result';
import { ipv6PseudoHeaderSum, type Ipv6Address } from './ipv6-address';
import {
  emitMessageData, mhTypeOf, minimumHeaderLen, mobilityMessageName, mobilityTypeInfo, readMessageData, MOBILITY_HEADER_LAYER,
  type KnownMobilityMessage, type MobilityMessage,
} from './mobility-messages';
import {
  AUTHENTICATOR_LENGTH, emitMobilityOptions, layoutMobilityOptions, mobilityOptionsLength, parseMobilityOptions, pieceLength,
  walkMobilityOptions, MobilityOptionType, type MobilityOption,
} from './mobility-options';
import { dissectMobilityHeaderFrame } from './mobility-header-dissect';

export { MOBILITY_HEADER_LAYER };

/** IPv6 Next Header value of the Mobility Header (RFC 6275 §6.1). */
export const MOBILITY_NEXT_HEADER = 135;
/** Payload Proto: IPPROTO_NONE (RFC 6275 §6.1.1). */
export const MH_PAYLOAD_PROTO_NONE = 59;
/** Header Len is 8 bits of 8-octet units beyond the first 8. */
export const MAX_MOBILITY_HEADER_LENGTH = 256 * 8;
export const MH_CHECKSUM_OFFSET = 4;

/** The final source and destination of the enclosing IPv6 packet (RFC 6275 §6.1.1), for the checksum. */
export interface MobilityPseudoHeader {
  readonly source: Ipv6Address;
  readonly destination: Ipv6Address;
}

export interface ParsedMobilityHeader {
  readonly message: MobilityMessage;
  /** Octets of the header, (Header Len + 1) × 8. */
  readonly length: number;
  /**
   * A bad checksum is not a parse error: the receiver discards the message
   * with this as the logged reason (RFC 6275 §9.2).
   */
  readonly checksumValid: boolean;
}

function pseudoSum(pseudo: MobilityPseudoHeader, length: number): number {
  return ipv6PseudoHeaderSum(pseudo.source, pseudo.destination, length, MOBILITY_NEXT_HEADER);
}

/** The checksum a sender stores for the header at [start, end) whose Checksum field is 0. */
export function mobilityHeaderChecksum(bytes: Uint8Array, start: number, end: number, pseudo: MobilityPseudoHeader): number {
  return internetChecksum(bytes, start, end, pseudoSum(pseudo, end - start));
}

export function mobilityHeaderLength(m: MobilityMessage): number {
  if (m.kind === 'unknown') return 6 + m.data.length;
  const at = mobilityTypeInfo(mhTypeOf(m))!.optionsAt;
  return at + mobilityOptionsLength(m.options, at);
}

/**
 * Writes the header at `offset` with the checksum computed; returns octets
 * written. Throws EncodeError for a message that cannot be encoded.
 */
export function emitMobilityHeaderInto(m: MobilityMessage, buf: Uint8Array, offset: number, pseudo: MobilityPseudoHeader): number {
  const total = writeWithoutChecksum(m, buf, offset);
  putU16(buf, offset + MH_CHECKSUM_OFFSET, mobilityHeaderChecksum(buf, offset, offset + total, pseudo));
  return total;
}

function writeWithoutChecksum(m: MobilityMessage, buf: Uint8Array, offset: number): number {
  const total = mobilityHeaderLength(m);
  if (total % 8 !== 0 || total < 8) throw new EncodeError(MOBILITY_HEADER_LAYER, `a header of ${total} octets is not a multiple of 8 of at least 8 (RFC 6275 §6.1.1)`);
  if (total > MAX_MOBILITY_HEADER_LENGTH) throw new EncodeError(MOBILITY_HEADER_LAYER, `${total} octets exceed the ${MAX_MOBILITY_HEADER_LENGTH} that Header Len can describe`);
  if (offset + total > buf.length) throw new EncodeError(MOBILITY_HEADER_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  const type = mhTypeOf(m);
  if (!Number.isInteger(type) || type < 0 || type > 255) throw new EncodeError(MOBILITY_HEADER_LAYER, `MH Type ${type} is not an octet`);
  if (m.kind === 'unknown' && mobilityTypeInfo(type) !== undefined) throw new EncodeError(MOBILITY_HEADER_LAYER, `MH Type ${type} is known; use its record`);
  buf[offset] = MH_PAYLOAD_PROTO_NONE;
  buf[offset + 1] = total / 8 - 1;
  buf[offset + 2] = type;
  buf[offset + 3] = 0;
  putU16(buf, offset + MH_CHECKSUM_OFFSET, 0);
  if (m.kind === 'unknown') {
    buf.set(m.data, offset + 6);
  } else {
    emitMessageData(m, buf, offset);
    const at = mobilityTypeInfo(type)!.optionsAt;
    emitMobilityOptions(m.options, buf, offset + at, at);
  }
  return total;
}

export interface EmitMobilityHeaderOptions {
  /**
   * Computes the 12-octet Binding Authorization Data authenticator from the
   * header as it will be sent, Checksum 0 and the authenticator left out
   * (RFC 6275 §6.2.7). The option is appended when the message has none.
   * Only a Binding Update or Acknowledgement carries it.
   */
  readonly authorize?: (bytesWithoutAuthenticator: Uint8Array) => Uint8Array;
}

/** The encoded Mobility Header, checksum (and authenticator, with `authorize`) filled in. */
export function emitMobilityHeader(m: MobilityMessage, pseudo: MobilityPseudoHeader, options: EmitMobilityHeaderOptions = {}): Uint8Array {
  if (options.authorize === undefined) {
    const out = new Uint8Array(mobilityHeaderLength(m));
    emitMobilityHeaderInto(m, out, 0, pseudo);
    return out;
  }
  if (m.kind !== 'binding-update' && m.kind !== 'binding-acknowledgement') {
    throw new EncodeError(MOBILITY_HEADER_LAYER, `a ${mobilityMessageName(mhTypeOf(m))} carries no Binding Authorization Data (RFC 6275 §6.2.7)`);
  }
  const placeholder: MobilityOption = { kind: 'binding-authorization-data', authenticator: new Uint8Array(AUTHENTICATOR_LENGTH) };
  const last = m.options[m.options.length - 1];
  const withAuth = { ...m, options: last?.kind === 'binding-authorization-data' ? [...m.options.slice(0, -1), placeholder] : [...m.options, placeholder] };
  const out = new Uint8Array(mobilityHeaderLength(withAuth));
  writeWithoutChecksum(withAuth, out, 0);
  const authAt = authenticatorOffset(withAuth);
  const input = new Uint8Array(out.length - AUTHENTICATOR_LENGTH);
  input.set(out.subarray(0, authAt), 0);
  input.set(out.subarray(authAt + AUTHENTICATOR_LENGTH), authAt);
  const authenticator = options.authorize(input);
  if (authenticator.length !== AUTHENTICATOR_LENGTH) {
    throw new EncodeError(MOBILITY_HEADER_LAYER, `authorize returned ${authenticator.length} octets, not ${AUTHENTICATOR_LENGTH} (RFC 6275 §6.2.7)`);
  }
  out.set(authenticator, authAt);
  putU16(out, MH_CHECKSUM_OFFSET, mobilityHeaderChecksum(out, 0, out.length, pseudo));
  return out;
}

/** Offset of the authenticator value of the last option (a Binding Authorization Data) as the emitter lays it out. */
function authenticatorOffset(m: KnownMobilityMessage): number {
  const at = mobilityTypeInfo(mhTypeOf(m))!.optionsAt;
  let p = at;
  for (const piece of layoutMobilityOptions(m.options, at)) {
    if ('option' in piece && piece.option.kind === 'binding-authorization-data') return p + 2;
    p += pieceLength(piece);
  }
  throw new EncodeError(MOBILITY_HEADER_LAYER, 'no Binding Authorization Data option');
}

interface Frame {
  readonly mhType: number;
  readonly length: number;
}

/**
 * Payload Proto, Header Len and MH Type, checked as RFC 6275 §9.2 says: a
 * Payload Proto other than 59 or a Header Len too small for the type is
 * discarded with an ICMPv6 Parameter Problem pointing at that field — the
 * error's offset. (A bad checksum is silently discarded instead, so it is a
 * flag on the result, not an error.)
 */
function readFrame(bytes: Uint8Array, offset: number, end: number): WireResult<Frame> {
  const available = Math.max(0, end - offset);
  if (available < 8) return fail(MOBILITY_HEADER_LAYER, 'header', offset, `needs 8 octets, only ${available} remain`);
  const payloadProto = bytes[offset]!;
  if (payloadProto !== MH_PAYLOAD_PROTO_NONE) return fail(MOBILITY_HEADER_LAYER, 'Payload Proto', offset, `${payloadProto}, must be 59 (no next header) (RFC 6275 §9.2)`);
  const headerLen = bytes[offset + 1]!;
  const length = (headerLen + 1) * 8;
  if (length > available) return fail(MOBILITY_HEADER_LAYER, 'Header Len', offset + 1, `${headerLen} announces ${length} octets, only ${available} remain`);
  const mhType = bytes[offset + 2]!;
  const min = minimumHeaderLen(mhType);
  if (headerLen < min) {
    return fail(MOBILITY_HEADER_LAYER, 'Header Len', offset + 1, `${headerLen} is too small for a ${mobilityMessageName(mhType)}, which needs at least ${min} (RFC 6275 §9.2)`);
  }
  return ok({ mhType, length });
}

/** Decodes the header at `offset`; octets after its Header Len (up to `end`) are not part of it. Never throws. */
export function parseMobilityHeader(bytes: Uint8Array, offset: number, end: number, pseudo: MobilityPseudoHeader): WireResult<ParsedMobilityHeader> {
  const frame = readFrame(bytes, offset, end);
  if (!frame.ok) return frame;
  const { mhType, length } = frame.value;
  const info = mobilityTypeInfo(mhType);
  let message: MobilityMessage;
  if (info === undefined) {
    message = { kind: 'unknown', mhType, data: bytes.slice(offset + 6, offset + length) };
  } else {
    const options = parseMobilityOptions(bytes, offset + info.optionsAt, offset + length);
    if (!options.ok) return options;
    // Re-emitting aligns every option (RFC 6275 §6.2); hostile input packed without padding could then outgrow
    // what Header Len can describe, so refuse it here rather than let an emitter throw on parsed input.
    if (info.optionsAt + mobilityOptionsLength(options.value, info.optionsAt) > MAX_MOBILITY_HEADER_LENGTH) {
      return fail(MOBILITY_HEADER_LAYER, 'Mobility Options', offset + info.optionsAt, `would exceed ${MAX_MOBILITY_HEADER_LENGTH} octets once aligned as RFC 6275 §6.2 requires`);
    }
    message = readMessageData(mhType, bytes, offset, options.value);
  }
  const checksumValid = checksumIsValid(bytes, offset, offset + length, pseudoSum(pseudo, length));
  return ok({ message, length, checksumValid });
}

/**
 * The "MH Data" a Binding Authorization Data authenticator covers (RFC 6275
 * §6.2.7): a copy of the received header with the Checksum taken as 0 and the
 * 12 authenticator octets left out. The correspondent prefixes the care-of
 * and its own address (return-routability.ts).
 */
export function bindingAuthorizationInput(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<Uint8Array> {
  const frame = readFrame(bytes, offset, end);
  if (!frame.ok) return frame;
  const { mhType, length } = frame.value;
  if (mhType !== 5 && mhType !== 6) {
    return fail(MOBILITY_HEADER_LAYER, 'MH Type', offset + 2, `a ${mobilityMessageName(mhType)} carries no Binding Authorization Data (RFC 6275 §6.2.7)`);
  }
  const walked = walkMobilityOptions(bytes, offset + mobilityTypeInfo(mhType)!.optionsAt, offset + length);
  if (!walked.ok) return walked;
  const bad = walked.value.find((w) => w.type === MobilityOptionType.BINDING_AUTHORIZATION_DATA);
  if (bad === undefined) return fail('Binding Authorization Data', 'Type', offset + length, 'the message has no Binding Authorization Data option (RFC 6275 §6.2.7)');
  const authAt = bad.offset + 2 - offset;
  const mh = bytes.slice(offset, offset + length);
  putU16(mh, MH_CHECKSUM_OFFSET, 0);
  const out = new Uint8Array(length - AUTHENTICATOR_LENGTH);
  out.set(mh.subarray(0, authAt), 0);
  out.set(mh.subarray(authAt + AUTHENTICATOR_LENGTH), authAt);
  return ok(out);
}

/** The field tree of the header at `offset` (checksum checked against `pseudo`). */
export function dissectMobilityHeader(bytes: Uint8Array, offset: number, end: number, pseudo: MobilityPseudoHeader): WireResult<FieldNode> {
  const parsed = parseMobilityHeader(bytes, offset, end, pseudo);
  if (!parsed.ok) return parsed;
  const expected = parsed.value.checksumValid ? undefined : expectedChecksum(bytes, offset, parsed.value.length, pseudo);
  return dissectMobilityHeaderFrame(bytes, offset, end, parsed.value, expected);
}

function expectedChecksum(bytes: Uint8Array, offset: number, length: number, pseudo: MobilityPseudoHeader): number {
  const copy = bytes.slice(offset, offset + length);
  putU16(copy, MH_CHECKSUM_OFFSET, 0);
  return mobilityHeaderChecksum(copy, 0, length, pseudo);
}

/** The stored checksum of a header (for tests and the inspector). */
export function storedMobilityChecksum(bytes: Uint8Array, offset = 0): number {
  return getU16(bytes, offset + MH_CHECKSUM_OFFSET);
}

/** A codec bound to the final addresses of the enclosing packet (the checksum's pseudo-header). */
export function mobilityHeaderCodec(source: Ipv6Address, destination: Ipv6Address): Codec<MobilityMessage> {
  const pseudo: MobilityPseudoHeader = { source, destination };
  return {
    layer: MOBILITY_HEADER_LAYER,
    parse: (bytes, offset = 0, end = bytes.length) => {
      const r = parseMobilityHeader(bytes, offset, end, pseudo);
      return r.ok ? ok(r.value.message) : r;
    },
    length: mobilityHeaderLength,
    emit: (m, buf, offset = 0) => emitMobilityHeaderInto(m, buf, offset, pseudo),
    dissect: (bytes, offset = 0, end = bytes.length) => dissectMobilityHeader(bytes, offset, end, pseudo),
  };
}
