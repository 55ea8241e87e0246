import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ForwardingTable } from '../node/route-table';
import { computeMembership } from './radio';
import { computeForwardingTables } from './routing';
import { forwardingTableAfterMove, forwardingTablesAfterMove } from './routing-after-move';
import { sameTable } from './same-table';
import { cellsTopology } from './test-support/cells';
import { indexTopology, type InterfaceSpec, type LinkSpec, type NodeSpec, type Position, type Topology } from './topology';

interface Shape {
  readonly routers: number;
  readonly wired: readonly { readonly kind: 'point-to-point' | 'segment'; readonly delay: number; readonly members: readonly number[] }[];
  readonly cells: readonly { readonly owner: number; readonly delay: number; readonly centre: Position; readonly radius: number }[];
  readonly fixedHosts: readonly number[];
  readonly mobiles: readonly { readonly forwards: boolean; readonly radios: number; readonly at: Position }[];
  readonly ipv6: 'none' | 'all' | 'some';
}

const position = fc.record({ x: fc.integer({ min: 0, max: 8 }).map((v) => v * 50), y: fc.integer({ min: 0, max: 2 }).map((v) => v * 50) });

// Small delays on purpose: equal-cost paths, and so the tie-breaks, are common.
const shape: fc.Arbitrary<Shape> = fc.integer({ min: 1, max: 5 }).chain((routers) => fc.record({
  routers: fc.constant(routers),
  wired: fc.array(fc.record({ kind: fc.constantFrom('point-to-point' as const, 'segment' as const), delay: fc.integer({ min: 1, max: 4 }), members: fc.uniqueArray(fc.integer({ min: 0, max: routers - 1 }), { minLength: 1, maxLength: 3 }) }), { maxLength: 6 }),
  cells: fc.array(fc.record({ owner: fc.integer({ min: 0, max: routers - 1 }), delay: fc.integer({ min: 1, max: 4 }), centre: position, radius: fc.integer({ min: 40, max: 160 }) }), { minLength: 1, maxLength: 4 }),
  fixedHosts: fc.array(fc.nat(), { maxLength: 3 }),
  mobiles: fc.array(fc.record({ forwards: fc.integer({ min: 0, max: 4 }).map((v) => v === 0), radios: fc.integer({ min: 1, max: 2 }), at: position }), { minLength: 1, maxLength: 4 }),
  ipv6: fc.constantFrom('none' as const, 'all' as const, 'some' as const),
}));

/** A topology from the shape: link k carries 10.(k+1).0.0/24, and fd00:(k+1)::/64 where IPv6 is on. */
function build(s: Shape): Topology {
  const links: LinkSpec[] = [];
  const interfaces: InterfaceSpec[][] = [];
  const hostOctet: number[] = [];
  let v6Turn = 0;
  const attach = (node: number, link: number): void => {
    hostOctet[link] = (hostOctet[link] ?? 0) + 1;
    const list = (interfaces[node] ??= []);
    const withV6 = s.ipv6 === 'all' || (s.ipv6 === 'some' && v6Turn++ % 2 === 0);
    list.push({ name: `if${list.length}`, address: `10.${link + 1}.0.${hostOctet[link]}`, prefixLength: 24, link: `l${link}`, ...(withV6 ? { ipv6: { address: `fd00:${link + 1}::${hostOctet[link]}`, prefixLength: 64 } } : {}) });
  };
  s.wired.forEach((w, k) => {
    links.push({ id: `l${k}`, kind: w.kind, delay: w.delay });
    for (const r of w.kind === 'point-to-point' ? w.members.slice(0, 2) : w.members) attach(r, k);
  });
  s.cells.forEach((c) => {
    links.push({ id: `l${links.length}`, kind: 'radio', delay: c.delay, centre: c.centre, radius: c.radius });
    attach(c.owner, links.length - 1);
  });
  const nodes: NodeSpec[] = [];
  for (let r = 0; r < s.routers; r++) nodes.push({ id: `R${r}`, forwards: true, interfaces: interfaces[r] ?? [] });
  const segments = s.wired.map((w, k) => (w.kind === 'segment' ? k : -1)).filter((k) => k >= 0);
  s.fixedHosts.forEach((pick, h) => {
    if (segments.length === 0) return;
    const node = nodes.length;
    attach(node, segments[pick % segments.length]!);
    nodes.push({ id: `H${h}`, interfaces: interfaces[node]! });
  });
  s.mobiles.forEach((m, k) => {
    const radios: InterfaceSpec[] = [];
    for (let i = 0; i < m.radios; i++) radios.push({ name: `wlan${i}`, address: `10.${200 + i}.0.${k + 1}`, prefixLength: 24, radio: true, ...(s.ipv6 === 'none' ? {} : { ipv6: { address: `fd00:ff${i}::${k + 1}`, prefixLength: 64 } }) });
    nodes.push({ id: `M${k}`, ...(m.forwards ? { forwards: true } : {}), position: m.at, interfaces: radios });
  });
  return { nodes, links };
}

