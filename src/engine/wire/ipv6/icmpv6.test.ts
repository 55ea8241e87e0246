import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../bytes';
import type { FieldNode } from '../dissection';
import { findNode } from '../mip/test-support/tree';
import { keepingReceivedChecksum } from '../test-support/received-checksum';
import { bytesToHex, checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes, okValue } from '../test-support/laws';
import { encodeIcmpv6, icmpv6Codec, icmpv6MessageName, icmpv6TypeOf, isIcmpv6Error, parseIcmpv6, type Icmpv6Message } from './icmpv6';
import {
  CN, DEST_UNREACHABLE_HEAD, ECHO_GOLDEN, INVOKING, MN_HOME, PACKET_TOO_BIG_HEAD, PARAMETER_PROBLEM_HEAD, RA_GOLDEN, ROUTER_P2P, TIME_EXCEEDED_HEAD,
  handChecksum, storedChecksum,
} from './test-support/icmpv6-fixtures';

const ERR_PSEUDO = { source: ROUTER_P2P.text, destination: CN.text };
const ECHO_PSEUDO = { source: CN.text, destination: MN_HOME.text };
const codec = icmpv6Codec(ERR_PSEUDO);
const dissect = (bytes: Uint8Array): FieldNode => okValue(codec.dissect(bytes));

const ERRORS = [
  ['Time Exceeded (RFC 4443 §3.3)', { kind: 'time-exceeded', code: 0, unused: 0, invoking: INVOKING }, TIME_EXCEEDED_HEAD],
  ['Destination Unreachable, address unreachable (RFC 4443 §3.1)', { kind: 'destination-unreachable', code: 3, unused: 0, invoking: INVOKING }, DEST_UNREACHABLE_HEAD],
  ['Packet Too Big, MTU 1280 (RFC 4443 §3.2)', { kind: 'packet-too-big', code: 0, mtu: 1280, invoking: INVOKING }, PACKET_TOO_BIG_HEAD],
  ['Parameter Problem, pointer 6 (RFC 4443 §3.4)', { kind: 'parameter-problem', code: 1, pointer: 6, invoking: INVOKING }, PARAMETER_PROBLEM_HEAD],
] as const satisfies readonly (readonly [string, Icmpv6Message, Uint8Array])[];

