// Story: the dual-stack line network carries IPv6 through its two plain
// routers (docs/ipv6.md §2). Arrival times are worked out by hand from the
// link figures of lineTopology (delay + serialization), and the ICMPv6 errors
// are checked octet by octet against RFC 4443 §3.1 / §3.3 and a checksum summed
// here by hand (RFC 8200 §8.1 pseudo-header).
//
//  H1 ─ lan1 (100 µs, 10 Mbit/s) ─ R1 ═ core (2 ms, 1 Mbit/s) ═ R2 ─ lan2 (50 µs, 100 Mbit/s) ─ H2

import { describe, expect, it } from 'vitest';
import { ipv6Bytes } from '../../wire/ipv6/ipv6-address';
import { handMadeIpv6, ipv6LineSimulation, type Host6State } from '../test-support/ipv6-line';
import { eventsOf } from '../test-support/scenarios';

const H1 = '2001:db8:1::10';
const H2 = '2001:db8:2::10';
/** R1's interface on lan1 (node 1, interface 0: defaultLinkAddress). */
const R1_LAN1_MAC = '02:00:00:00:01:00';
const NO_NEXT_HEADER = 59;

/** 40-octet header + 20 octets of payload under Next Header 59 (RFC 8200 §4.7): 60 octets on the wire. */
function packet(destination: string, hopLimit: number, nextHeader = NO_NEXT_HEADER, payload = new Uint8Array(20).fill(0xab)): Uint8Array {
  return handMadeIpv6({ source: H1, destination, hopLimit, nextHeader, payload });
}

