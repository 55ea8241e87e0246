// What the tunnel tests (ip-in-ip, minimal-encapsulation, gre) share: the
// addresses of the docs/protocol-notes.md §Test vectors scenario, its inner datagram (a UDP
// "ping" from the correspondent to the mobile node), and a helper to turn a
// datagram record into bytes. Golden bytes assembled by hand from the spec.

import fc from 'fast-check';
import { u32ToAddress } from '../address';
import { encode } from '../codec';
import { ipv4, ipv4Codec, type Ipv4Datagram } from '../ipv4';
import { hexToBytes } from './laws';

export const HA = '10.1.0.1';
export const COA = '192.168.2.1';
export const CN = '198.51.100.5';
export const MN = '10.1.0.10';

/**
 * docs/protocol-notes.md §Test vectors: the inner datagram after the HA's forwarding decrement
 * (TTL 63, checksum 0x0748): what every tunnel carries from the HA.
 */
export const INNER_AT_HA_EXIT = hexToBytes('45 00 00 20 00 42 40 00 3f 11 07 48 c6 33 64 05 0a 01 00 0a 13 88 00 07 00 0c d9 32 70 69 6e 67');

/**
 * The same datagram as the CN sent it, one hop earlier: TTL 64. TTL is the
 * high octet of the word at offset 8, so one more TTL adds 0x0100 to the sum
 * and takes 0x0100 off the checksum: 0x0748 → 0x0648.
 */
export const AS_SENT_BY_CN = hexToBytes('45 00 00 20 00 42 40 00 40 11 06 48 c6 33 64 05 0a 01 00 0a 13 88 00 07 00 0c d9 32 70 69 6e 67');

/**
 * docs/protocol-notes.md §Test vectors: the IP-in-IP outer header the HA puts in front of
 * INNER_AT_HA_EXIT (HA → CoA, TOS 0 copied, ID 0x1234, DF copied, TTL 64,
 * protocol 4, checksum 0x5be7).
 */
export const IPIP_OUTER_AT_HA = hexToBytes('45 00 00 34 12 34 40 00 40 04 5b e7 0a 01 00 01 c0 a8 02 01');

/** A datagram record as bytes (header checksum and Total Length computed by the encoder). */
export function bytesOf(d: Ipv4Datagram): Uint8Array {
  return encode(ipv4Codec, d);
}

/**
 * Any option-less datagram a tunnel entry might be handed: the round-trip
 * properties encapsulate and decapsulate these (TTL at least 2, so a
 * forwarding decrement never leaves it at 0).
 */
export const arbTunnelledDatagram: fc.Arbitrary<Ipv4Datagram> = fc.record({
  source: fc.nat().map((n) => u32ToAddress(n >>> 0)),
  destination: fc.nat().map((n) => u32ToAddress(n >>> 0)),
  protocol: fc.integer({ min: 0, max: 255 }),
  tos: fc.integer({ min: 0, max: 255 }),
  ttl: fc.integer({ min: 2, max: 255 }),
  dontFragment: fc.boolean(),
  identification: fc.integer({ min: 0, max: 0xffff }),
  payload: fc.uint8Array({ maxLength: 100 }),
}).map((f) => ipv4(f));
