// Neighbor Discovery messages (RFC 4861 §4.1–§4.4), with the Home Agent (H)
// flag of RFC 6275 §7.1. The options that follow them live in nd-options.ts;
// the dissection in nd-dissection.ts.
//
// Router Solicitation (133)            Router Advertisement (134)
// | 133 | Code |  Checksum  |          | 134 | Code |  Checksum  |
// |         Reserved        |          | Cur Hop Limit |M|O|H|Rsvd| Router Lifetime |
// | Options ...                        |                Reachable Time (ms)          |
//                                      |                Retrans Timer (ms)           |
//                                      | Options ...
//
// Neighbor Solicitation (135)          Neighbor Advertisement (136)
// | 135 | Code |  Checksum  |          | 136 | Code |  Checksum  |
// |         Reserved        |          |R|S|O|       Reserved (29 bits)     |
// |  Target Address (16)    |          |       Target Address (16)          |
// | Options ...                        | Options ...
//
// Reserved bits are kept (not zeroed) so any input round-trips; the dissection
// warns about them. Whether a message is acceptable at all depends on the IPv6
// header around it (Hop Limit 255 above all): `ndValidationProblem` says why not.

import { Reader, putU16, putU32 } from '../cursor';
import { EncodeError, fail, ok, type WireResult } from '../result';
import { ICMPV6_MAX_LENGTH, Icmpv6Type, icmpv6ChecksumValid, writeIcmpv6Checksum, type Ipv6PseudoAddresses } from './icmpv6-header';
import { isIpv6LinkLocal, isIpv6Multicast, readIpv6, solicitedNodeAddress, writeIpv6, type Ipv6Address, UNSPECIFIED_ADDRESS } from './ipv6-address';
import { emitNdOptions, findNdOption, ndOptionsLength, parseNdOptions, type NdOption } from './nd-options';

export const NEIGHBOR_DISCOVERY_LAYER = 'Neighbor Discovery';
/** Every ND message arrives with this Hop Limit, which proves it was not forwarded (RFC 4861 §3.1). */
export const ND_HOP_LIMIT = 255;

/** Octets before the options, per type (RFC 4861 §6.1.1, §6.1.2, §7.1.1, §7.1.2: the minimum ICMP length). */
export const ND_FIXED_LENGTH: Readonly<Record<number, number>> = { 133: 8, 134: 16, 135: 24, 136: 24 };

export interface RouterSolicitation {
  readonly kind: 'router-solicitation';
  readonly code: number;
  readonly reserved: number;
  readonly options: readonly NdOption[];
  /** Filled in by `parse`; a bad checksum is a flag for the receiver to drop on, not a parse error. */
  readonly checksumValid?: boolean;
}

export interface RouterAdvertisement {
  readonly kind: 'router-advertisement';
  readonly code: number;
  /** Hop Limit hosts should use; 0 = unspecified (RFC 4861 §4.2). */
  readonly curHopLimit: number;
  /** M: addresses are available through DHCPv6 (RFC 4861 §4.2). */
  readonly managed: boolean;
  /** O: other configuration is available through DHCPv6. */
  readonly other: boolean;
  /** H: the router is a home agent on this link (RFC 6275 §7.1). */
  readonly homeAgent: boolean;
  /** The 5 low bits of the flag octet, kept for round trip. */
  readonly reservedFlags: number;
  /** Seconds as a default router; 0 = not a default router (RFC 4861 §4.2). */
  readonly routerLifetime: number;
  readonly reachableTimeMs: number;
  readonly retransTimerMs: number;
  readonly options: readonly NdOption[];
  readonly checksumValid?: boolean;
}

export interface NeighborSolicitation {
  readonly kind: 'neighbor-solicitation';
  readonly code: number;
  readonly reserved: number;
  /** The address whose link-layer address is wanted (RFC 4861 §4.3). */
  readonly target: Ipv6Address;
  readonly options: readonly NdOption[];
  readonly checksumValid?: boolean;
}

