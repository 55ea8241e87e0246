// Destination Options and Hop-by-Hop Options headers (RFC 8200 §4.2, §4.3,
// §4.6) with the Home Address option (RFC 6275 §6.3).
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+-------------------------------+
// |  Next Header  |  Hdr Ext Len  |                               |
// +---------------+---------------+                               +
// |                Options (TLV; total a multiple of 8)           |
//
// An option: Option Type (8), Opt Data Len (8), Option Data — except Pad1,
// a single zero octet. The top two bits of the type say what a node that
// does not recognise it must do (RFC 8200 §4.2); the third says whether the
// data may change en route (and is zeroed for the AH ICV, RFC 4302 §3.3.3.1.2.1).
//
// Home Address option (RFC 6275 §6.3), alignment 8n+6:
// +---------------+---------------+
// |  Type = 201   |  Length = 16  |  + Home Address (16 octets)
// +---------------+---------------+
//
// Padding is part of the repr (Pad1 / PadN options), so any received header
// re-emits byte for byte; `withPadding` lays options out as a sender must.

import type { Codec } from '../codec';
import { Reader } from '../cursor';
import { field, group, hex, hexBytes, type FieldNode } from '../dissection';
import { EncodeError, fail, ok, type WireResult } from '../result';
import { readIpv6, writeIpv6, type Ipv6Address } from './ipv6-address';
import { nextHeaderName } from './ipv6-header';

export const DESTINATION_OPTIONS_LAYER = 'Destination Options';
export const HOP_BY_HOP_LAYER = 'Hop-by-Hop Options';

export const OptionType = {
  PAD1: 0,
  PADN: 1,
  /** RFC 6275 §6.3: 0xC9 — "discard and send Parameter Problem unless multicast" if not understood. */
  HOME_ADDRESS: 201,
} as const;

export const HOME_ADDRESS_OPTION_LENGTH = 16;
/** Octets an options header may hold: Hdr Ext Len is one octet of 8-octet units beyond the first 8 (RFC 8200 §4.3). */
export const MAX_OPTIONS_HEADER_LENGTH = (255 + 1) * 8;
/** The change bit: the option's data may change en route (RFC 8200 §4.2). */
export const OPTION_CHANGE_BIT = 0x20;

const OPTION_NAMES: Record<number, string> = {
  0: 'Pad1',
  1: 'PadN',
  4: 'Tunnel Encapsulation Limit (RFC 2473 §4.1.1)',
  5: 'Router Alert (RFC 2711)',
  194: 'Jumbo Payload (RFC 2675)',
  201: 'Home Address (RFC 6275 §6.3)',
};

export type Ipv6Option =
  | { readonly kind: 'pad1' }
  /** `length`: Option Data octets (all zero when sent). */
  | { readonly kind: 'padn'; readonly length: number }
  | { readonly kind: 'home-address'; readonly homeAddress: Ipv6Address }
  /** Any option the lab does not interpret, kept as bytes so it re-emits unchanged. */
  | { readonly kind: 'unknown'; readonly type: number; readonly data: Uint8Array };

/** What RFC 8200 §4.2 tells a node to do with an option type it does not recognise (the type's top two bits). */
export type OptionAction =
  /** 00: skip over it. */
  | 'skip'
  /** 01: discard the packet silently. */
  | 'discard'
  /** 10: discard and send ICMPv6 Parameter Problem code 2 pointing at the type, whatever the destination. */
  | 'discard-and-report'
  /** 11: as 10, but only when the destination is not multicast. */
  | 'discard-and-report-unless-multicast';

export function optionAction(type: number): OptionAction {
  return (['skip', 'discard', 'discard-and-report', 'discard-and-report-unless-multicast'] as const)[(type >>> 6) & 3]!;
}

const ACTION_TEXT: Record<OptionAction, string> = {
  skip: 'skip if unrecognised',
  discard: 'discard if unrecognised',
  'discard-and-report': 'discard and send Parameter Problem if unrecognised',
  'discard-and-report-unless-multicast': 'discard and send Parameter Problem (unless multicast) if unrecognised',
};

/** An option the parser did not interpret, located so a node can act on RFC 8200 §4.2 (and point ICMPv6 at it). */
export interface UnrecognizedOption {
  readonly type: number;
  readonly action: OptionAction;
  /** Absolute offset of its Option Type octet (the Parameter Problem pointer, RFC 4443 §3.4). */
  readonly offset: number;
}

export interface OptionsHeader {
  readonly nextHeader: number;
  /** Every option in order, padding included. */
  readonly options: readonly Ipv6Option[];
  /** Filled in by `parse`: the options left uninterpreted, with the action their type asks for. */
  readonly unrecognized?: readonly UnrecognizedOption[];
}

export function optionLength(o: Ipv6Option): number {
  switch (o.kind) {
    case 'pad1': return 1;
    case 'padn': return 2 + o.length;
    case 'home-address': return 2 + HOME_ADDRESS_OPTION_LENGTH;
    case 'unknown': return 2 + o.data.length;
  }
}