describe('ICMPv6 error messages', () => {
  it.each(ERRORS)('%s: encodes and decodes the hand-assembled bytes; the checksum is the hand-summed one', (_name, m, head) => {
    const golden = concatBytes(head, INVOKING);
    expectGolden(codec, m, golden, { ...m, checksumValid: true });
    expect(handChecksum(ROUTER_P2P.hex, CN.hex, golden)).toBe(storedChecksum(golden));
  });

  it('dissects Time Exceeded with the quoted IPv6 header of the invoking packet', () => {
    const tree = dissect(concatBytes(TIME_EXCEEDED_HEAD, INVOKING));
    expect(tree).toMatchObject({ name: 'ICMPv6 Time Exceeded', value: 'hop limit exceeded in transit', length: 56, ref: 'RFC 4443 §3.3' });
    expect(findNode(tree, 'Invoking packet')).toMatchObject({ offset: 8, length: 48, value: expect.stringContaining('2001:db8:100::5 → 2001:db8:1::10') });
    expect(findNode(tree, 'Hop Limit')).toMatchObject({ offset: 15, value: '1' });
    expect(findNode(tree, 'Payload Length')).toMatchObject({ value: '16 octets in the original packet; 8 quoted' });
    expect(findNode(tree, 'Payload Length').warning).toBeUndefined();
    expect(findNode(tree, 'Quoted data')).toMatchObject({ offset: 48, length: 8 });
  });

  it('names the header field a Parameter Problem points at', () => {
    const tree = dissect(concatBytes(PARAMETER_PROBLEM_HEAD, INVOKING));
    expect(tree.value).toBe('unrecognized Next Header type encountered, pointer 6');
    expect(findNode(tree, 'Pointer')).toMatchObject({ offset: 4, length: 4, value: 'octet 6 of the invoking packet' });
    expect(findNode(tree, 'Pointed-to octet')).toMatchObject({ offset: 14, length: 1, value: 'octet 6: Next Header' });
    const far = okValue(parseIcmpv6(concatBytes(hexToBytes('04 00 00 00 00 00 01 00'), INVOKING), 0, 56, ERR_PSEUDO));
    expect(far).toMatchObject({ kind: 'parameter-problem', pointer: 256 });
    expect(findNode(dissect(concatBytes(hexToBytes('04 00 00 00 00 00 01 00'), INVOKING)), 'Pointer').value).toMatch(/beyond the quoted part/);
  });

  it('shows Packet Too Big\'s MTU and warns about one below 1280', () => {
    expect(findNode(dissect(concatBytes(PACKET_TOO_BIG_HEAD, INVOKING)), 'MTU')).toMatchObject({ offset: 4, length: 4, value: '1280 octets' });
    const small = encodeIcmpv6({ kind: 'packet-too-big', code: 0, mtu: 1000, invoking: INVOKING }, ERR_PSEUDO);
    expect(findNode(dissect(small), 'MTU').warning).toMatch(/minimum link MTU of 1280/);
  });

  it('keeps non-zero unused octets so they round-trip, and warns', () => {
    const m: Icmpv6Message = { kind: 'destination-unreachable', code: 0, unused: 0x01020304, invoking: INVOKING };
    const bytes = encodeIcmpv6(m, ERR_PSEUDO);
    expect(Array.from(bytes.subarray(4, 8))).toEqual([1, 2, 3, 4]);
    expect(findNode(dissect(bytes), 'Unused').warning).toMatch(/should be sent as 0 \(RFC 4443 §3\.1\)/);
  });

  it('shows raw octets when the quote holds no IPv6 header', () => {
    const bytes = encodeIcmpv6({ kind: 'time-exceeded', code: 0, unused: 0, invoking: hexToBytes('45 00 00 14') }, ERR_PSEUDO);
    expect(findNode(dissect(bytes), 'Invoking packet').warning).toMatch(/not a readable IPv6 header/);
  });

  it('flags a bad checksum instead of failing', () => {
    const bytes = concatBytes(TIME_EXCEEDED_HEAD, INVOKING);
    bytes[30] = bytes[30]! ^ 0x40;
    expect(parseIcmpv6(bytes, 0, bytes.length, ERR_PSEUDO)).toMatchObject({ ok: true, value: { kind: 'time-exceeded', checksumValid: false } });
    expect(findNode(dissect(bytes), 'Checksum').warning).toMatch(/bad ICMPv6 checksum/);
  });

  it('refuses an error message shorter than its 8-octet header', () => {
    expect(parseIcmpv6(TIME_EXCEEDED_HEAD, 0, 6, ERR_PSEUDO)).toEqual({ ok: false, error: { layer: 'ICMPv6', field: 'Time Exceeded header', offset: 0, reason: 'needs 8 octets, only 6 remain' } });
    expect(parseIcmpv6(TIME_EXCEEDED_HEAD, 0, 3, ERR_PSEUDO)).toMatchObject({ ok: false, error: { field: 'header', offset: 0 } });
  });
});

