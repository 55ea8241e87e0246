// The extensions that follow the router addresses of an ICMP Router
// Advertisement and turn it into an Agent Advertisement (RFC 2002 §2.1.1, §2.1.3). Their numbering space is the ICMP one (RFC 2002 §1.9): 16 here is
// *not* the Binding Warning extension of the UDP/434 space.
//
// Mobility Agent Advertisement Extension (type 16, RFC 2002 §2.1.1):
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+-------------------------------+
// |   Type = 16   |    Length     |        Sequence Number        |
// +---------------+---------------+-------------------------------+
// |     Registration Lifetime     |R|B|H|F|M|G|V|T|S|  reserved   |
// +-------------------------------+-------------------------------+
// |            Care-of Address[0] (zero or more, 4 octets each)   |
// +---------------------------------------------------------------+
//
// Prefix-Lengths Extension (type 19, RFC 2002 §2.1.2): Type, Length = N, then one
// prefix length octet per router address. One-byte Padding (type 0, RFC 2002 §2.1.3):
// a single 0x00, no Length. Any other type: an 8-bit TLV kept as raw data so
// that it round-trips unchanged.

import { readAddress, writeAddress, type Ipv4Address } from './address';
import { Reader, putU16 } from './cursor';
import { field, group, hex, hexBytes, lifetimeText, type FieldNode } from './dissection';
import { EncodeError, fail, ok, type WireResult } from './result';

export const ADVERTISEMENT_EXTENSIONS_LAYER = 'Agent Advertisement extensions';

/** Extension types of the ICMP numbering space (docs/protocol-notes.md §Numbers registry; RFC 2002 §1.9). */
export const AdvertisementExtensionType = {
  ONE_BYTE_PADDING: 0,
  MOBILITY_AGENT_ADVERTISEMENT: 16,
  PREFIX_LENGTHS: 19,
} as const;

/** Hard limit against hostile input: far above anything an agent sends (at most 3 in practice). */
export const MAX_ADVERTISEMENT_EXTENSIONS = 64;
const MOBILITY_FIXED_LENGTH = 6; // Length = 6 + 4 × N (RFC 2002 §2.1.1)

/** The 16-bit flag field of the Mobility Agent Advertisement Extension, ro98 layout (RFC 2002 §2.1.1; optim-08 §5.2; D14). */
export interface AgentAdvertisementFlags {
  /** R: register through a foreign agent even with a co-located care-of address. */
  readonly registrationRequired: boolean;
  /** B: the foreign agent accepts no new registrations. */
  readonly busy: boolean;
  /** H: home agent on this link. */
  readonly homeAgent: boolean;
  /** F: foreign agent on this link. */
  readonly foreignAgent: boolean;
  /** M: can decapsulate minimal encapsulation. */
  readonly minimalEncapsulation: boolean;
  /** G: can decapsulate GRE. */
  readonly gre: boolean;
  /** V: Van Jacobson header compression (not implemented in the lab; sent as 0). */
  readonly vanJacobson: boolean;
  /** T: reverse tunnelling (ro98: send 0, not implemented). */
  readonly reverseTunnelling: boolean;
  /** S: smooth handoff supported (ro98 only; Wireshark shows this bit as `U`, docs/protocol-notes.md §Wireshark). */
  readonly smoothHandoff: boolean;
  /** Bits 9..15 (octet 7, mask 0x7F): reserved, sent 0, kept so odd input round-trips. */
  readonly reserved: number;
}

export interface MobilityAgentAdvertisementExtension {
  readonly kind: 'mobility-agent';
  readonly sequenceNumber: number;
  /** Longest Registration Lifetime the agent accepts, seconds; 0xFFFF = infinite. */
  readonly registrationLifetime: number;
  readonly flags: AgentAdvertisementFlags;
  readonly careOfAddresses: readonly Ipv4Address[];
}

export interface PrefixLengthsExtension {
  readonly kind: 'prefix-lengths';
  /** One per Router Address, in ICMP order (RFC 2002 §2.1.2). */
  readonly prefixLengths: readonly number[];
}

export interface OneBytePaddingExtension {
  readonly kind: 'padding';
}

export interface UnknownAdvertisementExtension {
  readonly kind: 'unknown';
  readonly type: number;
  readonly data: Uint8Array;
}

export type AdvertisementExtension = MobilityAgentAdvertisementExtension | PrefixLengthsExtension | OneBytePaddingExtension | UnknownAdvertisementExtension;

type FlagKey = Exclude<keyof AgentAdvertisementFlags, 'reserved'>;

