// Mobility options (RFC 6275 §6.2): TLVs after the message data of a
// Mobility Header. Type (1 octet), Length (1 octet, data octets only), data —
// except Pad1, a single zero octet.
//
//   Type  Option                        Length  Alignment  RFC 6275
//   0     Pad1                          —       —          §6.2.2
//   1     PadN                          N − 2   —          §6.2.3
//   2     Binding Refresh Advice        2       2n         §6.2.4
//   3     Alternate Care-of Address     16      8n+6       §6.2.5
//   4     Nonce Indices                 4       2n         §6.2.6
//   5     Binding Authorization Data    12      8n+2       §6.2.7
//
// Alignment is relative to the start of the Mobility Header, which itself
// starts on an 8-octet boundary of the packet. The repr holds only the
// options that mean something; the emitter inserts Pad1/PadN before an option
// that needs alignment and after the last one so the header ends on an
// 8-octet boundary (RFC 6275 §6.1.1). Padding that arrives is checked and
// shown, not kept. Unknown option types are kept (a receiver skips them,
// RFC 6275 §6.2.1).

import { getU16, putU16 } from '../cursor';
import { EncodeError, fail, ok, type WireResult } from '../result';
import { readIpv6, writeIpv6, type Ipv6Address } from './ipv6-address';

export const MOBILITY_OPTIONS_LAYER = 'Mobility options';

export const MobilityOptionType = {
  PAD1: 0,
  PADN: 1,
  BINDING_REFRESH_ADVICE: 2,
  ALTERNATE_CARE_OF_ADDRESS: 3,
  NONCE_INDICES: 4,
  BINDING_AUTHORIZATION_DATA: 5,
} as const;

/** Octets of the Binding Authorization Data authenticator: First(96, HMAC_SHA1(…)) (RFC 6275 §6.2.7). */
export const AUTHENTICATOR_LENGTH = 12;

export interface BindingRefreshAdvice {
  readonly kind: 'binding-refresh-advice';
  /** When the mobile node should refresh, in units of 4 seconds (RFC 6275 §6.2.4). */
  readonly refreshIntervalUnits: number;
}

export interface AlternateCareOfAddress {
  readonly kind: 'alternate-care-of-address';
  readonly address: Ipv6Address;
}

export interface NonceIndices {
  readonly kind: 'nonce-indices';
  readonly homeNonceIndex: number;
  readonly careOfNonceIndex: number;
}

export interface BindingAuthorizationData {
  readonly kind: 'binding-authorization-data';
  /** 12 octets (RFC 6275 §6.2.7). */
  readonly authenticator: Uint8Array;
}

export interface UnknownMobilityOption {
  readonly kind: 'unknown';
  /** 6–255: a type this lab does not know (0–5 always decode as the options above). */
  readonly type: number;
  readonly data: Uint8Array;
}

export type MobilityOption = BindingRefreshAdvice | AlternateCareOfAddress | NonceIndices | BindingAuthorizationData | UnknownMobilityOption;

const KNOWN: Readonly<Record<number, { readonly name: string; readonly length: number; readonly ref: string }>> = {
  2: { name: 'Binding Refresh Advice', length: 2, ref: 'RFC 6275 §6.2.4' },
  3: { name: 'Alternate Care-of Address', length: 16, ref: 'RFC 6275 §6.2.5' },
  4: { name: 'Nonce Indices', length: 4, ref: 'RFC 6275 §6.2.6' },
  5: { name: 'Binding Authorization Data', length: AUTHENTICATOR_LENGTH, ref: 'RFC 6275 §6.2.7' },
};

export function mobilityOptionName(type: number): string {
  if (type === MobilityOptionType.PAD1) return 'Pad1';
  if (type === MobilityOptionType.PADN) return 'PadN';
  return KNOWN[type]?.name ?? `Unknown option ${type}`;
}

export function mobilityOptionRef(type: number): string {
  if (type === MobilityOptionType.PAD1) return 'RFC 6275 §6.2.2';
  if (type === MobilityOptionType.PADN) return 'RFC 6275 §6.2.3';
  return KNOWN[type]?.ref ?? 'RFC 6275 §6.2.1';
}

export function mobilityOptionType(o: MobilityOption): number {
  switch (o.kind) {
    case 'binding-refresh-advice': return MobilityOptionType.BINDING_REFRESH_ADVICE;
    case 'alternate-care-of-address': return MobilityOptionType.ALTERNATE_CARE_OF_ADDRESS;
    case 'nonce-indices': return MobilityOptionType.NONCE_INDICES;
    case 'binding-authorization-data': return MobilityOptionType.BINDING_AUTHORIZATION_DATA;
    case 'unknown': return o.type;
  }
}

