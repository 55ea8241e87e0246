import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { u32ToAddress } from './address';
import { NO_AGENT_FLAGS } from './advertisement-extensions';
import { routerEntry } from './agent-advertisement';
import type { FieldNode } from './dissection';
import {
  destinationUnreachable, icmpCodec, icmpTypeOf, isIcmpError, parameterProblem, parseIcmp, redirect, sourceQuench, timeExceeded,
  type IcmpMessage,
} from './icmp';
import { parseQuotedDatagram, quoteDatagram } from './icmp-quote';
import { keepingReceivedChecksum } from './test-support/received-checksum';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes, okValue } from './test-support/laws';
import { findFirst } from './mip/test-support/tree';
import { concatBytes } from './bytes';
import { INNER_AT_HA_EXIT } from './test-support/tunnel-fixtures';

// Quoted datagrams come from the test vectors (docs/protocol-notes.md §Test vectors).
// The inner datagram (CN → MN, UDP "ping"); an error about it quotes its header + the UDP header.
const INNER = INNER_AT_HA_EXIT; // test-support/tunnel-fixtures.ts
const INNER_QUOTE = INNER.slice(0, 28);
// The IP-in-IP datagram (HA → CoA): an error from inside the tunnel quotes the outer header and only
// the first 8 octets of the inner header (RFC 792: why tunnels keep soft state).
const TUNNELLED_QUOTE = hexToBytes('45 00 00 34 12 34 40 00 40 04 5b e7 0a 01 00 01 c0 a8 02 01  45 00 00 20 00 42 40 00');

// Error headers assembled by hand from the table in RFC 792; each checksum was
// computed separately with a script of the RFC 791 §3.1 algorithm over the whole message.
const FRAG_NEEDED = hexToBytes('03 04 71 d1 00 00 05 c8'); // code 4, next-hop MTU 1480
const TIME_EXCEEDED = hexToBytes('0b 00 08 32 00 00 00 00');
const PARAMETER_PROBLEM = hexToBytes('0c 00 fe 31 09 00 00 00'); // pointer 9 = the Protocol octet
const REDIRECT = hexToBytes('05 01 03 32 0a 01 00 fe'); // host redirect via 10.1.0.254
const SOURCE_QUENCH = hexToBytes('04 00 0f 32 00 00 00 00');
const ECHO = hexToBytes('08 00 6d 60 ab cd 00 01 70 69 6e 67'); // an Echo Request: a type the lab leaves unknown
// A plain RFC 1256 Router Advertisement: one router, lifetime 1800 s, no mobility extension.
const PLAIN_RA = hexToBytes('09 00 2c 4c 01 02 07 08 c0 a8 02 01 00 00 00 00');
const AGENT_ADVERTISEMENT = hexToBytes('09 00 23 f0 01 02 00 03 c0 a8 02 01 00 00 00 00 10 0a 00 00 01 2c 10 80 c0 a8 02 01 13 01 18 00');
const SOLICITATION = hexToBytes('0a 00 f5 ff 00 00 00 00');

const dissect = (bytes: Uint8Array): FieldNode => okValue(icmpCodec.dissect(bytes));