export function optionsHeaderLength(h: OptionsHeader): number {
  return h.options.reduce((n, o) => n + optionLength(o), 2);
}

/** Alignment requirement xn+y of an option (RFC 8200 §4.2), as [x, y]; the Home Address option needs 8n+6 (RFC 6275 §6.3). */
function alignmentOf(o: Ipv6Option): readonly [number, number] {
  return o.kind === 'home-address' ? [8, 6] : [1, 0];
}

function padding(n: number): Ipv6Option[] {
  if (n === 0) return [];
  return n === 1 ? [{ kind: 'pad1' }] : [{ kind: 'padn', length: n - 2 }];
}

/**
 * The header a sender emits for `options` (without padding of their own):
 * each option aligned as its type requires, the whole padded to a multiple
 * of 8 (RFC 8200 §4.2). A lone Home Address option gives PadN(2) + HAO: 24 octets.
 */
export function withPadding(nextHeader: number, options: readonly Ipv6Option[]): OptionsHeader {
  const out: Ipv6Option[] = [];
  let at = 2;
  for (const o of options) {
    const [x, y] = alignmentOf(o);
    const pad = (((y - at) % x) + x) % x;
    out.push(...padding(pad), o);
    at += pad + optionLength(o);
  }
  out.push(...padding((8 - (at % 8)) % 8));
  return { nextHeader, options: out };
}

function emitOptionsHeader(layer: string, h: OptionsHeader, buf: Uint8Array, offset: number): number {
  const total = optionsHeaderLength(h);
  if (total % 8 !== 0) throw new EncodeError(layer, `options make ${total} octets, not a multiple of 8: pad them (RFC 8200 §4.2)`);
  if (total > MAX_OPTIONS_HEADER_LENGTH) throw new EncodeError(layer, `${total} octets exceed the ${MAX_OPTIONS_HEADER_LENGTH} a Hdr Ext Len can say`);
  if (offset + total > buf.length) throw new EncodeError(layer, `buffer too small: need ${total} octets at offset ${offset}`);
  buf[offset] = h.nextHeader & 0xff;
  buf[offset + 1] = total / 8 - 1;
  let at = offset + 2;
  for (const o of h.options) {
    switch (o.kind) {
      case 'pad1':
        buf[at] = OptionType.PAD1;
        break;
      case 'padn':
        if (o.length > 255) throw new EncodeError(layer, `PadN of ${o.length} data octets does not fit the 8-bit length`);
        buf[at] = OptionType.PADN;
        buf[at + 1] = o.length;
        buf.fill(0, at + 2, at + 2 + o.length);
        break;
      case 'home-address':
        buf[at] = OptionType.HOME_ADDRESS;
        buf[at + 1] = HOME_ADDRESS_OPTION_LENGTH;
        writeIpv6(buf, at + 2, o.homeAddress);
        break;
      case 'unknown':
        if (o.type === OptionType.PAD1 || o.data.length > 255) throw new EncodeError(layer, `option type ${o.type} with ${o.data.length} data octets cannot be encoded`);
        buf[at] = o.type;
        buf[at + 1] = o.data.length;
        buf.set(o.data, at + 2);
        break;
    }
    at += optionLength(o);
  }
  return total;
}

function parseOptionsHeader(layer: string, homeAddressAllowed: boolean, bytes: Uint8Array, offset: number, end: number): WireResult<OptionsHeader> {
  const r = new Reader(bytes, layer, offset, end);
  if (!r.has(2)) return r.short('Next Header / Hdr Ext Len', 2);
  const nextHeader = r.u8();
  const total = (r.u8() + 1) * 8;
  if (total > end - offset) return fail(layer, 'Hdr Ext Len', offset + 1, `says ${total} octets, only ${end - offset} remain`);
  const stop = offset + total;
  const options: Ipv6Option[] = [];
  const unrecognized: UnrecognizedOption[] = [];
  while (r.offset < stop) {
    const at = r.offset;
    const type = r.u8();
    if (type === OptionType.PAD1) {
      options.push({ kind: 'pad1' });
      continue;
    }
    if (r.offset >= stop) return fail(layer, 'Opt Data Len', at + 1, `option type ${type} has no length octet before the header ends`);
    const length = r.u8();
    if (r.offset + length > stop) return fail(layer, 'Option Data', at + 2, `option type ${type} says ${length} octets, only ${stop - r.offset} remain in the header`);
    if (type === OptionType.PADN) {
      options.push({ kind: 'padn', length });
      r.skip(length);
    } else if (type === OptionType.HOME_ADDRESS && homeAddressAllowed) {
      if (length !== HOME_ADDRESS_OPTION_LENGTH) return fail(layer, 'Home Address option length', at + 1, `${length}, must be 16 (RFC 6275 §6.3)`);
      options.push({ kind: 'home-address', homeAddress: readIpv6(bytes, r.offset) });
      r.skip(length);
    } else {
      options.push({ kind: 'unknown', type, data: r.take(length) });
      unrecognized.push({ type, action: optionAction(type), offset: at });
    }
  }
  return ok({ nextHeader, options, unrecognized });
}

