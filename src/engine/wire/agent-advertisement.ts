// Agent Advertisement = ICMP Router Advertisement (RFC 1256) + mobility
// extensions (RFC 1256 §3; RFC 2002 §2.1, §2.1.3; the extensions live in
// advertisement-extensions.ts).
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+-------------------------------+
// |   Type = 9    |  Code 0 / 16  |           Checksum            |
// +---------------+---------------+-------------------------------+
// |   Num Addrs   |Addr Entry Size|           Lifetime            |
// +---------------+---------------+-------------------------------+
// |                       Router Address[1]                       |
// +---------------------------------------------------------------+
// |                      Preference Level[1]                      |
// +---------------------------------------------------------------+
// |                              ...                              |
// +---------------------------------------------------------------+
// |   extensions (to the end of the ICMP message) ...
//
// Addr Entry Size counts 32-bit words per router entry. It is 2 today, but
// RFC 1256 lets a later version grow it: a receiver must accept any size >= 2
// and read the address and preference from the first two words. Our choice:
// words beyond the second are kept as `extraWords` so the message round-trips
// unchanged; a size below 2 is refused (an entry could not hold an address and
// a preference — RFC 1256 discards such a message).
//
// The same record describes a plain router advertisement (no Mobility Agent
// Advertisement Extension); icmp.ts tells the two apart (RFC 2002 §2.4).

import { readAddress, writeAddress, type Ipv4Address } from './address';
import {
  dissectExtensions, emitExtensions, extensionsLength, parseExtensions,
  type AdvertisementExtension, type MobilityAgentAdvertisementExtension, type PrefixLengthsExtension,
} from './advertisement-extensions';
import type { Codec } from './codec';
import { Reader, putU16, putU32 } from './cursor';
import { field, group, hexBytes, lifetimeText, type FieldNode } from './dissection';
import { ICMP_MAX_LENGTH, IcmpType, dissectIcmpHeader, icmpChecksumValid, writeIcmpChecksum } from './icmp-header';
import { EncodeError, fail, ok, type WireResult } from './result';

export const AGENT_ADVERTISEMENT_LAYER = 'Agent Advertisement';
const FIXED_LENGTH = 8;
/** RFC 1256: two 32-bit words (address, preference) per router entry in this version. */
export const STANDARD_ADDR_ENTRY_SIZE = 2;

/** Agent Advertisement ICMP codes (RFC 2002 §2.1; RFC 1256 §3). */
export const AgentAdvertisementCode = {
  ROUTES_ORDINARY_TRAFFIC: 0,
  DOES_NOT_ROUTE_ORDINARY_TRAFFIC: 16,
} as const;

/** RFC 1256: a preference of 0x80000000 means "never use this router as a default router". */
export const NEVER_DEFAULT_PREFERENCE = -0x80000000;

/** Field table of the fixed part (offset, length, name). Router entries follow at 8 + 4 × Addr Entry Size × i. */
export const AGENT_ADVERTISEMENT_FIELDS = [
  { offset: 0, length: 1, name: 'Type' },
  { offset: 1, length: 1, name: 'Code' },
  { offset: 2, length: 2, name: 'Checksum' },
  { offset: 4, length: 1, name: 'Num Addrs' },
  { offset: 5, length: 1, name: 'Addr Entry Size' },
  { offset: 6, length: 2, name: 'Lifetime' },
] as const;

export interface RouterAddressEntry {
  readonly address: Ipv4Address;
  /** Signed 32-bit; higher is preferred (RFC 1256). */
  readonly preference: number;
  /** Words beyond the first two when Addr Entry Size > 2: (size − 2) × 4 octets, kept for round trip. */
  readonly extraWords: Uint8Array;
}

