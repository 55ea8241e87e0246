// The AH Integrity Check Value of a captured IPv6 packet, recomputed without
// the lab's normaliser: the header offsets come from tshark's dissection
// (raw field offsets), HMAC-MD5 from Node's crypto (RFC 2104, RFC 2403), and
// the normalisation is written out again from RFC 4302 §3.3.3.1 and RFC 6275
// §6.3, §6.4 — the packet as its final receiver sees it:
//  - Traffic Class, Flow Label and Hop Limit zeroed (mutable, §3.3.3.1.2.1);
//  - the data of an option whose type has the change bit (0x20) zeroed;
//  - with a Home Address option: the home address in the Source Address,
//    the care-of address in the option (RFC 6275 §6.3);
//  - with a type 2 Routing header: the home address in the Destination
//    Address, the care-of address in the header, Segments Left 0 (§6.4);
//  - the ICV field zeroed.

import { createHmac } from 'node:crypto';
import type { TsharkFrame, TsharkRawValue } from './tshark';

const IPV6_HEADER = 40;
const HOME_ADDRESS_OPTION = 0xc9;
const CHANGE_BIT = 0x20;

function swap16(b: Uint8Array, x: number, y: number): void {
  for (let i = 0; i < 16; i++) [b[x + i], b[y + i]] = [b[y + i]!, b[x + i]!];
}

const within = (r: readonly TsharkRawValue[] | undefined, from: number, to: number): TsharkRawValue[] => (r ?? []).filter((v) => v.offset >= from && v.offset < to);

/** What is wrong with each AH of the frame under the keys given by SPI, or [] when every ICV verifies. */
export function ahIcvProblems(frame: TsharkFrame, frameBytes: Uint8Array, keyFor: (spi: number) => Uint8Array | undefined): string[] {
  const spis = frame.raw['ah.spi'] ?? [];
  const headers = (frame.raw['ipv6.src'] ?? []).map((s) => s.offset - 8); // Source Address is at octet 8 of the fixed header
  const problems: string[] = [];
  for (const spiRaw of spis) {
    const ah = spiRaw.offset - 4;
    const spi = parseInt(spiRaw.hex, 16);
    const key = keyFor(spi);
    if (key === undefined) {
      problems.push(`AH at ${ah}: no key for SPI ${spi}`);
      continue;
    }
    const start = Math.max(...headers.filter((h) => h < ah));
    if (!Number.isFinite(start)) {
      problems.push(`AH at ${ah}: no IPv6 header before it`);
      continue;
    }
    const end = start + IPV6_HEADER + ((frameBytes[start + 4]! << 8) | frameBytes[start + 5]!);
    const p = frameBytes.slice(start, end);
    p[0] = 0x60; // version 6, Traffic Class and Flow Label 0
    p[1] = 0;
    p[2] = 0;
    p[3] = 0;
    p[7] = 0; // Hop Limit
    for (const opt of within(frame.raw['ipv6.opt'], start, ah)) {
      const type = parseInt(opt.hex.slice(0, 2), 16);
      const at = opt.offset - start;
      if ((type & CHANGE_BIT) !== 0) p.fill(0, at + 2, at + opt.length);
      if (type === HOME_ADDRESS_OPTION) swap16(p, 8, at + 2);
    }
    for (const home of within(frame.raw['ipv6.routing.mipv6.home_address'], start, ah)) swap16(p, 24, home.offset - start);
    for (const left of within(frame.raw['ipv6.routing.segleft'], start, ah)) p[left.offset - start] = 0;
    const ahLength = (p[ah - start + 1]! + 2) * 4;
    const icv = frameBytes.slice(ah + 12, ah + ahLength);
    p.fill(0, ah - start + 12, ah - start + ahLength);
    const computed = createHmac('md5', key).update(p).digest().subarray(0, 12);
    if (Buffer.compare(computed, Buffer.from(icv)) !== 0) {
      problems.push(`AH at ${ah} (SPI ${spi}): ICV ${Buffer.from(icv).toString('hex')} ≠ HMAC-MD5-96 ${computed.toString('hex')}`);
    }
  }
  return problems;
}