/** Flag table: octet within the flag field (0 = extension octet 6), mask, ro98 letter and meaning (RFC 2002 §2.1.1). */
export const AGENT_ADVERTISEMENT_FLAGS: readonly { key: FlagKey; octet: 0 | 1; mask: number; letter: string; meaning: string; ref: string }[] = [
  { key: 'registrationRequired', octet: 0, mask: 0x80, letter: 'R', meaning: 'registration required', ref: 'RFC 2002 §2.1.1' },
  { key: 'busy', octet: 0, mask: 0x40, letter: 'B', meaning: 'busy: no new registrations', ref: 'RFC 2002 §2.1.1' },
  { key: 'homeAgent', octet: 0, mask: 0x20, letter: 'H', meaning: 'home agent', ref: 'RFC 2002 §2.1.1' },
  { key: 'foreignAgent', octet: 0, mask: 0x10, letter: 'F', meaning: 'foreign agent', ref: 'RFC 2002 §2.1.1' },
  { key: 'minimalEncapsulation', octet: 0, mask: 0x08, letter: 'M', meaning: 'minimal encapsulation supported', ref: 'RFC 2002 §2.1.1' },
  { key: 'gre', octet: 0, mask: 0x04, letter: 'G', meaning: 'GRE encapsulation supported', ref: 'RFC 2002 §2.1.1' },
  { key: 'vanJacobson', octet: 0, mask: 0x02, letter: 'V', meaning: 'Van Jacobson header compression', ref: 'RFC 2002 §2.1.1' },
  { key: 'reverseTunnelling', octet: 0, mask: 0x01, letter: 'T', meaning: 'reverse tunnelling (not implemented: sent 0)', ref: 'optim-08 §5.2' },
  // docs/protocol-notes.md §Wireshark: Wireshark labels this bit `U` (UDP tunnelling, a later registry); in ro98 it is `S` (D6, D14).
  { key: 'smoothHandoff', octet: 1, mask: 0x80, letter: 'S', meaning: 'smooth handoff supported (Wireshark shows this bit as U)', ref: 'optim-08 §5.2' },
];

export const NO_AGENT_FLAGS: AgentAdvertisementFlags = {
  registrationRequired: false, busy: false, homeAgent: false, foreignAgent: false, minimalEncapsulation: false,
  gre: false, vanJacobson: false, reverseTunnelling: false, smoothHandoff: false, reserved: 0,
};

function decodeFlags(hi: number, lo: number): AgentAdvertisementFlags {
  const octets = [hi, lo];
  const flags: Record<string, boolean | number> = { reserved: lo & 0x7f };
  for (const f of AGENT_ADVERTISEMENT_FLAGS) flags[f.key] = (octets[f.octet]! & f.mask) !== 0;
  return flags as unknown as AgentAdvertisementFlags;
}

function encodeFlags(flags: AgentAdvertisementFlags): [number, number] {
  const octets: [number, number] = [0, flags.reserved & 0x7f];
  for (const f of AGENT_ADVERTISEMENT_FLAGS) if (flags[f.key]) octets[f.octet] |= f.mask;
  return octets;
}

/** flagLetters' text by the set of flags (bit i: AGENT_ADVERTISEMENT_FLAGS[i]); at most 2^9 entries. */
const flagTexts = new Map<number, string>();

/** "F S" — the letters of the flags that are set. */
export function flagLetters(flags: AgentAdvertisementFlags): string {
  // Every advertisement sent and heard is described: the text per combination of set flags, made once.
  let set = 0;
  for (let i = 0; i < AGENT_ADVERTISEMENT_FLAGS.length; i++) if (flags[AGENT_ADVERTISEMENT_FLAGS[i]!.key]) set |= 1 << i;
  let text = flagTexts.get(set);
  if (text === undefined) {
    const letters = AGENT_ADVERTISEMENT_FLAGS.filter((_, i) => (set & (1 << i)) !== 0).map((f) => f.letter);
    text = letters.length > 0 ? letters.join(' ') : 'none';
    flagTexts.set(set, text);
  }
  return text;
}

export function extensionLength(e: AdvertisementExtension): number {
  switch (e.kind) {
    case 'padding': return 1;
    case 'mobility-agent': return 2 + MOBILITY_FIXED_LENGTH + 4 * e.careOfAddresses.length;
    case 'prefix-lengths': return 2 + e.prefixLengths.length;
    case 'unknown': return 2 + e.data.length;
  }
}

export function extensionsLength(list: readonly AdvertisementExtension[]): number {
  return list.reduce((n, e) => n + extensionLength(e), 0);
}

const KNOWN_TYPES: ReadonlySet<number> = new Set(Object.values(AdvertisementExtensionType));

