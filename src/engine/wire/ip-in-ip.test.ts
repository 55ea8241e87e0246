import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { u32ToAddress } from './address';
import { decapsulateIpInIp, dissectIpInIp, encapsulateIpInIp } from './ip-in-ip';
import { emitIpv4, ipv4, ipv4Length, parseIpv4, type Ipv4Datagram } from './ipv4';
import { bytesToHex, expectInside, hexToBytes } from './test-support/laws';
import { checkDecapsulatorFuzz, checkEveryTruncationRefused } from './test-support/tunnel-laws';
import type { EncapsulationOptions } from './tunnel';

const HA = '10.1.0.1';
const COA = '192.168.2.1';
const CN = '198.51.100.5';
const MN = '10.1.0.10';

// encapsulation.md §10: the inner datagram after the HA's forwarding decrement (TTL 63, checksum 0x0748)
// and the outer header the HA adds (TOS 0 copied, ID 0x1234, DF copied, TTL 64, protocol 4, checksum 0x5be7).
const INNER_AT_HA_EXIT = hexToBytes('45 00 00 20 00 42 40 00 3f 11 07 48 c6 33 64 05 0a 01 00 0a 13 88 00 07 00 0c d9 32 70 69 6e 67');
const OUTER = hexToBytes('45 00 00 34 12 34 40 00 40 04 5b e7 0a 01 00 01 c0 a8 02 01');
// The same datagram as the CN sent it, one hop earlier: TTL 64. TTL is the high octet of the word at
// offset 8, so one more TTL adds 0x0100 to the sum and takes 0x0100 off the checksum: 0x0748 → 0x0648.
const AS_SENT_BY_CN = hexToBytes('45 00 00 20 00 42 40 00 40 11 06 48 c6 33 64 05 0a 01 00 0a 13 88 00 07 00 0c d9 32 70 69 6e 67');
// Outer header a CN adds with its binding cache (ID 0x0007, DF copied, TTL 64, protocol 4, CN → CoA);
// checksum 0x4ddd computed separately by a script of encapsulation.md §1.
const CN_OUTER = hexToBytes('45 00 00 34 00 07 40 00 40 04 4d dd c6 33 64 05 c0 a8 02 01');

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

function bytesOf(d: Ipv4Datagram): Uint8Array {
  const out = new Uint8Array(ipv4Length(d));
  emitIpv4(d, out);
  return out;
}

function value<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`unexpected refusal: ${JSON.stringify(r.error)}`);
  return r.value;
}

const HA_FORWARDING: EncapsulationOptions = { source: HA, destination: COA, identification: 0x1234, decrementInnerTtl: true };
const CN_ORIGINATING: EncapsulationOptions = { source: CN, destination: COA, identification: 0x0007, decrementInnerTtl: false };

