import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ForwardingTable } from '../node/route-table';
import { u32ToAddress } from '../wire/address';
import { internetChecksum } from '../wire/checksum';
import { emitIpv4, ipv4, ipv4Length } from '../wire/ipv4';
import { bytesToHex, hexToBytes } from '../wire/test-support/laws';
import { adjustChecksum, decrementTtl, forwardDatagram } from './forwarding';
import { IcmpErrors } from './icmp-error';

// docs/protocol-notes.md §Test vectors inner datagram: UDP 198.51.100.5:5000 → 10.1.0.10:7 "ping", DF, ID 0x0042, TTL 63, checksum 0x0748.
const INNER = hexToBytes('45 00 00 20 00 42 40 00 3f 11 07 48 c6 33 64 05 0a 01 00 0a 13 88 00 07 00 0c d9 32 70 69 6e 67');
// The same after one more router: TTL 62 (0x3e). TTL is the high octet of the word at offset 8, so the
// one's-complement sum drops by 0x0100 and the checksum rises by 0x0100: 0x0748 → 0x0848.
const INNER_FORWARDED = hexToBytes('45 00 00 20 00 42 40 00 3e 11 08 48 c6 33 64 05 0a 01 00 0a 13 88 00 07 00 0c d9 32 70 69 6e 67');

const TABLE: ForwardingTable = {
  routes: [
    { destination: '10.1.0.0', prefixLength: 24, interface: 'eth1', nextHop: null, metric: 100, hops: 1 },
    { destination: '198.51.100.0', prefixLength: 24, interface: 'eth0', nextHop: '10.0.0.2', metric: 900, hops: 2 },
  ],
  neighbours: [
    { interface: 'eth1', address: '10.1.0.10', linkAddress: '02:00:00:00:05:00' },
    { interface: 'eth0', address: '10.0.0.2', linkAddress: '02:00:00:00:06:00' },
  ],
};
const OWN = ['10.1.0.1', '10.0.0.1'];

function withByte(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const out = bytes.slice();
  out[at] = value;
  return out;
}

/** Rewrites TTL and recomputes the whole header checksum from scratch — the reference for the incremental update. */
function withTtl(bytes: Uint8Array, ttl: number): Uint8Array {
  const out = withByte(withByte(withByte(bytes, 8, ttl), 10, 0), 11, 0);
  const c = internetChecksum(out, 0, (out[0]! & 0x0f) * 4);
  out[10] = c >> 8;
  out[11] = c & 0xff;
  return out;
}

