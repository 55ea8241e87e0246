import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../wire/ipv4';
import { bytesToHex, hexToBytes } from '../wire/test-support/laws';
import { IcmpErrors, icmpErrorForbidden, icmpErrorMessage } from './icmp-error';

// Golden messages computed by an independent script from the layout in RFC 792.
// UDP 10.1.0.10:5000 → 10.2.0.10:7 "ping" as it reaches a router with TTL 1.
const EXPIRED = hexToBytes('45 00 00 20 00 01 00 00 01 11 a5 b6 0a 01 00 0a 0a 02 00 0a 13 88 00 07 00 0c f9 5f 70 69 6e 67');
const TIME_EXCEEDED = hexToBytes(`
  0b 00 e8 04 00 00 00 00
  45 00 00 20 00 01 00 00 01 11 a5 b6 0a 01 00 0a 0a 02 00 0a
  13 88 00 07 00 0c f9 5f`);
// docs/protocol-notes.md §Test vectors inner datagram, reported as net unreachable.
const INNER = hexToBytes('45 00 00 20 00 42 40 00 3f 11 07 48 c6 33 64 05 0a 01 00 0a 13 88 00 07 00 0c d9 32 70 69 6e 67');
const NET_UNREACHABLE = hexToBytes(`
  03 00 10 32 00 00 00 00
  45 00 00 20 00 42 40 00 3f 11 07 48 c6 33 64 05 0a 01 00 0a
  13 88 00 07 00 0c d9 32`);

function datagram(bytes: Uint8Array) {
  const r = parseIpv4(bytes);
  if (!r.ok) throw new Error('test datagram does not parse');
  return r.value;
}

describe('ICMP error messages built by the forwarding path', () => {
  it('Time Exceeded quotes the IP header and the first 8 octets of data (type 11 code 0, checksum 0xe804)', () => {
    expect(bytesToHex(icmpErrorMessage(IcmpErrors.ttlExceeded, EXPIRED))).toBe(bytesToHex(TIME_EXCEEDED));
  });

  it('Destination Unreachable (net) for the spec datagram (checksum 0x1032)', () => {
    expect(bytesToHex(icmpErrorMessage(IcmpErrors.netUnreachable, INNER))).toBe(bytesToHex(NET_UNREACHABLE));
  });

  it('quotes no more than the datagram: not past Total Length, not past the bytes there are', () => {
    const short = hexToBytes('45 00 00 18 00 00 00 00 01 11 00 00 0a 01 00 0a 0a 02 00 0a de ad be ef 00 00 00 00'); // 24 octets + 4 of padding
    const m = icmpErrorMessage(IcmpErrors.ttlExceeded, short);
    expect(m.length).toBe(8 + 24);
    expect(bytesToHex(m.subarray(8))).toBe(bytesToHex(short.subarray(0, 24)));
  });

  it('the checksum verifies over the whole message', () => {
    const m = icmpErrorMessage(IcmpErrors.hostUnreachable, INNER);
    let sum = 0;
    for (let i = 0; i < m.length; i += 2) sum += (m[i]! << 8) | (m[i + 1] ?? 0);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    expect(sum).toBe(0xffff);
  });

  it('is never sent about an ICMP error, a later fragment, a group destination or an odd source', () => {
    expect(icmpErrorForbidden(datagram(INNER))).toBeUndefined();
    const icmpError = hexToBytes('45 00 00 1c 00 00 00 00 40 01 00 00 0a 00 0c 02 0a 01 00 0a 0b 00 00 00 00 00 00 00');
    expect(icmpErrorForbidden(datagram(icmpError))).toBe('it is itself an ICMP error message');
    const echo = icmpError.slice(); echo[20] = 8; // Echo Request is not an error: errors about it are fine
    expect(icmpErrorForbidden(datagram(echo))).toBeUndefined();
    const fragment = INNER.slice(); fragment[7] = 0x01;
    expect(icmpErrorForbidden(datagram(fragment))).toBe('it is not the first fragment');
    const multicast = INNER.slice(); multicast.set([224, 0, 0, 11], 16);
    expect(icmpErrorForbidden(datagram(multicast))).toBe('it was sent to a broadcast or multicast address');
    const unspecified = INNER.slice(); unspecified.set([0, 0, 0, 0], 12);
    expect(icmpErrorForbidden(datagram(unspecified))).toBe('its source 0.0.0.0 does not name a single host');
  });
});
