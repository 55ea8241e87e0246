// Neighbor Discovery options (RFC 4861 §4.6) and the two Mobile IPv6 adds
// (RFC 6275 §7.3, §7.4). Every option is a TLV whose Length counts 8-octet
// units *including* Type and Length; a Length of 0 is an error (a receiver
// discards the whole message, RFC 4861 §4.6).
//
//  Source / Target Link-layer Address (1, 2; RFC 4861 §4.6.1; Ethernet: Length 1, RFC 2464 §6):
//  |  Type = 1/2   |  Length = 1   |    Link-Layer Address (6 octets) ...
//
//  Prefix Information (3, Length 4; RFC 4861 §4.6.2, R flag RFC 6275 §7.2):
//  |   Type = 3    |  Length = 4   | Prefix Length |L|A|R|Reserved1|
//  |                         Valid Lifetime                        |
//  |                       Preferred Lifetime                      |
//  |                           Reserved2                           |
//  |                     Prefix (16 octets) ...                    |
//
//  MTU (5, Length 1; RFC 4861 §4.6.4):
//  |   Type = 5    |  Length = 1   |           Reserved            |
//  |                              MTU                              |
//
//  Advertisement Interval (7, Length 1; RFC 6275 §7.3):
//  |   Type = 7    |  Length = 1   |           Reserved            |
//  |                 Advertisement Interval (milliseconds)         |
//
//  Home Agent Information (8, Length 1; RFC 6275 §7.4):
//  |   Type = 8    |  Length = 1   |           Reserved            |
//  |  Home Agent Preference (signed) |     Home Agent Lifetime (s)   |
//
// Any other type is kept as raw data so the message round-trips; receivers
// ignore options they do not recognise (RFC 4861 §4.6). A known type with the
// wrong Length cannot be read as that option, and is refused with its offset.

import type { Codec } from '../codec';
import { Reader, putU16, putU32 } from '../cursor';
import { field, group, hex, hexBytes, type FieldNode } from '../dissection';
import { EncodeError, fail, ok, type WireResult } from '../result';
import { ipv6NetworkOf, readIpv6, writeIpv6, type Ipv6Address } from './ipv6-address';

export const ND_OPTIONS_LAYER = 'Neighbor Discovery options';
/** Options are sized in units of 8 octets (RFC 4861 §4.6). */
export const ND_OPTION_UNIT = 8;

export const NdOptionType = {
  SOURCE_LINK_LAYER_ADDRESS: 1,
  TARGET_LINK_LAYER_ADDRESS: 2,
  PREFIX_INFORMATION: 3,
  MTU: 5,
  ADVERTISEMENT_INTERVAL: 7,
  HOME_AGENT_INFORMATION: 8,
} as const;

/** Source Link-layer Address; `linkAddress` is colon-separated hex ("02:00:00:00:01:02" on Ethernet). */
export interface SourceLinkLayerAddressOption {
  readonly kind: 'source-link-layer-address';
  /** Every octet after Type and Length (6 on Ethernet, RFC 2464 §6); padding octets of other links included. */
  readonly linkAddress: string;
}

export interface TargetLinkLayerAddressOption {
  readonly kind: 'target-link-layer-address';
  readonly linkAddress: string;
}

export type LinkLayerAddressOption = SourceLinkLayerAddressOption | TargetLinkLayerAddressOption;

export interface PrefixInformationOption {
  readonly kind: 'prefix-information';
  readonly prefixLength: number;
  /** L: the prefix is on-link (RFC 4861 §4.6.2). */
  readonly onLink: boolean;
  /** A: usable for stateless address autoconfiguration (RFC 4862 §5.5.3). */
  readonly autonomous: boolean;
  /** R: the Prefix field holds the router's complete global address (RFC 6275 §7.2). */
  readonly routerAddress: boolean;
  /** The 5 low bits of the flag octet: reserved, kept so odd input round-trips. */
  readonly reserved1: number;
  /** Seconds; 0xFFFFFFFF = infinity (RFC 4861 §4.6.2). */
  readonly validLifetime: number;
  readonly preferredLifetime: number;
  readonly reserved2: number;
  /** The prefix or, with R, the router's address (its leading `prefixLength` bits are the prefix). */
  readonly prefix: Ipv6Address;
}

export interface MtuOption {
  readonly kind: 'mtu';
  readonly reserved: number;
  readonly mtu: number;
}

export interface AdvertisementIntervalOption {
  readonly kind: 'advertisement-interval';
  readonly reserved: number;
  /** The longest time between this router's unsolicited advertisements, in milliseconds (RFC 6275 §7.3). */
  readonly intervalMs: number;
}

