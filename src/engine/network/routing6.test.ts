import { describe, expect, it } from 'vitest';
import { describeRoute, type ForwardingTable } from '../node/route-table';
import { describeRoute6 } from '../node/route-table6';
import { computeMembership } from './radio';
import { computeForwardingTables } from './routing';
import { lineTopology6 } from './test-support/ipv6-line';
import { lineTopology } from './test-support/scenarios';
import { indexTopology, type Topology } from './topology';

function tables(t: Topology): Record<string, ForwardingTable> {
  const index = indexTopology(t);
  const all = computeForwardingTables(index, computeMembership(index, t.nodes.map((n) => n.position)));
  return Object.fromEntries(t.nodes.map((n, i) => [n.id, all[i]!]));
}

describe('IPv6 routing from the same shortest paths', () => {
  it('gives each node of the dual-stack line a route to every IPv6 prefix, next hop the neighbour\'s IPv6 address', () => {
    const t = tables(lineTopology6());
    expect(t.H1!.routes6!.map(describeRoute6)).toEqual([
      '2001:db8:0:12::/64 via 2001:db8:1::1 on eth0 (2 hops, 2100 µs)',
      '2001:db8:1::/64 on-link on eth0 (1 hop, 100 µs)',
      '2001:db8:2::/64 via 2001:db8:1::1 on eth0 (3 hops, 2150 µs)',
    ]);
    expect(t.R2!.routes6!.map(describeRoute6)).toEqual([
      '2001:db8:0:12::/64 on-link on eth0 (1 hop, 2000 µs)',
      '2001:db8:1::/64 via 2001:db8:0:12::1 on eth0 (2 hops, 2100 µs)',
      '2001:db8:2::/64 on-link on eth1 (1 hop, 50 µs)',
    ]);
    // The IPv4 half is what it was without IPv6.
    expect(t.H1!.routes.map(describeRoute)).toEqual(tables(lineTopology()).H1!.routes.map(describeRoute));
  });

  it('lists every IPv6 neighbour by its global and its link-local address (fe80:: + modified EUI-64 of its MAC)', () => {
    expect(tables(lineTopology6()).R1!.neighbours6).toEqual([
      { interface: 'eth0', address: '2001:db8:1::10', linkAddress: '02:00:00:00:00:00' },
      { interface: 'eth0', address: 'fe80::ff:fe00:0', linkAddress: '02:00:00:00:00:00' },
      { interface: 'eth1', address: '2001:db8:0:12::2', linkAddress: '02:00:00:00:02:00' },
      { interface: 'eth1', address: 'fe80::ff:fe00:200', linkAddress: '02:00:00:00:02:00' },
    ]);
  });

  it('an IPv4-only topology gives tables without any IPv6 keys', () => {
    for (const table of Object.values(tables(lineTopology()))) {
      expect(Object.keys(table).sort()).toEqual(['neighbours', 'routes']);
    }
  });

  it('gives no IPv6 route through a router that has no IPv6 address on the first link, and no neighbour entry for an IPv4-only host', () => {
    const t = lineTopology6();
    const r2v4 = { ...t, nodes: t.nodes.map((n) => (n.id === 'R2' ? { ...n, interfaces: [{ ...n.interfaces[0]!, ipv6: undefined }, n.interfaces[1]!] } : n)) };
    const got = tables(r2v4);
    // R1 reaches lan2 through R2, which speaks no IPv6 on the core: no IPv6 route to 2001:db8:2::/64; the core keeps R1's prefix, on-link.
    expect(got.R1!.routes6!.map((r) => r.destination)).toEqual(['2001:db8:0:12::', '2001:db8:1::']);
    expect(got.R1!.routes.map((r) => r.destination)).toEqual(['10.0.12.0', '10.1.0.0', '10.2.0.0']);
    expect(got.R1!.neighbours6!.filter((n) => n.interface === 'eth1')).toEqual([]);
  });
});
