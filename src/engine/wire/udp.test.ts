import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { u32ToAddress } from './address';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from './test-support/laws';
import { MOBILE_IP_PORT, parseUdp, udp, udpCodec, type UdpDatagram } from './udp';
import { concatBytes } from './bytes';

// Golden bytes copied from the spec's test vectors, computed by an independent script.
// docs/protocol-notes.md §Test vectors: the Registration Request from 10.1.0.10:49152 to the FA 192.168.2.1:434.
const RRQ_UDP_HEADER = hexToBytes('c0 00 01 b2 00 36 97 8b');
const RRQ_MESSAGE = hexToBytes(`
  01 00 01 2c 0a 01 00 0a 0a 01 00 01 c0 a8 02 01 d5 c1 e2 a0 12 34 56 78
  20 14 00 00 01 00 70 55 55 e8 c6 22 fa 19 b3 6b 51 46 37 63 fb f9`);
const MN = '10.1.0.10';
const FA = '192.168.2.1';
const CN = '198.51.100.5';

// docs/protocol-notes.md §Test vectors: the inner datagram's UDP part, CN 198.51.100.5:5000 → MN 10.1.0.10:7, "ping".
const PING = hexToBytes('13 88 00 07 00 0c d9 32 70 69 6e 67');
const PING_TEXT = new TextEncoder().encode('ping');

// A datagram whose computed checksum is 0x0000, so 0xFFFF must be sent (RFC 768).
// Derived by hand from the "ping" vector: its checksum 0xd932 means the one's-complement sum of
// everything else is ~0xd932 = 0x26cd. Appending the word 0xd92e adds 0xd92e, and the Length
// growing from 12 to 14 adds 2 twice (UDP Length field and pseudo-header): 0x26cd + 4 + 0xd92e
// = 0xffff, whose complement is 0x0000.
const ZERO_SUM = hexToBytes('13 88 00 07 00 0e ff ff 70 69 6e 67 d9 2e');

