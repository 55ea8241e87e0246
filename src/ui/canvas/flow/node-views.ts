// The part of the runtime's node views the canvas draws — positions and radio
// attachments — reduced to a string, so the canvas re-renders when a node
// moves or re-attaches, not on every batch that changes some node's tables.

import { entryAt } from '../../../engine/keyed';
import type { Position } from '../../../engine/network/topology';
import type { NodeId } from '../../../engine/node/contract';
import type { NodeView } from '../../../runtime/types';
import { hubId, type CanvasModel } from '../model/canvas-model';

export function nodeViewKey(nodes: Readonly<Record<NodeId, NodeView>>): string {
  let key = '';
  for (const id in nodes) {
    const v = nodes[id]!;
    key += `${id}@${v.position === undefined ? '-' : `${v.position.x},${v.position.y}`}`;
    for (const iface in v.attachments) key += `|${iface}:${v.attachments[iface]!.join(',')}`;
    key += ';';
  }
  return key;
}

type NodeViews = Readonly<Record<NodeId, NodeView>>;

/**
 * A store selector of the node views that returns the same object while their
 * `nodeViewKey` stays the same: a batch that changes only some node's tables
 * redraws nothing. It remembers what it last returned, so make one per canvas.
 */
export function drawnNodeViews(): (s: { readonly nodes: NodeViews }) => NodeViews {
  let key: string | undefined;
  let kept: NodeViews = {};
  return (s) => {
    const k = nodeViewKey(s.nodes);
    if (k !== key) {
      key = k;
      kept = s.nodes;
    }
    return kept;
  };
}

/** Where each node is drawn: a local override (being dragged), else the runtime's view, else the scenario. */
export function livePositions(model: CanvasModel, views: Readonly<Record<NodeId, NodeView>>, overrides: Readonly<Record<NodeId, Position>>): Map<NodeId, Position> {
  const out = new Map<NodeId, Position>();
  // Own entries only: a node may be called "constructor" (src/engine/keyed.ts).
  for (const n of model.nodes) out.set(n.id, entryAt(overrides, n.id) ?? entryAt(views, n.id)?.position ?? n.position);
  for (const w of model.wires) if (w.hub !== undefined) out.set(hubId(w.id), w.hub);
  return out;
}
