import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { u32ToAddress } from './address';
import { ipv4, ipv4Codec, parseIpv4, type Ipv4Datagram } from './ipv4';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from './test-support/laws';
import { concatBytes } from './bytes';
import { INNER_AT_HA_EXIT, IPIP_OUTER_AT_HA } from './test-support/tunnel-fixtures';

// Golden bytes copied from the spec's test vectors (docs/protocol-notes.md §Test vectors and
// docs/protocol-notes.md §Test vectors), which were computed by an independent script.
const RRQ_PAYLOAD = hexToBytes(`
  c0 00 01 b2 00 36 97 8b
  01 00 01 2c 0a 01 00 0a 0a 01 00 01 c0 a8 02 01 d5 c1 e2 a0 12 34 56 78
  20 14 00 00 01 00 70 55 55 e8 c6 22 fa 19 b3 6b 51 46 37 63 fb f9`);
const RRQ_DATAGRAM = hexToBytes(`45 00 00 4a 00 01 00 00 01 11 ec ee 0a 01 00 0a c0 a8 02 01`);

// The docs/protocol-notes.md §Test vectors IP-in-IP datagram: test-support/tunnel-fixtures.ts.

describe('IPv4 header', () => {
  it('encodes the Registration Request datagram of docs/protocol-notes.md §Test vectors byte for byte (checksum 0xecee)', () => {
    const repr = ipv4({ source: '10.1.0.10', destination: '192.168.2.1', protocol: 17, ttl: 1, identification: 1, payload: RRQ_PAYLOAD });
    expectGolden(ipv4Codec, repr, concatBytes(RRQ_DATAGRAM, RRQ_PAYLOAD), { ...repr, checksumValid: true });
  });

  it('encodes the IP-in-IP outer header of docs/protocol-notes.md §Test vectors (DF copied, checksum 0x5be7)', () => {
    const repr = ipv4({ source: '10.1.0.1', destination: '192.168.2.1', protocol: 4, identification: 0x1234, dontFragment: true, payload: INNER_AT_HA_EXIT });
    expectGolden(ipv4Codec, repr, concatBytes(IPIP_OUTER_AT_HA, INNER_AT_HA_EXIT), { ...repr, checksumValid: true });
  });

  it('reports a bad header checksum as a flag, not a parse error, and the dissection warns', () => {
    const bytes = concatBytes(RRQ_DATAGRAM, RRQ_PAYLOAD);
    bytes[11] = bytes[11]! ^ 0xff;
    const r = parseIpv4(bytes);
    expect(r.ok && r.value.checksumValid).toBe(false);
    const d = ipv4Codec.dissect(bytes);
    expect(d.ok && d.value.children?.find((c) => c.name === 'Header Checksum')?.warning).toMatch(/bad header checksum/);
  });

  it('refuses a Total Length beyond the captured bytes, naming the field and offset', () => {
    const r = parseIpv4(RRQ_DATAGRAM); // header says 74 octets, only 20 here
    expect(r).toEqual({ ok: false, error: { layer: 'IPv4', field: 'Total Length', offset: 2, reason: '74 exceeds the 20 octets available' } });
  });

  it('refuses other IP versions and a too-small IHL', () => {
    const v6 = concatBytes(RRQ_DATAGRAM, RRQ_PAYLOAD); v6[0] = 0x65;
    expect(parseIpv4(v6)).toMatchObject({ ok: false, error: { field: 'Version' } });
    const ihl = concatBytes(RRQ_DATAGRAM, RRQ_PAYLOAD); ihl[0] = 0x44;
    expect(parseIpv4(ihl)).toMatchObject({ ok: false, error: { field: 'IHL' } });
  });

  const arbDatagram: fc.Arbitrary<Ipv4Datagram> = fc.record({
    tos: fc.integer({ min: 0, max: 255 }),
    identification: fc.integer({ min: 0, max: 0xffff }),
    reservedFlag: fc.boolean(),
    dontFragment: fc.boolean(),
    moreFragments: fc.boolean(),
    fragmentOffset: fc.integer({ min: 0, max: 0x1fff }),
    ttl: fc.integer({ min: 0, max: 255 }),
    protocol: fc.integer({ min: 0, max: 255 }),
    source: fc.nat().map((n) => u32ToAddress(n >>> 0)),
    destination: fc.nat().map((n) => u32ToAddress(n >>> 0)),
    options: fc.integer({ min: 0, max: 10 }).chain((w) => fc.uint8Array({ minLength: w * 4, maxLength: w * 4 })),
    payload: fc.uint8Array({ maxLength: 200 }),
  });

  it('round-trips any datagram', () => {
    checkRoundTrip(ipv4Codec, arbDatagram, (d) => ({ ...d, checksumValid: undefined }));
  });

  it('returns a typed error for every truncation', () => {
    checkEveryTruncation(ipv4Codec, concatBytes(RRQ_DATAGRAM, RRQ_PAYLOAD), true);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(ipv4Codec, [concatBytes(RRQ_DATAGRAM, RRQ_PAYLOAD), concatBytes(IPIP_OUTER_AT_HA, INNER_AT_HA_EXIT)]);
  });
});
