import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { u32ToAddress } from './address';
import {
  GRE_MAX_SOURCE_ROUTE_ENTRIES, decapsulateGre, dissectGreTunnel, encapsulateGre, greCodec, parseGre,
  type GrePacket,
} from './gre';
import { ipv4, parseIpv4 } from './ipv4';
import { keepingReceivedChecksum } from './test-support/received-checksum';
import { bytesToHex, checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, expectInside, hexToBytes, okValue } from './test-support/laws';
import { AS_SENT_BY_CN, bytesOf, CN, COA, HA, INNER_AT_HA_EXIT, MN } from './test-support/tunnel-fixtures';
import { checkDecapsulatorFuzz, checkEveryTruncationRefused } from './test-support/tunnel-laws';
import type { EncapsulationOptions } from './tunnel';
import { concatBytes } from './bytes';

// The inner datagram (AS_SENT_BY_CN, INNER_AT_HA_EXIT) is the docs/protocol-notes.md §Test vectors one: test-support/tunnel-fixtures.ts.
// RFC 1701 §2; docs/protocol-notes.md §Test vectors: the lab's GRE header.
const LAB_HEADER = hexToBytes('00 00 08 00');
// Outer header as for IP in IP (RFC 1701 §2) but protocol 47 and total length 20 + 4 + 32 = 56:
// 45 00 00 38, ID 0x1234, DF copied, TTL 64, protocol 0x2f; checksum 0x5bb8 computed by a separate script.
const GRE_OUTER = hexToBytes('45 00 00 38 12 34 40 00 40 2f 5b b8 0a 01 00 01 c0 a8 02 01');
const HA_TUNNELLED = concatBytes(GRE_OUTER, LAB_HEADER, INNER_AT_HA_EXIT);

// Every optional field, assembled by hand from the RFC 1701 §2 tables:
// C R K S = 0xf000, Protocol Type 0x0800; Checksum (0x16f7, computed by a separate script over
// header + payload) and Offset 0; Key 42; Sequence Number 7; one SRE (Address Family 0x0800,
// SRE Offset 0, SRE Length 4, 10.1.0.1); the null SRE; payload "ping".
const FULL = hexToBytes(`
  f0 00 08 00  16 f7 00 00  00 00 00 2a  00 00 00 07
  08 00 00 04  0a 01 00 01  00 00 00 00  70 69 6e 67`);
const PING = new TextEncoder().encode('ping');

const PLAIN: Omit<GrePacket, 'payload'> = { checksumPresent: false, strictSourceRoute: false, recursionControl: 0, flags: 0, version: 0, protocolType: 0x0800, routingOffset: 0 };
const HA_FORWARDING: EncapsulationOptions = { source: HA, destination: COA, identification: 0x1234, decrementInnerTtl: true };