const moves = fc.array(fc.record({ mobile: fc.nat(), to: position }), { minLength: 1, maxLength: 6 });

describe('routing after a move', () => {
  it('equals the tables computed from scratch, over random topologies and moves', () => {
    fc.assert(fc.property(shape, moves, (s, steps) => {
      const topology = build(s);
      const index = indexTopology(topology);
      const positions = topology.nodes.map((n) => n.position);
      let membership = computeMembership(index, positions);
      let tables: ForwardingTable[] = computeForwardingTables(index, membership);
      for (const step of steps) {
        const moved = topology.nodes.length - s.mobiles.length + (step.mobile % s.mobiles.length);
        positions[moved] = step.to;
        const before = membership;
        membership = computeMembership(index, positions);
        const previous = tables;
        tables = forwardingTablesAfterMove(index, before, membership, moved, tables);
        expect(JSON.stringify(tables)).toBe(JSON.stringify(computeForwardingTables(index, membership)));
        // One node at a time, as a worker's hosted node keeps only its own table: the same tables.
        const oneByOne = previous.map((table, n) => forwardingTableAfterMove(index, before, membership, moved, n, table));
        expect(JSON.stringify(oneByOne)).toBe(JSON.stringify(tables));
      }
    }), { numRuns: 300 });
  });

  it('computes a node’s own table afresh when it has none yet, one node at a time', () => {
    const index = indexTopology(cellsTopology);
    const mn = index.nodeIndex.get('MN')!;
    const cn = index.nodeIndex.get('CN')!;
    const positions = cellsTopology.nodes.map((n) => n.position);
    const before = computeMembership(index, positions);
    positions[mn] = { x: 300, y: 0 };
    const after = computeMembership(index, positions);
    expect(JSON.stringify(forwardingTableAfterMove(index, before, after, mn, cn, undefined))).toBe(JSON.stringify(computeForwardingTables(index, after)[cn]));
    const previous = computeForwardingTables(index, before)[cn]!;
    expect(forwardingTableAfterMove(index, before, after, mn, cn, previous)).toBe(previous); // on neither cell: kept
  });

  it('hands back the same table object to a node the move cannot affect', () => {
    const index = indexTopology(cellsTopology);
    const mn = index.nodeIndex.get('MN')!;
    const positions = cellsTopology.nodes.map((n) => n.position);
    const before = computeMembership(index, positions);
    const tables = computeForwardingTables(index, before);
    positions[mn] = { x: 300, y: 0 }; // from cellA to cellB
    const after = forwardingTablesAfterMove(index, before, computeMembership(index, positions), mn, tables);
    expect(after[index.nodeIndex.get('CN')!]).toBe(tables[index.nodeIndex.get('CN')!]); // on neither cell
    expect(after[index.nodeIndex.get('R')!]).toBe(tables[index.nodeIndex.get('R')!]);
    expect(after[index.nodeIndex.get('AP1')!]!.neighbours.map((n) => n.address)).toEqual(['10.0.1.1']); // MN left its cell
    expect(after[index.nodeIndex.get('AP2')!]!.neighbours.map((n) => n.address)).toEqual(['10.0.2.1', '10.9.0.10']);
  });
});

describe('sameTable', () => {
  it('says equal exactly when the tables’ JSON texts are equal', () => {
    fc.assert(fc.property(shape, moves, (s, steps) => {
      const topology = build(s);
      const index = indexTopology(topology);
      const positions = topology.nodes.map((n) => n.position);
      const seen: ForwardingTable[] = [...computeForwardingTables(index, computeMembership(index, positions))];
      for (const step of steps) {
        positions[topology.nodes.length - s.mobiles.length + (step.mobile % s.mobiles.length)] = step.to;
        seen.push(...computeForwardingTables(index, computeMembership(index, positions)));
      }
      for (const a of seen.slice(0, 12)) for (const b of seen) expect(sameTable(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
    }), { numRuns: 100 });
  });

  it('heeds key order and ignores undefined members, as JSON text does', () => {
    const route = { destination: '10.0.0.0', prefixLength: 8, interface: 'eth0', nextHop: null, metric: 1, hops: 1 };
    const { prefixLength, ...rest } = route;
    expect(sameTable({ routes: [route], neighbours: [] }, { routes: [{ ...rest, prefixLength }], neighbours: [] })).toBe(false);
    expect(sameTable({ routes: [], neighbours: [] }, { routes: [], neighbours: [], routes6: undefined })).toBe(true);
    expect(sameTable({ routes: [], neighbours: [] }, { routes: [], neighbours: [], routes6: [] })).toBe(false);
    expect(sameTable(undefined, { routes: [], neighbours: [] })).toBe(false);
    expect(sameTable(undefined, undefined)).toBe(true);
  });
});