export interface AgentAdvertisement {
  /** 0 = the agent also routes ordinary traffic; 16 = it does not (RFC 2002 §2.1). Other values kept. */
  readonly code: number;
  /** 32-bit words per router entry; 2 in RFC 1256. */
  readonly addressEntrySize: number;
  /** ICMP Lifetime: seconds the advertisement stays valid (not the Registration Lifetime). */
  readonly lifetime: number;
  readonly routers: readonly RouterAddressEntry[];
  readonly extensions: readonly AdvertisementExtension[];
  /** Filled in by `parse`; a bad checksum is a flag for the receiver to drop on, not a parse error. */
  readonly checksumValid?: boolean;
}

export function agentAdvertisementLength(a: AgentAdvertisement): number {
  return FIXED_LENGTH + 4 * a.addressEntrySize * a.routers.length + extensionsLength(a.extensions);
}

export function emitAgentAdvertisement(a: AgentAdvertisement, buf: Uint8Array, offset = 0): number {
  const L = AGENT_ADVERTISEMENT_LAYER;
  const total = agentAdvertisementLength(a);
  if (a.addressEntrySize < STANDARD_ADDR_ENTRY_SIZE || a.addressEntrySize > 255) throw new EncodeError(L, `Addr Entry Size ${a.addressEntrySize} must be 2..255`);
  if (a.routers.length > 255) throw new EncodeError(L, `${a.routers.length} router addresses do not fit Num Addrs`);
  const extraOctets = 4 * (a.addressEntrySize - STANDARD_ADDR_ENTRY_SIZE);
  if (a.routers.some((e) => e.extraWords.length !== extraOctets)) throw new EncodeError(L, `every router entry needs ${extraOctets} extra octets for Addr Entry Size ${a.addressEntrySize}`);
  if (total > ICMP_MAX_LENGTH) throw new EncodeError(L, `message of ${total} octets is too long`);
  if (offset + total > buf.length) throw new EncodeError(L, `buffer too small: need ${total} octets at offset ${offset}`);
  buf[offset] = IcmpType.ROUTER_ADVERTISEMENT;
  buf[offset + 1] = a.code;
  buf[offset + 4] = a.routers.length;
  buf[offset + 5] = a.addressEntrySize;
  putU16(buf, offset + 6, a.lifetime);
  let at = offset + FIXED_LENGTH;
  for (const e of a.routers) {
    writeAddress(buf, at, e.address);
    putU32(buf, at + 4, e.preference >>> 0);
    buf.set(e.extraWords, at + 8);
    at += 4 * a.addressEntrySize;
  }
  emitExtensions(a.extensions, buf, at);
  writeIcmpChecksum(buf, offset, offset + total); // RFC 1256 §3; RFC 2002 §2.1: over the whole message incl. all extensions
  return total;
}