describe('GRE header (RFC 1701)', () => {
  it('encodes the lab header 00 00 08 00 in front of its payload', () => {
    const g: GrePacket = { ...PLAIN, payload: INNER_AT_HA_EXIT };
    expectGolden(greCodec, g, concatBytes(LAB_HEADER, INNER_AT_HA_EXIT));
  });

  it('encodes every optional field in order, with the checksum over header and payload', () => {
    const g: GrePacket = {
      ...PLAIN, checksumPresent: true, key: 42, sequenceNumber: 7,
      routing: [{ addressFamily: 0x0800, sreOffset: 0, routingInformation: hexToBytes('0a 01 00 01') }],
      payload: PING,
    };
    expectGolden(greCodec, g, FULL, { ...g, checksumValid: true });
  });

  it('puts Checksum and Offset on the wire when only R is set, without using the checksum', () => {
    // R only: 40 00 08 00, checksum field 0, Offset 4, then the null SRE directly
    const bytes = hexToBytes('40 00 08 00 00 00 00 04 00 00 00 00 aa');
    const g: GrePacket = { ...PLAIN, routingOffset: 4, routing: [], payload: hexToBytes('aa') };
    expectGolden(greCodec, g, bytes);
    const d = greCodec.dissect(bytes);
    expect(d.ok && d.value.children?.map((c) => c.name)).toEqual(['Flags and Version', 'Protocol Type', 'Checksum (not in use: C is clear)', 'Offset', 'Routing']);
  });

  it('keeps, with R set, the octets RFC 1701 §2 gives no meaning: the unused Checksum field and the null SRE\'s SRE Offset', () => {
    // Assembled by hand from the RFC 1701 §2 layout:
    //   40 00        C=0 R=1 K=0 S=0 s=0 Recur=0 Flags=0 Ver=0
    //   08 00        Protocol Type (IPv4)
    //   be ef        Checksum field: present because R is set, "valid information only if" C — here junk
    //   00 08        Offset: 8 octets to the active SRE
    //   08 00 00 04  SRE: Address Family 0x0800, SRE Offset 0, SRE Length 4
    //   0a 01 00 01  Routing Information: 10.1.0.1
    //   00 00 07 00  null SRE: Address Family 0, SRE Offset 7 (means nothing), SRE Length 0
    //   aa           payload
    const bytes = hexToBytes('40 00 08 00 be ef 00 08 08 00 00 04 0a 01 00 01 00 00 07 00 aa');
    const g: GrePacket = {
      ...PLAIN, routingOffset: 8, unusedChecksum: 0xbeef, nullSreOffset: 7,
      routing: [{ addressFamily: 0x0800, sreOffset: 0, routingInformation: hexToBytes('0a 01 00 01') }],
      payload: hexToBytes('aa'),
    };
    expectGolden(greCodec, g, bytes);
    const d = okValue(greCodec.dissect(bytes));
    const routing = d.children?.find((c) => c.name === 'Routing');
    expect(routing?.children?.at(-1)).toMatchObject({ name: 'Null SRE (end of routing)', offset: 16, length: 4, value: 'Address Family 0, SRE Length 0, SRE Offset 7 (not meaningful)' });
  });

  it('emits again, octet for octet, whatever R-set header it parsed (RFC 1701 §2; C clear, so no checksum is recomputed)', () => {
    const u16 = fc.integer({ min: 0, max: 0xffff });
    const u32 = fc.nat().map((n) => n >>> 0);
    const word16 = (n: number) => [n >> 8, n & 0xff];
    const word32 = (n: number) => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
    const received = fc.record({
      // s, Recur, Flags, Ver: any; C clear; R set; K and S drawn
      low: fc.integer({ min: 0, max: 0x0fff }), key: fc.option(u32), sequence: fc.option(u32),
      checksum: u16, offset: u16, protocolType: u16, nullOffset: fc.integer({ min: 0, max: 255 }),
      sres: fc.array(fc.record({ family: fc.integer({ min: 1, max: 0xffff }), offset: fc.integer({ min: 0, max: 255 }), info: fc.uint8Array({ maxLength: 12 }) }), { maxLength: 4 }),
      payload: fc.uint8Array({ maxLength: 40 }),
    }).map((h) => Uint8Array.from([
      ...word16(0x4000 | (h.key === null ? 0 : 0x2000) | (h.sequence === null ? 0 : 0x1000) | h.low), ...word16(h.protocolType),
      ...word16(h.checksum), ...word16(h.offset),
      ...(h.key === null ? [] : word32(h.key)), ...(h.sequence === null ? [] : word32(h.sequence)),
      ...h.sres.flatMap((e) => [...word16(e.family), e.offset, e.info.length, ...e.info]),
      0, 0, h.nullOffset, 0,
      ...h.payload,
    ]));
    fc.assert(fc.property(received, (bytes) => {
      const g = okValue(parseGre(bytes));
      expect(g.routing).toBeDefined();
      const out = new Uint8Array(greCodec.length(g)).fill(0xa5);
      greCodec.emit(g, out);
      expect(bytesToHex(out)).toBe(bytesToHex(bytes));
    }), { numRuns: 500 });
  });

  it('reads the strict-route bit, Recur, reserved flags and version, and warns as RFC 2784 would', () => {
    // 0x0fff: s=1, Recur 7, Flags 0x1f, Ver 7
    const r = parseGre(hexToBytes('0f ff 86 dd'));
    expect(r).toEqual({ ok: true, value: { ...PLAIN, strictSourceRoute: true, recursionControl: 7, flags: 0x1f, version: 7, protocolType: 0x86dd, payload: new Uint8Array(0) } });
    const d = greCodec.dissect(hexToBytes('0f ff 86 dd'));
    expect(d.ok && d.value.warning).toMatch(/RFC 2784 receivers discard/);
    expect(d.ok && d.value.children?.[0]?.children?.find((c) => c.name === 'Version')?.warning).toMatch(/must be 0/);
  });

  it('flags a bad checksum instead of failing', () => {
    const bytes = FULL.slice();
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    expect(parseGre(bytes)).toMatchObject({ ok: true, value: { checksumValid: false } });
  });

  it('bounds the number of Source Route Entries and needs the null SRE', () => {
    const sre = hexToBytes('08 00 00 00');
    const many = concatBytes(hexToBytes('40 00 08 00 00 00 00 00'), ...new Array(GRE_MAX_SOURCE_ROUTE_ENTRIES + 1).fill(sre), hexToBytes('00 00 00 00'));
    expect(parseGre(many)).toMatchObject({ ok: false, error: { field: 'Routing', reason: `more than ${GRE_MAX_SOURCE_ROUTE_ENTRIES} Source Route Entries` } });
    expect(parseGre(hexToBytes('40 00 08 00 00 00 00 00 08 00 00 00'))).toMatchObject({ ok: false, error: { field: 'Source Route Entry', offset: 12 } });
    expect(parseGre(hexToBytes('40 00 08 00 00 00 00 00 08 00 00 09 01 02'))).toMatchObject({ ok: false, error: { field: 'SRE Length', offset: 11 } });
  });

  const arbPacket: fc.Arbitrary<GrePacket> = fc.record({
    checksumPresent: fc.boolean(),
    strictSourceRoute: fc.boolean(),
    recursionControl: fc.integer({ min: 0, max: 7 }),
    flags: fc.integer({ min: 0, max: 0x1f }),
    version: fc.integer({ min: 0, max: 7 }),
    protocolType: fc.integer({ min: 0, max: 0xffff }),
    routingOffset: fc.integer({ min: 0, max: 0xffff }),
    key: fc.nat().map((n) => n >>> 0),
    sequenceNumber: fc.nat().map((n) => n >>> 0),
    routing: fc.array(fc.record({
      addressFamily: fc.integer({ min: 1, max: 0xffff }),
      sreOffset: fc.integer({ min: 0, max: 255 }),
      routingInformation: fc.uint8Array({ maxLength: 12 }),
    }), { maxLength: 4 }),
    unusedChecksum: fc.integer({ min: 1, max: 0xffff }),
    nullSreOffset: fc.integer({ min: 1, max: 255 }),
    payload: fc.uint8Array({ maxLength: 60 }),
  }, { requiredKeys: ['checksumPresent', 'strictSourceRoute', 'recursionControl', 'flags', 'version', 'protocolType', 'routingOffset', 'payload'] })
    // The Offset field is only on the wire when C or R is set; the meaningless octets only with R (and the Checksum only without C).
    .map((g) => (g.checksumPresent || g.routing !== undefined ? g : { ...g, routingOffset: 0 }))
    .map(({ unusedChecksum, nullSreOffset, ...g }) => ({
      ...g,
      ...(g.routing !== undefined && !g.checksumPresent && unusedChecksum !== undefined ? { unusedChecksum } : {}),
      ...(g.routing !== undefined && nullSreOffset !== undefined ? { nullSreOffset } : {}),
    }));

  it('round-trips any header and payload', () => {
    checkRoundTrip(greCodec, arbPacket, (g) => ({ ...g, checksumValid: undefined }));
  });

  it('returns a typed error for every truncation of the header (a cut payload is a shorter packet)', () => {
    checkEveryTruncation(greCodec, concatBytes(LAB_HEADER, INNER_AT_HA_EXIT));
    checkEveryTruncation(keepingReceivedChecksum(greCodec, 4, (g) => g.checksumPresent), FULL);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(greCodec, [FULL, concatBytes(LAB_HEADER, INNER_AT_HA_EXIT)]);
  });
});