describe('IP in IP encapsulation (rfc2003)', () => {
  it('an HA forwarding a datagram to the care-of address produces the encapsulation.md §10 vector (inner TTL 64 → 63)', () => {
    const out = value(encapsulateIpInIp(AS_SENT_BY_CN, HA_FORWARDING));
    expect(bytesToHex(out)).toBe(bytesToHex(concat(OUTER, INNER_AT_HA_EXIT)));
  });

  it('a CN originating through its binding cache leaves the inner datagram untouched (TTL stays 64)', () => {
    const out = value(encapsulateIpInIp(AS_SENT_BY_CN, CN_ORIGINATING));
    expect(bytesToHex(out)).toBe(bytesToHex(concat(CN_OUTER, AS_SENT_BY_CN)));
  });

  it('copies the TOS into the outer header', () => {
    const inner = bytesOf(ipv4({ source: CN, destination: MN, protocol: 17, tos: 0x10, payload: new Uint8Array(4) }));
    expect(value(parseIpv4(value(encapsulateIpInIp(inner, CN_ORIGINATING)))).tos).toBe(0x10);
  });

  it('sets the outer DF when the inner DF is set; otherwise only when asked (path-MTU discovery in the tunnel)', () => {
    const df = (innerDf: boolean, askedDf?: boolean) => {
      const inner = bytesOf(ipv4({ source: CN, destination: MN, protocol: 17, dontFragment: innerDf, payload: new Uint8Array(4) }));
      return value(parseIpv4(value(encapsulateIpInIp(inner, { ...CN_ORIGINATING, ...(askedDf !== undefined ? { dontFragment: askedDf } : {}) })))).dontFragment;
    };
    expect(df(true)).toBe(true);
    expect(df(true, false)).toBe(true);
    expect(df(false)).toBe(false);
    expect(df(false, true)).toBe(true);
  });

  it('uses outer TTL 64 (OC-39) unless told otherwise, and does not copy inner options', () => {
    const inner = bytesOf(ipv4({ source: CN, destination: MN, protocol: 17, options: hexToBytes('01 01 01 00'), payload: new Uint8Array(4) }));
    const outer = value(parseIpv4(value(encapsulateIpInIp(inner, CN_ORIGINATING))));
    expect([outer.ttl, outer.options.length, outer.protocol, outer.source, outer.destination]).toEqual([64, 0, 4, CN, COA]);
    expect(value(parseIpv4(value(encapsulateIpInIp(inner, { ...CN_ORIGINATING, ttl: 9 })))).ttl).toBe(9);
  });

  it('an HA refuses to forward a datagram whose TTL would reach 0 (send Time Exceeded); a CN may send TTL 1', () => {
    const ttl1 = bytesOf(ipv4({ source: CN, destination: MN, protocol: 17, ttl: 1, payload: new Uint8Array(4) }));
    expect(encapsulateIpInIp(ttl1, HA_FORWARDING)).toMatchObject({ ok: false, error: { kind: 'ttl-expired', field: 'inner Time to Live', offset: 8 } });
    expect(value(parseIpv4(value(encapsulateIpInIp(ttl1, CN_ORIGINATING)).subarray(20))).ttl).toBe(1);
  });

  it('never encapsulates a datagram whose TTL is already 0', () => {
    const ttl0 = bytesOf(ipv4({ source: CN, destination: MN, protocol: 17, ttl: 0, payload: new Uint8Array(4) }));
    expect(encapsulateIpInIp(ttl0, CN_ORIGINATING)).toMatchObject({ ok: false, error: { kind: 'ttl-expired' } });
    expect(encapsulateIpInIp(ttl0, HA_FORWARDING)).toMatchObject({ ok: false, error: { kind: 'ttl-expired' } });
  });

  it('a forwarding router refuses to tunnel a datagram from itself or from the tunnel exit (loop rule, §4.3)', () => {
    const fromExit = bytesOf(ipv4({ source: COA, destination: MN, protocol: 17, payload: new Uint8Array(4) }));
    expect(encapsulateIpInIp(fromExit, HA_FORWARDING)).toMatchObject({ ok: false, error: { kind: 'routing-loop' } });
    const fromSelf = bytesOf(ipv4({ source: HA, destination: MN, protocol: 17, payload: new Uint8Array(4) }));
    expect(encapsulateIpInIp(fromSelf, HA_FORWARDING)).toMatchObject({ ok: false, error: { kind: 'routing-loop' } });
  });

  it('refuses a malformed inner datagram, a corrupted inner header, and a result above 65535 octets', () => {
    expect(encapsulateIpInIp(AS_SENT_BY_CN.slice(0, 30), HA_FORWARDING)).toMatchObject({ ok: false, error: { kind: 'malformed', layer: 'IPv4', field: 'Total Length' } });
    const corrupted = AS_SENT_BY_CN.slice();
    corrupted[11] = corrupted[11]! ^ 1;
    expect(encapsulateIpInIp(corrupted, HA_FORWARDING)).toMatchObject({ ok: false, error: { kind: 'bad-checksum' } });
    const huge = bytesOf(ipv4({ source: CN, destination: MN, protocol: 17, payload: new Uint8Array(65535 - 30) }));
    expect(encapsulateIpInIp(huge, CN_ORIGINATING)).toMatchObject({ ok: false, error: { kind: 'too-big' } });
  });
});

