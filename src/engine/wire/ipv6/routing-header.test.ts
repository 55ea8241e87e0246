import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../test-support/laws';
import { fragmentHeaderCodec, type FragmentHeader } from './fragment-header';
import { formatIpv6 } from './ipv6-address';
import { routingHeaderCodec, type2RoutingHeader, type RoutingHeader } from './routing-header';

// Assembled by hand from RFC 6275 §6.4: Next Header 135 (MH), Hdr Ext Len 2, Routing Type 2,
// Segments Left 1, Reserved 0 (4 octets), Home Address 2001:db8:1::10.
const RH2 = hexToBytes(`
  87 02 02 01 00 00 00 00
  20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 10`);

// RFC 8200 §4.4 generic layout: Next Header 59, Hdr Ext Len 1 (16 octets), Routing Type 4,
// Segments Left 0, 12 octets of type-specific data.
const OTHER = hexToBytes('3b 01 04 00 01 02 03 04 05 06 07 08 09 0a 0b 0c');

// RFC 8200 §4.5: Next Header 17, Reserved 0, Fragment Offset 23 (184 octets) with M set:
// 23 << 3 | 1 = 0x00b9, Identification 0x0000abcd.
const FRAGMENT = hexToBytes('11 00 00 b9 00 00 ab cd');

describe('Type 2 Routing header (RFC 6275 §6.4)', () => {
  it('encodes and decodes the hand-assembled header', () => {
    expectGolden(routingHeaderCodec, type2RoutingHeader(135, '2001:db8:1::10'), RH2);
  });

  it('refuses a type 2 header with Hdr Ext Len other than 2 or more than one segment', () => {
    const len = RH2.slice();
    len[1] = 4;
    const padded = new Uint8Array(40);
    padded.set(len);
    expect(routingHeaderCodec.parse(padded)).toEqual({ ok: false, error: { layer: 'Routing', field: 'Hdr Ext Len', offset: 1, reason: '4, a type 2 Routing header has 2 (RFC 6275 §6.4)' } });
    const segs = RH2.slice();
    segs[3] = 2;
    expect(routingHeaderCodec.parse(segs)).toMatchObject({ ok: false, error: { field: 'Segments Left', offset: 3 } });
  });

  it('accepts Segments Left 0 (the processed form) and dissects the home address', () => {
    const done = RH2.slice();
    done[3] = 0;
    expect(routingHeaderCodec.parse(done)).toEqual({ ok: true, value: { ...type2RoutingHeader(135, '2001:db8:1::10'), segmentsLeft: 0 } });
    const d = routingHeaderCodec.dissect(RH2);
    expect(d.ok && d.value.name).toBe('Routing Header (type 2)');
    expect(d.ok && d.value.children?.map((c) => [c.name, c.value])).toEqual([
      ['Next Header', '135 (Mobility Header)'],
      ['Hdr Ext Len', '2 (24 octets)'],
      ['Routing Type', '2 (Mobile IPv6 home address)'],
      ['Segments Left', '1 (the home address is still to be visited)'],
      ['Reserved', '0x00000000'],
      ['Home Address', '2001:db8:1::10'],
    ]);
  });

  it('parses another routing type generically, and the dissection says Segments Left > 0 cannot be processed', () => {
    const other: RoutingHeader = { kind: 'other', nextHeader: 59, routingType: 4, segmentsLeft: 0, data: OTHER.slice(4) };
    expectGolden(routingHeaderCodec, other, OTHER);
    const live = OTHER.slice();
    live[3] = 3;
    const d = routingHeaderCodec.dissect(live);
    expect(d.ok && d.value.children?.find((c) => c.name === 'Segments Left')?.warning).toMatch(/Parameter Problem code 0 \(RFC 8200 §4\.4\)/);
  });

  const arbAddress = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => formatIpv6(b));
  const arbHeader: fc.Arbitrary<RoutingHeader> = fc.oneof(
    fc.record({ kind: fc.constant('type2' as const), nextHeader: fc.integer({ min: 0, max: 255 }), segmentsLeft: fc.integer({ min: 0, max: 1 }), reserved: fc.nat().map((n) => n >>> 0), homeAddress: arbAddress }),
    fc.record({
      kind: fc.constant('other' as const),
      nextHeader: fc.integer({ min: 0, max: 255 }),
      routingType: fc.integer({ min: 0, max: 255 }).filter((t) => t !== 2),
      segmentsLeft: fc.integer({ min: 0, max: 255 }),
      data: fc.integer({ min: 0, max: 5 }).chain((n) => fc.uint8Array({ minLength: 4 + 8 * n, maxLength: 4 + 8 * n })),
    }),
  );

  it('round-trips any routing header', () => {
    checkRoundTrip(routingHeaderCodec, arbHeader);
  });

  it('returns a typed error for every truncation', () => {
    checkEveryTruncation(routingHeaderCodec, RH2, true);
    checkEveryTruncation(routingHeaderCodec, OTHER, true);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(routingHeaderCodec, [RH2, OTHER]);
  });
});

describe('Fragment header (RFC 8200 §4.5), decoded only to be refused', () => {
  const repr: FragmentHeader = { nextHeader: 17, reserved: 0, reservedBits: 0, fragmentOffset: 23, moreFragments: true, identification: 0xabcd };

  it('encodes and decodes the hand-assembled header', () => {
    expectGolden(fragmentHeaderCodec, repr, FRAGMENT);
  });

  it('dissects it with the reason the lab refuses it', () => {
    const d = fragmentHeaderCodec.dissect(FRAGMENT);
    expect(d.ok && d.value.value).toBe('offset 184, more follow, id 0x0000abcd');
    expect(d.ok && d.value.warning).toMatch(/^fragments are not reassembled in the lab/);
  });

  it('round-trips, truncates with a typed error, and survives fuzzing', () => {
    checkRoundTrip(fragmentHeaderCodec, fc.record({
      nextHeader: fc.integer({ min: 0, max: 255 }),
      reserved: fc.integer({ min: 0, max: 255 }),
      reservedBits: fc.integer({ min: 0, max: 3 }),
      fragmentOffset: fc.integer({ min: 0, max: 0x1fff }),
      moreFragments: fc.boolean(),
      identification: fc.nat().map((n) => n >>> 0),
    }));
    checkEveryTruncation(fragmentHeaderCodec, FRAGMENT, true);
    checkFuzz(fragmentHeaderCodec, [FRAGMENT], 500);
  });
});
