import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { u32ToAddress } from './address';
import { ipv4, parseIpv4 } from './ipv4';
import {
  decapsulateMinimal, dissectMinimalEncapsulation, encapsulateMinimal, minimalHeaderCodec, parseMinimalHeader,
  type MinimalEncapsulationOptions, type MinimalForwardingHeader,
} from './minimal-encapsulation';
import { bytesToHex, checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, expectInside, hexToBytes, okValue } from './test-support/laws';
import { AS_SENT_BY_CN, bytesOf, CN, COA, HA, INNER_AT_HA_EXIT, MN, arbTunnelledDatagram } from './test-support/tunnel-fixtures';
import { checkDecapsulatorFuzz, checkEveryTruncationRefused } from './test-support/tunnel-laws';
import { concatBytes } from './bytes';

// The docs/protocol-notes.md §Test vectors datagram (test-support/tunnel-fixtures.ts): its UDP header and payload, which
// minimal encapsulation carries unchanged after the forwarding header.
const UDP_PART = AS_SENT_BY_CN.slice(20);

// docs/protocol-notes.md §Test vectors, minimal encapsulation by the HA (S = 1): modified IP header (checksum 0x6eae)
// and forwarding header (checksum 0xba3b), then the original UDP header and payload.
const MIN_IP = hexToBytes('45 00 00 2c 00 42 40 00 3f 37 6e ae 0a 01 00 01 c0 a8 02 01');
const MFH_S1 = hexToBytes('11 80 ba 3b 0a 01 00 0a c6 33 64 05');
const HA_TUNNELLED = concatBytes(MIN_IP, MFH_S1, UDP_PART);

// Assembled by hand from RFC 2004 §3 for a CN that encapsulates its own datagram
// (S = 0: source left as the CN, 8-octet header, total length 40, TTL 64 not decremented);
// checksums 0x4d7b and 0xe4f4 computed separately by a script of RFC 791 §3.1.
const MIN_IP_S0 = hexToBytes('45 00 00 28 00 42 40 00 40 37 4d 7b c6 33 64 05 c0 a8 02 01');
const MFH_S0 = hexToBytes('11 00 e4 f4 0a 01 00 0a');
const CN_TUNNELLED = concatBytes(MIN_IP_S0, MFH_S0, UDP_PART);

const HA_FORWARDING: MinimalEncapsulationOptions = { source: HA, destination: COA, decrementInnerTtl: true };
const CN_ORIGINATING: MinimalEncapsulationOptions = { source: CN, destination: COA, decrementInnerTtl: false };

describe('Minimal forwarding header', () => {
  it('encodes the docs/protocol-notes.md §Test vectors header with S = 1 (checksum 0xba3b over these 12 octets only)', () => {
    const h: MinimalForwardingHeader = { protocol: 17, originalDestination: MN, originalSource: CN, reserved: 0 };
    expectGolden(minimalHeaderCodec, h, MFH_S1, { ...h, checksumValid: true });
  });

  it('encodes the 8-octet header with S = 0', () => {
    const h: MinimalForwardingHeader = { protocol: 17, originalDestination: MN, reserved: 0 };
    expectGolden(minimalHeaderCodec, h, MFH_S0, { ...h, checksumValid: true });
  });

  it('keeps the reserved bits and flags a bad checksum', () => {
    expect(parseMinimalHeader(hexToBytes('11 7f 00 00 0a 01 00 0a'))).toEqual({ ok: true, value: { protocol: 17, originalDestination: MN, reserved: 0x7f, checksumValid: false } });
    const d = minimalHeaderCodec.dissect(hexToBytes('11 7f 00 00 0a 01 00 0a'));
    expect(d.ok && d.value.children?.map((c) => c.warning).filter(Boolean)).toEqual(['reserved bits should be sent as 0', 'bad forwarding-header checksum: the decapsulator discards this datagram']);
  });

  it('needs the Original Source Address when S = 1', () => {
    expect(parseMinimalHeader(MFH_S1.slice(0, 10))).toEqual({ ok: false, error: { layer: 'Minimal forwarding header', field: 'Original Source Address', offset: 8, reason: 'needs 4 octets, only 2 remain' } });
  });

  const arbAddress = fc.nat().map((n) => u32ToAddress(n >>> 0));
  const arbHeader: fc.Arbitrary<MinimalForwardingHeader> = fc.record({
    protocol: fc.integer({ min: 0, max: 255 }),
    originalDestination: arbAddress,
    originalSource: arbAddress,
    reserved: fc.integer({ min: 0, max: 0x7f }),
  }, { requiredKeys: ['protocol', 'originalDestination', 'reserved'] });

  it('round-trips any header', () => {
    checkRoundTrip(minimalHeaderCodec, arbHeader, (h) => ({ ...h, checksumValid: undefined }));
  });

  it('returns a typed error for every truncation', () => {
    checkEveryTruncation(minimalHeaderCodec, MFH_S1, true);
    checkEveryTruncation(minimalHeaderCodec, MFH_S0, true);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(minimalHeaderCodec, [MFH_S1, MFH_S0]);
  });
});

