// UDP over IPv6 (RFC 768 header; RFC 8200 §8.1 checksum rules).
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-------------------------------+-------------------------------+
// |          Source Port          |       Destination Port        |
// +-------------------------------+-------------------------------+
// |            Length             |           Checksum            |
// +-------------------------------+-------------------------------+
//
// The header is the one of udp.ts (same repr, same builder); what changes is
// the checksum: it covers the IPv6 pseudo-header (source, destination — the
// *final* ones, RFC 6275 §6.1.1 — upper-layer length, next header 17) and it
// is mandatory: a received zero checksum is an error, not "none sent"
// (RFC 8200 §8.1).

import { internetChecksum } from '../checksum';
import type { Codec } from '../codec';
import { getU16 } from '../cursor';
import { field, group, hex, type FieldNode } from '../dissection';
import { ok, type WireResult } from '../result';
import { UDP_HEADER_LENGTH, UDP_LAYER, emitUdpWith, parseUdpWith, type UdpDatagram } from '../udp';
import { ipv6PseudoHeaderSum } from './ipv6-address';
import { NextHeader } from './ipv6-header';
import type { PseudoHeaderAddresses6 } from './ipv6-packet';

export { udp } from '../udp';
export type { UdpDatagram } from '../udp';

export function udp6Length(d: UdpDatagram): number {
  return UDP_HEADER_LENGTH + d.payload.length;
}

function pseudoSum(pseudo: PseudoHeaderAddresses6, length: number): number {
  return ipv6PseudoHeaderSum(pseudo.source, pseudo.destination, length, NextHeader.UDP);
}

/** The checksum a sender stores for the datagram at [start, end) (checksum field already 0); never 0 (RFC 8200 §8.1). */
export function udp6Checksum(bytes: Uint8Array, start: number, end: number, pseudo: PseudoHeaderAddresses6): number {
  const computed = internetChecksum(bytes, start, end, pseudoSum(pseudo, end - start));
  return computed === 0 ? 0xffff : computed;
}

export function emitUdp6(d: UdpDatagram, buf: Uint8Array, offset: number, pseudo: PseudoHeaderAddresses6): number {
  return emitUdpWith(d, buf, offset, (length) => pseudoSum(pseudo, length));
}

/** The datagram's bytes, ready to be the upper layer of `buildIpv6Packet` (pass it as the `bytes` function). */
export function encodeUdp6(d: UdpDatagram, pseudo: PseudoHeaderAddresses6): Uint8Array {
  const out = new Uint8Array(udp6Length(d));
  emitUdp6(d, out, 0, pseudo);
  return out;
}

export function parseUdp6(bytes: Uint8Array, offset: number, end: number, pseudo: PseudoHeaderAddresses6): WireResult<UdpDatagram> {
  return parseUdpWith(bytes, offset, end, (length) => pseudoSum(pseudo, length), { refused: 'zero: over IPv6 the UDP checksum is mandatory, so the datagram is discarded (RFC 8200 §8.1)' });
}

export function dissectUdp6(bytes: Uint8Array, offset: number, end: number, pseudo: PseudoHeaderAddresses6): WireResult<FieldNode> {
  const parsed = parseUdp6(bytes, offset, end, pseudo);
  if (!parsed.ok) return parsed;
  const d = parsed.value;
  const stored = getU16(bytes, offset + 6);
  const length = UDP_HEADER_LENGTH + d.payload.length;
  const children: FieldNode[] = [
    field('Source Port', offset, 2, d.sourcePort),
    field('Destination Port', offset + 2, 2, d.destinationPort),
    field('Length', offset + 4, 2, `${length} octets (8 header + ${d.payload.length} payload)`),
    field('Checksum', offset + 6, 2, `${hex(stored, 4)} [${d.checksumValid ? 'correct' : 'incorrect'}]`, {
      ref: 'RFC 8200 §8.1',
      ...(d.checksumValid ? {} : { warning: `bad UDP checksum over the pseudo-header ${pseudo.source} → ${pseudo.destination}: the receiver discards it` }),
    }),
  ];
  const extra: Partial<FieldNode> = { ref: 'RFC 768; RFC 8200 §8.1' };
  if (end - offset > length) Object.assign(extra, { warning: `${end - offset - length} octets after the UDP Length are ignored` });
  return ok(group('User Datagram Protocol', offset, UDP_HEADER_LENGTH, `${d.sourcePort} → ${d.destinationPort}, ${d.payload.length} octets of payload`, children, extra));
}

/** A UDP codec bound to the final IPv6 addresses of its packet (the checksum's pseudo-header). */
export function udp6Codec(pseudo: PseudoHeaderAddresses6): Codec<UdpDatagram> {
  return {
    layer: UDP_LAYER,
    parse: (bytes, offset = 0, end = bytes.length) => parseUdp6(bytes, offset, end, pseudo),
    length: udp6Length,
    emit: (d, buf, offset = 0) => emitUdp6(d, buf, offset, pseudo),
    dissect: (bytes, offset = 0, end = bytes.length) => dissectUdp6(bytes, offset, end, pseudo),
  };
}