export interface HomeAgentInformationOption {
  readonly kind: 'home-agent-information';
  readonly reserved: number;
  /** Signed 16-bit; higher is preferred (RFC 6275 §7.4). */
  readonly preference: number;
  /** Seconds; 0 must not be sent (RFC 6275 §7.4). */
  readonly lifetimeS: number;
}

export interface UnknownNdOption {
  readonly kind: 'unknown';
  readonly type: number;
  /** The 8 × Length − 2 octets after Type and Length. */
  readonly data: Uint8Array;
}

export type NdOption = LinkLayerAddressOption | PrefixInformationOption | MtuOption | AdvertisementIntervalOption | HomeAgentInformationOption | UnknownNdOption;

const KIND_TYPES: Record<Exclude<NdOption['kind'], 'unknown'>, number> = {
  'source-link-layer-address': NdOptionType.SOURCE_LINK_LAYER_ADDRESS,
  'target-link-layer-address': NdOptionType.TARGET_LINK_LAYER_ADDRESS,
  'prefix-information': NdOptionType.PREFIX_INFORMATION,
  mtu: NdOptionType.MTU,
  'advertisement-interval': NdOptionType.ADVERTISEMENT_INTERVAL,
  'home-agent-information': NdOptionType.HOME_AGENT_INFORMATION,
};
const KNOWN_TYPES: ReadonlySet<number> = new Set(Object.values(KIND_TYPES));
/** The fixed Length (in 8-octet units) of each known fixed-size option. */
const FIXED_UNITS: Record<number, number> = { 3: 4, 5: 1, 7: 1, 8: 1 };

export function ndOptionTypeOf(o: NdOption): number {
  return o.kind === 'unknown' ? o.type : KIND_TYPES[o.kind];
}

/** The octets of "02:00:00:00:01:02"; undefined unless it is colon-separated two-digit hex. */
export function linkAddressOctets(text: string): Uint8Array | undefined {
  if (!/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2})*$/.test(text)) return undefined;
  return Uint8Array.from(text.split(':'), (h) => parseInt(h, 16));
}

export function formatLinkAddress(octets: Uint8Array): string {
  return Array.from(octets, (b) => b.toString(16).padStart(2, '0')).join(':');
}

function linkOctetsOrThrow(text: string): Uint8Array {
  const o = linkAddressOctets(text);
  if (o === undefined) throw new EncodeError(ND_OPTIONS_LAYER, `not a link-layer address: ${JSON.stringify(text)}`);
  return o;
}

/** Octets the option occupies on the wire (a multiple of 8). */
export function ndOptionLength(o: NdOption): number {
  switch (o.kind) {
    case 'source-link-layer-address':
    case 'target-link-layer-address': return Math.ceil((2 + linkOctetsOrThrow(o.linkAddress).length) / ND_OPTION_UNIT) * ND_OPTION_UNIT;
    case 'prefix-information': return 32;
    case 'mtu':
    case 'advertisement-interval':
    case 'home-agent-information': return 8;
    case 'unknown': return Math.ceil((2 + o.data.length) / ND_OPTION_UNIT) * ND_OPTION_UNIT;
  }
}

export function ndOptionsLength(list: readonly NdOption[]): number {
  return list.reduce((n, o) => n + ndOptionLength(o), 0);
}

/** Writes the options at `offset` (unwritten padding zeroed); returns octets written. The caller checked the buffer size. */
export function emitNdOptions(list: readonly NdOption[], buf: Uint8Array, offset: number): number {
  let at = offset;
  for (const o of list) {
    const length = ndOptionLength(o);
    if (length / ND_OPTION_UNIT > 255) throw new EncodeError(ND_OPTIONS_LAYER, `an option of ${length} octets does not fit the 8-bit Length`);
    if (o.kind === 'unknown' && KNOWN_TYPES.has(o.type)) throw new EncodeError(ND_OPTIONS_LAYER, `type ${o.type} is a known option and cannot be sent as unknown data`);
    buf.fill(0, at, at + length);
    buf[at] = ndOptionTypeOf(o);
    buf[at + 1] = length / ND_OPTION_UNIT; // RFC 4861 §4.6: units of 8 octets, Type and Length included
    switch (o.kind) {
      case 'source-link-layer-address':
      case 'target-link-layer-address':
        buf.set(linkOctetsOrThrow(o.linkAddress), at + 2);
        break;
      case 'prefix-information':
        buf[at + 2] = o.prefixLength;
        buf[at + 3] = (o.onLink ? 0x80 : 0) | (o.autonomous ? 0x40 : 0) | (o.routerAddress ? 0x20 : 0) | (o.reserved1 & 0x1f);
        putU32(buf, at + 4, o.validLifetime);
        putU32(buf, at + 8, o.preferredLifetime);
        putU32(buf, at + 12, o.reserved2);
        writeIpv6(buf, at + 16, o.prefix);
        break;
      case 'mtu':
        putU16(buf, at + 2, o.reserved);
        putU32(buf, at + 4, o.mtu);
        break;
      case 'advertisement-interval':
        putU16(buf, at + 2, o.reserved);
        putU32(buf, at + 4, o.intervalMs);
        break;
      case 'home-agent-information':
        putU16(buf, at + 2, o.reserved);
        putU16(buf, at + 4, o.preference & 0xffff);
        putU16(buf, at + 6, o.lifetimeS);
        break;
      case 'unknown':
        buf.set(o.data, at + 2);
        break;
    }
    at += length;
  }
  return at - offset;
}

