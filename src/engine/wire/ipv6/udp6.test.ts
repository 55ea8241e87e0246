import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../test-support/laws';
import { formatIpv6 } from './ipv6-address';
import { parseUdp6, udp, udp6Codec, type UdpDatagram } from './udp6';

const pseudo = { source: '2001:db8:1::10', destination: '2001:db8:1::20' };
// 5000 → 7, "ping": checksum 0xb1d2 summed by hand in ipv6-packet.test.ts over this pseudo-header.
const PING = hexToBytes('13 88 00 07 00 0c b1 d2 70 69 6e 67');
// The one's-complement sum of PING without its checksum is ~0xb1d2 = 0x4e2d. Appending the word 0xb1ce
// and growing the Length by 2 (counted twice: UDP Length and the pseudo-header length) gives
// 0x4e2d + 0xb1ce + 4 = 0xffff, whose complement 0 must be sent as 0xffff (RFC 8200 §8.1, RFC 768).
const ZERO_SUM = hexToBytes('13 88 00 07 00 0e ff ff 70 69 6e 67 b1 ce');

describe('UDP over IPv6 (RFC 8200 §8.1)', () => {
  const codec = udp6Codec(pseudo);

  it('encodes and decodes the hand-summed datagram', () => {
    const repr = udp(5000, 7, new TextEncoder().encode('ping'));
    expectGolden(codec, repr, PING, { ...repr, checksumValid: true });
  });

  it('sends 0xffff when the computed checksum is 0', () => {
    const repr = udp(5000, 7, hexToBytes('70 69 6e 67 b1 ce'));
    expectGolden(codec, repr, ZERO_SUM, { ...repr, checksumValid: true });
  });

  it('refuses a zero checksum: over IPv6 it is mandatory', () => {
    const zero = PING.slice();
    zero[6] = 0;
    zero[7] = 0;
    expect(codec.parse(zero)).toEqual({ ok: false, error: { layer: 'UDP', field: 'Checksum', offset: 6, reason: 'zero: over IPv6 the UDP checksum is mandatory, so the datagram is discarded (RFC 8200 §8.1)' } });
  });

  it('flags a checksum that fails under other addresses, and the dissection says the receiver discards it', () => {
    const other = udp6Codec({ source: '2001:db8:2::10', destination: pseudo.destination });
    expect(other.parse(PING)).toMatchObject({ ok: true, value: { checksumValid: false } });
    const d = other.dissect(PING);
    expect(d.ok && d.value.children?.find((c) => c.name === 'Checksum')?.warning).toMatch(/discards/);
    expect(parseUdp6(PING, 0, 11, pseudo)).toMatchObject({ ok: false, error: { field: 'Length', reason: '12 exceeds the 11 octets available' } });
  });

  const arbAddress = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => formatIpv6(b));
  const arbDatagram: fc.Arbitrary<UdpDatagram> = fc.record({
    sourcePort: fc.integer({ min: 0, max: 0xffff }),
    destinationPort: fc.integer({ min: 0, max: 0xffff }),
    payload: fc.uint8Array({ maxLength: 200 }),
  });

  it('round-trips any datagram under any pair of addresses, with a checksum that verifies', () => {
    fc.assert(fc.property(arbAddress, arbAddress, (source, destination) => {
      checkRoundTrip(udp6Codec({ source, destination }), arbDatagram, (x) => ({ ...x, checksumValid: undefined }), 5);
    }), { numRuns: 40 });
    fc.assert(fc.property(arbAddress, arbAddress, arbDatagram, (source, destination, d) => {
      const c = udp6Codec({ source, destination });
      const buf = new Uint8Array(c.length(d));
      c.emit(d, buf);
      expect(c.parse(buf)).toMatchObject({ ok: true, value: { checksumValid: true } });
    }));
  });

  it('returns a typed error for every truncation', () => {
    checkEveryTruncation(codec, PING, true);
    checkEveryTruncation(codec, ZERO_SUM, true);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(codec, [PING, ZERO_SUM]);
  });
});
