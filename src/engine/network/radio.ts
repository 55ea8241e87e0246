// Radio cells and link-layer attachment (docs/architecture.md "UI": the mobile node is
// dragged between cells, "and that movement is what drives link-layer
// attachment"). A radio interface is attached to every cell whose circle
// contains its node's position (the boundary counts as inside); overlapping
// cells give overlapping attachment, as when a mobile node hears two agents.

import type { InterfaceRef, LinkId, LinkSpec, Position, Topology, TopologyIndex } from './topology';

type RadioLink = Extract<LinkSpec, { kind: 'radio' }>;

export function inCell(cell: RadioLink, position: Position): boolean {
  const dx = position.x - cell.centre.x;
  const dy = position.y - cell.centre.y;
  return dx * dx + dy * dy <= cell.radius * cell.radius;
}

/** The radio cells covering `position`, in topology order. */
export function cellsInRange(topology: Topology, position: Position): LinkId[] {
  const out: LinkId[] = [];
  for (const link of topology.links) if (link.kind === 'radio' && inCell(link, position)) out.push(link.id);
  return out;
}

/** Who is on which link right now. Derived from the topology and node positions; never stored. */
export interface Membership {
  /** Per link, the attached interfaces in (node, interface) order — the order receivers are served in. */
  readonly members: ReadonlyMap<LinkId, readonly InterfaceRef[]>;
  /** Per node, per interface, the links it is attached to (a wired interface: its one link). */
  readonly attachments: readonly (readonly (readonly LinkId[])[])[];
}

function byPosition(a: InterfaceRef, b: InterfaceRef): number {
  return a.node - b.node || a.interface - b.interface;
}

export function computeMembership(index: TopologyIndex, positions: readonly (Position | undefined)[]): Membership {
  const members = new Map<LinkId, InterfaceRef[]>();
  for (const [linkId, fixed] of index.fixedMembers) members.set(linkId, [...fixed]);
  const attachments = index.topology.nodes.map((node) => node.interfaces.map((spec) => (spec.link === undefined ? [] : [spec.link])));
  for (const ref of index.radioInterfaces) {
    const position = positions[ref.node];
    const cells = position === undefined ? [] : cellsInRange(index.topology, position);
    attachments[ref.node]![ref.interface] = cells;
    for (const cell of cells) members.get(cell)!.push(ref);
  }
  for (const list of members.values()) list.sort(byPosition);
  return { members, attachments };
}