const OPTION_NAMES: Record<number, string> = {
  1: 'Source Link-layer Address', 2: 'Target Link-layer Address', 3: 'Prefix Information', 5: 'MTU', 7: 'Advertisement Interval', 8: 'Home Agent Information',
};
const OPTION_REFS: Record<number, string> = {
  1: 'RFC 4861 §4.6.1', 2: 'RFC 4861 §4.6.1', 3: 'RFC 4861 §4.6.2; RFC 6275 §7.2', 5: 'RFC 4861 §4.6.4', 7: 'RFC 6275 §7.3', 8: 'RFC 6275 §7.4',
};

export function ndOptionName(type: number): string {
  return OPTION_NAMES[type] ?? `Unknown option (type ${type})`;
}

/** Parses options from `offset` to `end` (the end of the ICMPv6 message, RFC 4861 §4.6). */
export function parseNdOptions(bytes: Uint8Array, offset: number, end: number): WireResult<NdOption[]> {
  const L = ND_OPTIONS_LAYER;
  const r = new Reader(bytes, L, offset, end);
  const list: NdOption[] = [];
  // Each option advances by at least 8 octets, so hostile input cannot make this loop long.
  while (r.remaining > 0) {
    const start = r.offset;
    if (!r.has(2)) return r.short('option Type and Length', 2);
    const type = r.u8();
    const units = r.u8();
    if (units === 0) return fail(L, 'Length', start + 1, `option type ${type} has Length 0: a receiver discards the whole message (RFC 4861 §4.6)`);
    const length = units * ND_OPTION_UNIT;
    if (length > end - start) return fail(L, 'Length', start + 1, `option type ${type} says ${units} × 8 = ${length} octets, only ${end - start} remain`);
    const expected = FIXED_UNITS[type];
    if (expected !== undefined && units !== expected) {
      return fail(L, 'Length', start + 1, `${ndOptionName(type)} Length ${units}, expected ${expected} (${OPTION_REFS[type]})`);
    }
    switch (type) {
      case NdOptionType.SOURCE_LINK_LAYER_ADDRESS:
      case NdOptionType.TARGET_LINK_LAYER_ADDRESS:
        list.push({ kind: type === 1 ? 'source-link-layer-address' : 'target-link-layer-address', linkAddress: formatLinkAddress(r.take(length - 2)) });
        break;
      case NdOptionType.PREFIX_INFORMATION: {
        const prefixLength = r.u8();
        const flags = r.u8();
        const validLifetime = r.u32();
        const preferredLifetime = r.u32();
        const reserved2 = r.u32();
        const prefix = readIpv6(bytes, r.offset);
        r.skip(16);
        list.push({
          kind: 'prefix-information', prefixLength, onLink: (flags & 0x80) !== 0, autonomous: (flags & 0x40) !== 0, routerAddress: (flags & 0x20) !== 0,
          reserved1: flags & 0x1f, validLifetime, preferredLifetime, reserved2, prefix,
        });
        break;
      }
      case NdOptionType.MTU:
        list.push({ kind: 'mtu', reserved: r.u16(), mtu: r.u32() });
        break;
      case NdOptionType.ADVERTISEMENT_INTERVAL:
        list.push({ kind: 'advertisement-interval', reserved: r.u16(), intervalMs: r.u32() });
        break;
      case NdOptionType.HOME_AGENT_INFORMATION: {
        const reserved = r.u16();
        const preference = (r.u16() << 16) >> 16; // signed, two's complement (RFC 6275 §7.4)
        list.push({ kind: 'home-agent-information', reserved, preference, lifetimeS: r.u16() });
        break;
      }
      default:
        list.push({ kind: 'unknown', type, data: r.take(length - 2) });
    }
  }
  return ok(list);
}

