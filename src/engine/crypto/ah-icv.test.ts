import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NextHeader } from '../wire/ipv6/ipv6-header';
import { buildIpv6Packet, parseIpv6Packet } from '../wire/ipv6/ipv6-packet';
import { emitMobilityHeader } from '../wire/ipv6/mobility-header';
import { bytesToHex, hexToBytes, okValue } from '../wire/test-support/laws';
import { computeAhIcv, hmacMd5_96, normalizeForIcv, normalizeForIcvChecked, verifyAhIcv } from './ah-icv';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const hex = (b: Uint8Array) => bytesToHex(b).replace(/ /g, '');

describe('HMAC-MD5-96 (RFC 2403)', () => {
  it('is HMAC-MD5 truncated to 96 bits: RFC 2202 test case 5 gives its digest-96', () => {
    expect(hex(hmacMd5_96(new Uint8Array(16).fill(0x0c), ascii('Test With Truncation')))).toBe('56461ef2342edc00f9bab995');
  });

  it('keeps the first 12 octets of the RFC 2202 HMAC-MD5 test cases 1 and 2', () => {
    expect(hex(hmacMd5_96(new Uint8Array(16).fill(0x0b), ascii('Hi There')))).toBe('9294727a3638bb1c13f48ef8');
    expect(hex(hmacMd5_96(ascii('Jefe'), ascii('what do ya want for nothing?')))).toBe('750c783e6ab0b503eaa86e31');
  });

  it("agrees with the first 96 bits of Node's HMAC-MD5 for any key and message", () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 80 }), fc.uint8Array({ maxLength: 200 }), (key, data) => {
      expect(hex(hmacMd5_96(key, data))).toBe(createHmac('md5', key).update(data).digest('hex').slice(0, 24));
    }), { numRuns: 100 });
  });
});

// A packet between two mobile nodes, hand-assembled (RFC 8200 §3–§4, RFC 6275 §6.3–§6.4, RFC 4302 §2):
//   0  IPv6: Version 6, Traffic Class 0xb8, Flow Label 0x12345, Payload Length 88, Next Header 0, Hop Limit 64,
//      source 2001:db8:2::a (care-of), destination 2001:db8:3::b (the peer's care-of address)
//  40  Hop-by-Hop: Next 43, Len 0, option 0x3e (change bit set) length 4, data de ad be ef
//  48  Routing type 2: Next 60, Len 2, Type 2, Segments Left 1, Reserved, home address 2001:db8:100::5
//  72  Destination Options: Next 51, Len 2, PadN(4), Home Address option c9 10 at 78, 2001:db8:1::10
//  96  AH: Next 135, Payload Len 4, Reserved, SPI 256, Sequence 5, ICV 99 × 12
// 120  Mobility Header: a Binding Refresh Request
const SENT = hexToBytes(`
  6b 81 23 45 00 58 00 40
  20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 0a
  20 01 0d b8 00 03 00 00 00 00 00 00 00 00 00 0b
  2b 00 3e 04 de ad be ef
  3c 02 02 01 00 00 00 00 20 01 0d b8 01 00 00 00 00 00 00 00 00 00 00 05
  33 02 01 02 00 00 c9 10 20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 10
  87 04 00 00 00 00 01 00 00 00 00 05 99 99 99 99 99 99 99 99 99 99 99 99
  3b 00 00 00 12 34 00 00`);
const AH_AT = 96;

// The same packet as the ICV covers it, typed out field by field (docs/ipv6.md §1):
const NORMALIZED = hexToBytes(`
  60 00 00 00 00 58 00 00
  20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 10
  20 01 0d b8 01 00 00 00 00 00 00 00 00 00 00 05
  2b 00 3e 04 00 00 00 00
  3c 02 02 00 00 00 00 00 20 01 0d b8 00 03 00 00 00 00 00 00 00 00 00 0b
  33 02 01 02 00 00 c9 10 20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 0a
  87 04 00 00 00 00 01 00 00 00 00 05 00 00 00 00 00 00 00 00 00 00 00 00
  3b 00 00 00 12 34 00 00`);

