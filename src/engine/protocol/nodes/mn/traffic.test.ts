import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode } from '../../../wire/codec';
import { putU16 } from '../../../wire/cursor';
import { emitIpv4, ipv4, ipv4Codec, ipv4Length, parseIpv4 } from '../../../wire/ipv4';
import { deliveredOctets } from './traffic';

describe('the octets a mobile node traces as delivered', () => {
  it('are always what encoding the parsed datagram again gives, received octets reused only when equal', () => {
    const header = fc.record({
      tos: fc.nat(255), identification: fc.nat(0xffff), dontFragment: fc.boolean(), moreFragments: fc.boolean(), reservedFlag: fc.boolean(),
      fragmentOffset: fc.nat(0x1fff), ttl: fc.nat(255), protocol: fc.nat(255), options: fc.integer({ min: 0, max: 10 }).map((w) => new Uint8Array(w * 4).fill(1)),
      payload: fc.uint8Array({ maxLength: 60 }), trailing: fc.nat(3), checksum: fc.option(fc.nat(0xffff)),
    });
    fc.assert(fc.property(header, (h) => {
      const d = ipv4({ ...h, source: '10.1.0.10', destination: '198.51.100.5' });
      const bytes = new Uint8Array(ipv4Length(d) + h.trailing);
      emitIpv4(d, bytes);
      if (h.checksum !== null) putU16(bytes, 10, h.checksum); // any stored checksum, valid or not, 0xFFFF included
      const parsed = parseIpv4(bytes);
      if (!parsed.ok) throw new Error('must parse');
      const out = deliveredOctets(parsed.value, bytes);
      expect(Array.from(out)).toEqual(Array.from(encode(ipv4Codec, parsed.value)));
      expect(Array.from(deliveredOctets(parsed.value, undefined))).toEqual(Array.from(out));
    }), { numRuns: 1000 });
  });

  it('reuse the received octets when they are exactly the datagram, and not when the checksum is the other form of zero', () => {
    const d = ipv4({ source: '10.1.0.10', destination: '198.51.100.5', protocol: 17, payload: new Uint8Array(8) });
    const bytes = new Uint8Array(ipv4Length(d));
    emitIpv4(d, bytes);
    const parsed = parseIpv4(bytes);
    if (!parsed.ok) throw new Error('must parse');
    expect(deliveredOctets(parsed.value, bytes)).toBe(bytes);
    const longer = new Uint8Array(bytes.length + 2);
    longer.set(bytes);
    const p2 = parseIpv4(longer);
    if (!p2.ok) throw new Error('must parse');
    expect(deliveredOctets(p2.value, longer)).not.toBe(longer); // octets after Total Length are not the datagram's
    // An Identification that makes the other header words sum to 0xFFFF: the checksum is 0x0000, and a stored 0xFFFF verifies too.
    const zero = ipv4({ source: '10.1.0.10', destination: '198.51.100.5', protocol: 17, payload: new Uint8Array(8), identification: 0 });
    const header = new Uint8Array(ipv4Length(zero));
    emitIpv4(zero, header);
    putU16(header, 10, 0);
    let sum = 0;
    for (let i = 0; i < 20; i += 2) sum += (header[i]! << 8) | header[i + 1]!;
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    const both = ipv4({ ...zero, identification: 0xffff - sum });
    const stored = new Uint8Array(ipv4Length(both));
    emitIpv4(both, stored);
    expect(stored[10]! | stored[11]!).toBe(0); // computed: 0x0000
    putU16(stored, 10, 0xffff);
    const p3 = parseIpv4(stored);
    if (!p3.ok || p3.value.checksumValid !== true) throw new Error('0xFFFF must verify too');
    const out = deliveredOctets(p3.value, stored);
    expect(out).not.toBe(stored);
    expect(out[10]! | out[11]!).toBe(0);
  });
});
