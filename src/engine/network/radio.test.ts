import { describe, expect, it } from 'vitest';
import { cellsInRange, computeMembership } from './radio';
import { cellsTopology } from './test-support/cells';
import { indexTopology, type Topology } from './topology';

const overlapping: Topology = {
  ...cellsTopology,
  links: cellsTopology.links.map((l) => (l.kind === 'radio' ? { ...l, radius: 160 } : l)),
};

describe('radio cells', () => {
  it('a position is in the cells whose circle contains it, boundary included', () => {
    expect(cellsInRange(cellsTopology, { x: 0, y: 0 })).toEqual(['cellA']);
    expect(cellsInRange(cellsTopology, { x: 60, y: 80 })).toEqual(['cellA']); // distance exactly 100
    expect(cellsInRange(cellsTopology, { x: 60, y: 80.001 })).toEqual([]);
    expect(cellsInRange(cellsTopology, { x: 150, y: 0 })).toEqual([]);
    expect(cellsInRange(cellsTopology, { x: 399, y: 0 })).toEqual(['cellB']);
  });

  it('overlapping cells both hear a node in the overlap', () => {
    expect(cellsInRange(overlapping, { x: 150, y: 0 })).toEqual(['cellA', 'cellB']);
  });

  it('membership lists the access point and the mobiles in range, in node order', () => {
    const index = indexTopology(overlapping);
    const positions = overlapping.nodes.map((n) => n.position);
    positions[4] = { x: 150, y: 0 };
    const m = computeMembership(index, positions);
    expect(m.members.get('cellA')).toEqual([{ node: 2, interface: 1 }, { node: 4, interface: 0 }]);
    expect(m.members.get('cellB')).toEqual([{ node: 3, interface: 1 }, { node: 4, interface: 0 }]);
    expect(m.attachments[4]).toEqual([['cellA', 'cellB']]);
    expect(m.attachments[1]).toEqual([['lanC'], ['a'], ['b']]);
  });
});
