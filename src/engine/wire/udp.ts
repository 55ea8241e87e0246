// UDP header + payload (RFC 768; layout and checksum rule as redrawn in
// RFC 768).
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-------------------------------+-------------------------------+
// |          Source Port          |       Destination Port        |
// +-------------------------------+-------------------------------+
// |            Length             |           Checksum            |
// +-------------------------------+-------------------------------+
// |                          payload ...
//
// The checksum covers a pseudo-header made of the *enclosing IPv4* addresses,
// so a UDP codec only exists bound to a pair of addresses: `udpCodec(src, dst)`.
// The repr is header + payload, as for IPv4: Length bounds the payload.

import { addressToU32, type Ipv4Address } from './address';
import { checksumIsValid, internetChecksum, pseudoHeaderSum } from './checksum';
import type { Codec } from './codec';
import { Reader, getU16, putU16 } from './cursor';
import { field, group, hex, type FieldNode } from './dissection';
import { IpProtocol } from './ipv4';
import { EncodeError, fail, ok, type WireResult } from './result';

export const UDP_LAYER = 'UDP';
export const UDP_HEADER_LENGTH = 8;
/** Mobile IP control messages and all RO messages (docs/protocol-notes.md §Numbers registry; RFC 2002 §1.9, OC-07). */
export const MOBILE_IP_PORT = 434;

/** Field table (offset, length, name): drives the dissection and documents the layout. */
export const UDP_FIELDS = [
  { offset: 0, length: 2, name: 'Source Port' },
  { offset: 2, length: 2, name: 'Destination Port' },
  { offset: 4, length: 2, name: 'Length' },
  { offset: 6, length: 2, name: 'Checksum' },
] as const;

/** The addresses of the enclosing IPv4 header that the checksum's pseudo-header needs. */
export interface PseudoHeaderAddresses {
  readonly source: Ipv4Address;
  readonly destination: Ipv4Address;
}

export interface UdpDatagram {
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly payload: Uint8Array;
  /**
   * Filled in by `parse`. False only when a non-zero checksum fails to verify:
   * a bad checksum is not a parse error — the protocol layer silently discards
   * the message with this as the logged reason (RFC 2002 §3.1).
   * `emit` always writes a correct checksum.
   */
  readonly checksumValid?: boolean;
  /**
   * Filled in by `parse`: the Checksum field was 0, which RFC 768 reads as
   * "no checksum sent" (nothing to verify, so `checksumValid` is true). ro98
   * always sends one; whether to accept such a message is the MSA's policy
   * (RFC 2002 §3.1, RFC 3344 §3.1), hence a flag and not an error.
   */
  readonly checksumAbsent?: boolean;
}

export function udpLength(d: UdpDatagram): number {
  return UDP_HEADER_LENGTH + d.payload.length;
}

/** Pseudo-header sum (RFC 768): source, destination, 0, protocol 17, UDP Length. */
function pseudoSum(pseudo: PseudoHeaderAddresses, udpLengthField: number): number {
  return pseudoHeaderSum(addressToU32(pseudo.source), addressToU32(pseudo.destination), IpProtocol.UDP, udpLengthField);
}

/** The checksum a sender stores for the UDP datagram at [start, end) (checksum field already 0). */
export function udpChecksum(bytes: Uint8Array, start: number, end: number, pseudo: PseudoHeaderAddresses): number {
  const computed = internetChecksum(bytes, start, end, pseudoSum(pseudo, end - start));
  return computed === 0 ? 0xffff : computed; // RFC 768: a computed 0x0000 is transmitted as 0xFFFF (0 means "none sent")
}

/**
 * Writes the datagram with a checksum over the pseudo-header whose sum for a
 * given UDP Length `pseudoSumOf` gives: the IPv4 one here, the IPv6 one in
 * ipv6/udp6.ts — the header and the rest of the rule are the same (RFC 768).
 */