/** Writes the extensions at `offset`; returns octets written. The caller checked the buffer size. */
export function emitExtensions(list: readonly AdvertisementExtension[], buf: Uint8Array, offset: number): number {
  let at = offset;
  for (const e of list) {
    const dataLength = extensionLength(e) - 2;
    if (e.kind !== 'padding' && dataLength > 255) throw new EncodeError(ADVERTISEMENT_EXTENSIONS_LAYER, `${e.kind} extension data of ${dataLength} octets exceeds the 8-bit Length`);
    switch (e.kind) {
      case 'padding':
        buf[at++] = AdvertisementExtensionType.ONE_BYTE_PADDING; // RFC 2002 §2.1.3: one octet, no Length
        continue;
      case 'mobility-agent': {
        buf[at] = AdvertisementExtensionType.MOBILITY_AGENT_ADVERTISEMENT;
        buf[at + 1] = dataLength; // RFC 2002 §2.1.1: 6 + 4 × N
        putU16(buf, at + 2, e.sequenceNumber);
        putU16(buf, at + 4, e.registrationLifetime);
        const [hi, lo] = encodeFlags(e.flags);
        buf[at + 6] = hi;
        buf[at + 7] = lo;
        e.careOfAddresses.forEach((a, i) => writeAddress(buf, at + 8 + 4 * i, a));
        break;
      }
      case 'prefix-lengths':
        buf[at] = AdvertisementExtensionType.PREFIX_LENGTHS;
        buf[at + 1] = dataLength;
        e.prefixLengths.forEach((p, i) => (buf[at + 2 + i] = p));
        break;
      case 'unknown':
        if (KNOWN_TYPES.has(e.type)) throw new EncodeError(ADVERTISEMENT_EXTENSIONS_LAYER, `type ${e.type} is a known extension and cannot be sent as unknown data`);
        buf[at] = e.type;
        buf[at + 1] = dataLength;
        buf.set(e.data, at + 2);
        break;
    }
    at += 2 + dataLength;
  }
  return at - offset;
}

/** Parses extensions from `offset` to `end` (the end of the ICMP message, RFC 2002 §1.9). */
export function parseExtensions(bytes: Uint8Array, offset: number, end: number): WireResult<AdvertisementExtension[]> {
  const L = ADVERTISEMENT_EXTENSIONS_LAYER;
  const r = new Reader(bytes, L, offset, end);
  const list: AdvertisementExtension[] = [];
  while (r.remaining > 0) {
    if (list.length === MAX_ADVERTISEMENT_EXTENSIONS) return fail(L, 'Type', r.offset, `more than ${MAX_ADVERTISEMENT_EXTENSIONS} extensions`);
    const start = r.offset;
    const type = r.u8();
    if (type === AdvertisementExtensionType.ONE_BYTE_PADDING) {
      list.push({ kind: 'padding' });
      continue;
    }
    if (!r.has(1)) return r.short('Length', 1);
    const length = r.u8();
    if (!r.has(length)) return fail(L, 'Length', start + 1, `extension type ${type} says ${length} octets, only ${r.remaining} remain`);
    if (type === AdvertisementExtensionType.MOBILITY_AGENT_ADVERTISEMENT) {
      // RFC 2002 §2.1.1: Length = 6 + 4 × N; anything else cannot be split into care-of addresses.
      if (length < MOBILITY_FIXED_LENGTH || (length - MOBILITY_FIXED_LENGTH) % 4 !== 0) {
        return fail(L, 'Length', start + 1, `Mobility Agent Advertisement Length ${length} is not 6 + 4 × N (RFC 2002 §2.1.1)`);
      }
      const sequenceNumber = r.u16();
      const registrationLifetime = r.u16();
      const flags = decodeFlags(r.u8(), r.u8());
      const careOfAddresses: Ipv4Address[] = [];
      for (let k = 0; k < (length - MOBILITY_FIXED_LENGTH) / 4; k++) {
        careOfAddresses.push(readAddress(bytes, r.offset));
        r.skip(4);
      }
      list.push({ kind: 'mobility-agent', sequenceNumber, registrationLifetime, flags, careOfAddresses });
    } else if (type === AdvertisementExtensionType.PREFIX_LENGTHS) {
      list.push({ kind: 'prefix-lengths', prefixLengths: Array.from(r.take(length)) });
    } else {
      list.push({ kind: 'unknown', type, data: r.take(length) });
    }
  }
  return ok(list);
}

