import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../test-support/laws';
import { formatIpv6 } from './ipv6-address';
import { NextHeader, ipv6Header, ipv6HeaderCodec, nextHeaderName, parseIpv6Header, type Ipv6Header } from './ipv6-header';

// Assembled by hand from the diagram of RFC 8200 §3:
// Version 6 | Traffic Class 0xab | Flow Label 0x12345 → 0110 1010 1011 0001 0010 0011 0100 0101 = 6a b1 23 45,
// Payload Length 32, Next Header 17 (UDP), Hop Limit 64,
// source 2001:db8:2::10, destination 2001:db8:100::5.
const HEADER = hexToBytes(`
  6a b1 23 45  00 20 11 40
  20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 10
  20 01 0d b8 01 00 00 00 00 00 00 00 00 00 00 05`);

const REPR: Ipv6Header = {
  trafficClass: 0xab,
  flowLabel: 0x12345,
  payloadLength: 32,
  nextHeader: NextHeader.UDP,
  hopLimit: 64,
  source: '2001:db8:2::10',
  destination: '2001:db8:100::5',
};

describe('IPv6 fixed header (RFC 8200 §3)', () => {
  it('encodes and decodes the hand-assembled header byte for byte', () => {
    expectGolden(ipv6HeaderCodec, REPR, HEADER);
  });

  it('fills defaults (no traffic class or flow label, Hop Limit 64)', () => {
    expect(ipv6Header({ source: '::1', destination: '::2', nextHeader: 59, payloadLength: 0 })).toEqual({ trafficClass: 0, flowLabel: 0, hopLimit: 64, source: '::1', destination: '::2', nextHeader: 59, payloadLength: 0 });
  });

  it('refuses another version, naming the field', () => {
    const v4 = HEADER.slice();
    v4[0] = 0x45;
    expect(parseIpv6Header(v4)).toEqual({ ok: false, error: { layer: 'IPv6', field: 'Version', offset: 0, reason: 'version 4, expected 6' } });
  });

  it('dissects every field with its value, and warns when the Payload Length exceeds what was captured', () => {
    const d = ipv6HeaderCodec.dissect(HEADER);
    expect(d.ok && d.value.children?.map((c) => [c.name, c.value])).toEqual([
      ['Version', '6'],
      ['Traffic Class', '0xab'],
      ['Flow Label', '0x12345'],
      ['Payload Length', '32 octets'],
      ['Next Header', '17 (UDP)'],
      ['Hop Limit', '64'],
      ['Source Address', '2001:db8:2::10'],
      ['Destination Address', '2001:db8:100::5'],
    ]);
    expect(d.ok && d.value.children?.find((c) => c.name === 'Payload Length')?.warning).toMatch(/exceeds the 0 octets captured/);
  });

  it('names the next headers of the lab', () => {
    expect([0, 17, 41, 43, 44, 51, 58, 59, 60, 135].map(nextHeaderName)).toEqual([
      'Hop-by-Hop Options', 'UDP', 'IPv6', 'Routing', 'Fragment', 'AH', 'ICMPv6', 'No Next Header', 'Destination Options', 'Mobility Header',
    ]);
    expect(nextHeaderName(200)).toBe('unknown(200)');
  });

  const arbAddress = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => formatIpv6(b));
  const arbHeader: fc.Arbitrary<Ipv6Header> = fc.record({
    trafficClass: fc.integer({ min: 0, max: 0xff }),
    flowLabel: fc.integer({ min: 0, max: 0xfffff }),
    payloadLength: fc.integer({ min: 0, max: 0xffff }),
    nextHeader: fc.integer({ min: 0, max: 0xff }),
    hopLimit: fc.integer({ min: 0, max: 0xff }),
    source: arbAddress,
    destination: arbAddress,
  });

  it('round-trips any header', () => {
    checkRoundTrip(ipv6HeaderCodec, arbHeader);
  });

  it('returns a typed error for every truncation', () => {
    checkEveryTruncation(ipv6HeaderCodec, HEADER, true);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(ipv6HeaderCodec, [HEADER]);
  });
});