describe('IP in IP decapsulation', () => {
  const TUNNELLED = concat(OUTER, INNER_AT_HA_EXIT);

  it('the FA at the care-of address recovers the inner datagram unchanged (it does not touch the TTL)', () => {
    const d = value(decapsulateIpInIp(TUNNELLED));
    expect(bytesToHex(d.inner)).toBe(bytesToHex(INNER_AT_HA_EXIT));
    expect([d.outer.source, d.outer.destination, d.innerDatagram.ttl, d.innerDatagram.destination]).toEqual([HA, COA, 63, MN]);
  });

  it('discards an inner datagram whose TTL is 0', () => {
    const inner = bytesOf(ipv4({ source: CN, destination: MN, protocol: 17, ttl: 0, payload: new Uint8Array(4) }));
    const tunnelled = bytesOf(ipv4({ source: HA, destination: COA, protocol: 4, payload: inner }));
    expect(decapsulateIpInIp(tunnelled)).toMatchObject({ ok: false, error: { kind: 'ttl-expired', offset: 28 } });
  });

  it('refuses another protocol, a fragment, a bad outer checksum and a broken inner datagram', () => {
    const tampered = TUNNELLED.slice(); tampered[9] = 47; // Protocol changed without fixing the checksum
    expect(decapsulateIpInIp(tampered)).toMatchObject({ ok: false, error: { kind: 'bad-checksum' } });
    const wrong = bytesOf({ ...value(parseIpv4(TUNNELLED)), protocol: 47 });
    expect(decapsulateIpInIp(wrong)).toMatchObject({ ok: false, error: { kind: 'wrong-protocol', field: 'Protocol' } });
    const fragment = bytesOf({ ...value(parseIpv4(TUNNELLED)), moreFragments: true });
    expect(decapsulateIpInIp(fragment)).toMatchObject({ ok: false, error: { kind: 'fragment' } });
    const brokenInner = bytesOf(ipv4({ source: HA, destination: COA, protocol: 4, payload: INNER_AT_HA_EXIT.slice(0, 24) }));
    expect(decapsulateIpInIp(brokenInner)).toMatchObject({ ok: false, error: { kind: 'malformed', field: 'inner Total Length', offset: 22 } });
  });

  it('gives the packet walker the outer header as the tunnel node and the inner offset', () => {
    const buf = concat(new Uint8Array(3), TUNNELLED);
    const d = value(dissectIpInIp(buf, 3));
    expect([d.innerOffset, d.innerEnd, d.inner]).toEqual([23, 55, { kind: 'ipv4' }]);
    expect(d.node).toMatchObject({ name: 'IP in IP tunnel', offset: 3, length: 20, value: '10.1.0.1 → 192.168.2.1 (tunnel entry → exit)' });
    expect(d.node.children?.[0]?.name).toBe('Internet Protocol Version 4');
    expectInside(d.node, 3, 55);
    expect(dissectIpInIp(AS_SENT_BY_CN)).toMatchObject({ ok: false, error: { field: 'Protocol' } });
  });

  const arbInner: fc.Arbitrary<Ipv4Datagram> = fc.record({
    source: fc.nat().map((n) => u32ToAddress(n >>> 0)),
    destination: fc.nat().map((n) => u32ToAddress(n >>> 0)),
    protocol: fc.integer({ min: 0, max: 255 }),
    tos: fc.integer({ min: 0, max: 255 }),
    ttl: fc.integer({ min: 2, max: 255 }),
    dontFragment: fc.boolean(),
    identification: fc.integer({ min: 0, max: 0xffff }),
    payload: fc.uint8Array({ maxLength: 100 }),
  }).map((f) => ipv4(f));

  it('decapsulate(encapsulate(x)) is x — with one TTL less when the encapsulator forwards', () => {
    fc.assert(fc.property(arbInner, fc.boolean(), (d, forwarding) => {
      fc.pre(d.source !== HA && d.source !== COA);
      const original = bytesOf(d);
      const back = value(decapsulateIpInIp(value(encapsulateIpInIp(original, { ...HA_FORWARDING, decrementInnerTtl: forwarding }))));
      const expected = forwarding ? bytesOf({ ...d, ttl: d.ttl - 1 }) : original;
      expect(bytesToHex(back.inner)).toBe(bytesToHex(expected));
      expect(back.outer.tos).toBe(d.tos);
      expect(back.outer.dontFragment).toBe(d.dontFragment);
    }));
  });

  it('refuses every truncation of a tunnelled datagram with a typed error', () => {
    checkEveryTruncationRefused(decapsulateIpInIp, TUNNELLED);
  });

  it('never throws on random or mutated datagrams', () => {
    checkDecapsulatorFuzz(decapsulateIpInIp, [TUNNELLED]);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (b) => { dissectIpInIp(b); encapsulateIpInIp(b, HA_FORWARDING); }));
  });
});