/** The first option of a kind, e.g. `findNdOption(ra.options, 'prefix-information')`. */
export function findNdOption<K extends NdOption['kind']>(list: readonly NdOption[], kind: K): Extract<NdOption, { kind: K }> | undefined {
  return list.find((o): o is Extract<NdOption, { kind: K }> => o.kind === kind);
}

export function findAllNdOptions<K extends NdOption['kind']>(list: readonly NdOption[], kind: K): Extract<NdOption, { kind: K }>[] {
  return list.filter((o): o is Extract<NdOption, { kind: K }> => o.kind === kind);
}

function lifetime32Text(v: number): string {
  return v === 0xffffffff ? '0xffffffff (infinity)' : `${v} s`;
}

function reservedNode(name: string, offset: number, length: number, value: number, ref: string): FieldNode {
  return field(name, offset, length, hex(value, length * 2), value !== 0 ? { warning: `reserved: should be sent as 0 (${ref})` } : {});
}

function dissectPrefixInformation(o: PrefixInformationOption, at: number): FieldNode {
  const problems: string[] = [];
  if (o.prefixLength > 128) problems.push(`Prefix Length ${o.prefixLength} exceeds 128`);
  if (o.preferredLifetime > o.validLifetime) problems.push('Preferred Lifetime exceeds Valid Lifetime: autoconfiguration ignores this prefix (RFC 4862 §5.5.3)');
  const network = o.prefixLength <= 128 ? ipv6NetworkOf(o.prefix, o.prefixLength) : o.prefix;
  // RFC 4861 §4.6.2: bits after the prefix are zero; RFC 6275 §7.2: with R the field is the router's whole address.
  if (!o.routerAddress && network !== o.prefix) problems.push('bits after the Prefix Length are not zero (RFC 4861 §4.6.2)');
  const flags = [o.onLink ? 'L' : '', o.autonomous ? 'A' : '', o.routerAddress ? 'R' : ''].filter((x) => x !== '').join(' ') || 'none';
  const flagOctet = (o.onLink ? 0x80 : 0) | (o.autonomous ? 0x40 : 0) | (o.routerAddress ? 0x20 : 0) | o.reserved1;
  const children: FieldNode[] = [
    field('Type', at, 1, '3 (Prefix Information)', { ref: OPTION_REFS[3] }),
    field('Length', at + 1, 1, '4 (32 octets)'),
    field('Prefix Length', at + 2, 1, `/${o.prefixLength}`),
    group('Flags', at + 3, 1, `${hex(flagOctet, 2)} (${flags})`, [
      field('L: on-link', at + 3, 1, o.onLink ? 'set' : 'not set', { mask: 0x80, ref: 'RFC 4861 §4.6.2' }),
      field('A: autonomous address configuration', at + 3, 1, o.autonomous ? 'set' : 'not set', { mask: 0x40, ref: 'RFC 4861 §4.6.2; RFC 4862 §5.5.3' }),
      field('R: router address', at + 3, 1, o.routerAddress ? 'set (the Prefix field is the router\'s address)' : 'not set', { mask: 0x20, ref: 'RFC 6275 §7.2' }),
      reservedNode('Reserved1', at + 3, 1, o.reserved1, 'RFC 4861 §4.6.2'),
    ].map((n) => (n.name === 'Reserved1' ? { ...n, mask: 0x1f } : n))),
    field('Valid Lifetime', at + 4, 4, lifetime32Text(o.validLifetime), { ref: 'RFC 4861 §4.6.2' }),
    field('Preferred Lifetime', at + 8, 4, lifetime32Text(o.preferredLifetime), { ref: 'RFC 4861 §4.6.2' }),
    reservedNode('Reserved2', at + 12, 4, o.reserved2, 'RFC 4861 §4.6.2'),
    field(o.routerAddress ? 'Prefix (router address)' : 'Prefix', at + 16, 16, o.routerAddress ? `${o.prefix} (prefix ${network}/${o.prefixLength})` : o.prefix, o.routerAddress ? { ref: 'RFC 6275 §7.2' } : {}),
  ];
  return group('Prefix Information', at, 32, `${network}/${o.prefixLength}, ${flags}${o.routerAddress ? `, router ${o.prefix}` : ''}`, children, {
    ref: OPTION_REFS[3], ...(problems.length > 0 ? { warning: problems.join('; ') } : {}),
  });
}

