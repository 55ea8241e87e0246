// From the canvas model and the runtime's node views to what xyflow renders:
// network nodes (a button each), radio cells (large translucent nodes behind
// everything), LAN hubs, and straight edges — wires, and a dashed radio link
// from each mobile node to the agent of every cell it is attached to. Edges
// meet at node centres through one invisible handle pair per node, declared
// on the node too so edges draw before (or without) DOM measurement.

import { Position as Side, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import { entryAt } from '../../../engine/keyed';
import type { Position } from '../../../engine/network/topology';
import type { NodeId } from '../../../engine/node/contract';
import type { NodeView } from '../../../runtime/types';
import { hubId, roleName, type CanvasCell, type CanvasModel, type CanvasNode, type CanvasWire } from '../model/canvas-model';
import type { PathHop } from '../model/current-path';
import { cellLabelTiers } from '../model/cell-label-tiers';

/** Hops to light: the working route, or (tone 'lost') the way the newest lost datagram went before it died. */
export interface LitHops {
  readonly hops: readonly PathHop[];
  readonly tone?: 'route' | 'lost';
}

export const NODE_SIZE = 48;
export const HUB_WIDTH = 44;
export const HUB_HEIGHT = 18;

export type NetworkNodeData = {
  readonly node: CanvasNode;
  readonly selected: boolean;
  /** The accessible description: label, role, attachment, how to move it. */
  readonly description: string;
  /** A mobile node whose radio reaches no cell. */
  readonly outOfRange: boolean;
  readonly onPath: boolean;
  /** The lit hops lead to a loss: drawn red, not as a working route. */
  readonly lostPath?: boolean;
};
/** labelTier: where its label sits in presentation mode (cell-label-tiers.ts). */
export type CellNodeData = { readonly cell: CanvasCell; readonly labelTier: 0 | 1 };
export type HubNodeData = { readonly wire: CanvasWire; readonly onPath: boolean; readonly lostPath?: boolean };
export type NetworkFlowNode = Node<NetworkNodeData, 'network'>;
export type CellFlowNode = Node<CellNodeData, 'cell'>;
export type HubFlowNode = Node<HubNodeData, 'hub'>;
export type CanvasFlowNode = NetworkFlowNode | CellFlowNode | HubFlowNode;

export type LinkEdgeData = {
  readonly kind: 'wire' | 'radio';
  /** Drawn at the middle of the edge (a point-to-point link's delay). */
  readonly label?: string;
  readonly onPath: boolean;
  readonly lostPath?: boolean;
};
export type LinkFlowEdge = Edge<LinkEdgeData, 'link'>;

function centreHandles(width: number, height: number): NodeHandle[] {
  // A Top handle's anchor is its top-centre: put that at the node's centre.
  const at = { position: Side.Top, x: width / 2 - 0.5, y: height / 2, width: 1, height: 1 };
  return [{ type: 'source', ...at }, { type: 'target', ...at }];
}

/** The cells each of a node's radio interfaces is attached to now. */
export function attachedCells(node: CanvasNode, view: NodeView | undefined): string[] {
  if (view === undefined) return [];
  const out: string[] = [];
  for (const i of node.interfaces) if (i.radio) for (const c of view.attachments[i.name] ?? []) if (!out.includes(c)) out.push(c);
  return out;
}

function ms(micros: number): string {
  return `${Number((micros / 1000).toFixed(3))} ms`;
}

export function describeNode(model: CanvasModel, node: CanvasNode, view: NodeView | undefined): string {
  const role = roleName(node.role);
  const label = node.label.toLowerCase();
  // A label like "Foreign agent 1" already names the role; "Correspondent" names it too.
  const parts = [label.includes(role) || role.includes(label) ? `${node.label}.` : `${node.label}, ${role}.`];
  if (node.mobile) {
    const cells = attachedCells(node, view);
    if (view === undefined) parts.push('Attachment not reported yet.');
    else if (cells.length === 0) parts.push('Out of range of every radio cell: no link-layer attachment (RFC 2002 §2.4.2).');
    else parts.push(`Attached to ${cells.map((c) => model.cells.find((x) => x.id === c)?.label ?? c).join(' and ')}.`);
    parts.push('Drag it, or press the arrow keys (Shift: 50 units), to move it through the cells.');
  }
  return parts.join(' ');
}

/** The ids of the edges a path crossed (a segment hop lights both halves through its hub). */
export function pathEdgeIds(model: CanvasModel, path: LitHops | null): Set<string> {
  const ids = new Set<string>();
  if (path === null) return ids;
  for (const hop of path.hops) {
    const kind = model.links.get(hop.link)?.kind;
    if (kind === 'point-to-point') ids.add(`wire:${hop.link}`);
    else if (kind === 'segment') {
      ids.add(`wire:${hop.link}:${hop.from}`);
      ids.add(`wire:${hop.link}:${hop.to}`);
    } else if (kind === 'radio') {
      const mobile = model.nodeById.get(hop.to)?.mobile === true ? hop.to : hop.from;
      ids.add(`radio:${hop.link}:${mobile}`);
    }
  }
  return ids;
}

export function buildFlowNodes(
  model: CanvasModel,
  positions: ReadonlyMap<NodeId, Position>,
  views: Readonly<Record<NodeId, NodeView>>,
  selected: NodeId | null,
  path: LitHops | null,
): CanvasFlowNode[] {
  const onPath = new Set(path?.hops.flatMap((h) => [h.from, h.to]) ?? []);
  const lost = path?.tone === 'lost' ? { lostPath: true } : {};
  const tiers = cellLabelTiers(model.cells);
  const out: CanvasFlowNode[] = model.cells.map((cell) => ({
    id: `cell:${cell.id}`,
    type: 'cell',
    position: cell.centre,
    width: cell.radius * 2,
    height: cell.radius * 2,
    measured: { width: cell.radius * 2, height: cell.radius * 2 },
    zIndex: -1,
    draggable: false,
    selectable: false,
    focusable: false,
    ariaRole: 'group',
    ariaLabel: `Radio cell ${cell.id}: ${cell.label}`,
    data: { cell, labelTier: tiers.get(cell.id) ?? 0 },
  }));
  const pathEdges = pathEdgeIds(model, path);
  for (const wire of model.wires) {
    if (wire.hub === undefined) continue;
    const litHub = wire.members.some((m) => pathEdges.has(`wire:${wire.id}:${m}`));
    out.push({
      id: hubId(wire.id),
      type: 'hub',
      position: wire.hub,
      width: HUB_WIDTH,
      height: HUB_HEIGHT,
      measured: { width: HUB_WIDTH, height: HUB_HEIGHT },
      handles: centreHandles(HUB_WIDTH, HUB_HEIGHT),
      draggable: false,
      selectable: false,
      focusable: false,
      ariaRole: 'group',
      ariaLabel: `LAN ${wire.id}: ${wire.label}`,
      data: { wire, onPath: litHub, ...(litHub ? lost : {}) },
    });
  }
  for (const node of model.nodes) {
    const view = entryAt(views, node.id);
    out.push({
      id: node.id,
      type: 'network',
      position: positions.get(node.id) ?? node.position,
      width: NODE_SIZE,
      height: NODE_SIZE,
      // Fixed sizes, known before layout: xyflow places a node by its centre (nodeOrigin) from these.
      measured: { width: NODE_SIZE, height: NODE_SIZE },
      handles: centreHandles(NODE_SIZE, NODE_SIZE),
      draggable: node.mobile,
      selectable: false,
      focusable: false, // the button inside takes focus
      ariaRole: 'group',
      ariaLabel: `${node.id} ${roleName(node.role)}`,
      data: {
        node,
        selected: node.id === selected,
        description: describeNode(model, node, view),
        outOfRange: node.mobile && view !== undefined && attachedCells(node, view).length === 0,
        onPath: onPath.has(node.id),
        ...(onPath.has(node.id) ? lost : {}),
      },
    });
  }
  return out;
}

export function buildFlowEdges(model: CanvasModel, views: Readonly<Record<NodeId, NodeView>>, path: LitHops | null): LinkFlowEdge[] {
  const lit = pathEdgeIds(model, path);
  const lost = path?.tone === 'lost' ? { lostPath: true } : {};
  const edges: LinkFlowEdge[] = [];
  const edge = (id: string, source: string, target: string, ariaLabel: string, data: Omit<LinkEdgeData, 'onPath'>): void => {
    edges.push({ id, type: 'link', source, target, ariaLabel, focusable: false, selectable: false, data: { ...data, onPath: lit.has(id), ...(lit.has(id) ? lost : {}) } });
  };
  for (const wire of model.wires) {
    if (wire.kind === 'point-to-point') {
      const [a, b] = wire.members;
      if (a !== undefined && b !== undefined) edge(`wire:${wire.id}`, a, b, `Link ${wire.id} between ${a} and ${b}, ${ms(wire.delay)}`, { kind: 'wire', label: ms(wire.delay) });
      continue;
    }
    for (const m of wire.members) edge(`wire:${wire.id}:${m}`, m, hubId(wire.id), `${m} on LAN ${wire.id}, ${ms(wire.delay)}`, { kind: 'wire' });
  }
  for (const node of model.nodes) {
    if (!node.mobile) continue;
    for (const c of attachedCells(node, entryAt(views, node.id))) {
      const owner = model.cells.find((x) => x.id === c)?.owner;
      if (owner !== undefined) edge(`radio:${c}:${node.id}`, owner, node.id, `${node.id} attached by radio to ${owner} (cell ${c})`, { kind: 'radio' });
    }
  }
  return edges;
}