/** Parses the ICMP message at [offset, end): `end` is the end of the IP payload (extensions run to it). */
export function parseAgentAdvertisement(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<AgentAdvertisement> {
  const L = AGENT_ADVERTISEMENT_LAYER;
  const r = new Reader(bytes, L, offset, end);
  if (!r.has(FIXED_LENGTH)) return r.short('header', FIXED_LENGTH);
  const type = r.u8();
  if (type !== IcmpType.ROUTER_ADVERTISEMENT) return fail(L, 'Type', offset, `type ${type}, expected 9 (Router Advertisement)`);
  const code = r.u8();
  r.skip(2);
  const numAddrs = r.u8();
  const addressEntrySize = r.u8();
  if (addressEntrySize < STANDARD_ADDR_ENTRY_SIZE) return fail(L, 'Addr Entry Size', offset + 5, `${addressEntrySize} words cannot hold an address and a preference (RFC 1256 requires at least 2)`);
  const lifetime = r.u16();
  const entryOctets = 4 * addressEntrySize;
  if (!r.has(numAddrs * entryOctets)) return fail(L, 'Num Addrs', offset + 4, `${numAddrs} entries of ${entryOctets} octets need ${numAddrs * entryOctets}, only ${r.remaining} remain`);
  const routers: RouterAddressEntry[] = [];
  for (let i = 0; i < numAddrs; i++) {
    const address = readAddress(bytes, r.offset);
    r.skip(4);
    const preference = r.u32() | 0; // signed (RFC 1256)
    routers.push({ address, preference, extraWords: r.take(entryOctets - 8) });
  }
  const extensions = parseExtensions(bytes, r.offset, end);
  if (!extensions.ok) return extensions;
  return ok({ code, addressEntrySize, lifetime, routers, extensions: extensions.value, checksumValid: icmpChecksumValid(bytes, offset, end) });
}

/** The Mobility Agent Advertisement Extension, if any: its presence is what makes this an *agent* advertisement (RFC 2002 §2.4). */
export function mobilityExtensionOf(a: AgentAdvertisement): MobilityAgentAdvertisementExtension | undefined {
  return a.extensions.find((e): e is MobilityAgentAdvertisementExtension => e.kind === 'mobility-agent');
}

export function prefixLengthsOf(a: AgentAdvertisement): PrefixLengthsExtension | undefined {
  return a.extensions.find((e): e is PrefixLengthsExtension => e.kind === 'prefix-lengths');
}

function preferenceText(p: number): string {
  return p === NEVER_DEFAULT_PREFERENCE ? `${p} (0x80000000: never use as default router)` : String(p);
}

export function dissectAgentAdvertisement(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<FieldNode> {
  const parsed = parseAgentAdvertisement(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const a = parsed.value;
  const entryOctets = 4 * a.addressEntrySize;
  const routerNodes = a.routers.map((e, i) => {
    const o = offset + FIXED_LENGTH + entryOctets * i;
    const children = [
      field('Router Address', o, 4, e.address),
      field('Preference Level', o + 4, 4, preferenceText(e.preference)),
    ];
    if (e.extraWords.length > 0) children.push(field('Additional words', o + 8, e.extraWords.length, hexBytes(e.extraWords), { ref: 'RFC 1256' }));
    return group(`Router Entry[${i}]`, o, entryOctets, `${e.address}, preference ${e.preference}`, children);
  });
  const children: FieldNode[] = [
    ...dissectIcmpHeader(bytes, offset, a.checksumValid === true, 'RFC 1256 §3; RFC 2002 §2.1'),
    field('Num Addrs', offset + 4, 1, a.routers.length, a.routers.length === 0 ? { ref: 'RFC 1256 §3; RFC 2002 §2.1 (0 allowed in an agent advertisement)' } : {}),
    field('Addr Entry Size', offset + 5, 1, `${a.addressEntrySize} words`, a.addressEntrySize !== STANDARD_ADDR_ENTRY_SIZE ? { warning: `not 2: only the first two words of each entry are understood (RFC 1256)` } : {}),
    field('Lifetime', offset + 6, 2, `${a.lifetime} s`, { ref: 'RFC 1256 §3; RFC 2002 §2.1' }),
    ...routerNodes,
    ...dissectExtensions(a.extensions, offset + FIXED_LENGTH + entryOctets * a.routers.length, a.routers.length),
  ];
  const mobility = mobilityExtensionOf(a);
  const name = mobility !== undefined ? 'Agent Advertisement (ICMP Router Advertisement)' : 'ICMP Router Advertisement';
  const summary = mobility !== undefined ? `seq ${mobility.sequenceNumber}, lifetime ${a.lifetime} s, registration lifetime ${lifetimeText(mobility.registrationLifetime)}` : `${a.routers.length} routers, lifetime ${a.lifetime} s`;
  return ok(group(name, offset, agentAdvertisementLength(a), summary, children, { ref: mobility !== undefined ? 'RFC 2002 §2.1' : 'RFC 1256' }));
}

export const agentAdvertisementCodec: Codec<AgentAdvertisement> = {
  layer: AGENT_ADVERTISEMENT_LAYER,
  parse: parseAgentAdvertisement,
  length: agentAdvertisementLength,
  emit: emitAgentAdvertisement,
  dissect: dissectAgentAdvertisement,
};

/** A router entry of the standard size (2 words). */
export function routerEntry(address: Ipv4Address, preference = 0): RouterAddressEntry {
  return { address, preference, extraWords: new Uint8Array(0) };
}

