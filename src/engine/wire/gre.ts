// GRE (IP protocol 47; RFC 1701 header, RFC 1702 IPv4 delivery), as redrawn in
// RFC 1701 §2.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-----+---------+-----+-------------------------------+
// |C|R|K|S|s|Recur|  Flags  | Ver |         Protocol Type         |
// +-+-+-+-+-+-----+---------+-----+-------------------------------+
// |      Checksum (optional)      |       Offset (optional)       |
// +-------------------------------+-------------------------------+
// |                         Key (optional)                        |
// +---------------------------------------------------------------+
// |                    Sequence Number (optional)                 |
// +---------------------------------------------------------------+
// |                         Routing (optional) ...
//
// Checksum and Offset appear together when C *or* R is set; Key when K; Sequence
// Number when S; Routing when R: Source Route Entries (Address Family 2, SRE
// Offset 1, SRE Length 1, routing information), ended by an entry with Address
// Family 0 and SRE Length 0. The checksum (if C) covers header *and* payload, so
// the repr carries the payload, as ipv4.ts does.
//
// Two octet groups carry no meaning and are still kept, so that whatever was
// received is emitted again unchanged: the Checksum field when R is set but C is
// not (RFC 1701 §2: "valid information only if the Checksum Present bit is set"),
// and the SRE Offset octet of the terminating null SRE, which RFC 1701 §2 does
// not constrain (only its Address Family and SRE Length end the list). Fix: the
// parser used to drop both, so such a packet lost those octets on a round trip.
//
// The lab itself only sends the 4-octet header `00 00 08 00` (RFC 1701 §2), in an outer
// IPv4 header built exactly as for IP in IP (tunnel.ts).

import { Reader, getU16, putU16, putU32 } from './cursor';
import { checksumIsValid, internetChecksum } from './checksum';
import type { Codec } from './codec';
import { field, group, hex, hexBytes, type FieldNode } from './dissection';
import { IPV4_MIN_HEADER, IpProtocol, dissectIpv4 } from './ipv4';
import { EncodeError, fail, ok, type WireResult } from './result';
import {
  acceptInner, buildOuter, openOuter, prepareInner, tunnelFail,
  type Decapsulated, type EncapsulationOptions, type TunnelDissection, type TunnelResult,
} from './tunnel';

export const GRE_LAYER = 'GRE';
/** Protocol Type for an IPv4 payload (RFC 2784 §3; docs/protocol-notes.md §Numbers). */
export const GRE_PROTOCOL_IPV4 = 0x0800;
/** The header the lab sends (RFC 1701 §2): no flags, version 0, Protocol Type 0x0800. */
export const LAB_GRE_HEADER: Uint8Array = Uint8Array.of(0x00, 0x00, 0x08, 0x00);
/** Hard limit against hostile input: no real route has more Source Route Entries than this. */
export const GRE_MAX_SOURCE_ROUTE_ENTRIES = 16;

/** The first 16 bits (RFC 1701 §2). */
const C = 0x8000, R = 0x4000, K = 0x2000, S = 0x1000, STRICT = 0x0800;
const RECUR_SHIFT = 8, FLAGS_SHIFT = 3;

/** Field table of the always-present part (offset, length, name); optional fields follow in order. */
export const GRE_FIELDS = [
  { offset: 0, length: 2, name: 'Flags and Version (C R K S s Recur Flags Ver)' },
  { offset: 2, length: 2, name: 'Protocol Type' },
] as const;

export interface SourceRouteEntry {
  readonly addressFamily: number;
  readonly sreOffset: number;
  /** SRE Length octets of routing information (at most 255). */
  readonly routingInformation: Uint8Array;
}