export interface NeighborAdvertisement {
  readonly kind: 'neighbor-advertisement';
  readonly code: number;
  /** R: the sender is a router. */
  readonly router: boolean;
  /** S: sent in response to a Neighbor Solicitation. */
  readonly solicited: boolean;
  /** O: the advertisement should override an existing cache entry. */
  readonly override: boolean;
  /** The 29 reserved bits after R, S, O. */
  readonly reserved: number;
  readonly target: Ipv6Address;
  readonly options: readonly NdOption[];
  readonly checksumValid?: boolean;
}

export type NdMessage = RouterSolicitation | RouterAdvertisement | NeighborSolicitation | NeighborAdvertisement;

const ND_TYPES: Record<NdMessage['kind'], number> = {
  'router-solicitation': Icmpv6Type.ROUTER_SOLICITATION,
  'router-advertisement': Icmpv6Type.ROUTER_ADVERTISEMENT,
  'neighbor-solicitation': Icmpv6Type.NEIGHBOR_SOLICITATION,
  'neighbor-advertisement': Icmpv6Type.NEIGHBOR_ADVERTISEMENT,
};

export function ndTypeOf(m: NdMessage): number {
  return ND_TYPES[m.kind];
}

export function isNdType(type: number): boolean {
  return ND_FIXED_LENGTH[type] !== undefined;
}

export function ndMessageLength(m: NdMessage): number {
  return ND_FIXED_LENGTH[ndTypeOf(m)]! + ndOptionsLength(m.options);
}

