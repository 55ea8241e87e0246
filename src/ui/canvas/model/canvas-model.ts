// What the canvas draws, derived once per scenario (docs/architecture.md "UI": canvas —
// nodes and links; access points show their radio cells): the network nodes
// with role and position, the wired links (point-to-point, or a segment drawn
// as a small LAN hub), and the radio cells with the agent that owns each.
// Plain data with no React, so geometry and packet routing can be unit-tested.

import { indexTopology, type LinkId, type LinkSpec, type Position } from '../../../engine/network/topology';
import type { NodeId } from '../../../engine/node/contract';
import type { Micros } from '../../../engine/node/time';
import type { Ipv4Address } from '../../../engine/wire/address';
import type { Ipv6Address } from '../../../engine/wire/ipv6/ipv6-address';
import type { LoadedNode, LoadedScenario } from '../../../scenarios/to-topology';
import { centroid } from './geometry';
import { ROLE_TITLES } from '../../../scenarios/role-titles';

export type NodeRole = LoadedNode['role'];

export interface CanvasInterface {
  readonly name: string;
  readonly address: Ipv4Address;
  /** Its global IPv6 address on a dual-stack network (docs/ipv6.md §2); absent on an IPv4-only interface. */
  readonly ipv6?: Ipv6Address;
  /** Fixed link (wired, or an access point's cell); absent for a radio interface. */
  readonly link?: LinkId;
  readonly radio: boolean;
}

export interface CanvasNode {
  readonly id: NodeId;
  readonly role: NodeRole;
  readonly label: string;
  /** Where the scenario puts it (or a fallback slot when it gives none). */
  readonly position: Position;
  /** Has a radio interface: the learner may move it through the cells. */
  readonly mobile: boolean;
  readonly forwards: boolean;
  readonly interfaces: readonly CanvasInterface[];
}

export interface CanvasCell {
  readonly id: LinkId;
  readonly centre: Position;
  readonly radius: number;
  readonly label: string;
  /** The agent whose interface sits on the cell (its access point). */
  readonly owner?: NodeId;
  readonly delay: Micros;
}

export interface CanvasWire {
  readonly id: LinkId;
  readonly kind: 'point-to-point' | 'segment';
  readonly members: readonly NodeId[];
  readonly label: string;
  readonly delay: Micros;
  /** A segment's hub (the LAN drawn as a small bus node), at the members' centroid. */
  readonly hub?: Position;
}

export interface CanvasModel {
  readonly nodes: readonly CanvasNode[];
  readonly nodeById: ReadonlyMap<NodeId, CanvasNode>;
  readonly cells: readonly CanvasCell[];
  readonly wires: readonly CanvasWire[];
  readonly links: ReadonlyMap<LinkId, LinkSpec>;
  /** interfaceKey(node, interface) → its fixed link. */
  readonly fixedLink: ReadonlyMap<string, LinkId>;
  /** Interface address, IPv4 or IPv6 → node (for "which member of the link is the packet for"). */
  readonly nodeByAddress: ReadonlyMap<Ipv4Address | Ipv6Address, NodeId>;
}

/** The id xyflow knows a segment's hub by; the prefix keeps it apart from node ids. */
/** The key of a node's interface in `fixedLink`: JSON, so ids containing "/" (ids are data) never collide. */
export function interfaceKey(node: NodeId, iface: string): string {
  return JSON.stringify([node, iface]);
}

export function hubId(link: LinkId): string {
  return `lan:${link}`;
}


export function roleName(role: NodeRole): string {
  return ROLE_TITLES[role];
}

/** The scenario's own label for a link, when it gives one. */
function givenLabel(link: LinkSpec): string | undefined {
  return link.label === undefined || link.label === '' ? undefined : link.label;
}

export function buildCanvasModel(scenario: LoadedScenario): CanvasModel {
  const index = indexTopology(scenario.topology);
  const placed = scenario.nodes.filter((n) => n.position !== undefined).map((n) => n.position!);
  const top = placed.length === 0 ? 0 : Math.min(...placed.map((p) => p.y)) - 120;
  const left = placed.length === 0 ? 0 : Math.min(...placed.map((p) => p.x));
  let fallbackSlot = 0;
  const forwards = new Map(scenario.topology.nodes.map((n) => [n.id, n.forwards === true] as const));

  const nodes: CanvasNode[] = scenario.nodes.map((n) => ({
    id: n.id,
    role: n.role,
    label: n.label ?? `${n.id} (${ROLE_TITLES[n.role]})`,
    // A node without a position (wired hosts may omit it) gets a slot on a row above the drawing.
    position: n.position ?? { x: left + 140 * fallbackSlot++, y: top },
    mobile: n.interfaces.some((i) => i.radio === true),
    forwards: forwards.get(n.id) ?? false,
    interfaces: n.interfaces.map((i) => ({
      name: i.name, address: i.address, radio: i.radio === true,
      ...(i.ipv6 === undefined ? {} : { ipv6: i.ipv6.address }),
      ...(i.link === undefined ? {} : { link: i.link }),
    })),
  }));
  const nodeById = new Map(nodes.map((n) => [n.id, n] as const));

  const fixedLink = new Map<string, LinkId>();
  const nodeByAddress = new Map<Ipv4Address | Ipv6Address, NodeId>();
  const membersOf = new Map<LinkId, NodeId[]>();
  for (const n of nodes) {
    for (const i of n.interfaces) {
      nodeByAddress.set(i.address, n.id);
      if (i.ipv6 !== undefined) nodeByAddress.set(i.ipv6, n.id);
      if (i.link === undefined) continue;
      fixedLink.set(interfaceKey(n.id, i.name), i.link);
      const list = membersOf.get(i.link) ?? [];
      if (!list.includes(n.id)) list.push(n.id);
      membersOf.set(i.link, list);
    }
  }
  const prefix = (link: LinkId): string => {
    const p = index.prefixes.get(link);
    return p === undefined ? '' : ` ${p.network}/${p.prefixLength}`;
  };

  const cells: CanvasCell[] = [];
  const wires: CanvasWire[] = [];
  for (const link of scenario.topology.links) {
    const members = membersOf.get(link.id) ?? [];
    if (link.kind === 'radio') {
      const owner = members[0];
      cells.push({
        id: link.id,
        centre: link.centre,
        radius: link.radius,
        label: givenLabel(link) ?? `${owner === undefined ? link.id : `${owner} cell`}${prefix(link.id)}`,
        ...(owner === undefined ? {} : { owner }),
        delay: link.delay,
      });
      continue;
    }
    const label = givenLabel(link) ?? `${link.id}${prefix(link.id)}`;
    if (link.kind === 'point-to-point') {
      wires.push({ id: link.id, kind: link.kind, members, label, delay: link.delay });
      continue;
    }
    const at = members.map((m) => nodeById.get(m)!.position);
    const c = centroid(at);
    // With one member the centroid is the member itself: put the hub below it.
    const hub = at.length === 1 ? { x: c.x, y: c.y + 70 } : c;
    wires.push({ id: link.id, kind: 'segment', members, label, delay: link.delay, hub });
  }

  return { nodes, nodeById, cells, wires, links: index.links, fixedLink, nodeByAddress };
}
