// What a node component may ask of the canvas, passed down by context so the
// node components stay memoised (xyflow re-renders a node when its data
// object changes; callbacks in data would change it every render).

import { createContext } from 'react';
import type { Position } from '../../../engine/network/topology';
import type { NodeId } from '../../../engine/node/contract';

export interface CanvasActions {
  /** Moves a mobile node by a displacement and sends the move to the runtime. */
  moveBy(node: NodeId, delta: Position): void;
  select(node: NodeId): void;
}

export const CanvasActionsContext = createContext<CanvasActions>({ moveBy: () => {}, select: () => {} });