function dissectMobility(e: MobilityAgentAdvertisementExtension, o: number): FieldNode {
  const f = e.flags;
  const problems: string[] = [];
  // Consistency rules of RFC 2002 §2.1.1 (RFC 2002 §2.1.1).
  if (!f.homeAgent && !f.foreignAgent) problems.push('neither H nor F is set: at least one MUST be (RFC 2002 §2.1.1)');
  if (f.registrationRequired && !f.foreignAgent) problems.push('R set without F (RFC 2002 §2.1.1)');
  if (f.busy && !f.foreignAgent) problems.push('B set without F (RFC 2002 §2.1.1)');
  if (f.foreignAgent && e.careOfAddresses.length === 0) problems.push('F set but no care-of address offered (RFC 2002 §2.1.1)');
  const [hi, lo] = encodeFlags(f);
  const flagNodes = AGENT_ADVERTISEMENT_FLAGS.map((d) =>
    field(`${d.letter}: ${d.meaning}`, o + 6 + d.octet, 1, f[d.key] ? 'set' : 'not set', { mask: d.mask, ref: d.ref }),
  );
  flagNodes.push(field('Reserved (bits 9–15)', o + 7, 1, hex(f.reserved, 2), { mask: 0x7f, ...(f.reserved !== 0 ? { warning: 'reserved bits should be sent as 0' } : {}) }));
  const children: FieldNode[] = [
    field('Type', o, 1, '16 (Mobility Agent Advertisement)', { ref: 'RFC 2002 §2.1.1' }),
    field('Length', o + 1, 1, `${MOBILITY_FIXED_LENGTH + 4 * e.careOfAddresses.length} (6 + 4 × ${e.careOfAddresses.length} care-of addresses)`),
    field('Sequence Number', o + 2, 2, e.sequenceNumber, { ref: 'RFC 2002 §2.3.2' }),
    field('Registration Lifetime', o + 4, 2, lifetimeText(e.registrationLifetime), { ref: 'RFC 2002 §2.1.1' }),
    group('Flags', o + 6, 2, `${hex((hi << 8) | lo, 4)} (${flagLetters(f)})`, flagNodes, { ref: 'RFC 2002 §2.1.1 (ro98 profile, lab choice)' }),
    ...e.careOfAddresses.map((a, k) => field(`Care-of Address[${k}]`, o + 8 + 4 * k, 4, a)),
  ];
  return group('Mobility Agent Advertisement Extension', o, extensionLength(e), `seq ${e.sequenceNumber}, ${flagLetters(f)}, ${e.careOfAddresses.join(', ') || 'no care-of address'}`, children, {
    ref: 'RFC 2002 §2.1.1',
    ...(problems.length > 0 ? { warning: problems.join('; ') } : {}),
  });
}

/** Field nodes for each extension; `numAddrs` lets Prefix-Lengths be checked against the router list (RFC 2002 §2.1.2). */
export function dissectExtensions(list: readonly AdvertisementExtension[], offset: number, numAddrs: number): FieldNode[] {
  const nodes: FieldNode[] = [];
  let o = offset;
  list.forEach((e, i) => {
    switch (e.kind) {
      case 'padding': {
        const extra = i !== list.length - 1 || list.filter((x) => x.kind === 'padding').length > 1 ? { warning: 'at most one padding octet, and it should be last (RFC 2002 §2.1.3)' } : {};
        nodes.push(field('One-byte Padding Extension', o, 1, '0 (padding, no Length)', { ref: 'RFC 2002 §2.1.3', ...extra }));
        break;
      }
      case 'mobility-agent':
        nodes.push(dissectMobility(e, o));
        break;
      case 'prefix-lengths': {
        const n = e.prefixLengths.length;
        const warning = n !== numAddrs ? `${n} prefix lengths for ${numAddrs} router addresses (RFC 2002 §2.1.2)` : e.prefixLengths.some((p) => p > 32) ? 'a prefix length above 32' : undefined;
        nodes.push(group('Prefix-Lengths Extension', o, 2 + n, e.prefixLengths.map((p) => `/${p}`).join(' ') || 'none', [
          field('Type', o, 1, '19 (Prefix-Lengths)'),
          field('Length', o + 1, 1, n),
          ...e.prefixLengths.map((p, k) => field(`Prefix Length for Router Address[${k}]`, o + 2 + k, 1, `/${p}`)),
        ], { ref: 'RFC 2002 §2.1.2', ...(warning !== undefined ? { warning } : {}) }));
        break;
      }
      case 'unknown': {
        // RFC 2002 §1.9: 0..127 makes a receiver drop the whole message; 128..255 are skipped.
        const skippable = e.type >= 128;
        const rule = skippable ? 'type 128..255: a receiver that does not know it skips it (RFC 2002 §1.9)' : 'type 0..127 not recognised: a receiver discards the whole message (RFC 2002 §1.9)';
        nodes.push(group(`Unknown extension (type ${e.type})`, o, 2 + e.data.length, `${e.data.length} octets; ${rule}`, [
          field('Type', o, 1, `${e.type} (unknown)`),
          field('Length', o + 1, 1, e.data.length),
          ...(e.data.length > 0 ? [field('Data', o + 2, e.data.length, hexBytes(e.data))] : []),
        ], { ref: 'RFC 2002 §1.9', ...(skippable ? {} : { warning: rule }) }));
        break;
      }
    }
    o += extensionLength(e);
  });
  return nodes;
}