export interface GrePacket {
  /** C: a checksum over header and payload is present; `emit` computes it. */
  readonly checksumPresent: boolean;
  /** s: strict source route. */
  readonly strictSourceRoute: boolean;
  /** Recur (3 bits): further encapsulations allowed; default 0. */
  readonly recursionControl: number;
  /** Flags (5 bits, reserved): sent 0, kept for round trip. */
  readonly flags: number;
  /** Ver (3 bits): 0. */
  readonly version: number;
  readonly protocolType: number;
  /** Offset field: on the wire when C or R (0 otherwise); meaningful only with R. */
  readonly routingOffset: number;
  /** K: present when defined. */
  readonly key?: number;
  /** S: present when defined. */
  readonly sequenceNumber?: number;
  /** R: the Source Route Entries without the terminating null entry; present (R set) when defined. */
  readonly routing?: readonly SourceRouteEntry[];
  /** R set, C clear: the Checksum field as received (not meaningful, RFC 1701 §2); 0 when absent. */
  readonly unusedChecksum?: number;
  /** R set: the SRE Offset octet of the terminating null SRE (not meaningful, RFC 1701 §2); 0 when absent. */
  readonly nullSreOffset?: number;
  readonly payload: Uint8Array;
  /** Filled in by `parse` when C is set: whether the checksum verified. */
  readonly checksumValid?: boolean;
}

export function greHeaderLength(g: GrePacket): number {
  let n = 4;
  if (g.checksumPresent || g.routing !== undefined) n += 4;
  if (g.key !== undefined) n += 4;
  if (g.sequenceNumber !== undefined) n += 4;
  if (g.routing !== undefined) n += g.routing.reduce((sum, e) => sum + 4 + e.routingInformation.length, 0) + 4; // + null SRE
  return n;
}

export function greLength(g: GrePacket): number {
  return greHeaderLength(g) + g.payload.length;
}