/** Writes the message at `offset` with its checksum over the pseudo-header; returns octets written. */
export function emitNdMessage(m: NdMessage, buf: Uint8Array, offset: number, pseudo: Ipv6PseudoAddresses): number {
  const total = ndMessageLength(m);
  if (total > ICMPV6_MAX_LENGTH) throw new EncodeError(NEIGHBOR_DISCOVERY_LAYER, `message of ${total} octets is too long`);
  if (offset + total > buf.length) throw new EncodeError(NEIGHBOR_DISCOVERY_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  const type = ndTypeOf(m);
  buf[offset] = type;
  buf[offset + 1] = m.code;
  switch (m.kind) {
    case 'router-solicitation':
      putU32(buf, offset + 4, m.reserved);
      break;
    case 'router-advertisement':
      buf[offset + 4] = m.curHopLimit;
      buf[offset + 5] = (m.managed ? 0x80 : 0) | (m.other ? 0x40 : 0) | (m.homeAgent ? 0x20 : 0) | (m.reservedFlags & 0x1f);
      putU16(buf, offset + 6, m.routerLifetime);
      putU32(buf, offset + 8, m.reachableTimeMs);
      putU32(buf, offset + 12, m.retransTimerMs);
      break;
    case 'neighbor-solicitation':
      putU32(buf, offset + 4, m.reserved);
      writeIpv6(buf, offset + 8, m.target);
      break;
    case 'neighbor-advertisement':
      putU32(buf, offset + 4, ((m.router ? 0x80000000 : 0) | (m.solicited ? 0x40000000 : 0) | (m.override ? 0x20000000 : 0) | (m.reserved & 0x1fffffff)) >>> 0);
      writeIpv6(buf, offset + 8, m.target);
      break;
  }
  emitNdOptions(m.options, buf, offset + ND_FIXED_LENGTH[type]!);
  writeIcmpv6Checksum(buf, offset, offset + total, pseudo);
  return total;
}

/** Parses the ND message at [offset, end) (`end` = end of the ICMPv6 message: options run to it). Never throws on bad bytes. */
export function parseNdMessage(bytes: Uint8Array, offset: number, end: number, pseudo: Ipv6PseudoAddresses): WireResult<NdMessage> {
  const L = NEIGHBOR_DISCOVERY_LAYER;
  const r = new Reader(bytes, L, offset, end);
  if (!r.has(1)) return r.short('Type', 1);
  const type = bytes[offset]!;
  const fixed = ND_FIXED_LENGTH[type];
  if (fixed === undefined) return fail(L, 'Type', offset, `type ${type} is not a Neighbor Discovery message (133–136)`);
  if (!r.has(fixed)) return r.short(`${type === 133 ? 'Router Solicitation' : type === 134 ? 'Router Advertisement' : type === 135 ? 'Neighbor Solicitation' : 'Neighbor Advertisement'} header`, fixed);
  r.skip(1);
  const code = r.u8();
  r.skip(2);
  const options = parseNdOptions(bytes, offset + fixed, end);
  if (!options.ok) return options;
  const common = { code, options: options.value, checksumValid: icmpv6ChecksumValid(bytes, offset, end, pseudo) };
  switch (type) {
    case Icmpv6Type.ROUTER_SOLICITATION:
      return ok({ kind: 'router-solicitation', reserved: r.u32(), ...common });
    case Icmpv6Type.ROUTER_ADVERTISEMENT: {
      const curHopLimit = r.u8();
      const flags = r.u8();
      return ok({
        kind: 'router-advertisement', curHopLimit, managed: (flags & 0x80) !== 0, other: (flags & 0x40) !== 0, homeAgent: (flags & 0x20) !== 0,
        reservedFlags: flags & 0x1f, routerLifetime: r.u16(), reachableTimeMs: r.u32(), retransTimerMs: r.u32(), ...common,
      });
    }
    case Icmpv6Type.NEIGHBOR_SOLICITATION: {
      const reserved = r.u32();
      return ok({ kind: 'neighbor-solicitation', reserved, target: readIpv6(bytes, offset + 8), ...common });
    }
    default: {
      const word = r.u32();
      return ok({
        kind: 'neighbor-advertisement', router: (word & 0x80000000) !== 0, solicited: (word & 0x40000000) !== 0, override: (word & 0x20000000) !== 0,
        reserved: word & 0x1fffffff, target: readIpv6(bytes, offset + 8), ...common,
      });
    }
  }
}

/** What a receiver knows from the IPv6 header around the message (RFC 4861 §6.1, §7.1). */
export interface NdReceptionContext {
  readonly hopLimit: number;
  readonly source: Ipv6Address;
  readonly destination: Ipv6Address;
}

/**
 * Why a receiver must silently discard this message, or undefined when it is
 * valid: the checks of RFC 4861 §6.1.1 (RS), §6.1.2 (RA), §7.1.1 (NS) and
 * §7.1.2 (NA). The length checks and "no option has Length 0" are already
 * enforced by `parseNdMessage`. Addresses are assumed valid IPv6 text.
 */
export function ndValidationProblem(m: NdMessage, ip: NdReceptionContext): string | undefined {
  const section = { 'router-solicitation': '§6.1.1', 'router-advertisement': '§6.1.2', 'neighbor-solicitation': '§7.1.1', 'neighbor-advertisement': '§7.1.2' }[m.kind];
  const ref = `RFC 4861 ${section}`;
  if (ip.hopLimit !== ND_HOP_LIMIT) return `Hop Limit ${ip.hopLimit}, not 255: the message may have been forwarded from off-link (${ref})`;
  if (m.checksumValid === false) return `bad ICMPv6 checksum (${ref})`;
  if (m.code !== 0) return `ICMP Code ${m.code}, not 0 (${ref})`;
  const unspecifiedSource = ip.source === UNSPECIFIED_ADDRESS;
  const slla = findNdOption(m.options, 'source-link-layer-address') !== undefined;
  switch (m.kind) {
    case 'router-solicitation':
      if (unspecifiedSource && slla) return `a Source Link-layer Address option from the unspecified address (${ref})`;
      return undefined;
    case 'router-advertisement':
      if (!isIpv6LinkLocal(ip.source)) return `source ${ip.source} is not a link-local address (${ref})`;
      return undefined;
    case 'neighbor-solicitation':
      if (isIpv6Multicast(m.target)) return `the Target Address ${m.target} is a multicast address (${ref})`;
      if (unspecifiedSource && ip.destination !== solicitedNodeAddress(m.target)) return `from the unspecified address but not to the solicited-node address of the target (${ref})`;
      if (unspecifiedSource && slla) return `a Source Link-layer Address option from the unspecified address (${ref})`;
      return undefined;
    case 'neighbor-advertisement':
      if (isIpv6Multicast(m.target)) return `the Target Address ${m.target} is a multicast address (${ref})`;
      if (isIpv6Multicast(ip.destination) && m.solicited) return `the Solicited flag is set on an advertisement to multicast ${ip.destination} (${ref})`;
      return undefined;
  }
}