const KEY = Uint8Array.from({ length: 16 }, (_, i) => i);

function signed(): Uint8Array {
  const p = SENT.slice();
  p.set(okValue(computeAhIcv(KEY, p, AH_AT)), AH_AT + 12);
  return p;
}

describe('normalizeForIcv (RFC 4302 §3.3.3.1.2; RFC 6275 §6.3, §6.4)', () => {
  it('changes exactly the bytes the receiver would see differently, and no others', () => {
    const out = normalizeForIcv(SENT, AH_AT);
    expect(bytesToHex(out)).toBe(bytesToHex(NORMALIZED));
    const changed = Array.from(SENT.keys()).filter((i) => SENT[i] !== out[i]);
    expect(changed).toEqual([
      0, 1, 2, 3, 7, // Traffic Class, Flow Label, Hop Limit (Version stays 6)
      13, 23, // source: care-of 2001:db8:2::a → home 2001:db8:1::10
      28, 29, 39, // destination: 2001:db8:3::b → 2001:db8:100::5
      44, 45, 46, 47, // the change-bit option's data
      51, // Segments Left 1 → 0
      60, 61, 71, // the Routing header's address: 2001:db8:100::5 → 2001:db8:3::b
      85, 95, // the Home Address option: 2001:db8:1::10 → 2001:db8:2::a
      108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, // the ICV
    ]);
    expect(bytesToHex(SENT)).not.toBe(bytesToHex(out)); // the input is left alone
    expect(SENT[7]).toBe(0x40);
  });

  it('gives the same bytes for the packet as the receiver holds it after processing the Routing header', () => {
    const processed = SENT.slice();
    processed.set(SENT.subarray(56, 72), 24); // destination = home address
    processed.set(SENT.subarray(24, 40), 56); // the header holds the care-of address
    processed[51] = 0;
    processed[7] = 1; // and a different Hop Limit on arrival
    expect(bytesToHex(normalizeForIcv(processed, AH_AT))).toBe(bytesToHex(NORMALIZED));
  });

  it('covers only the IPv6 packet: octets past Payload Length are not part of it', () => {
    const padded = new Uint8Array(SENT.length + 6);
    padded.set(SENT);
    expect(normalizeForIcv(padded, AH_AT).length).toBe(128);
  });
});