describe('UDP', () => {
  const rrqCodec = udpCodec(MN, FA);
  const pingCodec = udpCodec(CN, MN);

  it('encodes the Registration Request datagram of docs/protocol-notes.md §Test vectors (checksum 0x978b over the pseudo-header)', () => {
    const repr = udp(49152, MOBILE_IP_PORT, RRQ_MESSAGE);
    expectGolden(rrqCodec, repr, concatBytes(RRQ_UDP_HEADER, RRQ_MESSAGE), { ...repr, checksumValid: true, checksumAbsent: false });
  });

  it('encodes the "ping" datagram inside the test vectors (docs/protocol-notes.md §Test vectors) (checksum 0xd932)', () => {
    const repr = udp(5000, 7, PING_TEXT);
    expectGolden(pingCodec, repr, PING, { ...repr, checksumValid: true, checksumAbsent: false });
  });

  it('sends 0xFFFF when the computed checksum is 0x0000, and that verifies', () => {
    const repr = udp(5000, 7, hexToBytes('70 69 6e 67 d9 2e'));
    expectGolden(pingCodec, repr, ZERO_SUM, { ...repr, checksumValid: true, checksumAbsent: false });
  });

  it('flags a bad checksum instead of failing, and the dissection says a Mobile IP node discards it', () => {
    const bytes = concatBytes(RRQ_UDP_HEADER, RRQ_MESSAGE);
    bytes[30] = bytes[30]! ^ 0x01; // a flipped bit in the payload
    const r = rrqCodec.parse(bytes);
    expect(r).toMatchObject({ ok: true, value: { checksumValid: false, checksumAbsent: false } });
    const d = rrqCodec.dissect(bytes);
    expect(d.ok && d.value.children?.find((c) => c.name === 'Checksum')?.warning).toMatch(/silently discards/);
  });

  it('covers the enclosing addresses: the same bytes fail to verify under another pseudo-header', () => {
    const r = udpCodec(MN, '192.168.2.2').parse(concatBytes(RRQ_UDP_HEADER, RRQ_MESSAGE));
    expect(r.ok && r.value.checksumValid).toBe(false);
  });

  it('accepts checksum 0 as "none sent", flagged; re-emitting writes a real checksum', () => {
    const bytes = PING.slice();
    bytes[6] = 0;
    bytes[7] = 0;
    const r = pingCodec.parse(bytes);
    expect(r).toMatchObject({ ok: true, value: { checksumValid: true, checksumAbsent: true } });
    const d = pingCodec.dissect(bytes);
    expect(d.ok && d.value.children?.find((c) => c.name === 'Checksum')?.warning).toMatch(/no checksum sent/);
    const again = new Uint8Array(12);
    if (r.ok) pingCodec.emit(r.value, again);
    expect(Array.from(again.subarray(6, 8))).toEqual([0xd9, 0x32]);
  });

  it('refuses a Length shorter than the header or longer than the region, naming field and offset', () => {
    const short = PING.slice();
    short[5] = 7;
    expect(pingCodec.parse(short)).toEqual({ ok: false, error: { layer: 'UDP', field: 'Length', offset: 4, reason: '7 is shorter than the 8-octet header' } });
    expect(parseUdp(PING, 0, 11, { source: CN, destination: MN })).toEqual({ ok: false, error: { layer: 'UDP', field: 'Length', offset: 4, reason: '12 exceeds the 11 octets available' } });
  });

  it('ignores octets after the UDP Length (and the dissection says so)', () => {
    const padded = concatBytes(PING, hexToBytes('00 00'));
    const r = pingCodec.parse(padded);
    expect(r.ok && r.value.payload).toEqual(PING_TEXT);
    expect(r.ok && r.value.checksumValid).toBe(true);
    const d = pingCodec.dissect(padded);
    expect(d.ok && d.value.warning).toMatch(/2 octets after the UDP Length/);
  });

  it('dissects the header with the Mobile IP port named', () => {
    const d = rrqCodec.dissect(concatBytes(RRQ_UDP_HEADER, RRQ_MESSAGE));
    expect(d.ok && d.value).toMatchObject({ name: 'User Datagram Protocol', offset: 0, length: 8 });
    expect(d.ok && d.value.children?.map((c) => [c.name, c.value])).toEqual([
      ['Source Port', '49152'],
      ['Destination Port', '434 (Mobile IP)'],
      ['Length', '54 octets (8 header + 46 payload)'],
      ['Checksum', '0x978b [correct]'],
    ]);
  });

  const arbAddress = fc.nat().map((n) => u32ToAddress(n >>> 0));
  const arbDatagram: fc.Arbitrary<UdpDatagram> = fc.record({
    sourcePort: fc.integer({ min: 0, max: 0xffff }),
    destinationPort: fc.integer({ min: 0, max: 0xffff }),
    payload: fc.uint8Array({ maxLength: 300 }),
  });

  it('round-trips any datagram under any pair of addresses', () => {
    fc.assert(fc.property(arbAddress, arbAddress, (s, d) => {
      checkRoundTrip(udpCodec(s, d), arbDatagram, (x) => ({ ...x, checksumValid: undefined, checksumAbsent: undefined }), 5);
    }), { numRuns: 60 });
  });

  it('emits a checksum that always verifies (never 0)', () => {
    fc.assert(fc.property(arbAddress, arbAddress, arbDatagram, (s, d, repr) => {
      const codec = udpCodec(s, d);
      const buf = new Uint8Array(codec.length(repr));
      codec.emit(repr, buf);
      expect(buf[6]! | buf[7]!).not.toBe(0);
      expect(codec.parse(buf)).toMatchObject({ ok: true, value: { checksumValid: true, checksumAbsent: false } });
    }));
  });

  it('returns a typed error for every truncation', () => {
    checkEveryTruncation(rrqCodec, concatBytes(RRQ_UDP_HEADER, RRQ_MESSAGE), true);
    checkEveryTruncation(pingCodec, PING, true);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(rrqCodec, [concatBytes(RRQ_UDP_HEADER, RRQ_MESSAGE), PING, ZERO_SUM]);
  });
});