function dissectOne(o: NdOption, at: number): FieldNode {
  const type = ndOptionTypeOf(o);
  const length = ndOptionLength(o);
  const head = [field('Type', at, 1, `${type} (${ndOptionName(type)})`, OPTION_REFS[type] !== undefined ? { ref: OPTION_REFS[type] } : {}), field('Length', at + 1, 1, `${length / ND_OPTION_UNIT} (${length} octets)`)];
  const ref = OPTION_REFS[type] !== undefined ? { ref: OPTION_REFS[type] } : {};
  switch (o.kind) {
    case 'source-link-layer-address':
    case 'target-link-layer-address': {
      const octets = length - 2;
      const warning = octets !== 6 ? { warning: `${octets} octets: an Ethernet address takes 6, Length 1 (RFC 2464 §6)` } : {};
      return group(ndOptionName(type), at, length, o.linkAddress, [...head, field('Link-Layer Address', at + 2, octets, o.linkAddress, { ref: 'RFC 2464 §6' })], { ...ref, ...warning });
    }
    case 'prefix-information': return dissectPrefixInformation(o, at);
    case 'mtu':
      return group('MTU', at, 8, `${o.mtu} octets`, [...head, reservedNode('Reserved', at + 2, 2, o.reserved, 'RFC 4861 §4.6.4'), field('MTU', at + 4, 4, `${o.mtu} octets`)], {
        ...ref, ...(o.mtu < 1280 ? { warning: `below the IPv6 minimum link MTU of 1280 (RFC 8200 §5)` } : {}),
      });
    case 'advertisement-interval':
      return group('Advertisement Interval', at, 8, `${o.intervalMs} ms`, [
        ...head, reservedNode('Reserved', at + 2, 2, o.reserved, 'RFC 6275 §7.3'),
        field('Advertisement Interval', at + 4, 4, `${o.intervalMs} ms (longest gap between unsolicited advertisements)`, { ref: 'RFC 6275 §7.3' }),
      ], ref);
    case 'home-agent-information':
      return group('Home Agent Information', at, 8, `preference ${o.preference}, lifetime ${o.lifetimeS} s`, [
        ...head, reservedNode('Reserved', at + 2, 2, o.reserved, 'RFC 6275 §7.4'),
        field('Home Agent Preference', at + 4, 2, `${o.preference} (higher is preferred)`, { ref: 'RFC 6275 §7.4' }),
        field('Home Agent Lifetime', at + 6, 2, `${o.lifetimeS} s`, { ref: 'RFC 6275 §7.4', ...(o.lifetimeS === 0 ? { warning: 'a Home Agent Lifetime of 0 must not be sent (RFC 6275 §7.4)' } : {}) }),
      ], ref);
    case 'unknown':
      return group(ndOptionName(type), at, length, `${o.data.length} octets; not recognised: a receiver ignores it (RFC 4861 §4.6)`, [
        ...head, ...(o.data.length > 0 ? [field('Data', at + 2, o.data.length, hexBytes(o.data))] : []),
      ], { ref: 'RFC 4861 §4.6' });
  }
}

/** One group per option; `expected` lists the kinds the enclosing message defines (others get a note). */
export function dissectNdOptions(list: readonly NdOption[], offset: number, message: string, expected: readonly NdOption['kind'][]): FieldNode[] {
  const nodes: FieldNode[] = [];
  let at = offset;
  for (const o of list) {
    const node = dissectOne(o, at);
    const unexpected = o.kind !== 'unknown' && !expected.includes(o.kind);
    nodes.push(unexpected ? { ...node, warning: [node.warning, `not an option of a ${message}: a receiver ignores it (RFC 4861 §4.6)`].filter((w) => w !== undefined).join('; ') } : node);
    at += ndOptionLength(o);
  }
  return nodes;
}

/** The option list as a codec (the end of the list is the end of the region): for the shared test laws and the fuzzer. */
export const ndOptionListCodec: Codec<readonly NdOption[]> = {
  layer: ND_OPTIONS_LAYER,
  parse: (bytes, offset = 0, end = bytes.length) => parseNdOptions(bytes, offset, end),
  length: ndOptionsLength,
  emit: (list, buf, offset = 0) => {
    const total = ndOptionsLength(list);
    if (offset + total > buf.length) throw new EncodeError(ND_OPTIONS_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
    return emitNdOptions(list, buf, offset);
  },
  dissect: (bytes, offset = 0, end = bytes.length) => {
    const parsed = parseNdOptions(bytes, offset, end);
    if (!parsed.ok) return parsed;
    return ok(group('Neighbor Discovery options', offset, end - offset, `${parsed.value.length} options`, dissectNdOptions(parsed.value, offset, 'Neighbor Discovery message', Object.keys(KIND_TYPES) as NdOption['kind'][]), { ref: 'RFC 4861 §4.6' }));
  },
};
