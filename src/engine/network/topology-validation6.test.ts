import { describe, expect, it } from 'vitest';
import { lineTopology6 } from './test-support/ipv6-line';
import type { InterfaceSpec, Topology } from './topology';
import { topologyProblems } from './topology-validation';

/** lineTopology6 with one interface's `ipv6` replaced. */
function withIpv6(node: string, iface: number, ipv6: InterfaceSpec['ipv6']): Topology {
  const t = lineTopology6();
  return { ...t, nodes: t.nodes.map((n) => (n.id === node ? { ...n, interfaces: n.interfaces.map((i, k) => (k === iface ? { ...i, ipv6 } : i)) } : n)) };
}

describe('IPv6 topology validation', () => {
  it('accepts the dual-stack line, and an IPv4-only host on an IPv6 link', () => {
    expect(topologyProblems(lineTopology6())).toEqual([]);
    expect(topologyProblems(withIpv6('H1', 0, undefined))).toEqual([]);
  });

  it('refuses text that is not an IPv6 address, and a prefix length outside 1–128', () => {
    expect(topologyProblems(withIpv6('H1', 0, { address: '2001:db8:1::g', prefixLength: 64 }))).toEqual([
      'node "H1" interface "eth0": "2001:db8:1::g" is not an IPv6 address (eight groups of 1–4 hex digits, "::" for a run of zero groups, e.g. "2001:db8:1::1")',
    ]);
    expect(topologyProblems(withIpv6('H1', 0, { address: '2001:db8:1::10', prefixLength: 129 }))).toEqual(['node "H1" interface "eth0": IPv6 prefix length must be an integer 1–128 (got 129)']);
    expect(topologyProblems(withIpv6('H1', 0, { address: '2001:db8:1::10', prefixLength: 0 }))).toEqual(['node "H1" interface "eth0": IPv6 prefix length must be an integer 1–128 (got 0)']);
  });

  it('refuses multicast, link-local, unspecified and loopback addresses on an interface', () => {
    const says = (address: string): string[] => topologyProblems(withIpv6('H1', 0, { address, prefixLength: 64 }));
    expect(says('ff02::1')).toEqual(['node "H1" interface "eth0": IPv6 address ff02::1 is a multicast address (ff00::/8, RFC 4291 §2.7): it names a group, not an interface']);
    expect(says('FE80::1')[0]).toMatch(/^node "H1" interface "eth0": IPv6 address fe80::1 is a link-local address \(fe80::\/10, RFC 4291 §2\.5\.6\)/);
    expect(says('::')[0]).toMatch(/IPv6 address :: is the unspecified address/);
    expect(says('::1')[0]).toMatch(/IPv6 address ::1 is the loopback address/);
  });

  it('refuses an IPv6 address used twice, whatever its spelling, naming the first owner', () => {
    expect(topologyProblems(withIpv6('H2', 0, { address: '2001:DB8:1:0::1', prefixLength: 64 }))).toContain('node "H2" interface "eth0": IPv6 address 2001:db8:1::1 is already used by R1/eth0');
  });

  it('refuses an interface outside its link\'s IPv6 prefix, and two links with one prefix', () => {
    // The link's prefix is its first wired interface's (H1's), so R1 is the one outside it.
    expect(topologyProblems(withIpv6('H1', 0, { address: '2001:db8:7::10', prefixLength: 64 }))).toEqual([
      'node "R1" interface "eth0": 2001:db8:1::1/64 is not in the IPv6 prefix of link "lan1" (2001:db8:7::/64); a link has one IPv6 prefix',
    ]);
    expect(topologyProblems(withIpv6('H1', 0, { address: '2001:db8:1::10', prefixLength: 48 }))).toEqual([
      'node "R1" interface "eth0": 2001:db8:1::1/64 is not in the IPv6 prefix of link "lan1" (2001:db8:1::/48); a link has one IPv6 prefix',
    ]);
    const both = withIpv6('R2', 1, { address: '2001:db8:1::2', prefixLength: 64 });
    const bothLan2 = { ...both, nodes: both.nodes.map((n) => (n.id === 'H2' ? { ...n, interfaces: [{ ...n.interfaces[0]!, ipv6: { address: '2001:db8:1::20', prefixLength: 64 } }] } : n)) };
    expect(topologyProblems(bothLan2)).toEqual(['link "lan2": its IPv6 prefix 2001:db8:1::/64 is already the prefix of link "lan1"; two links never share a prefix']);
  });
});
