import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldNode } from '../dissection';
import { findFirst, findNode } from '../mip/test-support/tree';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes, okValue } from '../test-support/laws';
import { formatIpv6 } from './ipv6-address';
import { findAllNdOptions, findNdOption, linkAddressOctets, ndOptionListCodec, parseNdOptions, type NdOption } from './nd-options';

// Each option assembled by hand from its diagram (RFC 4861 §4.6.1, §4.6.2, §4.6.4; RFC 6275 §7.2–§7.4).
const SLLA = hexToBytes('01 01 02 00 00 00 01 02');
const TLLA = hexToBytes('02 01 02 00 00 00 02 01');
const PREFIX_R = hexToBytes(`
  03 04 40 e0  00 27 8d 00  00 09 3a 80  00 00 00 00
  20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 01`);
const MTU = hexToBytes('05 01 00 00 00 00 05 dc');
const ADV_INTERVAL = hexToBytes('07 01 00 00 00 00 00 1e'); // 30 ms, the shortest RFC 6275 §7.5 allows
const HOME_AGENT_INFO = hexToBytes('08 01 00 00 ff f6 00 3c'); // preference -10, lifetime 60 s
const UNKNOWN_14 = hexToBytes('0e 01 aa bb cc dd ee ff');

const OPTIONS: NdOption[] = [
  { kind: 'source-link-layer-address', linkAddress: '02:00:00:00:01:02' },
  { kind: 'target-link-layer-address', linkAddress: '02:00:00:00:02:01' },
  {
    kind: 'prefix-information', prefixLength: 64, onLink: true, autonomous: true, routerAddress: true, reserved1: 0,
    validLifetime: 2592000, preferredLifetime: 604800, reserved2: 0, prefix: '2001:db8:2::1',
  },
  { kind: 'mtu', reserved: 0, mtu: 1500 },
  { kind: 'advertisement-interval', reserved: 0, intervalMs: 30 },
  { kind: 'home-agent-information', reserved: 0, preference: -10, lifetimeS: 60 },
  { kind: 'unknown', type: 14, data: hexToBytes('aa bb cc dd ee ff') },
];
const GOLDEN = Uint8Array.from([...SLLA, ...TLLA, ...PREFIX_R, ...MTU, ...ADV_INTERVAL, ...HOME_AGENT_INFO, ...UNKNOWN_14]);

const dissect = (bytes: Uint8Array): FieldNode => okValue(ndOptionListCodec.dissect(bytes));