describe('computeAhIcv / verifyAhIcv', () => {
  it('is HMAC-MD5-96 of the normalised packet, checked with Node', () => {
    const expected = createHmac('md5', KEY).update(NORMALIZED).digest().subarray(0, 12);
    expect(hex(okValue(computeAhIcv(KEY, SENT, AH_AT)))).toBe(hex(expected));
  });

  it('accepts the signed packet, and still does after the fields that change in transit change', () => {
    expect(okValue(verifyAhIcv(KEY, signed(), AH_AT)).valid).toBe(true);
    for (const [at, value] of [[7, 3], [1, 0x0f], [3, 0x99], [45, 0x77]] as const) {
      const p = signed();
      p[at] = value;
      expect(okValue(verifyAhIcv(KEY, p, AH_AT)).valid, `byte ${at}`).toBe(true);
    }
  });

  it('refuses a packet whose addresses, options, upper layer or key differ', () => {
    for (const at of [23, 39, 51, 71, 95, 102, 121]) {
      const p = signed();
      p[at] = p[at]! ^ 0x01;
      const check = okValue(verifyAhIcv(KEY, p, AH_AT));
      expect(check.valid, `byte ${at}`).toBe(false);
      expect(check.received.length).toBe(12);
    }
    expect(okValue(verifyAhIcv(new Uint8Array(16), signed(), AH_AT)).valid).toBe(false);
  });

  it('says why a packet cannot be walked to its AH', () => {
    expect(normalizeForIcvChecked(SENT, 100)).toMatchObject({ ok: false, error: { field: 'header chain', reason: 'AH starts at offset 96, not at 100' } });
    expect(normalizeForIcvChecked(SENT, 90)).toMatchObject({ ok: false, error: { field: 'header chain', offset: 96, reason: expect.stringMatching(/no header starts at offset 90/) } });
    expect(normalizeForIcvChecked(SENT, 72)).toMatchObject({ ok: false, error: { field: 'Next Header', offset: 72, reason: 'the header at offset 72 is 60, not AH (51)' } });
    expect(normalizeForIcvChecked(SENT.subarray(0, 100), AH_AT)).toMatchObject({ ok: false, error: { field: 'Payload Length', offset: 4 } });
    const fragment = SENT.slice();
    fragment[6] = 44;
    expect(normalizeForIcvChecked(fragment, AH_AT)).toMatchObject({ ok: false, error: { field: 'Fragment header', offset: 40 } });
    const v4 = SENT.slice();
    v4[0] = 0x45;
    expect(normalizeForIcvChecked(v4, AH_AT)).toMatchObject({ ok: false, error: { field: 'Version' } });
    const type0 = SENT.slice();
    type0[50] = 0;
    expect(normalizeForIcvChecked(type0, AH_AT)).toMatchObject({ ok: false, error: { field: 'Routing Type', offset: 50 } });
    const shortHao = SENT.slice();
    shortHao.set([0xc9, 0x02], 74); // the PadN becomes a Home Address option of length 2
    expect(normalizeForIcvChecked(shortHao, AH_AT)).toMatchObject({ ok: false, error: { field: 'Home Address option', offset: 75, reason: 'Option Length 2, must be 16 (RFC 6275 §6.3)' } });
    expect(() => normalizeForIcv(SENT, 100)).toThrow(/AH ICV: header chain at offset/);
  });

  it('refuses to verify an ICV that is not 96 bits', () => {
    const p = new Uint8Array(SENT.length + 8);
    p.set(SENT.subarray(0, 108));
    p[5] = 0x60; // Payload Length 96
    p[AH_AT + 1] = 6; // AH of 32 octets: a 20-octet ICV
    p.set(SENT.subarray(120), 128);
    expect(verifyAhIcv(KEY, p, AH_AT)).toMatchObject({ ok: false, error: { field: 'Integrity Check Value', reason: expect.stringMatching(/20 octets/) } });
  });

  it('never throws on random or mutated packets', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(200), (bytes, at) => {
      expect(typeof verifyAhIcv(KEY, bytes, at).ok).toBe('boolean');
    }), { numRuns: 500 });
    const mutated = fc.array(fc.tuple(fc.nat(127), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 5 }).map((muts) => {
      const p = signed();
      for (const [i, v] of muts) p[i] = v;
      return p;
    });
    fc.assert(fc.property(mutated, (p) => {
      expect(typeof verifyAhIcv(KEY, p, AH_AT).ok).toBe('boolean');
    }), { numRuns: 500 });
  });
});

describe('with the packet builder and parser (docs/ipv6.md §1)', () => {
  it('a home registration signed by the builder verifies at the receiver, and a changed Binding Update does not', () => {
    const packet = buildIpv6Packet({
      source: '2001:db8:2::a', destination: '2001:db8:1::1', hopLimit: 64, homeAddressOption: '2001:db8:1::10',
      authentication: { spi: 256, sequence: 1, icv: (normalized) => hmacMd5_96(KEY, normalized) },
      upper: {
        nextHeader: NextHeader.MOBILITY,
        bytes: (pseudo) => emitMobilityHeader({ kind: 'binding-update', sequence: 1, acknowledge: true, homeRegistration: true, linkLocalCompatibility: false, keyManagement: false, lifetimeUnits: 75, options: [] }, pseudo),
      },
    });
    const at = okValue(parseIpv6Packet(packet)).authentication!.offset;
    expect(okValue(verifyAhIcv(KEY, packet, at)).valid).toBe(true);
    const arrived = packet.slice();
    arrived[7] = 57; // seven routers later
    expect(okValue(verifyAhIcv(KEY, arrived, at)).valid).toBe(true);
    const longer = packet.slice();
    longer[longer.length - 5] = 0xff; // the Lifetime's low octet
    expect(okValue(verifyAhIcv(KEY, longer, at)).valid).toBe(false);
  });
});