describe('Minimal encapsulation (RFC 2004)', () => {
  it('an HA forwarding the CN datagram produces the test vector (docs/protocol-notes.md §Test vectors) (S = 1, TTL 64 → 63)', () => {
    expect(bytesToHex(okValue(encapsulateMinimal(AS_SENT_BY_CN, HA_FORWARDING)))).toBe(bytesToHex(HA_TUNNELLED));
  });

  it('a CN encapsulating its own datagram keeps its source (S = 0) and does not decrement the TTL', () => {
    expect(bytesToHex(okValue(encapsulateMinimal(AS_SENT_BY_CN, CN_ORIGINATING)))).toBe(bytesToHex(CN_TUNNELLED));
  });

  it('refuses a datagram that is already a fragment (no room for fragment information)', () => {
    const base = okValue(parseIpv4(AS_SENT_BY_CN));
    expect(encapsulateMinimal(bytesOf({ ...base, moreFragments: true }), HA_FORWARDING)).toMatchObject({ ok: false, error: { kind: 'fragment', offset: 6 } });
    expect(encapsulateMinimal(bytesOf({ ...base, fragmentOffset: 10 }), CN_ORIGINATING)).toMatchObject({ ok: false, error: { kind: 'fragment' } });
  });

  it('applies the TTL rules of IP in IP: a forwarder refuses TTL 1, nobody encapsulates TTL 0', () => {
    const base = okValue(parseIpv4(AS_SENT_BY_CN));
    expect(encapsulateMinimal(bytesOf({ ...base, ttl: 1 }), HA_FORWARDING)).toMatchObject({ ok: false, error: { kind: 'ttl-expired' } });
    expect(encapsulateMinimal(bytesOf({ ...base, ttl: 1 }), CN_ORIGINATING).ok).toBe(true);
    expect(encapsulateMinimal(bytesOf({ ...base, ttl: 0 }), CN_ORIGINATING)).toMatchObject({ ok: false, error: { kind: 'ttl-expired' } });
  });

  it('keeps TOS, Identification, DF and IP options of the original header (RFC 2004 §3)', () => {
    const d = ipv4({ source: CN, destination: MN, protocol: 6, tos: 0x28, identification: 0xbeef, dontFragment: true, options: hexToBytes('01 01 01 00'), payload: new Uint8Array(6) });
    const out = okValue(parseIpv4(okValue(encapsulateMinimal(bytesOf(d), HA_FORWARDING))));
    expect([out.tos, out.identification, out.dontFragment, bytesToHex(out.options), out.ttl, out.protocol, out.source, out.destination]).toEqual([0x28, 0xbeef, true, '01 01 01 00', 63, 55, HA, COA]);
  });
});