describe('ICMP error messages', () => {
  it('encodes "fragmentation needed" with the next-hop MTU, quoting a tunnelled datagram (RFC 2003 §4, §5)', () => {
    const m = destinationUnreachable(4, TUNNELLED_QUOTE, 1480);
    expectGolden(icmpCodec, m, concatBytes(FRAG_NEEDED, TUNNELLED_QUOTE), { ...m, checksumValid: true });
    const tree = dissect(concatBytes(FRAG_NEEDED, TUNNELLED_QUOTE));
    expect(tree.value).toBe('fragmentation needed and DF set, next-hop MTU 1480');
    expect(findFirst(tree, 'Next-Hop MTU')).toMatchObject({ offset: 6, length: 2, value: '1480 octets' });
    expect(findFirst(tree, 'Quoted datagram')?.value).toBe('10.1.0.1 → 192.168.2.1, protocol 4');
  });

  it('encodes Time Exceeded (code 0) quoting the header and 8 data octets', () => {
    const m = timeExceeded(0, INNER_QUOTE);
    expectGolden(icmpCodec, m, concatBytes(TIME_EXCEEDED, INNER_QUOTE), { ...m, checksumValid: true });
    expect(dissect(concatBytes(TIME_EXCEEDED, INNER_QUOTE)).value).toBe('TTL exceeded in transit');
  });

  it('encodes Parameter Problem with its pointer', () => {
    const m = parameterProblem(9, INNER_QUOTE);
    expectGolden(icmpCodec, m, concatBytes(PARAMETER_PROBLEM, INNER_QUOTE), { ...m, checksumValid: true });
    expect(findFirst(dissect(concatBytes(PARAMETER_PROBLEM, INNER_QUOTE)), 'Pointer')).toMatchObject({ offset: 4, length: 1, value: 'octet 9 of the quoted datagram' });
  });

  it('encodes Redirect with its gateway address', () => {
    const m = redirect(1, '10.1.0.254', INNER_QUOTE);
    expectGolden(icmpCodec, m, concatBytes(REDIRECT, INNER_QUOTE), { ...m, checksumValid: true });
    expect(dissect(concatBytes(REDIRECT, INNER_QUOTE)).value).toBe('redirect for the host via 10.1.0.254');
  });

  it('encodes Source Quench', () => {
    const m = sourceQuench(INNER_QUOTE);
    expectGolden(icmpCodec, m, concatBytes(SOURCE_QUENCH, INNER_QUOTE), { ...m, checksumValid: true });
  });

  it('keeps the unused octets of every error type so odd input round-trips, and warns', () => {
    // Destination Unreachable code 1 with octets 4–7 = 00 01 00 02 (checksum fixed by re-encoding)
    const m: IcmpMessage = { kind: 'destination-unreachable', code: 1, unused: 1, nextHopMtu: 2, quoted: new Uint8Array(0) };
    const bytes = new Uint8Array(8);
    icmpCodec.emit(m, bytes);
    expect(Array.from(bytes.subarray(4))).toEqual([0, 1, 0, 2]);
    expect(findFirst(dissect(bytes), 'Unused')).toMatchObject({ offset: 4, length: 4, value: '0x00010002' });
    expect(findFirst(dissect(bytes), 'Unused')?.warning).toMatch(/should be sent as 0/);
  });

  it('flags a bad checksum instead of failing', () => {
    const bytes = concatBytes(TIME_EXCEEDED, INNER_QUOTE);
    bytes[20] = bytes[20]! ^ 0xff;
    expect(parseIcmp(bytes)).toMatchObject({ ok: true, value: { kind: 'time-exceeded', checksumValid: false } });
    expect(findFirst(dissect(bytes), 'Checksum')?.warning).toMatch(/bad ICMP checksum/);
  });

  it('refuses an error message shorter than its 8-octet header', () => {
    expect(parseIcmp(FRAG_NEEDED.slice(0, 6))).toEqual({ ok: false, error: { layer: 'ICMP', field: 'Destination Unreachable header', offset: 0, reason: 'needs 8 octets, only 6 remain' } });
  });
});

describe('quoted datagrams', () => {
  it('quotes the IP header and the first 8 data octets (RFC 792)', () => {
    expect(Array.from(quoteDatagram(INNER))).toEqual(Array.from(INNER_QUOTE));
    expect(quoteDatagram(INNER.slice(0, 10)).length).toBe(10);
  });

  it('reads a quoted header although its Total Length promises more than was quoted', () => {
    const r = parseQuotedDatagram(TUNNELLED_QUOTE);
    expect(r).toMatchObject({ ok: true, value: { totalLength: 52, header: { source: '10.1.0.1', destination: '192.168.2.1', protocol: 4, ttl: 64, dontFragment: true, checksumValid: true } } });
    // What the encapsulator sees of the inner datagram: only its first 8 octets (RFC 792).
    expect(r.ok && Array.from(r.value.header.payload)).toEqual(Array.from(TUNNELLED_QUOTE.subarray(20)));
  });

  it('refuses quotes that hold no IPv4 header, and the dissection shows the raw bytes instead', () => {
    expect(parseQuotedDatagram(INNER.slice(0, 12))).toMatchObject({ ok: false, error: { field: 'IPv4 header' } });
    const odd = hexToBytes('0b 00 00 00 00 00 00 00 60 00 00 00');
    const tree = dissect(odd);
    expect(findFirst(tree, 'Quoted datagram')?.warning).toMatch(/not a readable IPv4 header/);
  });
});

