import { describe, expect, it } from 'vitest';
import { lineTopology } from './test-support/scenarios';
import { cellsTopology } from './test-support/cells';
import { TopologyError, assertValidTopology, topologyProblems } from './topology-validation';
import type { LinkSpec, NodeSpec, Topology } from './topology';

function withNodes(t: Topology, change: (nodes: NodeSpec[]) => NodeSpec[]): Topology {
  return { ...t, nodes: change([...t.nodes]) };
}

function withLinks(t: Topology, change: (links: LinkSpec[]) => LinkSpec[]): Topology {
  return { ...t, links: change([...t.links]) };
}

describe('topology validation', () => {
  it('accepts the story networks', () => {
    expect(topologyProblems(lineTopology())).toEqual([]);
    expect(topologyProblems(cellsTopology)).toEqual([]);
  });

  it('reports a duplicate address with both owners', () => {
    const t = withNodes(lineTopology(), (ns) => ns.map((n) => (n.id === 'H2' ? { ...n, interfaces: [{ ...n.interfaces[0]!, address: '10.0.12.2', prefixLength: 30, link: 'core' }] } : n)));
    expect(topologyProblems(t)).toContain('node "H2" interface "eth0": address 10.0.12.2 is already used by R2/eth0');
  });

  it('reports a dangling link id', () => {
    const t = withNodes(lineTopology(), (ns) => ns.map((n) => (n.id === 'H1' ? { ...n, interfaces: [{ ...n.interfaces[0]!, link: 'lan9' }] } : n)));
    expect(topologyProblems(t)).toContain('node "H1" interface "eth0": link "lan9" does not exist');
  });

  it('reports duplicate node ids, link ids and interface names', () => {
    const t = lineTopology();
    const dup = { nodes: [...t.nodes, { id: 'H1', interfaces: [] }], links: [...t.links, t.links[0]!] };
    const problems = topologyProblems(dup);
    expect(problems).toContain('node id "H1" is used twice');
    expect(problems).toContain('link id "lan1" is used twice');
    const twice = withNodes(t, (ns) => ns.map((n) => (n.id === 'R1' ? { ...n, interfaces: [n.interfaces[0]!, { ...n.interfaces[1]!, name: 'eth0' }] } : n)));
    expect(topologyProblems(twice)).toContain('node "R1": interface name "eth0" is used twice');
  });

  it('reports bad link figures', () => {
    const t = withLinks(lineTopology(), (ls) => ls.map((l) => (l.id === 'core' ? { ...l, delay: 0, loss: 1.5, bandwidth: -1 } : l)));
    expect(topologyProblems(t)).toEqual([
      'link "core": delay must be a whole number of microseconds ≥ 1 (got 0)',
      'link "core": loss must be a probability in [0, 1] (got 1.5)',
      'link "core": bandwidth must be a positive number of bits/s (got -1)',
    ]);
  });

  it('a point-to-point link needs exactly two ends, a cell exactly one access point', () => {
    const t = withNodes(lineTopology(), (ns) => ns.map((n) => (n.id === 'H2' ? { ...n, interfaces: [{ name: 'eth0', address: '10.0.12.3', prefixLength: 30, link: 'core' }] } : n)));
    expect(topologyProblems(t)).toContain('link "core": a point-to-point link needs exactly 2 interfaces, has 3 (R1/eth1, R2/eth0, H2/eth0)');
    const noAp = withNodes(cellsTopology, (ns) => ns.filter((n) => n.id !== 'AP2'));
    expect(topologyProblems(noAp)).toContain('link "cellB": a radio cell needs exactly one access point interface, has 0');
  });

  it('interfaces on one link must share its prefix, and two links may not claim the same prefix', () => {
    const t = withNodes(lineTopology(), (ns) => ns.map((n) => (n.id === 'H2' ? { ...n, interfaces: [{ ...n.interfaces[0]!, address: '10.2.1.10' }] } : n)));
    expect(topologyProblems(t)).toEqual(['node "H2" interface "eth0": 10.2.1.10/24 is not in the prefix of link "lan2" (10.2.0.0/24)']);
    const clash = withNodes(lineTopology(), (ns) => ns.map((n) => {
      if (n.id === 'H2') return { ...n, interfaces: [{ ...n.interfaces[0]!, address: '10.1.0.20' }] };
      if (n.id === 'R2') return { ...n, interfaces: [n.interfaces[0]!, { ...n.interfaces[1]!, address: '10.1.0.2' }] };
      return n;
    }));
    expect(topologyProblems(clash)).toEqual(['links "lan1" and "lan2" both use the prefix 10.1.0.0/24']);
  });

  it('rejects a network or broadcast address as an interface address, and malformed addresses', () => {
    const t = withNodes(lineTopology(), (ns) => ns.map((n) => (n.id === 'H1' ? { ...n, interfaces: [{ ...n.interfaces[0]!, address: '10.1.0.255' }] } : n.id === 'H2' ? { ...n, interfaces: [{ ...n.interfaces[0]!, address: '10.2.0.300', prefixLength: 33 }] } : n)));
    expect(topologyProblems(t)).toEqual([
      'node "H1" interface "eth0": 10.1.0.255/24 is the network or broadcast address of its prefix, not a host address',
      'node "H2" interface "eth0": "10.2.0.300" is not an IPv4 address',
      'node "H2" interface "eth0": prefix length must be an integer 0–32 (got 33)',
    ]);
  });

  it('radio interfaces need a position and no link; other interfaces need a link', () => {
    const t = withNodes(cellsTopology, (ns) => ns.map((n) => {
      if (n.id === 'MN') return { id: 'MN', interfaces: [{ ...n.interfaces[0]!, link: 'cellA' }] };
      if (n.id === 'CN') return { ...n, interfaces: [{ name: 'eth0', address: '10.3.0.10', prefixLength: 24 }] };
      return n;
    }));
    const problems = topologyProblems(t);
    expect(problems).toContain('node "MN" interface "wlan0": a radio interface attaches by position and must not name a link ("cellA")');
    expect(problems).toContain('node "MN" interface "wlan0": a radio interface needs its node to have a position');
    expect(problems).toContain('node "CN" interface "eth0": has neither a link nor radio: true');
  });

  it('checks explicit link-layer addresses', () => {
    const t = withNodes(lineTopology(), (ns) => ns.map((n) => (n.id === 'H1' ? { ...n, interfaces: [{ ...n.interfaces[0]!, linkAddress: '01:00:5e:00:00:01' }] } : n.id === 'H2' ? { ...n, interfaces: [{ ...n.interfaces[0]!, linkAddress: '02:00:00:00:01:00' }] } : n)));
    expect(topologyProblems(t)).toEqual([
      'node "H1" interface "eth0": "01:00:5e:00:00:01" is not a unicast link-layer address (six lower-case hex octets, low bit of the first clear)',
      'node "H2" interface "eth0": link-layer address 02:00:00:00:01:00 is already used by R1/eth0',
    ]);
  });

  it('assertValidTopology throws one error listing every problem', () => {
    const t = withLinks(lineTopology(), (ls) => ls.map((l) => ({ ...l, delay: 0.5 })));
    expect(() => assertValidTopology(t)).toThrow(TopologyError);
    try {
      assertValidTopology(t);
    } catch (e) {
      expect((e as TopologyError).problems).toHaveLength(3);
      expect((e as Error).message).toMatch(/^invalid topology:\n {2}- link "lan1": delay/);
    }
  });
});