describe('IPv4 forwarding', () => {
  it('forwards the spec datagram on-link: TTL 63 → 62, checksum 0x0748 → 0x0848, to the destination’s link address', () => {
    const d = forwardDatagram(INNER, TABLE, OWN);
    expect(d.kind).toBe('forward');
    if (d.kind !== 'forward') return;
    expect(bytesToHex(d.bytes)).toBe(bytesToHex(INNER_FORWARDED));
    expect(d).toMatchObject({ nextHop: '10.1.0.10', linkAddress: '02:00:00:00:05:00', route: { interface: 'eth1' } });
    expect(bytesToHex(INNER)).toBe(bytesToHex(hexToBytes('45 00 00 20 00 42 40 00 3f 11 07 48 c6 33 64 05 0a 01 00 0a 13 88 00 07 00 0c d9 32 70 69 6e 67'))); // input untouched
  });

  it('forwards through a next-hop router for a remote prefix', () => {
    const reply = hexToBytes('45 00 00 20 00 42 40 00 3f 11 07 48 0a 01 00 0a c6 33 64 05 00 07 13 88 00 0c d9 32 70 69 6e 67');
    const d = forwardDatagram(reply, TABLE, OWN);
    expect(d).toMatchObject({ kind: 'forward', nextHop: '10.0.0.2', linkAddress: '02:00:00:00:06:00', route: { interface: 'eth0' } });
  });

  it('the incremental checksum update (RFC 1624 eqn. 3) always equals a full recomputation', () => {
    const arb = fc.record({
      tos: fc.integer({ min: 0, max: 255 }),
      identification: fc.integer({ min: 0, max: 0xffff }),
      ttl: fc.integer({ min: 1, max: 255 }),
      protocol: fc.integer({ min: 0, max: 255 }),
      source: fc.nat().map((n) => u32ToAddress(n >>> 0)),
      destination: fc.nat().map((n) => u32ToAddress(n >>> 0)),
      options: fc.integer({ min: 0, max: 10 }).chain((w) => fc.uint8Array({ minLength: w * 4, maxLength: w * 4 })),
      payload: fc.uint8Array({ maxLength: 40 }),
    });
    fc.assert(fc.property(arb, (fields) => {
      const repr = ipv4(fields);
      const bytes = new Uint8Array(ipv4Length(repr));
      emitIpv4(repr, bytes);
      expect(bytesToHex(decrementTtl(bytes))).toBe(bytesToHex(withTtl(bytes, fields.ttl - 1)));
    }), { numRuns: 500 });
    expect(adjustChecksum(0x0748, 0x3f11, 0x3e11)).toBe(0x0848);
  });

  it('discards a datagram whose TTL would reach 0 and asks for ICMP Time Exceeded', () => {
    for (const ttl of [1, 0]) {
      const d = forwardDatagram(withTtl(INNER, ttl), TABLE, OWN);
      expect(d).toMatchObject({ kind: 'drop', ref: 'RFC 791 §3.1', icmp: IcmpErrors.ttlExceeded });
      expect(d.kind === 'drop' && d.reason).toBe(`TTL reached 0: the datagram arrived with TTL ${ttl} and every router subtracts 1 before forwarding; it is discarded and the sender is told (ICMP Time Exceeded)`);
    }
    expect(forwardDatagram(withTtl(INNER, 2), TABLE, OWN).kind).toBe('forward');
  });

  it('delivers to itself whatever the TTL, and never forwards broadcasts or multicasts', () => {
    const forMe = hexToBytes('45 00 00 14 00 00 00 00 01 11 00 00 0a 01 00 0a 0a 01 00 01');
    expect(forwardDatagram(withTtl(forMe, 1), TABLE, OWN)).toMatchObject({ kind: 'local', group: false });
    const allSystems = hexToBytes('45 00 00 14 00 00 00 00 01 11 00 00 0a 01 00 0a e0 00 00 01'); // 224.0.0.1
    expect(forwardDatagram(withTtl(allSystems, 1), TABLE, OWN)).toMatchObject({ kind: 'local', group: true });
    const limited = hexToBytes('45 00 00 14 00 00 00 00 40 11 00 00 0a 01 00 0a ff ff ff ff');
    expect(forwardDatagram(withTtl(limited, 64), TABLE, OWN)).toMatchObject({ kind: 'local', group: true });
  });

  it('drops with a readable reason when there is no route or no neighbour', () => {
    const nowhere = withTtl(hexToBytes('45 00 00 14 00 00 00 00 40 11 00 00 0a 01 00 0a 0a 63 00 01'), 64); // to 10.99.0.1
    expect(forwardDatagram(nowhere, TABLE, OWN)).toMatchObject({ kind: 'drop', reason: 'no route to 10.99.0.1: no prefix in the forwarding table contains it', icmp: IcmpErrors.netUnreachable });
    const absent = withTtl(hexToBytes('45 00 00 14 00 00 00 00 40 11 00 00 0a 00 00 02 0a 01 00 63'), 64); // to 10.1.0.99, on-link but not attached
    expect(forwardDatagram(absent, TABLE, OWN)).toMatchObject({
      kind: 'drop',
      reason: 'cannot deliver: 10.1.0.99 is on a directly attached link, but no such neighbour is attached there (no link-layer address)',
      icmp: IcmpErrors.hostUnreachable,
    });
  });

  it('drops a damaged header, naming the stored and the correct checksum', () => {
    const d = forwardDatagram(withByte(INNER, 11, 0x49), TABLE, OWN);
    expect(d).toMatchObject({ kind: 'drop', ref: 'RFC 791 §3.1' });
    expect(d.kind === 'drop' && d.reason).toBe("bad IPv4 header checksum 0x0749 (the header's content gives 0x0748): the header was damaged on the way, so the datagram is discarded");
    expect(d.kind === 'drop' && d.icmp).toBeUndefined(); // a damaged header is not trusted enough to answer
  });

  it('drops bytes that are not an IPv4 datagram, with the parser’s explanation', () => {
    const d = forwardDatagram(INNER.subarray(0, 12), TABLE, OWN);
    expect(d).toMatchObject({ kind: 'drop', reason: 'not a valid IPv4 datagram — IPv4: header at offset 0: needs 20 octets, only 12 remain' });
  });

  it('forwards only Total Length octets (link padding after the datagram stays behind)', () => {
    const padded = new Uint8Array(INNER.length + 14);
    padded.set(INNER);
    const d = forwardDatagram(padded, TABLE, OWN);
    expect(d.kind === 'forward' && bytesToHex(d.bytes)).toBe(bytesToHex(INNER_FORWARDED));
  });
});
