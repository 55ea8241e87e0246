import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decapsulateIpInIp, dissectIpInIp, encapsulateIpInIp } from './ip-in-ip';
import { ipv4, parseIpv4 } from './ipv4';
import { concatBytes } from './bytes';
import { bytesToHex, expectInside, hexToBytes, okValue } from './test-support/laws';
import { AS_SENT_BY_CN, bytesOf, CN, COA, HA, INNER_AT_HA_EXIT, IPIP_OUTER_AT_HA, MN, arbTunnelledDatagram } from './test-support/tunnel-fixtures';
import { checkDecapsulatorFuzz, checkEveryTruncationRefused } from './test-support/tunnel-laws';
import type { EncapsulationOptions } from './tunnel';

// Outer header a CN adds with its binding cache (ID 0x0007, DF copied, TTL 64, protocol 4, CN → CoA);
// checksum 0x4ddd computed separately by a script of RFC 791 §3.1.
const CN_OUTER = hexToBytes('45 00 00 34 00 07 40 00 40 04 4d dd c6 33 64 05 c0 a8 02 01');

const HA_FORWARDING: EncapsulationOptions = { source: HA, destination: COA, identification: 0x1234, decrementInnerTtl: true };
const CN_ORIGINATING: EncapsulationOptions = { source: CN, destination: COA, identification: 0x0007, decrementInnerTtl: false };

