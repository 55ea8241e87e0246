import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, okValue } from '../test-support/laws';
import { formatIpv6 } from './ipv6-address';
import { NextHeader } from './ipv6-header';
import { MAX_EXTENSION_HEADERS, buildIpv6Packet, parseIpv6Packet } from './ipv6-packet';
import { encodeUdp6, udp } from './udp6';

const COA = '2001:db8:2::10'; // the sender's care-of address
const HOME = '2001:db8:1::10'; // its home address (Home Address option)
const PEER_COA = '2001:db8:3::20'; // the receiver's care-of address
const PEER_HOME = '2001:db8:1::20'; // its home address (type 2 Routing header)
const PING = new TextEncoder().encode('ping');

// The UDP checksum, summed by hand over the pseudo-header of the *final* addresses (RFC 6275 §6.1.1,
// RFC 8200 §8.1): source HOME, destination PEER_HOME, upper-layer length 12, next header 17; then
// the UDP words 1388 0007 000c 0000 7069 6e67.
const WORDS = [
  0x2001, 0x0db8, 0x0001, 0, 0, 0, 0, 0x0010, // 2001:db8:1::10
  0x2001, 0x0db8, 0x0001, 0, 0, 0, 0, 0x0020, // 2001:db8:1::20
  0x0000, 0x000c, 0x0000, 0x0011, // length (32 bits), zero, next header
  0x1388, 0x0007, 0x000c, 0x0000, 0x7069, 0x6e67, // UDP with the checksum field at 0
];
let sum = WORDS.reduce((a, b) => a + b, 0);
while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
const CHECKSUM = ~sum & 0xffff;

// IPv6 | Routing type 2 | Destination Options (HAO) | UDP, assembled by hand (RFC 8200 §3, §4.1;
// RFC 6275 §6.3, §6.4): Payload Length 24 + 24 + 12 = 60 (0x3c), Next Header 43, Hop Limit 64.
const FULL = hexToBytes(`
  60 00 00 00 00 3c 2b 40
  20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 10
  20 01 0d b8 00 03 00 00 00 00 00 00 00 00 00 20
  3c 02 02 01 00 00 00 00
  20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 20
  11 02 01 02 00 00 c9 10
  20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 10
  13 88 00 07 00 0c b1 d2 70 69 6e 67`);

// IPv6 (Traffic Class 0xab, Flow Label 0xcde: 6 a b 0 0 c d e) | Destination Options (HAO) | AH | no next header. AH: Next Header 59, Payload Len 4 (24 octets),
// Reserved 0, SPI 256, Sequence 1, ICV 12 × 0x11 (what the test's ICV function returns).
const WITH_AH = hexToBytes(`
  6a b0 0c de 00 30 3c 40
  20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 10
  20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 01
  33 02 01 02 00 00 c9 10
  20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 10
  3b 04 00 00 00 00 01 00 00 00 00 01
  11 11 11 11 11 11 11 11 11 11 11 11`);
// What the ICV covers (RFC 4302 §3.3.3.1.2; RFC 6275 §6.3): Traffic Class, Flow Label and Hop Limit
// zero; the home address in the source field, the care-of address in the option; the ICV zero.
const WITH_AH_NORMALIZED = hexToBytes(`
  60 00 00 00 00 30 3c 00
  20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 10
  20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 01
  33 02 01 02 00 00 c9 10
  20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 10
  3b 04 00 00 00 00 01 00 00 00 00 01
  00 00 00 00 00 00 00 00 00 00 00 00`);

