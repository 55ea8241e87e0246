import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, okValue } from '../test-support/laws';
import { decapsulateIpv6, encapsulateIpv6 } from './ipv6-in-ipv6';

const HA = '2001:db8:1::1';
const COA = '2001:db8:2::10';
// The inner packet: correspondent 2001:db8:100::5 → home address 2001:db8:1::10, no next header,
// Hop Limit 64 (RFC 8200 §3, assembled by hand).
const INNER = hexToBytes(`
  60 00 00 00 00 00 3b 40
  20 01 0d b8 01 00 00 00 00 00 00 00 00 00 00 05
  20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 10`);
// The home agent tunnels it to the care-of address (RFC 2473 §3): outer Payload Length 40 (0x28),
// Next Header 41, Hop Limit 64; the inner Hop Limit decremented to 63 (0x3f) by the forwarding.
const TUNNELLED = hexToBytes(`
  60 00 00 00 00 28 29 40
  20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 01
  20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 10
  60 00 00 00 00 00 3b 3f
  20 01 0d b8 01 00 00 00 00 00 00 00 00 00 00 05
  20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 10`);

describe('IPv6 in IPv6 (RFC 2473)', () => {
  it('encapsulates byte for byte, decrementing the inner Hop Limit when forwarding', () => {
    const out = okValue(encapsulateIpv6(INNER, { source: HA, destination: COA, decrementInnerHopLimit: true }));
    expect(bytesToHex(out)).toBe(bytesToHex(TUNNELLED));
    const asSender = okValue(encapsulateIpv6(INNER, { source: HA, destination: COA, hopLimit: 9, decrementInnerHopLimit: false }));
    expect(asSender[7]).toBe(9);
    expect(asSender[47]).toBe(64);
  });

  it('decapsulates back to the inner packet, leaving its Hop Limit alone', () => {
    const d = okValue(decapsulateIpv6(TUNNELLED));
    expect(d.outer.header).toMatchObject({ source: HA, destination: COA, nextHeader: 41 });
    expect(d.innerHeader).toMatchObject({ source: '2001:db8:100::5', destination: '2001:db8:1::10', hopLimit: 63 });
    expect(bytesToHex(d.inner)).toBe(bytesToHex(TUNNELLED.subarray(40)));
  });

  it('refuses with typed reasons: hop limit running out, loops, a packet that is not a tunnel', () => {
    const one = INNER.slice();
    one[7] = 1;
    expect(encapsulateIpv6(one, { source: HA, destination: COA, decrementInnerHopLimit: true })).toMatchObject({ ok: false, error: { kind: 'ttl-expired', field: 'inner Hop Limit' } });
    const zero = INNER.slice();
    zero[7] = 0;
    expect(encapsulateIpv6(zero, { source: HA, destination: COA, decrementInnerHopLimit: false })).toMatchObject({ ok: false, error: { kind: 'ttl-expired' } });
    expect(encapsulateIpv6(INNER, { source: '2001:db8:100::5', destination: COA, decrementInnerHopLimit: true })).toMatchObject({ ok: false, error: { kind: 'routing-loop' } });
    expect(encapsulateIpv6(INNER, { source: HA, destination: '2001:db8:100::5', decrementInnerHopLimit: true })).toMatchObject({ ok: false, error: { kind: 'routing-loop' } });
    expect(decapsulateIpv6(INNER)).toMatchObject({ ok: false, error: { kind: 'wrong-protocol', reason: 'next header 59, expected 41 (IPv6 in IPv6)' } });
    expect(encapsulateIpv6(INNER.subarray(0, 39), { source: HA, destination: COA, decrementInnerHopLimit: false })).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    const badInner = TUNNELLED.slice();
    badInner[40] = 0x40;
    expect(decapsulateIpv6(badInner)).toMatchObject({ ok: false, error: { kind: 'malformed', field: 'inner Version', offset: 40 } });
  });

  it('every truncation of the tunnelled packet is refused with a located error', () => {
    for (let n = 0; n < TUNNELLED.length; n++) {
      const r = decapsulateIpv6(TUNNELLED.slice(0, n));
      expect(r.ok, `truncated to ${n}`).toBe(false);
      if (!r.ok) expect(r.error.offset).toBeLessThanOrEqual(n);
    }
  });

  it('never throws on random or mutated packets, and encapsulation then decapsulation is the identity', () => {
    const mutated = fc.tuple(fc.constantFrom(INNER, TUNNELLED), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }))
      .map(([base, muts]) => { const b = base.slice(); for (const [pos, val] of muts) b[pos % b.length] = val; return b; });
    let wrapped = 0;
    fc.assert(fc.property(fc.oneof(mutated, fc.uint8Array({ maxLength: 200 })), (b) => {
      decapsulateIpv6(b);
      const e = encapsulateIpv6(b, { source: HA, destination: COA, decrementInnerHopLimit: false });
      if (!e.ok) return;
      wrapped++;
      expect(bytesToHex(okValue(decapsulateIpv6(e.value)).inner)).toBe(bytesToHex(b.subarray(0, e.value.length - 40)));
    }), { numRuns: 1500 });
    expect(wrapped).toBeGreaterThan(100); // the identity was checked on many packets, not vacuously
  });
});