describe('Neighbor Discovery options', () => {
  it('encodes and decodes every option of RFC 4861 §4.6 and RFC 6275 §7.2–§7.4 byte for byte', () => {
    expectGolden(ndOptionListCodec, OPTIONS, GOLDEN);
  });

  it.each([
    ['SLLA', SLLA, 0], ['TLLA', TLLA, 1], ['Prefix Information with R', PREFIX_R, 2], ['MTU', MTU, 3],
    ['Advertisement Interval', ADV_INTERVAL, 4], ['Home Agent Information', HOME_AGENT_INFO, 5], ['unknown type 14', UNKNOWN_14, 6],
  ] as const)('decodes %s on its own', (_name, bytes, index) => {
    expect(okValue(parseNdOptions(bytes, 0, bytes.length))).toEqual([OPTIONS[index]]);
  });

  it('puts L, A and R at masks 0x80, 0x40, 0x20 of the flag octet and keeps the reserved bits', () => {
    const flags = (o: Partial<NdOption>) => {
      const full = { ...OPTIONS[2], ...o } as NdOption;
      const out = new Uint8Array(32);
      ndOptionListCodec.emit([full], out, 0);
      return out[3];
    };
    expect([flags({ onLink: true, autonomous: false, routerAddress: false }), flags({ onLink: false, autonomous: true, routerAddress: false }), flags({ onLink: false, autonomous: false, routerAddress: true })]).toEqual([0x80, 0x40, 0x20]);
    const odd = PREFIX_R.slice();
    odd[3] = 0x7f; // A, R and all five reserved bits
    expect(okValue(parseNdOptions(odd, 0, 32))).toMatchObject([{ onLink: false, autonomous: true, routerAddress: true, reserved1: 0x1f }]);
    expect(findNode(dissect(odd), 'Reserved1')).toMatchObject({ mask: 0x1f, offset: 3 });
    expect(findNode(dissect(odd), 'Reserved1').warning).toMatch(/should be sent as 0/);
  });

  it('reads the Home Agent Preference as signed 16-bit (RFC 6275 §7.4)', () => {
    expect(findNode(dissect(HOME_AGENT_INFO), 'Home Agent Preference')).toMatchObject({ offset: 4, length: 2, value: '-10 (higher is preferred)' });
    expect(findNode(dissect(hexToBytes('08 01 00 00 7f ff 00 00')), 'Home Agent Lifetime').warning).toMatch(/must not be sent/);
  });

  it('shows the router address and the prefix it lies in when R is set (RFC 6275 §7.2)', () => {
    const tree = dissect(PREFIX_R);
    expect(findNode(tree, 'Prefix Information').value).toBe('2001:db8:2::/64, L A R, router 2001:db8:2::1');
    expect(findNode(tree, 'Prefix (router address)')).toMatchObject({ offset: 16, length: 16, value: '2001:db8:2::1 (prefix 2001:db8:2::/64)', ref: 'RFC 6275 §7.2' });
    expect(findNode(tree, 'R: router address')).toMatchObject({ mask: 0x20, offset: 3, length: 1 });
    expect(findNode(tree, 'Valid Lifetime').value).toBe('2592000 s');
    expect(findNode(tree, 'Prefix Information').warning).toBeUndefined();
  });

  it('warns when a prefix without R has host bits set, or Preferred exceeds Valid', () => {
    const bytes = PREFIX_R.slice();
    bytes[3] = 0xc0; // L A, no R: the trailing ::1 is now stray host bits
    bytes[8] = 0xff; // preferred lifetime above valid
    const warning = findNode(dissect(bytes), 'Prefix Information').warning;
    expect(warning).toMatch(/bits after the Prefix Length are not zero/);
    expect(warning).toMatch(/Preferred Lifetime exceeds Valid Lifetime/);
  });

  it('shows infinity lifetimes, the advertisement interval in ms and a small MTU', () => {
    const infinite = PREFIX_R.slice();
    infinite.set([0xff, 0xff, 0xff, 0xff], 4);
    expect(findNode(dissect(infinite), 'Valid Lifetime').value).toBe('0xffffffff (infinity)');
    expect(findNode(dissect(ADV_INTERVAL), 'Advertisement Interval').value).toBe('30 ms');
    expect(findNode(dissect(hexToBytes('05 01 00 00 00 00 04 00')), 'MTU').warning).toMatch(/minimum link MTU of 1280/);
  });

  it('refuses a zero Length: the whole message is discarded (RFC 4861 §4.6)', () => {
    expect(parseNdOptions(hexToBytes('01 01 02 00 00 00 01 02 0e 00 00 00 00 00 00 00'), 0, 16)).toEqual({
      ok: false, error: { layer: 'Neighbor Discovery options', field: 'Length', offset: 9, reason: 'option type 14 has Length 0: a receiver discards the whole message (RFC 4861 §4.6)' },
    });
  });

  it('refuses a known option with the wrong Length, and a Length that runs past the message', () => {
    expect(parseNdOptions(hexToBytes('05 02 00 00 00 00 05 dc 00 00 00 00 00 00 00 00'), 0, 16)).toMatchObject({ ok: false, error: { field: 'Length', offset: 1, reason: 'MTU Length 2, expected 1 (RFC 4861 §4.6.4)' } });
    expect(parseNdOptions(hexToBytes('03 01 40 e0 00 00 00 00'), 0, 8)).toMatchObject({ ok: false, error: { reason: expect.stringMatching(/Prefix Information Length 1, expected 4/) } });
    expect(parseNdOptions(hexToBytes('01 02 02 00 00 00 01 02'), 0, 8)).toMatchObject({ ok: false, error: { field: 'Length', offset: 1, reason: 'option type 1 says 2 × 8 = 16 octets, only 8 remain' } });
  });

  it('keeps a longer link-layer address (other link types) and warns it is not Ethernet', () => {
    const bytes = hexToBytes('01 02 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e');
    const list = okValue(parseNdOptions(bytes, 0, 16));
    expect(list).toEqual([{ kind: 'source-link-layer-address', linkAddress: '01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e' }]);
    expect(findNode(dissect(bytes), 'Source Link-layer Address').warning).toMatch(/an Ethernet address takes 6/);
  });

  it('keeps unknown options so they round-trip; the dissection says receivers ignore them', () => {
    expect(findNode(dissect(UNKNOWN_14), 'Unknown option (type 14)').value).toMatch(/a receiver ignores it \(RFC 4861 §4\.6\)/);
    expect(() => ndOptionListCodec.emit([{ kind: 'unknown', type: 3, data: new Uint8Array(6) }], new Uint8Array(8), 0)).toThrow(/known option/);
  });

  it('finds options by kind', () => {
    expect(findNdOption(OPTIONS, 'mtu')?.mtu).toBe(1500);
    expect(findNdOption(OPTIONS, 'target-link-layer-address')?.linkAddress).toBe('02:00:00:00:02:01');
    expect(findAllNdOptions([OPTIONS[2]!, OPTIONS[0]!, OPTIONS[2]!], 'prefix-information')).toHaveLength(2);
    expect(findNdOption([], 'mtu')).toBeUndefined();
  });

  it('reads link-layer address text and refuses what is not one', () => {
    expect(Array.from(linkAddressOctets('02:00:00:00:01:02') ?? [])).toEqual([2, 0, 0, 0, 1, 2]);
    expect(linkAddressOctets('02-00-00-00-01-02')).toBeUndefined();
    expect(() => ndOptionListCodec.emit([{ kind: 'source-link-layer-address', linkAddress: 'eth0' }], new Uint8Array(8), 0)).toThrow(/not a link-layer address/);
  });

  const arbAddress = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => formatIpv6(b));
  const arbLinkAddress = fc.integer({ min: 0, max: 3 }).chain((units) => fc.uint8Array({ minLength: 6 + 8 * units, maxLength: 6 + 8 * units }))
    .map((b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':'));
  const u32 = fc.nat().map((n) => n >>> 0).chain((n) => fc.constantFrom(n, 0xffffffff, 0));
  const arbOption: fc.Arbitrary<NdOption> = fc.oneof(
    fc.record({ kind: fc.constantFrom('source-link-layer-address' as const, 'target-link-layer-address' as const), linkAddress: arbLinkAddress }) as fc.Arbitrary<NdOption>,
    fc.record({
      kind: fc.constant('prefix-information' as const), prefixLength: fc.integer({ min: 0, max: 255 }), onLink: fc.boolean(), autonomous: fc.boolean(), routerAddress: fc.boolean(),
      reserved1: fc.integer({ min: 0, max: 0x1f }), validLifetime: u32, preferredLifetime: u32, reserved2: u32, prefix: arbAddress,
    }),
    fc.record({ kind: fc.constant('mtu' as const), reserved: fc.integer({ min: 0, max: 0xffff }), mtu: u32 }),
    fc.record({ kind: fc.constant('advertisement-interval' as const), reserved: fc.integer({ min: 0, max: 0xffff }), intervalMs: u32 }),
    fc.record({ kind: fc.constant('home-agent-information' as const), reserved: fc.integer({ min: 0, max: 0xffff }), preference: fc.integer({ min: -0x8000, max: 0x7fff }), lifetimeS: fc.integer({ min: 0, max: 0xffff }) }),
    fc.record({
      kind: fc.constant('unknown' as const), type: fc.integer({ min: 0, max: 255 }).filter((t) => ![1, 2, 3, 5, 7, 8].includes(t)),
      data: fc.integer({ min: 0, max: 3 }).chain((u) => fc.uint8Array({ minLength: 6 + 8 * u, maxLength: 6 + 8 * u })),
    }),
  );

  it('round-trips any option list', () => {
    checkRoundTrip(ndOptionListCodec, fc.array(arbOption, { maxLength: 6 }));
  });

  it('returns a typed error for every truncation, or the shorter list it is', () => {
    checkEveryTruncation(ndOptionListCodec, GOLDEN);
    // A cut inside an option never parses: only the cuts at option boundaries do.
    const parsedCuts = Array.from({ length: GOLDEN.length }, (_, n) => n).filter((n) => parseNdOptions(GOLDEN, 0, n).ok);
    expect(parsedCuts).toEqual([0, 8, 16, 48, 56, 64, 72]);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(ndOptionListCodec, [GOLDEN, PREFIX_R, HOME_AGENT_INFO]);
  });

  it('puts every option of the list in its own group', () => {
    const tree = dissect(GOLDEN);
    expect(tree.children?.map((c) => [c.name, c.offset, c.length])).toEqual([
      ['Source Link-layer Address', 0, 8], ['Target Link-layer Address', 8, 8], ['Prefix Information', 16, 32], ['MTU', 48, 8],
      ['Advertisement Interval', 56, 8], ['Home Agent Information', 64, 8], ['Unknown option (type 14)', 72, 8],
    ]);
    expect(findFirst(tree, 'Link-Layer Address')?.value).toBe('02:00:00:00:01:02');
  });
});