describe('IPv6 packet builder and parser', () => {
  it('computes the hand-summed UDP checksum 0xb1d2 over the final addresses', () => {
    expect(CHECKSUM).toBe(0xb1d2);
  });

  it('builds IPv6, RH2, DestOpt(HAO), UDP byte for byte, the checksum over the home addresses', () => {
    const seen: unknown[] = [];
    const bytes = buildIpv6Packet({
      source: COA, destination: PEER_COA, hopLimit: 64,
      routingHeader2: { homeAddress: PEER_HOME }, homeAddressOption: HOME,
      upper: { nextHeader: NextHeader.UDP, bytes: (pseudo) => { seen.push(pseudo); return encodeUdp6(udp(5000, 7, PING), pseudo); } },
    });
    expect(seen).toEqual([{ source: HOME, destination: PEER_HOME }]);
    expect(bytesToHex(bytes)).toBe(bytesToHex(FULL));
  });

  it('parses it: the chain, the final addresses and the upper layer', () => {
    const p = okValue(parseIpv6Packet(FULL));
    expect(p.header).toMatchObject({ source: COA, destination: PEER_COA, nextHeader: 43, payloadLength: 60 });
    expect(p.headerChain).toEqual([{ nextHeader: 43, offset: 40, length: 24 }, { nextHeader: 60, offset: 64, length: 24 }]);
    expect(p.routingHeader2).toEqual({ homeAddress: PEER_HOME, segmentsLeft: 1, offset: 40 });
    expect(p.homeAddressOption).toBe(HOME);
    expect(p.finalSource).toBe(HOME);
    expect(p.finalDestination).toBe(PEER_HOME);
    expect(p.upperNextHeader).toBe(17);
    expect(p.upperOffset).toBe(88);
    expect(bytesToHex(p.upperBytes)).toBe('13 88 00 07 00 0c b1 d2 70 69 6e 67');
    expect(p.authentication).toBeUndefined();
    expect(p.unrecognizedOptions).toEqual([]);
    expect(p.end).toBe(FULL.length);
  });

  it('builds AH after the Destination Options and hands the ICV function the normalised packet', () => {
    const normalized: Uint8Array[] = [];
    const bytes = buildIpv6Packet({
      source: COA, destination: '2001:db8:1::1', hopLimit: 64, trafficClass: 0xab, flowLabel: 0xcde,
      homeAddressOption: HOME,
      authentication: { spi: 256, sequence: 1, icv: (n) => { normalized.push(n); return new Uint8Array(12).fill(0x11); } },
      upper: { nextHeader: NextHeader.NONE, bytes: new Uint8Array(0) },
    });
    expect(bytesToHex(bytes)).toBe(bytesToHex(WITH_AH));
    expect(normalized.map(bytesToHex)).toEqual([bytesToHex(WITH_AH_NORMALIZED)]);
    const p = okValue(parseIpv6Packet(bytes));
    expect(p.authentication).toEqual({ spi: 256, sequence: 1, icv: new Uint8Array(12).fill(0x11), offset: 64 });
    expect(p.upperNextHeader).toBe(59);
    expect(p.headerChain.map((e) => e.nextHeader)).toEqual([60, 51]);
  });

  it('refuses an ICV that is not 12 octets', () => {
    expect(() => buildIpv6Packet({
      source: COA, destination: PEER_COA, hopLimit: 1,
      authentication: { spi: 256, sequence: 1, icv: () => new Uint8Array(16) },
      upper: { nextHeader: NextHeader.NONE, bytes: new Uint8Array(0) },
    })).toThrow(/12/);
  });

  it('refuses a fragment with the reason a learner reads', () => {
    // IPv6 (Next Header 44) | Fragment (Next Header 17, offset 0, M set, id 1) | 8 octets of data.
    const fragment = hexToBytes(`
      60 00 00 00 00 10 2c 40
      20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 10
      20 01 0d b8 00 03 00 00 00 00 00 00 00 00 00 20
      11 00 00 01 00 00 00 01  00 00 00 00 00 00 00 00`);
    const r = parseIpv6Packet(fragment);
    expect(r).toMatchObject({ ok: false, error: { layer: 'IPv6 packet', field: 'Fragment header', offset: 40 } });
    expect(!r.ok && r.error.reason).toMatch(/^fragments are not reassembled in the lab/);
  });

  it('skips an unknown routing type with Segments Left 0 and refuses one with segments left (RFC 8200 §4.4)', () => {
    const rh = (segmentsLeft: number) => hexToBytes(`
      60 00 00 00 00 08 2b 40
      20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 10
      20 01 0d b8 00 03 00 00 00 00 00 00 00 00 00 20
      3b 00 04 0${segmentsLeft} 00 00 00 00`);
    const skipped = okValue(parseIpv6Packet(rh(0)));
    expect(skipped.upperNextHeader).toBe(59);
    expect(skipped.routingHeader2).toBeUndefined();
    const refused = parseIpv6Packet(rh(1));
    expect(refused).toMatchObject({ ok: false, error: { field: 'Routing Type', offset: 42 } });
    expect(!refused.ok && refused.error.reason).toMatch(/Segments Left 1.*Parameter Problem code 0 \(RFC 8200 §4\.4\)/);
  });

  it('refuses Hop-by-Hop anywhere but first, a Payload Length beyond the capture, and a second Routing header', () => {
    // IPv6 → Destination Options (8 octets, Next Header 0) → Hop-by-Hop: out of place.
    const late = hexToBytes(`60 00 00 00 00 10 3c 40 ${'00 '.repeat(32)} 00 00 01 04 00 00 00 00  3b 00 01 04 00 00 00 00`);
    expect(parseIpv6Packet(late)).toMatchObject({ ok: false, error: { field: 'Next Header', offset: 40, reason: 'a Hop-by-Hop Options header may only follow the IPv6 header (RFC 8200 §4.3)' } });
    expect(parseIpv6Packet(FULL.subarray(0, 80))).toMatchObject({ ok: false, error: { field: 'Payload Length', offset: 4, reason: '60 exceeds the 40 octets after the header' } });
    // 17 Routing headers of type 4 with Segments Left 0 chained one after the other: the second is refused.
    const n = MAX_EXTENSION_HEADERS + 1;
    const chain = new Uint8Array(40 + 8 * n);
    chain.set(hexToBytes('60 00 00 00'), 0);
    chain[4] = (8 * n) >> 8;
    chain[5] = (8 * n) & 0xff;
    chain[6] = 43;
    for (let i = 0; i < n; i++) chain.set([i === n - 1 ? 59 : 43, 0, 4, 0], 40 + 8 * i);
    const second = parseIpv6Packet(chain);
    expect(second).toMatchObject({ ok: false, error: { reason: 'a second Routing header (RFC 8200 §4.1 allows one)' } });
  });

  it('reports unrecognised options with their action and absolute offset', () => {
    // Destination Options with option 0x9e (10: discard and report), one data octet.
    const p = hexToBytes(`60 00 00 00 00 08 3c 40 ${'00 '.repeat(32)} 3b 00 9e 01 ab 00 00 00`);
    expect(okValue(parseIpv6Packet(p)).unrecognizedOptions).toEqual([{ type: 0x9e, action: 'discard-and-report', offset: 42 }]);
  });

  it('never throws on random or mutated packets, and what parses has its upper layer inside the packet', () => {
    const check = (b: Uint8Array) => {
      const r = parseIpv6Packet(b);
      if (r.ok) {
        expect(r.value.upperOffset).toBeLessThanOrEqual(r.value.end);
        expect(r.value.end).toBeLessThanOrEqual(b.length);
        expect(r.value.headerChain.length).toBeLessThanOrEqual(MAX_EXTENSION_HEADERS);
      } else {
        expect(r.error.reason.length).toBeGreaterThan(0);
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => { if (b.length > 0) b[0] = 0x60 | (b[0]! & 0x0f); check(b); }), { numRuns: 1000 });
    const mutated = fc.tuple(fc.constantFrom(FULL, WITH_AH), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }))
      .map(([base, muts]) => { const b = base.slice(); for (const [pos, val] of muts) b[pos % b.length] = val; return b; });
    fc.assert(fc.property(mutated, check), { numRuns: 2000 });
  });

  it('round-trips: whatever the builder makes parses back to the spec it was built from', () => {
    const arbAddress = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => formatIpv6(b));
    fc.assert(fc.property(
      arbAddress, arbAddress, fc.option(arbAddress, { nil: undefined }), fc.option(arbAddress, { nil: undefined }),
      fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 64 }), fc.boolean(),
      (source, destination, hao, rh2, hopLimit, upper, withAh) => {
        const bytes = buildIpv6Packet({
          source, destination, hopLimit,
          ...(hao !== undefined ? { homeAddressOption: hao } : {}),
          ...(rh2 !== undefined ? { routingHeader2: { homeAddress: rh2 } } : {}),
          ...(withAh ? { authentication: { spi: 300, sequence: 7, icv: () => new Uint8Array(12).fill(7) } } : {}),
          upper: { nextHeader: 253, bytes: upper },
        });
        const p = okValue(parseIpv6Packet(bytes));
        expect(p.finalSource).toBe(hao ?? source);
        expect(p.finalDestination).toBe(rh2 ?? destination);
        expect(p.header.hopLimit).toBe(hopLimit);
        expect(p.upperNextHeader).toBe(253);
        expect(bytesToHex(p.upperBytes)).toBe(bytesToHex(upper));
        expect(p.authentication?.spi).toBe(withAh ? 300 : undefined);
        expect(p.headerChain.map((e) => e.nextHeader)).toEqual([...(rh2 ? [43] : []), ...(hao ? [60] : []), ...(withAh ? [51] : [])]);
      }), { numRuns: 300 });
  });

  it('returns a typed error for every truncation of the full packet', () => {
    for (let n = 0; n < FULL.length; n++) {
      const r = parseIpv6Packet(FULL.slice(0, n));
      expect(r.ok, `truncated to ${n}`).toBe(false);
      if (!r.ok) expect(r.error.offset).toBeLessThanOrEqual(n);
    }
  });
});
