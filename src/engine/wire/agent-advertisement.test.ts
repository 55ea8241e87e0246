import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { u32ToAddress } from './address';
import { AGENT_ADVERTISEMENT_FLAGS, NO_AGENT_FLAGS, type AdvertisementExtension, type AgentAdvertisementFlags } from './advertisement-extensions';
import { agentAdvertisementCodec, mobilityExtensionOf, parseAgentAdvertisement, prefixLengthsOf, routerEntry, type AgentAdvertisement } from './agent-advertisement';
import { encode } from './codec';
import type { FieldNode } from './dissection';
import { keepingReceivedChecksum } from './test-support/received-checksum';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes, okValue } from './test-support/laws';
import { findFirst } from './mip/test-support/tree';

// docs/protocol-notes.md §Test vectors (computed by an independent script): FA 192.168.2.1, Code 0, Num Addrs 1,
// Addr Entry Size 2, ICMP Lifetime 3, preference 0; Mobility Agent Advertisement Extension with
// Sequence 0, Registration Lifetime 300, flags F + S, one CoA; Prefix-Lengths /24; one padding octet.
const GOLDEN = hexToBytes(`
  09 00 23 f0 01 02 00 03 c0 a8 02 01 00 00 00 00
  10 0a 00 00 01 2c 10 80 c0 a8 02 01 13 01 18 00`);

const FA = '192.168.2.1';
const GOLDEN_REPR: AgentAdvertisement = {
  code: 0,
  addressEntrySize: 2,
  lifetime: 3,
  routers: [routerEntry(FA, 0)],
  extensions: [
    { kind: 'mobility-agent', sequenceNumber: 0, registrationLifetime: 300, flags: { ...NO_AGENT_FLAGS, foreignAgent: true, smoothHandoff: true }, careOfAddresses: [FA] },
    { kind: 'prefix-lengths', prefixLengths: [24] },
    { kind: 'padding' },
  ],
};

const dissect = (bytes: Uint8Array): FieldNode => okValue(agentAdvertisementCodec.dissect(bytes));

/** A minimal advertisement (no routers) carrying only the given extensions. */
function withExtensions(extensions: AdvertisementExtension[]): AgentAdvertisement {
  return { code: 16, addressEntrySize: 2, lifetime: 9, routers: [], extensions };
}

