// Moving a mobile node from the canvas: while the learner drags it, the node is
// drawn where the pointer puts it (a local override) and `move` commands go to
// the runtime at most every MOVE_INTERVAL_MS, plus one on drop (an arrow key
// press sends its move at once) — so the radio re-attaches and the handoff happens during the
// drag (docs/architecture.md "UI": that movement is what drives link-layer attachment).
// An override is dropped once the runtime reports the node there, or shortly
// after release whatever it reports (e.g. a seek moved the node back).

import type { NodeChange } from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { entryAt } from '../../../engine/keyed';
import type { Position } from '../../../engine/network/topology';
import type { NodeId } from '../../../engine/node/contract';
import type { NodeView } from '../../../runtime/types';
import type { LabStore } from '../../store/lab-store';
import { useLabStore } from '../../store/lab-store-context';
import type { CanvasModel } from '../model/canvas-model';
import { samePosition } from '../model/geometry';
import { roundPosition } from '../model/keyboard-move';
import { createThrottle, type Throttle } from '../model/throttle';
import type { CanvasFlowNode } from './build-flow';

/**
 * At most one move per this much wall time while dragging (and always one on
 * drop): the command log the run keeps — and the page address carries — is
 * then a few points a second, not one per pointer event, and replaying that
 * same log is exact (docs/architecture.md "Runtime"). A handoff still shows
 * during the drag.
 */
export const MOVE_INTERVAL_MS = 220;
/** After release, how long a local position may disagree with the runtime's before the runtime wins. */
const SETTLE_MS = 600;

/** Where each node was last sent (rounded to whole units), per store: the same place again adds nothing to the log. */
const lastSentByStore = new WeakMap<LabStore, Map<NodeId, Position>>();

function sendMove(store: LabStore, node: NodeId, position: Position): void {
  const runtime = store.getState().runtime;
  if (runtime === null) return;
  let lastSent = lastSentByStore.get(store);
  if (lastSent === undefined) lastSentByStore.set(store, (lastSent = new Map()));
  const to = roundPosition(position);
  const before = lastSent.get(node);
  const current = entryAt(store.getState().nodes, node)?.position;
  // The run may have moved the node since (a seek): skip only when it is already there.
  if (before !== undefined && samePosition(before, to) && samePosition(to, current)) return;
  lastSent.set(node, to);
  runtime.send({ type: 'move', node, position: to });
}

export interface MobileMoves {
  readonly overrides: Readonly<Record<NodeId, Position>>;
  onNodesChange(changes: NodeChange<CanvasFlowNode>[]): void;
  /** Returns where the node now is (null when it cannot move). */
  moveBy(node: NodeId, delta: Position): Position | null;
}

export function useMobileMoves(model: CanvasModel, views: Readonly<Record<NodeId, NodeView>>): MobileMoves {
  const store = useLabStore();
  const [overrides, setOverrides] = useState<Readonly<Record<NodeId, Position>>>({});
  const released = useRef(new Map<NodeId, number>());
  const throttles = useRef(new Map<NodeId, Throttle<Position>>());
  // What moveBy starts from: the last render's overrides and views, or a move it made since
  // (two key presses before the next render must not both start from the same place).
  // Updated after each commit, before the browser can deliver the next key press.
  const current = useRef({ overrides, views });
  useLayoutEffect(() => {
    current.current = { overrides, views };
  }, [overrides, views]);

  const throttleFor = useCallback((node: NodeId): Throttle<Position> => {
    let t = throttles.current.get(node);
    if (t === undefined) {
      t = createThrottle<Position>(MOVE_INTERVAL_MS, (p) => sendMove(store, node, p));
      throttles.current.set(node, t);
    }
    return t;
  }, [store]);

  useEffect(() => {
    const all = throttles.current;
    return () => {
      for (const t of all.values()) t.cancel();
      all.clear();
    };
  }, []);

  // The runtime caught up (or moved the node elsewhere after release): its view wins again.
  useEffect(() => {
    setOverrides((prev) => {
      let next: Record<NodeId, Position> | null = null;
      for (const id in prev) {
        const at = released.current.get(id);
        if (at === undefined) continue; // still being dragged
        if (samePosition(roundPosition(prev[id]!), entryAt(views, id)?.position) || performance.now() - at > SETTLE_MS) {
          next ??= { ...prev };
          delete next[id];
          released.current.delete(id);
        }
      }
      return next ?? prev;
    });
  }, [views]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasFlowNode>[]) => {
    for (const c of changes) {
      if (c.type !== 'position' || model.nodeById.get(c.id)?.mobile !== true) continue;
      const t = throttleFor(c.id);
      if (c.position !== undefined) {
        const p = c.position;
        setOverrides((prev) => ({ ...prev, [c.id]: p }));
        t.push(p);
      }
      if (c.dragging === false) {
        released.current.set(c.id, performance.now());
        t.flush();
      } else {
        released.current.delete(c.id);
      }
    }
  }, [model, throttleFor]);

  const moveBy = useCallback((node: NodeId, delta: Position): Position | null => {
    const spec = model.nodeById.get(node);
    if (spec?.mobile !== true) return null;
    const { overrides: o, views: v } = current.current;
    const from = entryAt(o, node) ?? entryAt(v, node)?.position ?? spec.position; // node ids are data: "toString" too
    const to = roundPosition({ x: from.x + delta.x, y: from.y + delta.y });
    current.current = { overrides: { ...o, [node]: to }, views: v };
    setOverrides((prev) => ({ ...prev, [node]: to }));
    released.current.set(node, performance.now());
    // A key press is one deliberate step, not a pointer stream: it goes out at
    // once, so a seek or Play pressed right after it finds the node already moved.
    const t = throttleFor(node);
    t.push(to);
    t.flush();
    return to;
  }, [model, throttleFor]);

  return useMemo(() => ({ overrides, onNodesChange, moveBy }), [overrides, onNodesChange, moveBy]);
}