/** Alignment xn+y as [x, y] (RFC 6275 §6.2); unknown options have none. */
export function mobilityOptionAlignment(type: number): readonly [number, number] {
  switch (type) {
    case MobilityOptionType.BINDING_REFRESH_ADVICE:
    case MobilityOptionType.NONCE_INDICES: return [2, 0];
    case MobilityOptionType.ALTERNATE_CARE_OF_ADDRESS: return [8, 6];
    // "must be the last option, hence implicitly 8n+2" (RFC 6275 §6.2.7): its 14 octets then end the header on 8n.
    case MobilityOptionType.BINDING_AUTHORIZATION_DATA: return [8, 2];
    default: return [1, 0];
  }
}

function dataLength(o: MobilityOption): number {
  return o.kind === 'unknown' ? o.data.length : KNOWN[mobilityOptionType(o)]!.length;
}

/** One piece of the emitted option area: padding of some length, or an option. */
export type OptionPiece = { readonly pad: number } | { readonly option: MobilityOption };

function padTo(position: number, [x, y]: readonly [number, number]): number {
  return (((y - position) % x) + x) % x;
}

/**
 * Where the emitter puts each option and each padding run, for options that
 * start at `position` octets from the start of the Mobility Header; the last
 * piece pads the header to a multiple of 8 (RFC 6275 §6.1.1).
 */
export function layoutMobilityOptions(options: readonly MobilityOption[], position: number): OptionPiece[] {
  const pieces: OptionPiece[] = [];
  let at = position;
  options.forEach((o, i) => {
    const type = mobilityOptionType(o);
    if (o.kind === 'binding-authorization-data' && i !== options.length - 1) {
      throw new EncodeError(MOBILITY_OPTIONS_LAYER, 'Binding Authorization Data must be the last mobility option (RFC 6275 §6.2.7)');
    }
    if (o.kind === 'unknown' && (!Number.isInteger(o.type) || o.type <= MobilityOptionType.BINDING_AUTHORIZATION_DATA || o.type > 255)) {
      throw new EncodeError(MOBILITY_OPTIONS_LAYER, `an unknown option needs a type from 6 to 255, not ${o.type}`);
    }
    const pad = padTo(at, mobilityOptionAlignment(type));
    if (pad > 0) pieces.push({ pad });
    pieces.push({ option: o });
    at += pad + 2 + dataLength(o);
  });
  const tail = padTo(at, [8, 0]);
  if (tail > 0) pieces.push({ pad: tail });
  return pieces;
}

export function pieceLength(p: OptionPiece): number {
  return 'pad' in p ? p.pad : 2 + dataLength(p.option);
}

/** Octets the option area takes when it starts `position` octets into the header, padding included. */
export function mobilityOptionsLength(options: readonly MobilityOption[], position: number): number {
  return layoutMobilityOptions(options, position).reduce((n, p) => n + pieceLength(p), 0);
}

function checkRange(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new EncodeError(MOBILITY_OPTIONS_LAYER, `${what} ${value} is not an integer from 0 to ${max}`);
}

function emitOption(o: MobilityOption, buf: Uint8Array, at: number): number {
  const len = dataLength(o);
  if (len > 255) throw new EncodeError(MOBILITY_OPTIONS_LAYER, `option data of ${len} octets does not fit the 8-bit Length`);
  buf[at] = mobilityOptionType(o);
  buf[at + 1] = len;
  const d = at + 2;
  switch (o.kind) {
    case 'binding-refresh-advice':
      checkRange(o.refreshIntervalUnits, 0xffff, 'Refresh Interval');
      putU16(buf, d, o.refreshIntervalUnits);
      break;
    case 'alternate-care-of-address':
      writeIpv6(buf, d, o.address);
      break;
    case 'nonce-indices':
      checkRange(o.homeNonceIndex, 0xffff, 'Home Nonce Index');
      checkRange(o.careOfNonceIndex, 0xffff, 'Care-of Nonce Index');
      putU16(buf, d, o.homeNonceIndex);
      putU16(buf, d + 2, o.careOfNonceIndex);
      break;
    case 'binding-authorization-data':
      if (o.authenticator.length !== AUTHENTICATOR_LENGTH) {
        throw new EncodeError(MOBILITY_OPTIONS_LAYER, `the authenticator has ${o.authenticator.length} octets, not ${AUTHENTICATOR_LENGTH} (RFC 6275 §6.2.7)`);
      }
      buf.set(o.authenticator, d);
      break;
    case 'unknown':
      buf.set(o.data, d);
      break;
  }
  return 2 + len;
}