/** The Internet checksum over the IPv6 pseudo-header and `message`, summed here word by word (RFC 8200 §8.1). */
function icmpv6ChecksumOk(source: string, destination: string, message: Uint8Array): boolean {
  const words: number[] = [];
  const push = (b: Uint8Array): void => { for (let i = 0; i < b.length; i += 2) words.push((b[i]! << 8) | (b[i + 1] ?? 0)); };
  push(ipv6Bytes(source));
  push(ipv6Bytes(destination));
  words.push(message.length >>> 16, message.length & 0xffff, 0, 58);
  push(message);
  let sum = words.reduce((a, w) => a + w, 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum === 0xffff;
}

describe('IPv6 across two plain routers', () => {
  it('H1 → H2: each router takes one from the Hop Limit and forwards by its IPv6 routes', () => {
    const sim = ipv6LineSimulation();
    sim.command('H1', { type: 'send6', bytes: packet(H2, 64), destination: H2 }, 1000);
    sim.runUntilIdle();
    // 60 octets: lan1 48 µs → leaves H1 1048, at R1 1148; core 480 µs → at R2 3628; lan2 ⌈4.8⌉ = 5 µs → at H2 3683.
    const got = sim.nodeState<Host6State>('H2').received;
    expect(got.map((r) => [r.time, r.source, r.destination, r.hopLimit, r.nextHeader])).toEqual([[3683, H1, H2, 62, NO_NEXT_HEADER]]);
    expect(got[0]!.payload).toEqual(new Uint8Array(20).fill(0xab));
    const forwarded = eventsOf(sim.trace, 'R1', 'forwarded')[0]!;
    expect(forwarded.summary).toBe(`IPv6 No Next Header ${H1} → ${H2} → next hop 2001:db8:0:12::2, Hop Limit 64 → 63`);
    expect(forwarded.ref).toBe('RFC 8200 §3');
    expect(forwarded.time).toBe(1148);
    expect(eventsOf(sim.trace, 'R2', 'forwarded').map((e) => e.time)).toEqual([3628]);
  });

  it('Hop Limit runs out at R2: dropped, and H1 gets an ICMPv6 Time Exceeded from R2 quoting the packet as R2 received it', () => {
    const sim = ipv6LineSimulation();
    const sent = packet(H2, 2);
    sim.command('H1', { type: 'send6', bytes: sent, destination: H2 }, 1000);
    sim.runUntilIdle();
    const drop = eventsOf(sim.trace, 'R2', 'dropped')[0]!;
    expect(drop.summary).toBe(`IPv6 No Next Header ${H1} → ${H2} dropped`);
    expect(drop.reason).toMatch(/^Hop Limit reached 0: the packet arrived with Hop Limit 1/);
    expect(drop.ref).toBe('RFC 8200 §3; RFC 4443 §3.3');
    expect(sim.nodeState<Host6State>('H2').received).toEqual([]);
    const errors = sim.nodeState<Host6State>('H1').received;
    expect(errors).toHaveLength(1);
    const e = errors[0]!;
    // From R2's address on the interface the error leaves by (RFC 4443 §2.2), one hop back: Hop Limit 64 − 1.
    expect([e.source, e.destination, e.nextHeader, e.hopLimit]).toEqual(['2001:db8:0:12::2', H1, 58, 63]);
    expect([e.payload[0], e.payload[1]]).toEqual([3, 0]); // Time Exceeded, hop limit exceeded in transit
    expect(Array.from(e.payload.subarray(4, 8))).toEqual([0, 0, 0, 0]); // unused
    const asReceived = sent.slice();
    asReceived[7] = 1; // R1 had already taken one
    expect(e.payload.subarray(8)).toEqual(asReceived);
    expect(icmpv6ChecksumOk(e.source, e.destination, e.payload)).toBe(true);
  });

  it('no route at R1: dropped, and H1 gets an ICMPv6 Destination Unreachable (no route) from R1', () => {
    const sim = ipv6LineSimulation();
    const nowhere = '2001:db8:99::1';
    sim.command('H1', { type: 'send6', bytes: packet(nowhere, 64), destination: nowhere, linkDestination: R1_LAN1_MAC }, 1000);
    sim.runUntilIdle();
    const drop = eventsOf(sim.trace, 'R1', 'dropped')[0]!;
    expect(drop.reason).toBe(`no route to ${nowhere}: no IPv6 prefix in the forwarding table contains it`);
    expect(drop.ref).toBe('RFC 4443 §3.1');
    const e = sim.nodeState<Host6State>('H1').received;
    expect(e.map((r) => [r.source, r.hopLimit, r.payload[0], r.payload[1]])).toEqual([['2001:db8:1::1', 64, 1, 0]]);
    expect(icmpv6ChecksumOk(e[0]!.source, H1, e[0]!.payload)).toBe(true);
    expect(eventsOf(sim.trace, 'R1', 'sent')[0]!.summary).toBe(`ICMPv6 Destination Unreachable (no route to destination) 2001:db8:1::1 → ${H1} (type 1 code 0)`);
  });

  it('never forwards a link-local destination, and sends no error about it', () => {
    const sim = ipv6LineSimulation();
    sim.command('H1', { type: 'send6', bytes: packet('fe80::1234', 64), destination: 'fe80::1234', linkDestination: R1_LAN1_MAC }, 1000);
    sim.runUntilIdle();
    const drop = eventsOf(sim.trace, 'R1', 'dropped')[0]!;
    expect(drop.reason).toBe('its destination fe80::1234 is link-local (fe80::/10): a router never forwards such a packet to another link');
    expect(drop.ref).toBe('RFC 4291 §2.5.6');
    expect(eventsOf(sim.trace, 'R1', 'forwarded')).toEqual([]);
    expect(sim.nodeState<Host6State>('H1').received).toEqual([]);
  });

  it('sends no ICMPv6 error about an ICMPv6 error, and says why', () => {
    const sim = ipv6LineSimulation();
    const error = new Uint8Array(16);
    error[0] = 1; // an ICMPv6 Destination Unreachable, whatever it quotes
    sim.command('H1', { type: 'send6', bytes: packet(H2, 1, 58, error), destination: H2 }, 1000);
    sim.runUntilIdle();
    expect(eventsOf(sim.trace, 'R1', 'dropped')).toHaveLength(1);
    const note = eventsOf(sim.trace, 'R1', 'decision')[0]!;
    expect(note.reason).toBe('no ICMPv6 error is sent about this packet: it is itself an ICMPv6 error message');
    expect(sim.nodeState<Host6State>('H1').received).toEqual([]);
  });

  it('drops a truncated packet with the parser\'s reason, and ignores multicast it has no use for', () => {
    const sim = ipv6LineSimulation();
    sim.command('H1', { type: 'send6', bytes: packet(H2, 64).subarray(0, 30), destination: H2, linkDestination: R1_LAN1_MAC }, 1000);
    const rs = handMadeIpv6({ source: H1, destination: 'ff02::2', hopLimit: 255, nextHeader: 58, payload: Uint8Array.of(133, 0, 0, 0, 0, 0, 0, 0) });
    sim.command('H1', { type: 'send6', bytes: rs, destination: 'ff02::2', linkDestination: '33:33:00:00:00:02' }, 2000);
    sim.runUntilIdle();
    const drops = eventsOf(sim.trace, 'R1', 'dropped');
    expect(drops.map((d) => d.summary)).toEqual(['malformed IPv6 packet dropped']);
    expect(drops[0]!.reason).toMatch(/^not a valid IPv6 packet — IPv6: .*40/);
    expect(eventsOf(sim.trace, 'R1', 'received')).toHaveLength(2);
    expect(eventsOf(sim.trace, 'R1', 'delivered')).toEqual([]);
  });

  it('a router learns its IPv6 routes with its IPv4 ones, and its table-changed trace says so', () => {
    const sim = ipv6LineSimulation();
    sim.runUntilIdle();
    const change = eventsOf(sim.trace, 'R1', 'table-changed')[0]!;
    expect(change.summary).toBe('forwarding table: 3 routes, 2 neighbours (+3 −0 routes); IPv6: 3 routes, 4 neighbours (+3 −0 routes)');
    expect(change.after).toEqual([
      '10.0.12.0/30 on-link on eth1 (1 hop, 2000 µs)',
      '10.1.0.0/24 on-link on eth0 (1 hop, 100 µs)',
      '10.2.0.0/24 via 10.0.12.2 on eth1 (2 hops, 2050 µs)',
      '2001:db8:0:12::/64 on-link on eth1 (1 hop, 2000 µs)',
      '2001:db8:1::/64 on-link on eth0 (1 hop, 100 µs)',
      '2001:db8:2::/64 via 2001:db8:0:12::2 on eth1 (2 hops, 2050 µs)',
    ]);
  });
});
