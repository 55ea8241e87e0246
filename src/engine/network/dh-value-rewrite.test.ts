// The on-path rewrite of a foreign agent's Diffie-Hellman value (OC-49):
// checked on a datagram assembled by hand from the layouts of RFC 791 §3.1
// (IPv4), RFC 768 (UDP), RFC 2002 §3.4 (Registration Reply) and regkey-00
// §5.5 (124: Type, 16-bit Length, SPI, g^y), with the UDP checksum verified
// by a ones'-complement sum written out here.

import { describe, expect, it } from 'vitest';
import { rewriteDhValue } from './dh-value-rewrite';

const L = 96; // the 768-bit group's values (RFC 2409 §6.1)

function handAssembled(withDh: boolean): Uint8Array {
  const reply = [
    3, 0, 0x01, 0x2c, // Type 3 (Reply), Code 0, Lifetime 300
    10, 1, 0, 10, 10, 1, 0, 1, // home address 10.1.0.10, home agent 10.1.0.1
    0xb8, 0x55, 0x5b, 0x00, 0x00, 0x41, 0x96, 0x64, // Identification
    ...(withDh ? [124, 0, 4 + L, 0x25, 0x59, 0x32, 0x23, ...new Array<number>(L).fill(0x11)] : []), // 124, Length 100, SPI 626602531, g^y
  ];
  const udpLength = 8 + reply.length;
  const total = 20 + udpLength;
  return Uint8Array.from([
    0x45, 0, total >> 8, total & 0xff, 0, 1, 0, 0, 64, 17, 0, 0, 192, 168, 2, 1, 10, 1, 0, 10, // IPv4, protocol 17
    0x01, 0xb2, 0x01, 0xb2, udpLength >> 8, udpLength & 0xff, 0, 0, // UDP 434 → 434, checksum left 0 (none) here
    ...reply,
  ]);
}

/** RFC 768: the ones'-complement sum of pseudo-header and datagram is 0xFFFF when the checksum is right. */
function udpSumFolds(d: Uint8Array): boolean {
  const udp = d.subarray(20);
  let sum = 0;
  const add = (hi: number, lo: number) => { sum += (hi << 8) | lo; };
  for (let i = 12; i < 20; i += 2) add(d[i]!, d[i + 1]!);
  add(0, 17);
  add(udp.length >> 8, udp.length & 0xff);
  for (let i = 0; i < udp.length; i += 2) add(udp[i]!, udp[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  return sum === 0xffff;
}

describe('replacing the foreign agent\'s g^y in a Registration Reply in flight', () => {
  it('swaps exactly the value octets for g^m mod p, keeps every other octet and leaves a UDP checksum that verifies', () => {
    const before = handAssembled(true);
    const r = rewriteDhValue(before, '05');
    expect(r).not.toBeNull();
    const valueStart = 20 + 8 + 20 + 7;
    const expected = 32n; // g^m = 2^5
    const value = r!.payload.subarray(valueStart, valueStart + L);
    expect(value.subarray(0, L - 1).every((b) => b === 0)).toBe(true);
    expect(BigInt(value[L - 1]!)).toBe(expected);
    for (let i = 0; i < before.length; i++) {
      if ((i >= valueStart && i < valueStart + L) || i === 26 || i === 27) continue; // the value and the UDP checksum
      expect(r!.payload[i], `octet ${i}`).toBe(before[i]);
    }
    expect(udpSumFolds(r!.payload)).toBe(true);
    expect(r!.spi).toBe(626602531);
    expect(r!.group.name).toBe('modp-768');
  });

  it('leaves a Reply without 124, and anything that is not a Mobile IP Reply, alone', () => {
    expect(rewriteDhValue(handAssembled(false), '05')).toBeNull();
    const notMip = handAssembled(true);
    notMip[21] = 0x35; // source port 53, destination port 53: not Mobile IP
    notMip[23] = 0x35;
    expect(rewriteDhValue(notMip, '05')).toBeNull();
  });
});
