import { describe, expect, it } from 'vitest';
import { computeMembership } from '../radio';
import { computeForwardingTables } from '../routing';
import { lineTopology6 } from '../test-support/ipv6-line';
import { indexTopology } from '../topology';
import { ownIpv6Addresses, sendIpv6Datagram, sourceAddress6For } from './ip6-output';

const topology = lineTopology6();
const index = indexTopology(topology);
const tables = computeForwardingTables(index, computeMembership(index, topology.nodes.map((n) => n.position)));
const R1 = index.configs[1]!;
const table = tables[1]!;
const bytes = new Uint8Array(48);
const trace = { summary: 'test' };

describe('sending an IPv6 datagram', () => {
  it('multicast goes to 33:33 + the low 32 bits of the group on the interface named (RFC 2464 §7)', () => {
    expect(sendIpv6Datagram(R1, table, bytes, 'ff02::1:ff00:10', trace, 'eth0')).toEqual({
      kind: 'transmit', interface: 'eth0', summary: 'test',
      frame: { source: '02:00:00:00:01:00', destination: '33:33:ff:00:00:10', etherType: 0x86dd, payload: bytes },
    });
    const out = sendIpv6Datagram(R1, table, bytes, 'ff02::1', trace);
    expect(out).toMatchObject({ kind: 'trace', event: { kind: 'dropped', summary: 'not sent: test', ref: 'RFC 4291 §2.7' } });
  });

  it('unicast follows the longest-prefix route to the next hop\'s link-layer address', () => {
    const out = sendIpv6Datagram(R1, table, bytes, '2001:db8:2::99', { summary: 'fwd', traceAs: 'forwarded', ref: 'RFC 8200 §3' });
    expect(out).toEqual({
      kind: 'transmit', interface: 'eth1', summary: 'fwd', traceAs: 'forwarded', ref: 'RFC 8200 §3',
      frame: { source: '02:00:00:00:01:01', destination: '02:00:00:00:02:00', etherType: 0x86dd, payload: bytes },
    });
  });

  it('says why when there is no route, or no neighbour for the next hop', () => {
    expect(sendIpv6Datagram(R1, table, bytes, '2001:db8:99::1', trace)).toMatchObject({ kind: 'trace', event: { kind: 'dropped', reason: 'no IPv6 route to 2001:db8:99::1 in this node\'s forwarding table' } });
    const unknownHost = sendIpv6Datagram(R1, table, bytes, '2001:db8:1::77', trace);
    expect(unknownHost).toMatchObject({ kind: 'trace', event: { kind: 'dropped', ref: 'RFC 4861 §7.2' } });
    expect((unknownHost as { event: { reason: string } }).event.reason).toMatch(/^the route to 2001:db8:1::\/64 leads to 2001:db8:1::77, which is not a known neighbour/);
  });

  it('sends to a neighbour\'s link-local address on the interface named, and only there', () => {
    expect(sendIpv6Datagram(R1, table, bytes, 'fe80::ff:fe00:0', trace, 'eth0')).toMatchObject({ kind: 'transmit', interface: 'eth0', frame: { destination: '02:00:00:00:00:00' } });
    expect(sendIpv6Datagram(R1, table, bytes, 'fe80::ff:fe00:0', trace)).toMatchObject({ kind: 'trace', event: { kind: 'dropped', ref: 'RFC 4291 §2.5.6' } });
    expect(sendIpv6Datagram(R1, table, bytes, 'fe80::ff:fe00:0', trace, 'eth1')).toMatchObject({ kind: 'trace', event: { kind: 'dropped', ref: 'RFC 4861 §7.2' } });
  });

  it('knows its own addresses, global then link-local, and the natural source address towards a destination', () => {
    expect(ownIpv6Addresses(R1)).toEqual(['2001:db8:1::1', '2001:db8:0:12::1', 'fe80::ff:fe00:100', 'fe80::ff:fe00:101']);
    expect(sourceAddress6For(R1, table, '2001:db8:2::10')).toBe('2001:db8:0:12::1');
    expect(sourceAddress6For(R1, table, '2001:db8:99::1')).toBeUndefined();
  });
});
