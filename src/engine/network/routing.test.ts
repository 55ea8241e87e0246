import { describe, expect, it } from 'vitest';
import { describeRoute, type ForwardingTable } from '../node/route-table';
import { computeMembership } from './radio';
import { computeForwardingTables } from './routing';
import { lineTopology } from './test-support/scenarios';
import { indexTopology, type NodeSpec, type Topology } from './topology';

function tables(t: Topology): Record<string, ForwardingTable> {
  const index = indexTopology(t);
  const all = computeForwardingTables(index, computeMembership(index, t.nodes.map((n) => n.position)));
  return Object.fromEntries(t.nodes.map((n, i) => [n.id, all[i]!]));
}

function routes(t: Topology, node: string): string[] {
  return tables(t)[node]!.routes.map(describeRoute);
}

/**
 * S ─(p1)─ A ─(p3)─ T     each link /30 in 10.0.k.0; T's LAN 10.9.0.0/24 (lanT)
 * S ─(p2)─ B ─(p4)─ T
 */
function diamond(delays: { p1: number; p2: number; p3: number; p4: number }, order: readonly string[] = ['S', 'A', 'B', 'T']): Topology {
  const nodes: Record<string, NodeSpec> = {
    S: { id: 'S', interfaces: [{ name: 'e1', address: '10.0.1.1', prefixLength: 30, link: 'p1' }, { name: 'e2', address: '10.0.2.1', prefixLength: 30, link: 'p2' }] },
    A: { id: 'A', forwards: true, interfaces: [{ name: 'e1', address: '10.0.1.2', prefixLength: 30, link: 'p1' }, { name: 'e3', address: '10.0.3.1', prefixLength: 30, link: 'p3' }] },
    B: { id: 'B', forwards: true, interfaces: [{ name: 'e2', address: '10.0.2.2', prefixLength: 30, link: 'p2' }, { name: 'e4', address: '10.0.4.1', prefixLength: 30, link: 'p4' }] },
    T: { id: 'T', forwards: true, interfaces: [{ name: 'e3', address: '10.0.3.2', prefixLength: 30, link: 'p3' }, { name: 'e4', address: '10.0.4.2', prefixLength: 30, link: 'p4' }, { name: 'lan', address: '10.9.0.1', prefixLength: 24, link: 'lanT' }] },
  };
  return {
    links: [
      { id: 'p1', kind: 'point-to-point', delay: delays.p1 },
      { id: 'p2', kind: 'point-to-point', delay: delays.p2 },
      { id: 'p3', kind: 'point-to-point', delay: delays.p3 },
      { id: 'p4', kind: 'point-to-point', delay: delays.p4 },
      { id: 'lanT', kind: 'segment', delay: 10 },
    ],
    nodes: order.map((id) => nodes[id]!),
  };
}

describe('routing', () => {
  it('gives each node of the line a route to every prefix, on-link where it is attached', () => {
    expect(routes(lineTopology(), 'H1')).toEqual([
      '10.0.12.0/30 via 10.1.0.1 on eth0 (2 hops, 2100 µs)',
      '10.1.0.0/24 on-link on eth0 (1 hop, 100 µs)',
      '10.2.0.0/24 via 10.1.0.1 on eth0 (3 hops, 2150 µs)',
    ]);
    expect(routes(lineTopology(), 'R2')).toEqual([
      '10.0.12.0/30 on-link on eth0 (1 hop, 2000 µs)',
      '10.1.0.0/24 via 10.0.12.1 on eth0 (2 hops, 2100 µs)',
      '10.2.0.0/24 on-link on eth1 (1 hop, 50 µs)',
    ]);
  });

  it('lists every other interface on the node’s links as a neighbour with its link-layer address', () => {
    expect(tables(lineTopology()).R1!.neighbours).toEqual([
      { interface: 'eth0', address: '10.1.0.10', linkAddress: '02:00:00:00:00:00' },
      { interface: 'eth1', address: '10.0.12.2', linkAddress: '02:00:00:00:02:00' },
    ]);
  });

  it('prefers the smaller total delay, even over more hops', () => {
    const r = routes(diamond({ p1: 100, p2: 10, p3: 100, p4: 10 }), 'S');
    expect(r).toContain('10.9.0.0/24 via 10.0.2.2 on e2 (3 hops, 30 µs)');
  });

  it('on equal delay prefers fewer links crossed', () => {
    // Replace B–T by B–M–T (two links of 245 µs): both ways to lanT now cost
    // 500 + 490 + 10 = 1000 µs, but via A crosses 3 links and via B and M 4.
    // B is listed before A, so only the links criterion can pick A.
    const t = diamond({ p1: 500, p2: 500, p3: 490, p4: 490 }, ['S', 'B', 'A', 'T']);
    const T = t.nodes.find((n) => n.id === 'T')!;
    const longer: Topology = {
      links: [...t.links.filter((l) => l.id !== 'p4'), { id: 'p4', kind: 'point-to-point', delay: 245 }, { id: 'p5', kind: 'point-to-point', delay: 245 }],
      nodes: [
        ...t.nodes.filter((n) => n.id !== 'T'),
        { id: 'M', forwards: true, interfaces: [{ name: 'x', address: '10.0.4.2', prefixLength: 30, link: 'p4' }, { name: 'y', address: '10.0.5.1', prefixLength: 30, link: 'p5' }] },
        { ...T, interfaces: [T.interfaces[0]!, { name: 'e5', address: '10.0.5.2', prefixLength: 30, link: 'p5' }, T.interfaces[2]!] },
      ],
    };
    expect(routes(longer, 'S')).toContain('10.9.0.0/24 via 10.0.1.2 on e1 (3 hops, 1000 µs)');
  });

  it('breaks a full tie (same delay, same links) in favour of the next hop listed first in the topology', () => {
    const equal = { p1: 100, p2: 100, p3: 100, p4: 100 };
    expect(routes(diamond(equal, ['S', 'A', 'B', 'T']), 'S')).toContain('10.9.0.0/24 via 10.0.1.2 on e1 (3 hops, 210 µs)');
    expect(routes(diamond(equal, ['S', 'B', 'A', 'T']), 'S')).toContain('10.9.0.0/24 via 10.0.2.2 on e2 (3 hops, 210 µs)');
  });

  it('never routes through a host', () => {
    const t = diamond({ p1: 100, p2: 100, p3: 100, p4: 100 });
    const hostsOnly: Topology = { ...t, nodes: t.nodes.map((n) => (n.id === 'A' || n.id === 'B' ? { ...n, forwards: false } : n)) };
    expect(routes(hostsOnly, 'S')).toEqual(['10.0.1.0/30 on-link on e1 (1 hop, 100 µs)', '10.0.2.0/30 on-link on e2 (1 hop, 100 µs)']);
    // A host still reaches prefixes through a router it is attached to.
    expect(routes(hostsOnly, 'A')).toContain('10.9.0.0/24 via 10.0.3.2 on e3 (2 hops, 110 µs)');
  });
});