/** Pad1 for one octet, else PadN with zero data (RFC 6275 §6.2.2, §6.2.3). */
export function emitPadding(length: number, buf: Uint8Array, at: number): void {
  if (length === 1) {
    buf[at] = MobilityOptionType.PAD1;
    return;
  }
  buf[at] = MobilityOptionType.PADN;
  buf[at + 1] = length - 2;
  buf.fill(0, at + 2, at + length);
}

/** Writes the option area (options and padding) at `at`, where `position` is `at` relative to the header start. */
export function emitMobilityOptions(options: readonly MobilityOption[], buf: Uint8Array, at: number, position: number): number {
  let p = at;
  for (const piece of layoutMobilityOptions(options, position)) {
    if ('pad' in piece) {
      emitPadding(piece.pad, buf, p);
      p += piece.pad;
    } else {
      p += emitOption(piece.option, buf, p);
    }
  }
  return p - at;
}

/** One option or padding run as it lies in the buffer (offsets absolute). */
export interface WalkedOption {
  readonly type: number;
  readonly offset: number;
  /** Octets including Type and Length (1 for Pad1). */
  readonly length: number;
  /** Undefined for Pad1 and PadN. */
  readonly option?: MobilityOption;
}

function decode(bytes: Uint8Array, type: number, d: number, len: number): MobilityOption {
  switch (type) {
    case MobilityOptionType.BINDING_REFRESH_ADVICE: return { kind: 'binding-refresh-advice', refreshIntervalUnits: getU16(bytes, d) };
    case MobilityOptionType.ALTERNATE_CARE_OF_ADDRESS: return { kind: 'alternate-care-of-address', address: readIpv6(bytes, d) };
    case MobilityOptionType.NONCE_INDICES: return { kind: 'nonce-indices', homeNonceIndex: getU16(bytes, d), careOfNonceIndex: getU16(bytes, d + 2) };
    case MobilityOptionType.BINDING_AUTHORIZATION_DATA: return { kind: 'binding-authorization-data', authenticator: bytes.slice(d, d + len) };
    default: return { kind: 'unknown', type, data: bytes.slice(d, d + len) };
  }
}

/**
 * Every option and padding run in [offset, end). Lengths of the known options
 * are checked; Binding Authorization Data may be followed only by padding
 * (RFC 6275 §6.2.7). The region is bounded by the header's own Header Len, so
 * the walk is at most 2,040 steps.
 */
export function walkMobilityOptions(bytes: Uint8Array, offset: number, end: number): WireResult<readonly WalkedOption[]> {
  const out: WalkedOption[] = [];
  let authorizationAt = -1;
  for (let at = offset; at < end;) {
    const type = bytes[at]!;
    if (type === MobilityOptionType.PAD1) {
      out.push({ type, offset: at, length: 1 });
      at += 1;
      continue;
    }
    const name = mobilityOptionName(type);
    if (end - at < 2) return fail(name, 'Length', at + 1, 'needs 1 octet, only 0 remain');
    const len = bytes[at + 1]!;
    if (len > end - at - 2) return fail(name, 'Length', at + 1, `${len} octets of data, only ${end - at - 2} remain in the Mobility Header`);
    const known = KNOWN[type];
    if (known !== undefined && len !== known.length) return fail(name, 'Length', at + 1, `${len}, must be ${known.length} (${known.ref})`);
    if (type !== MobilityOptionType.PADN && authorizationAt >= 0) {
      return fail(name, 'Type', at, `follows the Binding Authorization Data option at offset ${authorizationAt}, which must be the last option (RFC 6275 §6.2.7)`);
    }
    if (type === MobilityOptionType.BINDING_AUTHORIZATION_DATA) authorizationAt = at;
    out.push(type === MobilityOptionType.PADN ? { type, offset: at, length: 2 + len } : { type, offset: at, length: 2 + len, option: decode(bytes, type, at + 2, len) });
    at += 2 + len;
  }
  return ok(out);
}

export function parseMobilityOptions(bytes: Uint8Array, offset: number, end: number): WireResult<readonly MobilityOption[]> {
  const walked = walkMobilityOptions(bytes, offset, end);
  if (!walked.ok) return walked;
  return ok(walked.value.flatMap((w) => (w.option === undefined ? [] : [w.option])));
}