function typeText(type: number): string {
  const name = OPTION_NAMES[type] ?? 'unknown';
  return `${type} (${hex(type, 2)}: ${name}; ${ACTION_TEXT[optionAction(type)]}; data ${type & OPTION_CHANGE_BIT ? 'may change en route' : 'does not change en route'})`;
}

function dissectOption(bytes: Uint8Array, headerOffset: number, at: number, o: Ipv6Option): FieldNode {
  const length = optionLength(o);
  if (o.kind === 'pad1') return field('Pad1', at, 1, '1 octet of padding', { ref: 'RFC 8200 §4.2' });
  const type = bytes[at]!;
  const children: FieldNode[] = [
    field('Option Type', at, 1, typeText(type), { ref: 'RFC 8200 §4.2' }),
    field('Opt Data Len', at + 1, 1, `${length - 2} octets`),
  ];
  if (o.kind === 'padn') {
    const data = bytes.subarray(at + 2, at + length);
    if (o.length > 0) children.push(field('Padding', at + 2, o.length, hexBytes(data, 16), data.some((b) => b !== 0) ? { warning: 'PadN data should be zero (RFC 8200 §4.2)' } : {}));
    return group('PadN', at, length, `${length} octets of padding`, children, { ref: 'RFC 8200 §4.2' });
  }
  if (o.kind === 'home-address') {
    children.push(field('Home Address', at + 2, 16, o.homeAddress));
    const aligned = (at - headerOffset) % 8 === 6;
    return group('Home Address option', at, length, o.homeAddress, children, { ref: 'RFC 6275 §6.3', ...(aligned ? {} : { warning: 'not at the 8n+6 alignment the option requires (RFC 6275 §6.3)' }) });
  }
  if (o.data.length > 0) children.push(field('Option Data', at + 2, o.data.length, hexBytes(o.data, 32)));
  const name = OPTION_NAMES[o.type] ?? `Unknown option (type ${o.type})`;
  const action = optionAction(o.type);
  // A node that does not know the option must do what its type says (RFC 8200 §4.2): show it where it is not "skip".
  const warning = action === 'skip' ? {} : { warning: `not interpreted by the lab: a node that does not recognise it ${action === 'discard' ? 'discards the packet' : 'discards the packet and sends ICMPv6 Parameter Problem code 2'}` };
  return group(name, at, length, `${o.data.length} octet${o.data.length === 1 ? '' : 's'} of data; ${ACTION_TEXT[action]}`, children, { ref: 'RFC 8200 §4.2', ...warning });
}

function dissectOptionsHeader(layer: string, homeAddressAllowed: boolean, bytes: Uint8Array, offset: number, end: number): WireResult<FieldNode> {
  const parsed = parseOptionsHeader(layer, homeAddressAllowed, bytes, offset, end);
  if (!parsed.ok) return parsed;
  const h = parsed.value;
  const total = optionsHeaderLength(h);
  const children: FieldNode[] = [
    field('Next Header', offset, 1, `${h.nextHeader} (${nextHeaderName(h.nextHeader)})`),
    field('Hdr Ext Len', offset + 1, 1, `${total / 8 - 1} (${total} octets)`),
  ];
  let at = offset + 2;
  for (const o of h.options) {
    children.push(dissectOption(bytes, offset, at, o));
    at += optionLength(o);
  }
  const named = h.options.filter((o) => o.kind !== 'pad1' && o.kind !== 'padn').map((o) => (o.kind === 'home-address' ? `Home Address ${o.homeAddress}` : `option ${o.type}`));
  const ref = layer === HOP_BY_HOP_LAYER ? 'RFC 8200 §4.3' : 'RFC 8200 §4.6';
  return ok(group(layer, offset, total, named.length > 0 ? named.join(', ') : 'padding only', children, { ref }));
}

function optionsCodec(layer: string, homeAddressAllowed: boolean): Codec<OptionsHeader> {
  return {
    layer,
    parse: (bytes, offset = 0, end = bytes.length) => parseOptionsHeader(layer, homeAddressAllowed, bytes, offset, end),
    length: optionsHeaderLength,
    emit: (h, buf, offset = 0) => emitOptionsHeader(layer, h, buf, offset),
    dissect: (bytes, offset = 0, end = bytes.length) => dissectOptionsHeader(layer, homeAddressAllowed, bytes, offset, end),
  };
}

/** Destination Options (next header 60): the Home Address option is interpreted here. */
export const destinationOptionsCodec: Codec<OptionsHeader> = optionsCodec(DESTINATION_OPTIONS_LAYER, true);
/** Hop-by-Hop Options (next header 0): same TLV format; option 201 has no meaning here and is kept as unknown. */
export const hopByHopCodec: Codec<OptionsHeader> = optionsCodec(HOP_BY_HOP_LAYER, false);

/** The Home Address option of a parsed header, if any. */
export function homeAddressOf(h: OptionsHeader): Ipv6Address | undefined {
  for (const o of h.options) if (o.kind === 'home-address') return o.homeAddress;
  return undefined;
}