describe('Agent Advertisement', () => {
  it('encodes the test vector (docs/protocol-notes.md §Test vectors) byte for byte (32 octets, ICMP checksum 0x23f0)', () => {
    expectGolden(agentAdvertisementCodec, GOLDEN_REPR, GOLDEN, { ...GOLDEN_REPR, checksumValid: true });
  });

  it('finds the mobility and prefix-length extensions of the vector', () => {
    expect(mobilityExtensionOf(GOLDEN_REPR)?.registrationLifetime).toBe(300);
    expect(prefixLengthsOf(GOLDEN_REPR)?.prefixLengths).toEqual([24]);
    expect(mobilityExtensionOf(withExtensions([]))).toBeUndefined();
  });

  // Each flag's octet and mask, copied from the table in RFC 2002 §2.1.1 (ro98 column).
  const FLAG_POSITIONS: [keyof AgentAdvertisementFlags, number, number][] = [
    ['registrationRequired', 6, 0x80], ['busy', 6, 0x40], ['homeAgent', 6, 0x20], ['foreignAgent', 6, 0x10],
    ['minimalEncapsulation', 6, 0x08], ['gre', 6, 0x04], ['vanJacobson', 6, 0x02], ['reverseTunnelling', 6, 0x01],
    ['smoothHandoff', 7, 0x80],
  ];

  it.each(FLAG_POSITIONS)('puts flag %s at octet %i of the extension, mask %i', (key, octet, mask) => {
    const ext: AdvertisementExtension = { kind: 'mobility-agent', sequenceNumber: 1, registrationLifetime: 2, flags: { ...NO_AGENT_FLAGS, [key]: true }, careOfAddresses: [] };
    const bytes = encode(agentAdvertisementCodec, withExtensions([ext]));
    // fixed part (8) + extension: 10 06 00 01 00 02 <flags hi> <flags lo>
    const expected = [0x10, 0x06, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00];
    expected[octet] = mask;
    expect(Array.from(bytes.subarray(8))).toEqual(expected);
    expect(parseAgentAdvertisement(bytes)).toMatchObject({ ok: true, value: { extensions: [{ flags: { [key]: true } }] } });
  });

  it('keeps the reserved flag bits 9..15 so they round-trip, and warns about them', () => {
    const bytes = hexToBytes('09 10 00 00 00 02 00 09 10 06 00 01 00 02 20 7f');
    const r = parseAgentAdvertisement(bytes);
    expect(r).toMatchObject({ ok: true, value: { extensions: [{ flags: { ...NO_AGENT_FLAGS, homeAgent: true, reserved: 0x7f } }] } });
    if (r.ok) expect(Array.from(encode(agentAdvertisementCodec, r.value).subarray(8))).toEqual(Array.from(bytes.subarray(8)));
    expect(findFirst(dissect(bytes), 'Reserved (bits 9–15)')?.warning).toMatch(/should be sent as 0/);
  });

  it('names the flags in the ro98 profile and notes that Wireshark shows S as U', () => {
    const tree = dissect(GOLDEN);
    expect(findFirst(tree, 'Flags')?.value).toBe('0x1080 (F S)');
    const s = findFirst(tree, 'S: smooth handoff supported (Wireshark shows this bit as U)');
    expect(s).toMatchObject({ offset: 23, length: 1, mask: 0x80, value: 'set' });
    expect(findFirst(tree, 'F: foreign agent')).toMatchObject({ offset: 22, mask: 0x10, value: 'set' });
    expect(findFirst(tree, 'T: reverse tunnelling (not implemented: sent 0)')?.value).toBe('not set');
    expect(AGENT_ADVERTISEMENT_FLAGS.map((f) => f.letter).join('')).toBe('RBHFMGVTS');
  });

  it('dissects the vector into named fields with student-readable values', () => {
    const tree = dissect(GOLDEN);
    expect(tree).toMatchObject({ name: 'Agent Advertisement (ICMP Router Advertisement)', offset: 0, length: 32 });
    expect(findFirst(tree, 'Checksum')?.value).toBe('0x23f0 [correct]');
    expect(findFirst(tree, 'Code')?.value).toBe('0 (also routes ordinary traffic)');
    expect(findFirst(tree, 'Lifetime')?.value).toBe('3 s');
    expect(findFirst(tree, 'Registration Lifetime')?.value).toBe('300 s');
    expect(findFirst(tree, 'Care-of Address[0]')).toMatchObject({ offset: 24, length: 4, value: FA });
    expect(findFirst(tree, 'Prefix Length for Router Address[0]')).toMatchObject({ offset: 30, value: '/24' });
    expect(findFirst(tree, 'One-byte Padding Extension')).toMatchObject({ offset: 31, length: 1 });
    expect(findFirst(tree, 'Mobility Agent Advertisement Extension')?.warning).toBeUndefined();
  });

  it('warns about the flag consistency rules of RFC 2002 §2.1.1', () => {
    const ext: AdvertisementExtension = { kind: 'mobility-agent', sequenceNumber: 0, registrationLifetime: 0, flags: { ...NO_AGENT_FLAGS, busy: true }, careOfAddresses: [] };
    const warning = findFirst(dissect(encode(agentAdvertisementCodec, withExtensions([ext]))), 'Mobility Agent Advertisement Extension')?.warning;
    expect(warning).toMatch(/neither H nor F/);
    expect(warning).toMatch(/B set without F/);
  });

  it('flags a bad checksum instead of failing', () => {
    const bytes = GOLDEN.slice();
    bytes[3] = bytes[3]! ^ 0x01;
    expect(parseAgentAdvertisement(bytes)).toMatchObject({ ok: true, value: { checksumValid: false } });
    expect(findFirst(dissect(bytes), 'Checksum')?.warning).toMatch(/bad ICMP checksum/);
  });

  it('reads the preference as a signed 32-bit value (0x80000000 = never a default router)', () => {
    // Num Addrs 2: 10.0.0.1 preference 0x80000000, 10.0.0.2 preference 0xffffffff (-1)
    const bytes = hexToBytes('09 00 00 00 02 02 07 08 0a 00 00 01 80 00 00 00 0a 00 00 02 ff ff ff ff');
    const r = parseAgentAdvertisement(bytes);
    expect(r).toMatchObject({ ok: true, value: { lifetime: 0x0708, routers: [{ address: '10.0.0.1', preference: -2147483648 }, { address: '10.0.0.2', preference: -1 }], extensions: [] } });
    expect(findFirst(dissect(bytes), 'Router Entry[0]')?.children?.[1]?.value).toBe('-2147483648 (0x80000000: never use as default router)');
    if (r.ok) expect(Array.from(encode(agentAdvertisementCodec, r.value).subarray(4))).toEqual(Array.from(bytes.subarray(4)));
  });

  it('keeps the extra words of an Addr Entry Size above 2 (RFC 1256) so the message round-trips', () => {
    // Num Addrs 1, Addr Entry Size 3: address, preference 5, one extra word de ad be ef; then a mobility extension.
    const bytes = hexToBytes('09 00 00 00 01 03 00 03 c0 a8 02 01 00 00 00 05 de ad be ef 10 06 00 07 01 2c 20 00');
    const r = parseAgentAdvertisement(bytes);
    expect(r).toMatchObject({ ok: true, value: { addressEntrySize: 3, routers: [{ address: FA, preference: 5, extraWords: hexToBytes('de ad be ef') }], extensions: [{ kind: 'mobility-agent', sequenceNumber: 7 }] } });
    if (r.ok) expect(Array.from(encode(agentAdvertisementCodec, r.value).subarray(4))).toEqual(Array.from(bytes.subarray(4)));
    expect(findFirst(dissect(bytes), 'Addr Entry Size')?.warning).toMatch(/not 2/);
  });

  it('refuses an Addr Entry Size below 2 and router entries that do not fit', () => {
    expect(parseAgentAdvertisement(hexToBytes('09 00 00 00 01 01 00 03 c0 a8 02 01'))).toMatchObject({ ok: false, error: { field: 'Addr Entry Size', offset: 5 } });
    expect(parseAgentAdvertisement(hexToBytes('09 00 00 00 02 02 00 03 c0 a8 02 01 00 00 00 00'))).toEqual({
      ok: false, error: { layer: 'Agent Advertisement', field: 'Num Addrs', offset: 4, reason: '2 entries of 8 octets need 16, only 8 remain' },
    });
  });

  it('refuses a Mobility Agent Advertisement Length that is not 6 + 4 × N', () => {
    const bytes = hexToBytes('09 00 00 00 00 02 00 03 10 07 00 00 01 2c 10 80 c0');
    expect(parseAgentAdvertisement(bytes)).toMatchObject({ ok: false, error: { layer: 'Agent Advertisement extensions', field: 'Length', offset: 9 } });
  });

  it('round-trips unknown extension types unchanged; a type 0..127 warns that receivers drop the message', () => {
    // type 50 (skip not allowed), length 2; type 200 (skippable), length 0
    const bytes = hexToBytes('09 00 00 00 00 02 00 03 32 02 ab cd c8 00');
    const r = parseAgentAdvertisement(bytes);
    expect(r).toMatchObject({ ok: true, value: { extensions: [{ kind: 'unknown', type: 50, data: hexToBytes('ab cd') }, { kind: 'unknown', type: 200, data: new Uint8Array(0) }] } });
    if (r.ok) expect(Array.from(encode(agentAdvertisementCodec, r.value).subarray(4))).toEqual(Array.from(bytes.subarray(4)));
    const tree = dissect(bytes);
    expect(findFirst(tree, 'Unknown extension (type 50)')?.warning).toMatch(/discards the whole message/);
    expect(findFirst(tree, 'Unknown extension (type 200)')?.warning).toBeUndefined();
  });

  it('warns when Prefix-Lengths does not match Num Addrs or the padding is not last', () => {
    const bytes = encode(agentAdvertisementCodec, withExtensions([{ kind: 'padding' }, { kind: 'prefix-lengths', prefixLengths: [24] }]));
    const tree = dissect(bytes);
    expect(findFirst(tree, 'Prefix-Lengths Extension')?.warning).toMatch(/1 prefix lengths for 0 router addresses/);
    expect(findFirst(tree, 'One-byte Padding Extension')?.warning).toMatch(/should be last/);
  });

  it('refuses more than 64 extensions (hostile input)', () => {
    const bytes = new Uint8Array(8 + 65);
    bytes.set(hexToBytes('09 00 00 00 00 02 00 03'));
    expect(parseAgentAdvertisement(bytes)).toMatchObject({ ok: false, error: { field: 'Type', offset: 72, reason: 'more than 64 extensions' } });
  });

  const arbAddress = fc.nat().map((n) => u32ToAddress(n >>> 0));
  const arbFlags: fc.Arbitrary<AgentAdvertisementFlags> = fc.record({
    registrationRequired: fc.boolean(), busy: fc.boolean(), homeAgent: fc.boolean(), foreignAgent: fc.boolean(),
    minimalEncapsulation: fc.boolean(), gre: fc.boolean(), vanJacobson: fc.boolean(), reverseTunnelling: fc.boolean(),
    smoothHandoff: fc.boolean(), reserved: fc.integer({ min: 0, max: 0x7f }),
  });
  const arbExtension: fc.Arbitrary<AdvertisementExtension> = fc.oneof(
    fc.constant({ kind: 'padding' as const }),
    fc.record({
      kind: fc.constant('mobility-agent' as const),
      sequenceNumber: fc.integer({ min: 0, max: 0xffff }),
      registrationLifetime: fc.integer({ min: 0, max: 0xffff }),
      flags: arbFlags,
      careOfAddresses: fc.array(arbAddress, { maxLength: 5 }),
    }),
    fc.record({ kind: fc.constant('prefix-lengths' as const), prefixLengths: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 6 }) }),
    fc.record({
      kind: fc.constant('unknown' as const),
      type: fc.integer({ min: 1, max: 255 }).filter((t) => t !== 16 && t !== 19),
      data: fc.uint8Array({ maxLength: 20 }),
    }),
  );
  const arbAdvertisement: fc.Arbitrary<AgentAdvertisement> = fc.integer({ min: 2, max: 4 }).chain((size) => fc.record({
    code: fc.integer({ min: 0, max: 255 }),
    addressEntrySize: fc.constant(size),
    lifetime: fc.integer({ min: 0, max: 0xffff }),
    routers: fc.array(fc.record({
      address: arbAddress,
      preference: fc.integer({ min: -0x80000000, max: 0x7fffffff }),
      extraWords: fc.uint8Array({ minLength: (size - 2) * 4, maxLength: (size - 2) * 4 }),
    }), { maxLength: 4 }),
    extensions: fc.array(arbExtension, { maxLength: 6 }),
  }));

  it('round-trips any advertisement', () => {
    checkRoundTrip(agentAdvertisementCodec, arbAdvertisement, (a) => ({ ...a, checksumValid: undefined }));
  });

  it('returns a typed error for every truncation, or a shorter message whose checksum is flagged', () => {
    checkEveryTruncation(keepingReceivedChecksum(agentAdvertisementCodec, 2), GOLDEN);
    // The truncations that parse (at extension boundaries) no longer verify — except the one that
    // drops the padding octet: a zero octet adds nothing to the checksum (it only makes the length even).
    const parsedCuts = [8, 16, 28, 31].map((n) => parseAgentAdvertisement(GOLDEN.slice(0, n)));
    expect(parsedCuts.map((r) => r.ok && r.value.checksumValid)).toEqual([false, false, false, true]);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(agentAdvertisementCodec, [GOLDEN, hexToBytes('09 00 00 00 01 03 00 03 c0 a8 02 01 00 00 00 05 de ad be ef 10 06 00 07 01 2c 20 00')]);
  });
});
