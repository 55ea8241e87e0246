import { describe, expect, it } from 'vitest';
import type { NodeView } from '../../../runtime/types';
import { drawnNodeViews } from './node-views';

const mn = (x: number, cells: readonly string[], state: unknown): NodeView => ({ id: 'MN', position: { x, y: 100 }, attachments: { radio: cells }, state });
const fa: NodeView = { id: 'FA1', position: { x: 0, y: 0 }, attachments: {}, state: { visitors: [] } };

describe('the node views a canvas draws', () => {
  it('stay the same object while only tables change, so the graph is not redrawn', () => {
    const select = drawnNodeViews();
    const first = { nodes: { MN: mn(10, ['cell1'], { bindings: [] }), FA1: fa } };
    expect(select(first)).toBe(first.nodes);
    const tablesOnly = { nodes: { MN: mn(10, ['cell1'], { bindings: ['CN'] }), FA1: { ...fa, state: { visitors: ['MN'] } } } };
    expect(select(tablesOnly)).toBe(first.nodes);
  });

  it('are the new ones once a node moves or re-attaches', () => {
    const select = drawnNodeViews();
    const first = { nodes: { MN: mn(10, ['cell1'], null) } };
    select(first);
    const moved = { nodes: { MN: mn(20, ['cell1'], null) } };
    expect(select(moved)).toBe(moved.nodes);
    const attached = { nodes: { MN: mn(20, ['cell1', 'cell2'], null) } };
    expect(select(attached)).toBe(attached.nodes);
    expect(select({ nodes: { ...attached.nodes } })).toBe(attached.nodes);
  });

  it('are remembered per selector: two canvases do not share them', () => {
    const a = drawnNodeViews();
    const b = drawnNodeViews();
    const one = { nodes: { MN: mn(10, [], null) } };
    const two = { nodes: { MN: mn(10, [], null) } };
    expect(a(one)).toBe(one.nodes);
    expect(b(two)).toBe(two.nodes);
  });
});