export function emitGre(g: GrePacket, buf: Uint8Array, offset = 0): number {
  const total = greLength(g);
  if (offset + total > buf.length) throw new EncodeError(GRE_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  const routing = g.routing ?? [];
  if (routing.length > GRE_MAX_SOURCE_ROUTE_ENTRIES) throw new EncodeError(GRE_LAYER, `${routing.length} Source Route Entries exceed the limit of ${GRE_MAX_SOURCE_ROUTE_ENTRIES}`);
  for (const e of routing) {
    if (e.routingInformation.length > 255) throw new EncodeError(GRE_LAYER, 'SRE routing information exceeds 255 octets');
    if (e.addressFamily === 0 && e.routingInformation.length === 0) throw new EncodeError(GRE_LAYER, 'an SRE with Address Family 0 and Length 0 would end the routing list');
  }
  const first = (g.checksumPresent ? C : 0) | (g.routing !== undefined ? R : 0) | (g.key !== undefined ? K : 0) | (g.sequenceNumber !== undefined ? S : 0)
    | (g.strictSourceRoute ? STRICT : 0) | ((g.recursionControl & 7) << RECUR_SHIFT) | ((g.flags & 0x1f) << FLAGS_SHIFT) | (g.version & 7);
  putU16(buf, offset, first);
  putU16(buf, offset + 2, g.protocolType);
  let at = offset + 4;
  if (g.checksumPresent || g.routing !== undefined) {
    putU16(buf, at, g.checksumPresent ? 0 : (g.unusedChecksum ?? 0) & 0xffff); // the checksum, filled in below when C; not meaningful otherwise (RFC 1701 §2)
    putU16(buf, at + 2, g.routingOffset);
    at += 4;
  }
  if (g.key !== undefined) { putU32(buf, at, g.key); at += 4; }
  if (g.sequenceNumber !== undefined) { putU32(buf, at, g.sequenceNumber); at += 4; }
  if (g.routing !== undefined) {
    for (const e of routing) {
      putU16(buf, at, e.addressFamily);
      buf[at + 2] = e.sreOffset;
      buf[at + 3] = e.routingInformation.length;
      buf.set(e.routingInformation, at + 4);
      at += 4 + e.routingInformation.length;
    }
    putU16(buf, at, 0); // the null SRE: Address Family 0 …
    buf[at + 2] = (g.nullSreOffset ?? 0) & 0xff; // … an SRE Offset that means nothing, as received …
    buf[at + 3] = 0; // … and SRE Length 0 (RFC 1701 §2)
    at += 4;
  }
  buf.set(g.payload, at);
  if (g.checksumPresent) putU16(buf, offset + 4, internetChecksum(buf, offset, offset + total)); // RFC 1701 §2: header + payload
  return total;
}

/** Parses a GRE header and its payload, which runs to `end` (the end of the outer IPv4 payload). */
export function parseGre(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<GrePacket> {
  const r = new Reader(bytes, GRE_LAYER, offset, end);
  if (!r.has(4)) return r.short('header', 4);
  const first = r.u16();
  const protocolType = r.u16();
  const checksumPresent = (first & C) !== 0;
  const routingPresent = (first & R) !== 0;
  let routingOffset = 0;
  let unusedChecksum = 0;
  if (checksumPresent || routingPresent) {
    if (!r.has(4)) return r.short('Checksum and Offset', 4);
    const checksum = r.u16();
    if (!checksumPresent) unusedChecksum = checksum;
    routingOffset = r.u16();
  }
  let key: number | undefined;
  if ((first & K) !== 0) {
    if (!r.has(4)) return r.short('Key', 4);
    key = r.u32();
  }
  let sequenceNumber: number | undefined;
  if ((first & S) !== 0) {
    if (!r.has(4)) return r.short('Sequence Number', 4);
    sequenceNumber = r.u32();
  }
  let routing: SourceRouteEntry[] | undefined;
  let nullSreOffset = 0;
  if (routingPresent) {
    routing = [];
    for (;;) {
      if (!r.has(4)) return r.short('Source Route Entry', 4);
      const addressFamily = r.u16();
      const sreOffset = r.u8();
      const sreLength = r.u8();
      if (addressFamily === 0 && sreLength === 0) { nullSreOffset = sreOffset; break; } // the null SRE ends the list (RFC 1701 §2)
      if (routing.length === GRE_MAX_SOURCE_ROUTE_ENTRIES) return fail(GRE_LAYER, 'Routing', r.offset - 4, `more than ${GRE_MAX_SOURCE_ROUTE_ENTRIES} Source Route Entries`);
      if (!r.has(sreLength)) return fail(GRE_LAYER, 'SRE Length', r.offset - 1, `${sreLength} octets of routing information, only ${r.remaining} remain`);
      routing.push({ addressFamily, sreOffset, routingInformation: r.take(sreLength) });
    }
  }
  const payload = r.take(r.remaining);
  return ok({
    checksumPresent,
    strictSourceRoute: (first & STRICT) !== 0,
    recursionControl: (first >> RECUR_SHIFT) & 7,
    flags: (first >> FLAGS_SHIFT) & 0x1f,
    version: first & 7,
    protocolType,
    routingOffset,
    ...(key !== undefined ? { key } : {}),
    ...(sequenceNumber !== undefined ? { sequenceNumber } : {}),
    ...(routing !== undefined ? { routing } : {}),
    ...(unusedChecksum !== 0 ? { unusedChecksum } : {}),
    ...(nullSreOffset !== 0 ? { nullSreOffset } : {}),
    payload,
    ...(checksumPresent ? { checksumValid: checksumIsValid(bytes, offset, end) } : {}),
  });
}

function protocolTypeText(t: number): string {
  return t === GRE_PROTOCOL_IPV4 ? `${hex(t, 4)} (IPv4)` : hex(t, 4);
}

/** One of C R K S s: all in the first octet. */
function bit(name: string, offset: number, mask16: number, set: boolean, meaning: string): FieldNode {
  return field(name, offset, 1, set ? `set (${meaning})` : 'not set', { mask: mask16 >> 8 });
}

/** Dissects the GRE header only; the payload is left to the caller. */
export function dissectGre(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<FieldNode> {
  const parsed = parseGre(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const g = parsed.value;
  const first = getU16(bytes, offset);
  const flagNodes: FieldNode[] = [
    bit('C: checksum present', offset, C, g.checksumPresent, 'Checksum and Offset follow'),
    bit('R: routing present', offset, R, g.routing !== undefined, 'Source Route Entries follow'),
    bit('K: key present', offset, K, g.key !== undefined, 'Key follows'),
    bit('S: sequence number present', offset, S, g.sequenceNumber !== undefined, 'Sequence Number follows'),
    bit('s: strict source route', offset, STRICT, g.strictSourceRoute, 'strict'),
    field('Recursion Control', offset, 1, g.recursionControl, { mask: 0x07 }),
    field('Flags (reserved)', offset + 1, 1, hex(g.flags, 2), { mask: 0xf8, ...(g.flags !== 0 ? { warning: 'reserved flags should be sent as 0' } : {}) }),
    field('Version', offset + 1, 1, g.version, { mask: 0x07, ...(g.version !== 0 ? { warning: 'GRE version must be 0 (RFC 1701)' } : {}) }),
  ];
  const children: FieldNode[] = [
    group('Flags and Version', offset, 2, hex(first, 4), flagNodes, { ref: 'RFC 1701 §2' }),
    field('Protocol Type', offset + 2, 2, protocolTypeText(g.protocolType), { ref: 'RFC 2784 §3' }),
  ];
  let at = offset + 4;
  if (g.checksumPresent || g.routing !== undefined) {
    const stored = getU16(bytes, at);
    children.push(g.checksumPresent
      ? field('Checksum', at, 2, `${hex(stored, 4)} [${g.checksumValid ? 'correct' : 'incorrect'}]`, { ref: 'RFC 1701 §2 (header + payload)', ...(g.checksumValid ? {} : { warning: 'bad GRE checksum: the decapsulator discards this packet' }) })
      : field('Checksum (not in use: C is clear)', at, 2, hex(stored, 4)));
    children.push(field('Offset', at + 2, 2, g.routing !== undefined ? `${g.routingOffset} octets to the active SRE` : `${g.routingOffset} (not meaningful without R)`));
    at += 4;
  }
  if (g.key !== undefined) { children.push(field('Key', at, 4, `${hex(g.key, 8)} (${g.key})`)); at += 4; }
  if (g.sequenceNumber !== undefined) { children.push(field('Sequence Number', at, 4, g.sequenceNumber)); at += 4; }
  if (g.routing !== undefined) {
    const start = at;
    const entries = g.routing.map((e, i) => {
      const o = at;
      at += 4 + e.routingInformation.length;
      return group(`Source Route Entry[${i}]`, o, 4 + e.routingInformation.length, `family ${hex(e.addressFamily, 4)}, ${e.routingInformation.length} octets`, [
        field('Address Family', o, 2, hex(e.addressFamily, 4)),
        field('SRE Offset', o + 2, 1, e.sreOffset),
        field('SRE Length', o + 3, 1, e.routingInformation.length),
        ...(e.routingInformation.length > 0 ? [field('Routing Information', o + 4, e.routingInformation.length, hexBytes(e.routingInformation))] : []),
      ]);
    });
    entries.push(field('Null SRE (end of routing)', at, 4, `Address Family 0, SRE Length 0${g.nullSreOffset === undefined ? '' : `, SRE Offset ${g.nullSreOffset} (not meaningful)`}`));
    at += 4;
    children.push(group('Routing', start, at - start, `${g.routing.length} Source Route Entries`, entries, { ref: 'RFC 1701' }));
  }
  // bits 1–5 = R K S s and the top bit of Recur
  const warning = (first & 0x7c00) !== 0 ? { warning: 'RFC 2784 receivers discard packets with any of bits 1–5 set; the lab sends them clear (RFC 1701 §2)' } : {};
  return ok(group('Generic Routing Encapsulation', offset, at - offset, `${protocolTypeText(g.protocolType)}, ${at - offset}-octet header`, children, { ref: 'RFC 1701, RFC 1702; RFC 1701 §2', ...warning }));
}

export const greCodec: Codec<GrePacket> = {
  layer: GRE_LAYER,
  parse: parseGre,
  length: greLength,
  emit: emitGre,
  dissect: dissectGre,
};

/** GRE tunnelling (RFC 1701 §2): the lab's 4-octet header inside an outer IPv4 header built as for IP in IP. */
export function encapsulateGre(inner: Uint8Array, options: EncapsulationOptions): TunnelResult<Uint8Array> {
  const prepared = prepareInner(GRE_LAYER, inner, options);
  if (!prepared.ok) return prepared;
  return buildOuter(GRE_LAYER, prepared.value, IpProtocol.GRE, LAB_GRE_HEADER, options);
}

/**
 * Strips the outer header and the GRE header. Like IP in IP, the inner TTL is
 * left as it is (RFC 2003 §3.1): RFC 1702's "decrement on
 * decapsulation" is the normal forwarding decrement the decapsulator applies
 * when it then forwards the datagram (e.g. a foreign agent delivering to the
 * mobile node), so it is not done twice here.
 */
export function decapsulateGre(datagram: Uint8Array): TunnelResult<Decapsulated & { readonly gre: GrePacket }> {
  const outer = openOuter(GRE_LAYER, datagram, IpProtocol.GRE);
  if (!outer.ok) return outer;
  const at = IPV4_MIN_HEADER + outer.value.options.length;
  const parsed = parseGre(outer.value.payload);
  if (!parsed.ok) return { ok: false, error: { kind: 'malformed', ...parsed.error, offset: at + parsed.error.offset } };
  const g = parsed.value;
  if (g.checksumPresent && g.checksumValid !== true) return tunnelFail('bad-checksum', GRE_LAYER, 'Checksum', at + 4, 'the GRE checksum is wrong (RFC 1701 §2)');
  if (g.version !== 0) return tunnelFail('unsupported', GRE_LAYER, 'Version', at + 1, `GRE version ${g.version}; only 0 is defined (RFC 1701)`);
  if (g.routing !== undefined) return tunnelFail('unsupported', GRE_LAYER, 'R', at, 'GRE source routing is not implemented by the lab');
  if (g.protocolType !== GRE_PROTOCOL_IPV4) return tunnelFail('unsupported', GRE_LAYER, 'Protocol Type', at + 2, `Protocol Type ${hex(g.protocolType, 4)}: the lab carries only IPv4 (0x0800)`);
  const innerOffset = at + greHeaderLength(g);
  const innerDatagram = acceptInner(GRE_LAYER, g.payload, innerOffset);
  if (!innerDatagram.ok) return innerDatagram;
  return { ok: true, value: { outer: outer.value, inner: g.payload, innerDatagram: innerDatagram.value, gre: g } };
}

/**
 * For the packet walker: given a protocol-47 datagram at `offset`, the outer
 * header and GRE header as one tunnel node, and where the payload starts.
 */
export function dissectGreTunnel(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<TunnelDissection> {
  const ip = dissectIpv4(bytes, offset, end);
  if (!ip.ok) return ip;
  if (bytes[offset + 9] !== IpProtocol.GRE) return fail(GRE_LAYER, 'Protocol', offset + 9, `protocol ${bytes[offset + 9]}, expected 47 (GRE)`);
  const at = offset + ip.value.length;
  const innerEnd = offset + getU16(bytes, offset + 2);
  const gre = parseGre(bytes, at, innerEnd);
  if (!gre.ok) return gre;
  const greNode = dissectGre(bytes, at, innerEnd);
  if (!greNode.ok) return greNode;
  const innerOffset = at + greNode.value.length;
  return ok({
    node: group('GRE tunnel', offset, innerOffset - offset, ip.value.value, [ip.value, greNode.value], { ref: 'RFC 1702; RFC 1701 §2' }),
    innerOffset,
    innerEnd,
    inner: gre.value.protocolType === GRE_PROTOCOL_IPV4 ? { kind: 'ipv4' } : { kind: 'other', protocolType: gre.value.protocolType },
  });
}