describe('Minimal decapsulation', () => {
  it('the FA restores the datagram exactly as the HA forwarded it (RFC 2004 §3)', () => {
    const d = okValue(decapsulateMinimal(HA_TUNNELLED));
    expect(bytesToHex(d.inner)).toBe(bytesToHex(INNER_AT_HA_EXIT));
    expect([d.outer.protocol, d.innerDatagram.source, d.innerDatagram.destination, d.innerDatagram.ttl]).toEqual([55, CN, MN, 63]);
  });

  it('restores an S = 0 datagram, whose source was never replaced', () => {
    expect(bytesToHex(okValue(decapsulateMinimal(CN_TUNNELLED)).inner)).toBe(bytesToHex(AS_SENT_BY_CN));
  });

  it('refuses a bad forwarding-header checksum, an unreadable header and an expired TTL', () => {
    const bad = bytesOf({ ...okValue(parseIpv4(HA_TUNNELLED)), payload: concatBytes(hexToBytes('11 80 00 00 0a 01 00 0a c6 33 64 05'), UDP_PART) });
    expect(decapsulateMinimal(bad)).toMatchObject({ ok: false, error: { kind: 'bad-checksum', offset: 22 } });
    const short = bytesOf({ ...okValue(parseIpv4(HA_TUNNELLED)), payload: hexToBytes('11 80 ba 3b 0a 01') });
    expect(decapsulateMinimal(short)).toMatchObject({ ok: false, error: { kind: 'malformed', offset: 20 } });
    const expired = bytesOf({ ...okValue(parseIpv4(HA_TUNNELLED)), ttl: 0 });
    expect(decapsulateMinimal(expired)).toMatchObject({ ok: false, error: { kind: 'ttl-expired' } });
  });

  it('gives the packet walker the tunnel node, the payload offset and the restored protocol and addresses', () => {
    const d = okValue(dissectMinimalEncapsulation(HA_TUNNELLED));
    expect([d.innerOffset, d.innerEnd, d.inner]).toEqual([32, 44, { kind: 'transport', protocol: 17, source: CN, destination: MN }]);
    expect(d.node).toMatchObject({ name: 'Minimal encapsulation tunnel', offset: 0, length: 32 });
    expect(d.node.children?.map((c) => [c.name, c.offset, c.length])).toEqual([['Internet Protocol Version 4', 0, 20], ['Minimal Forwarding Header', 20, 12]]);
    expectInside(d.node, 0, 44);
    expect(okValue(dissectMinimalEncapsulation(CN_TUNNELLED)).inner).toEqual({ kind: 'transport', protocol: 17, source: CN, destination: MN });
  });

  it('decapsulate(encapsulate(x)) is x (one TTL less when forwarding), with S = 1 iff the source was replaced', () => {
    fc.assert(fc.property(arbTunnelledDatagram, fc.boolean(), fc.boolean(), (d, forwarding, ownDatagram) => {
      fc.pre(d.source !== HA && d.source !== COA);
      const original = bytesOf(ownDatagram ? { ...d, source: HA } : d);
      const options = { ...HA_FORWARDING, decrementInnerTtl: forwarding && !ownDatagram };
      const tunnelled = okValue(encapsulateMinimal(original, options));
      expect(tunnelled[21]! & 0x80).toBe(ownDatagram ? 0 : 0x80);
      const back = okValue(decapsulateMinimal(tunnelled));
      const expected = options.decrementInnerTtl ? bytesOf({ ...okValue(parseIpv4(original)), ttl: d.ttl - 1 }) : original;
      expect(bytesToHex(back.inner)).toBe(bytesToHex(expected));
    }));
  });

  it('refuses every truncation with a typed error', () => {
    checkEveryTruncationRefused(decapsulateMinimal, HA_TUNNELLED);
  });

  it('never throws on random or mutated datagrams', () => {
    checkDecapsulatorFuzz(decapsulateMinimal, [HA_TUNNELLED, CN_TUNNELLED]);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (b) => { dissectMinimalEncapsulation(b); encapsulateMinimal(b, HA_FORWARDING); }));
  });
});