describe('IP in IP encapsulation (RFC 2003)', () => {
  it('an HA forwarding a datagram to the care-of address produces the test vector (docs/protocol-notes.md §Test vectors) (inner TTL 64 → 63)', () => {
    const out = okValue(encapsulateIpInIp(AS_SENT_BY_CN, HA_FORWARDING));
    expect(bytesToHex(out)).toBe(bytesToHex(concatBytes(IPIP_OUTER_AT_HA, INNER_AT_HA_EXIT)));
  });

  it('a CN originating through its binding cache leaves the inner datagram untouched (TTL stays 64)', () => {
    const out = okValue(encapsulateIpInIp(AS_SENT_BY_CN, CN_ORIGINATING));
    expect(bytesToHex(out)).toBe(bytesToHex(concatBytes(CN_OUTER, AS_SENT_BY_CN)));
  });

  it('copies the TOS into the outer header', () => {
    const inner = bytesOf(ipv4({ source: CN, destination: MN, protocol: 17, tos: 0x10, payload: new Uint8Array(4) }));
    expect(okValue(parseIpv4(okValue(encapsulateIpInIp(inner, CN_ORIGINATING)))).tos).toBe(0x10);
  });

  it('sets the outer DF when the inner DF is set; otherwise only when asked (path-MTU discovery in the tunnel)', () => {
    const df = (innerDf: boolean, askedDf?: boolean) => {
      const inner = bytesOf(ipv4({ source: CN, destination: MN, protocol: 17, dontFragment: innerDf, payload: new Uint8Array(4) }));
      return okValue(parseIpv4(okValue(encapsulateIpInIp(inner, { ...CN_ORIGINATING, ...(askedDf !== undefined ? { dontFragment: askedDf } : {}) })))).dontFragment;
    };
    expect(df(true)).toBe(true);
    expect(df(true, false)).toBe(true);
    expect(df(false)).toBe(false);
    expect(df(false, true)).toBe(true);
  });

  it('uses outer TTL 64 (OC-39) unless told otherwise, and does not copy inner options', () => {
    const inner = bytesOf(ipv4({ source: CN, destination: MN, protocol: 17, options: hexToBytes('01 01 01 00'), payload: new Uint8Array(4) }));
    const outer = okValue(parseIpv4(okValue(encapsulateIpInIp(inner, CN_ORIGINATING))));
    expect([outer.ttl, outer.options.length, outer.protocol, outer.source, outer.destination]).toEqual([64, 0, 4, CN, COA]);
    expect(okValue(parseIpv4(okValue(encapsulateIpInIp(inner, { ...CN_ORIGINATING, ttl: 9 })))).ttl).toBe(9);
  });

  it('an HA refuses to forward a datagram whose TTL would reach 0 (send Time Exceeded); a CN may send TTL 1', () => {
    const ttl1 = bytesOf(ipv4({ source: CN, destination: MN, protocol: 17, ttl: 1, payload: new Uint8Array(4) }));
    expect(encapsulateIpInIp(ttl1, HA_FORWARDING)).toMatchObject({ ok: false, error: { kind: 'ttl-expired', field: 'inner Time to Live', offset: 8 } });
    expect(okValue(parseIpv4(okValue(encapsulateIpInIp(ttl1, CN_ORIGINATING)).subarray(20))).ttl).toBe(1);
  });

  it('never encapsulates a datagram whose TTL is already 0', () => {
    const ttl0 = bytesOf(ipv4({ source: CN, destination: MN, protocol: 17, ttl: 0, payload: new Uint8Array(4) }));
    expect(encapsulateIpInIp(ttl0, CN_ORIGINATING)).toMatchObject({ ok: false, error: { kind: 'ttl-expired' } });
    expect(encapsulateIpInIp(ttl0, HA_FORWARDING)).toMatchObject({ ok: false, error: { kind: 'ttl-expired' } });
  });

  it('a forwarding router refuses to tunnel a datagram from itself or from the tunnel exit (loop rule, RFC 2003 §3.2)', () => {
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
  const TUNNELLED = concatBytes(IPIP_OUTER_AT_HA, INNER_AT_HA_EXIT);

  it('the FA at the care-of address recovers the inner datagram unchanged (it does not touch the TTL)', () => {
    const d = okValue(decapsulateIpInIp(TUNNELLED));
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
    const wrong = bytesOf({ ...okValue(parseIpv4(TUNNELLED)), protocol: 47 });
    expect(decapsulateIpInIp(wrong)).toMatchObject({ ok: false, error: { kind: 'wrong-protocol', field: 'Protocol' } });
    const fragment = bytesOf({ ...okValue(parseIpv4(TUNNELLED)), moreFragments: true });
    expect(decapsulateIpInIp(fragment)).toMatchObject({ ok: false, error: { kind: 'fragment' } });
    const brokenInner = bytesOf(ipv4({ source: HA, destination: COA, protocol: 4, payload: INNER_AT_HA_EXIT.slice(0, 24) }));
    expect(decapsulateIpInIp(brokenInner)).toMatchObject({ ok: false, error: { kind: 'malformed', field: 'inner Total Length', offset: 22 } });
  });

  it('gives the packet walker the outer header as the tunnel node and the inner offset', () => {
    const buf = concatBytes(new Uint8Array(3), TUNNELLED);
    const d = okValue(dissectIpInIp(buf, 3));
    expect([d.innerOffset, d.innerEnd, d.inner]).toEqual([23, 55, { kind: 'ipv4' }]);
    expect(d.node).toMatchObject({ name: 'IP in IP tunnel', offset: 3, length: 20, value: '10.1.0.1 → 192.168.2.1 (tunnel entry → exit)' });
    expect(d.node.children?.[0]?.name).toBe('Internet Protocol Version 4');
    expectInside(d.node, 3, 55);
    expect(dissectIpInIp(AS_SENT_BY_CN)).toMatchObject({ ok: false, error: { field: 'Protocol' } });
  });

  it('decapsulate(encapsulate(x)) is x — with one TTL less when the encapsulator forwards', () => {
    fc.assert(fc.property(arbTunnelledDatagram, fc.boolean(), (d, forwarding) => {
      fc.pre(d.source !== HA && d.source !== COA);
      const original = bytesOf(d);
      const back = okValue(decapsulateIpInIp(okValue(encapsulateIpInIp(original, { ...HA_FORWARDING, decrementInnerTtl: forwarding }))));
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
