// Everything the mouse does, the keyboard can (docs/architecture.md "UI"): arrow keys
// move a focused mobile node by 10 scenario units, Shift+arrow by 50, which is
// enough to cross a cell (radius 120–150 in the built-in scenarios) in a few
// presses. Screen and scenario y grow downwards alike.

import type { Position } from '../../../engine/network/topology';

export const KEY_STEP = 10;
export const KEY_STEP_LARGE = 50;

/** The displacement an arrow key asks for, or null for any other key. */
export function arrowDelta(key: string, shift: boolean): Position | null {
  const step = shift ? KEY_STEP_LARGE : KEY_STEP;
  switch (key) {
    case 'ArrowLeft': return { x: -step, y: 0 };
    case 'ArrowRight': return { x: step, y: 0 };
    case 'ArrowUp': return { x: 0, y: -step };
    case 'ArrowDown': return { x: 0, y: step };
    default: return null;
  }
}

/** Positions go to the runtime (and into shared run links) as whole units. */
export function roundPosition(p: Position): Position {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