describe('ICMP dispatcher', () => {
  it('recognises an Agent Advertisement by its Mobility Agent Advertisement Extension (RFC 2002 §2.4)', () => {
    const r = parseIcmp(AGENT_ADVERTISEMENT);
    expect(r).toMatchObject({ ok: true, value: { kind: 'agent-advertisement', lifetime: 3, extensions: [{ kind: 'mobility-agent', flags: { ...NO_AGENT_FLAGS, foreignAgent: true, smoothHandoff: true } }, {}, {}] } });
  });

  it('leaves a router advertisement without the extension a plain router advertisement', () => {
    const m: IcmpMessage = { kind: 'router-advertisement', code: 0, addressEntrySize: 2, lifetime: 1800, routers: [routerEntry('192.168.2.1')], extensions: [] };
    expectGolden(icmpCodec, m, PLAIN_RA, { ...m, checksumValid: true });
    expect(dissect(PLAIN_RA).name).toBe('ICMP Router Advertisement');
  });

  it('decodes a Router Solicitation as the agent solicitation it is', () => {
    expect(parseIcmp(SOLICITATION)).toEqual({ ok: true, value: { kind: 'router-solicitation', code: 0, reserved: 0, trailing: new Uint8Array(0), checksumValid: true } });
  });

  it('decodes other types as unknown and round-trips them unchanged', () => {
    const m: IcmpMessage = { kind: 'unknown', type: 8, code: 0, body: hexToBytes('ab cd 00 01 70 69 6e 67') };
    expectGolden(icmpCodec, m, ECHO, { ...m, checksumValid: true });
    expect(dissect(ECHO)).toMatchObject({ name: 'ICMP Echo Request', value: 'type 8, code 0, 8 octets after the header' });
    expect(parseIcmp(hexToBytes('ff 07 00 f8'))).toMatchObject({ ok: true, value: { kind: 'unknown', type: 255, code: 7, checksumValid: true } });
  });

  it('will not emit a structured type as unknown bytes', () => {
    expect(() => icmpCodec.emit({ kind: 'unknown', type: 3, code: 0, body: new Uint8Array(4) }, new Uint8Array(8))).toThrow(/own structure/);
  });

  it('reports the Type of each message and which are errors', () => {
    expect(icmpTypeOf(timeExceeded(0, INNER_QUOTE))).toBe(11);
    expect(isIcmpError(timeExceeded(0, INNER_QUOTE))).toBe(true);
    const s = parseIcmp(SOLICITATION);
    expect(s.ok && [icmpTypeOf(s.value), isIcmpError(s.value)]).toEqual([10, false]);
  });

  it('refuses fewer than 4 octets', () => {
    expect(parseIcmp(hexToBytes('03 04 00'))).toMatchObject({ ok: false, error: { layer: 'ICMP', field: 'header', offset: 0 } });
  });

  const arbQuote = fc.uint8Array({ maxLength: 40 });
  const arbMessage: fc.Arbitrary<IcmpMessage> = fc.oneof(
    fc.record({ kind: fc.constant('destination-unreachable' as const), code: fc.integer({ min: 0, max: 255 }), unused: fc.integer({ min: 0, max: 0xffff }), nextHopMtu: fc.integer({ min: 0, max: 0xffff }), quoted: arbQuote }),
    fc.record({ kind: fc.constant('source-quench' as const), code: fc.integer({ min: 0, max: 255 }), unused: fc.nat().map((n) => n >>> 0), quoted: arbQuote }),
    fc.record({ kind: fc.constant('redirect' as const), code: fc.integer({ min: 0, max: 255 }), gateway: fc.nat().map((n) => u32ToAddress(n >>> 0)), quoted: arbQuote }),
    fc.record({ kind: fc.constant('time-exceeded' as const), code: fc.integer({ min: 0, max: 255 }), unused: fc.nat().map((n) => n >>> 0), quoted: arbQuote }),
    fc.record({ kind: fc.constant('parameter-problem' as const), code: fc.integer({ min: 0, max: 255 }), pointer: fc.integer({ min: 0, max: 255 }), unused: fc.integer({ min: 0, max: 0xffffff }), quoted: arbQuote }),
    fc.record({ kind: fc.constant('unknown' as const), type: fc.integer({ min: 0, max: 255 }).filter((t) => ![3, 4, 5, 9, 10, 11, 12].includes(t)), code: fc.integer({ min: 0, max: 255 }), body: fc.uint8Array({ maxLength: 40 }) }),
    fc.record({ kind: fc.constant('router-solicitation' as const), code: fc.integer({ min: 0, max: 255 }), reserved: fc.nat().map((n) => n >>> 0), trailing: fc.uint8Array({ maxLength: 8 }) }),
    fc.record({ kind: fc.constant('router-advertisement' as const), code: fc.constantFrom(0, 16), addressEntrySize: fc.constant(2), lifetime: fc.integer({ min: 0, max: 0xffff }), routers: fc.array(fc.nat().map((n) => routerEntry(u32ToAddress(n >>> 0), n | 0)), { maxLength: 3 }), extensions: fc.constant([]) }),
  );

  it('round-trips any message', () => {
    checkRoundTrip(icmpCodec, arbMessage, (m) => ({ ...m, checksumValid: undefined }));
  });

  it('returns a typed error for every truncation, or a shorter message whose checksum is flagged', () => {
    for (const valid of [concatBytes(FRAG_NEEDED, TUNNELLED_QUOTE), concatBytes(PARAMETER_PROBLEM, INNER_QUOTE), ECHO, AGENT_ADVERTISEMENT, SOLICITATION]) {
      checkEveryTruncation(keepingReceivedChecksum(icmpCodec, 2), valid);
    }
    // Cutting the quote (not at a zero word) breaks the checksum, and the parse says so.
    expect(parseIcmp(concatBytes(FRAG_NEEDED, TUNNELLED_QUOTE).slice(0, 20))).toMatchObject({ ok: true, value: { checksumValid: false } });
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(icmpCodec, [concatBytes(FRAG_NEEDED, TUNNELLED_QUOTE), concatBytes(REDIRECT, INNER_QUOTE), ECHO, AGENT_ADVERTISEMENT, PLAIN_RA, SOLICITATION]);
  });
});