export function emitUdpWith(d: UdpDatagram, buf: Uint8Array, offset: number, pseudoSumOf: (udpLength: number) => number): number {
  const total = udpLength(d);
  if (total > 0xffff) throw new EncodeError(UDP_LAYER, `datagram of ${total} octets does not fit the 16-bit Length`);
  if (offset + total > buf.length) throw new EncodeError(UDP_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  putU16(buf, offset, d.sourcePort);
  putU16(buf, offset + 2, d.destinationPort);
  putU16(buf, offset + 4, total);
  putU16(buf, offset + 6, 0);
  buf.set(d.payload, offset + UDP_HEADER_LENGTH);
  const computed = internetChecksum(buf, offset, offset + total, pseudoSumOf(total));
  putU16(buf, offset + 6, computed === 0 ? 0xffff : computed); // RFC 768: a computed 0x0000 is transmitted as 0xFFFF
  return total;
}

export function emitUdp(d: UdpDatagram, buf: Uint8Array, offset: number, pseudo: PseudoHeaderAddresses): number {
  // ro98 always sends a real checksum (RFC 2002 §3.1), whatever `checksumAbsent` says.
  return emitUdpWith(d, buf, offset, (length) => pseudoSum(pseudo, length));
}

/**
 * Parses the datagram, checking its checksum over the pseudo-header `pseudoSumOf` gives.
 * `zeroChecksum`: what a stored 0 means — "none sent" (IPv4, RFC 768), or an error with this reason (IPv6).
 */
export function parseUdpWith(bytes: Uint8Array, offset: number, end: number, pseudoSumOf: (udpLength: number) => number, zeroChecksum: 'none sent' | { readonly refused: string }): WireResult<UdpDatagram> {
  const r = new Reader(bytes, UDP_LAYER, offset, end);
  if (!r.has(UDP_HEADER_LENGTH)) return r.short('header', UDP_HEADER_LENGTH);
  const sourcePort = r.u16();
  const destinationPort = r.u16();
  const length = r.u16();
  if (length < UDP_HEADER_LENGTH) return fail(UDP_LAYER, 'Length', offset + 4, `${length} is shorter than the 8-octet header`);
  if (length > end - offset) return fail(UDP_LAYER, 'Length', offset + 4, `${length} exceeds the ${end - offset} octets available`);
  const stored = r.u16();
  if (stored === 0 && zeroChecksum !== 'none sent') return fail(UDP_LAYER, 'Checksum', offset + 6, zeroChecksum.refused);
  const payload = r.take(length - UDP_HEADER_LENGTH);
  // Octets after Length (up to `end`) are not part of the datagram: ignored, as RFC 768 receivers do.
  const checksumValid = checksumIsValid(bytes, offset, offset + length, pseudoSumOf(length));
  if (zeroChecksum !== 'none sent') return ok({ sourcePort, destinationPort, payload, checksumValid });
  const checksumAbsent = stored === 0;
  return ok({ sourcePort, destinationPort, payload, checksumValid: checksumAbsent || checksumValid, checksumAbsent });
}

export function parseUdp(bytes: Uint8Array, offset: number, end: number, pseudo: PseudoHeaderAddresses): WireResult<UdpDatagram> {
  return parseUdpWith(bytes, offset, end, (length) => pseudoSum(pseudo, length), 'none sent');
}

function portText(port: number): string {
  return port === MOBILE_IP_PORT ? `${port} (Mobile IP)` : String(port);
}

/** Dissects the header only (8 octets); the payload is left to the caller (packet.ts walks the layers). */
export function dissectUdp(bytes: Uint8Array, offset: number, end: number, pseudo: PseudoHeaderAddresses): WireResult<FieldNode> {
  const parsed = parseUdp(bytes, offset, end, pseudo);
  if (!parsed.ok) return parsed;
  const d = parsed.value;
  const stored = getU16(bytes, offset + 6);
  const length = UDP_HEADER_LENGTH + d.payload.length;
  let checksumText: string;
  let checksumExtra: Partial<FieldNode> = {};
  if (d.checksumAbsent) {
    checksumText = '0x0000 [none sent]';
    checksumExtra = { warning: 'no checksum sent: ro98 always sends one; accepting it is the policy of the receiver (RFC 2002 §3.1)' };
  } else if (d.checksumValid) {
    checksumText = `${hex(stored, 4)} [correct]`;
  } else {
    checksumText = `${hex(stored, 4)} [incorrect]`;
    checksumExtra = { warning: 'bad UDP checksum: a Mobile IP node silently discards this message (RFC 2002 §3.1)' };
  }
  const children: FieldNode[] = [
    field('Source Port', offset, 2, portText(d.sourcePort)),
    field('Destination Port', offset + 2, 2, portText(d.destinationPort)),
    field('Length', offset + 4, 2, `${length} octets (8 header + ${d.payload.length} payload)`),
    field('Checksum', offset + 6, 2, checksumText, { ref: 'RFC 768', ...checksumExtra }),
  ];
  const extra: Partial<FieldNode> = { ref: 'RFC 768; RFC 768' };
  if (end - offset > length) Object.assign(extra, { warning: `${end - offset - length} octets after the UDP Length are ignored` });
  return ok(group('User Datagram Protocol', offset, UDP_HEADER_LENGTH, `${portText(d.sourcePort)} → ${portText(d.destinationPort)}, ${d.payload.length} octets of payload`, children, extra));
}

/** A UDP codec bound to the enclosing IPv4 addresses (the checksum's pseudo-header). */
export function udpCodec(source: Ipv4Address, destination: Ipv4Address): Codec<UdpDatagram> {
  const pseudo: PseudoHeaderAddresses = { source, destination };
  return {
    layer: UDP_LAYER,
    parse: (bytes, offset = 0, end = bytes.length) => parseUdp(bytes, offset, end, pseudo),
    length: udpLength,
    emit: (d, buf, offset = 0) => emitUdp(d, buf, offset, pseudo),
    dissect: (bytes, offset = 0, end = bytes.length) => dissectUdp(bytes, offset, end, pseudo),
  };
}

/** Builds a datagram repr (the parse-only flags left out). */
export function udp(sourcePort: number, destinationPort: number, payload: Uint8Array): UdpDatagram {
  return { sourcePort, destinationPort, payload };
}