describe('GRE tunnelling (RFC 1702, RFC 1701 §2)', () => {
  it('an HA forwarding to the care-of address builds outer header + 00 00 08 00 + inner (TTL 64 → 63)', () => {
    expect(bytesToHex(okValue(encapsulateGre(AS_SENT_BY_CN, HA_FORWARDING)))).toBe(bytesToHex(HA_TUNNELLED));
  });

  it('a CN originating leaves the inner TTL alone; TOS and DF are copied as for IP in IP', () => {
    const inner = bytesOf(ipv4({ source: CN, destination: MN, protocol: 17, tos: 0x08, dontFragment: true, payload: PING }));
    const out = okValue(encapsulateGre(inner, { source: CN, destination: COA, identification: 1, decrementInnerTtl: false }));
    const outer = okValue(parseIpv4(out));
    expect([outer.protocol, outer.tos, outer.dontFragment, outer.ttl]).toEqual([47, 0x08, true, 64]);
    expect(bytesToHex(out.subarray(24))).toBe(bytesToHex(inner));
  });

  it('refuses to forward a datagram whose TTL would reach 0', () => {
    const inner = bytesOf(ipv4({ source: CN, destination: MN, protocol: 17, ttl: 1, payload: PING }));
    expect(encapsulateGre(inner, HA_FORWARDING)).toMatchObject({ ok: false, error: { kind: 'ttl-expired' } });
  });

  it('the FA decapsulates the inner datagram unchanged', () => {
    const d = okValue(decapsulateGre(HA_TUNNELLED));
    expect(bytesToHex(d.inner)).toBe(bytesToHex(INNER_AT_HA_EXIT));
    expect([d.outer.source, d.innerDatagram.destination, d.innerDatagram.ttl, d.gre.protocolType]).toEqual([HA, MN, 63, 0x0800]);
  });

  it('accepts a correct GRE checksum and refuses a wrong one', () => {
    const withChecksum = (payload: Uint8Array) => {
      const g = new Uint8Array(8 + payload.length);
      greCodec.emit({ ...PLAIN, checksumPresent: true, payload }, g);
      return bytesOf(ipv4({ source: HA, destination: COA, protocol: 47, payload: g }));
    };
    expect(okValue(decapsulateGre(withChecksum(INNER_AT_HA_EXIT))).gre.checksumValid).toBe(true);
    const broken = withChecksum(INNER_AT_HA_EXIT);
    broken[26] = broken[26]! ^ 0xff; // inside the GRE checksum field (outer 20 + 4 + 2)
    expect(decapsulateGre(broken)).toMatchObject({ ok: false, error: { kind: 'bad-checksum', offset: 24 } });
  });

  it('refuses what the lab does not implement: version ≠ 0, source routing, a non-IPv4 payload', () => {
    const tunnel = (header: string) => bytesOf(ipv4({ source: HA, destination: COA, protocol: 47, payload: concatBytes(hexToBytes(header), INNER_AT_HA_EXIT) }));
    expect(decapsulateGre(tunnel('00 01 08 00'))).toMatchObject({ ok: false, error: { kind: 'unsupported', field: 'Version' } });
    expect(decapsulateGre(tunnel('40 00 08 00 00 00 00 00 00 00 00 00'))).toMatchObject({ ok: false, error: { kind: 'unsupported', field: 'R' } });
    expect(decapsulateGre(tunnel('00 00 86 dd'))).toMatchObject({ ok: false, error: { kind: 'unsupported', field: 'Protocol Type' } });
    expect(decapsulateGre(concatBytes(hexToBytes('45 00 00 34 12 34 40 00 40 04 5b e7 0a 01 00 01 c0 a8 02 01'), INNER_AT_HA_EXIT))).toMatchObject({ ok: false, error: { kind: 'wrong-protocol' } });
  });

  it('gives the packet walker the outer + GRE headers as the tunnel node and the inner offset', () => {
    const d = okValue(dissectGreTunnel(HA_TUNNELLED));
    expect([d.innerOffset, d.innerEnd, d.inner]).toEqual([24, 56, { kind: 'ipv4' }]);
    expect(d.node.children?.map((c) => [c.name, c.offset, c.length])).toEqual([['Internet Protocol Version 4', 0, 20], ['Generic Routing Encapsulation', 20, 4]]);
    expectInside(d.node, 0, 56);
    const ipv6 = bytesOf(ipv4({ source: HA, destination: COA, protocol: 47, payload: hexToBytes('00 00 86 dd 60') }));
    expect(okValue(dissectGreTunnel(ipv6)).inner).toEqual({ kind: 'other', protocolType: 0x86dd });
  });

  it('decapsulate(encapsulate(x)) is x with one TTL less when forwarding', () => {
    const arb = fc.record({
      source: fc.nat().map((n) => u32ToAddress(n >>> 0)),
      destination: fc.nat().map((n) => u32ToAddress(n >>> 0)),
      protocol: fc.integer({ min: 0, max: 255 }),
      ttl: fc.integer({ min: 2, max: 255 }),
      payload: fc.uint8Array({ maxLength: 80 }),
    }).map((f) => ipv4(f));
    fc.assert(fc.property(arb, (d) => {
      fc.pre(d.source !== HA && d.source !== COA);
      const back = okValue(decapsulateGre(okValue(encapsulateGre(bytesOf(d), HA_FORWARDING))));
      expect(bytesToHex(back.inner)).toBe(bytesToHex(bytesOf({ ...d, ttl: d.ttl - 1 })));
    }));
  });

  it('refuses every truncation with a typed error, and never throws on random or mutated datagrams', () => {
    checkEveryTruncationRefused(decapsulateGre, HA_TUNNELLED);
    checkDecapsulatorFuzz(decapsulateGre, [HA_TUNNELLED]);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (b) => { dissectGreTunnel(b); encapsulateGre(b, HA_FORWARDING); }));
  });
});