describe('ICMPv6 Echo and other types', () => {
  it('encodes and decodes an Echo Request (RFC 4443 §4.1); the checksum is the hand-summed one', () => {
    const m: Icmpv6Message = { kind: 'echo-request', code: 0, identifier: 0x1234, sequenceNumber: 1, data: hexToBytes('70 69 6e 67') };
    expectGolden(icmpv6Codec(ECHO_PSEUDO), m, ECHO_GOLDEN, { ...m, checksumValid: true });
    expect(handChecksum(CN.hex, MN_HOME.hex, ECHO_GOLDEN)).toBe(storedChecksum(ECHO_GOLDEN));
    const tree = okValue(icmpv6Codec(ECHO_PSEUDO).dissect(ECHO_GOLDEN));
    expect(tree).toMatchObject({ name: 'ICMPv6 Echo Request', value: 'id 0x1234, seq 1, 4 octets of data' });
    expect(findNode(tree, 'Sequence Number')).toMatchObject({ offset: 6, length: 2, value: '1' });
  });

  it('decodes other types as unknown and round-trips them unchanged', () => {
    // A Redirect (137): a type the lab gives no structure to.
    const m: Icmpv6Message = { kind: 'unknown', type: 137, code: 0, body: hexToBytes('00 00 00 00 ab cd') };
    const bytes = encodeIcmpv6(m, ERR_PSEUDO);
    expect(okValue(parseIcmpv6(bytes, 0, bytes.length, ERR_PSEUDO))).toEqual({ ...m, checksumValid: true });
    expect(dissect(bytes)).toMatchObject({ name: 'ICMPv6 Redirect', value: 'type 137 (informational), code 0, 6 octets after the header' });
    expect(icmpv6MessageName(bytes)).toBe('ICMPv6 Redirect');
  });

  it('will not emit a structured type as unknown bytes', () => {
    expect(() => encodeIcmpv6({ kind: 'unknown', type: 134, code: 0, body: new Uint8Array(12) }, ERR_PSEUDO)).toThrow(/own structure/);
    expect(() => encodeIcmpv6({ kind: 'unknown', type: 2, code: 0, body: new Uint8Array(4) }, ERR_PSEUDO)).toThrow(/own structure/);
  });

  it('reports the Type of each message and which are errors', () => {
    const te = okValue(parseIcmpv6(concatBytes(TIME_EXCEEDED_HEAD, INVOKING), 0, 56, ERR_PSEUDO));
    expect([icmpv6TypeOf(te), isIcmpv6Error(te)]).toEqual([3, true]);
    const ra = okValue(parseIcmpv6(RA_GOLDEN, 0, RA_GOLDEN.length, ERR_PSEUDO));
    expect([icmpv6TypeOf(ra), isIcmpv6Error(ra)]).toEqual([134, false]);
  });

  it('names messages in one line for a packet list', () => {
    expect(icmpv6MessageName(concatBytes(TIME_EXCEEDED_HEAD, INVOKING))).toBe('Time Exceeded (hop limit exceeded in transit)');
    expect(icmpv6MessageName(concatBytes(PACKET_TOO_BIG_HEAD, INVOKING))).toBe('Packet Too Big (MTU 1280)');
    expect(icmpv6MessageName(concatBytes(PARAMETER_PROBLEM_HEAD, INVOKING))).toBe('Parameter Problem (unrecognized Next Header type encountered, pointer 6)');
    expect(icmpv6MessageName(ECHO_GOLDEN)).toBe('Echo Request id 0x1234 seq 1');
    expect(icmpv6MessageName(hexToBytes('86 00 00 00 40'))).toBe('ICMPv6 (malformed: needs 16 octets, only 5 remain)');
    // Offsets inside a larger buffer (the packet walker passes the upper-layer range).
    expect(icmpv6MessageName(concatBytes(hexToBytes('aa bb'), ECHO_GOLDEN), 2)).toBe('Echo Request id 0x1234 seq 1');
  });
});

describe('ICMPv6 laws', () => {
  const byte = fc.integer({ min: 0, max: 255 });
  const u32 = fc.nat().map((n) => n >>> 0);
  const invoking = fc.uint8Array({ maxLength: 60 });
  const arbMessage: fc.Arbitrary<Icmpv6Message> = fc.oneof(
    fc.record({ kind: fc.constantFrom('destination-unreachable' as const, 'time-exceeded' as const), code: byte, unused: u32, invoking }),
    fc.record({ kind: fc.constant('packet-too-big' as const), code: byte, mtu: u32, invoking }),
    fc.record({ kind: fc.constant('parameter-problem' as const), code: byte, pointer: u32, invoking }),
    fc.record({ kind: fc.constantFrom('echo-request' as const, 'echo-reply' as const), code: byte, identifier: fc.integer({ min: 0, max: 0xffff }), sequenceNumber: fc.integer({ min: 0, max: 0xffff }), data: fc.uint8Array({ maxLength: 40 }) }),
    fc.record({ kind: fc.constant('unknown' as const), type: byte.filter((t) => ![1, 2, 3, 4, 128, 129, 133, 134, 135, 136].includes(t)), code: byte, body: fc.uint8Array({ maxLength: 40 }) }),
  ) as fc.Arbitrary<Icmpv6Message>;

  it('round-trips any message', () => {
    checkRoundTrip(codec, arbMessage, (m) => ({ ...m, checksumValid: undefined }));
  });

  it('returns a typed error for every truncation, or a shorter message whose checksum is flagged', () => {
    for (const valid of [...ERRORS.map(([, , head]) => concatBytes(head, INVOKING)), ECHO_GOLDEN]) {
      checkEveryTruncation(keepingReceivedChecksum(codec, 2), valid);
    }
    expect(parseIcmpv6(concatBytes(TIME_EXCEEDED_HEAD, INVOKING), 0, 30, ERR_PSEUDO)).toMatchObject({ ok: true, value: { checksumValid: false } });
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(codec, [...ERRORS.map(([, , head]) => concatBytes(head, INVOKING)), ECHO_GOLDEN]);
  });

  it('emits at an offset without touching the octets around the message', () => {
    const m = ERRORS[0][1];
    const buf = new Uint8Array(70).fill(0xa5);
    codec.emit(m, buf, 7);
    expect(bytesToHex(buf.subarray(7, 63))).toBe(bytesToHex(concatBytes(TIME_EXCEEDED_HEAD, INVOKING)));
    expect([buf[6], buf[63]]).toEqual([0xa5, 0xa5]);
  });
});
