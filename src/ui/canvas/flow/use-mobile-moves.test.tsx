// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LabRuntime } from '../../../runtime/types';
import { useLab } from '../../store/lab-store';
import { runFixture } from '../../test-support/lab-fixture';
import { buildCanvasModel } from '../model/canvas-model';
import { useMobileMoves } from './use-mobile-moves';

const fixture = runFixture('smooth-handoff', 1_000_000);
const model = buildCanvasModel(fixture.scenario);
const views = fixture.batch.nodes!;

afterEach(() => useLab.setState({ runtime: null }));

function setup() {
  const send = vi.fn();
  useLab.setState({ runtime: { send } as unknown as LabRuntime });
  const hook = renderHook(() => useMobileMoves(model, views));
  return { send, hook };
}

describe('useMobileMoves (dragging the mobile node)', () => {
  it('sends a move at once, then at most one per interval while dragging, and the last one on drop', () => {
    const { send, hook } = setup();
    const drag = (x: number, dragging = true) => act(() => hook.result.current.onNodesChange([{ type: 'position', id: 'MN', position: { x, y: 450.4 }, dragging }]));
    drag(600);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenLastCalledWith({ type: 'move', node: 'MN', position: { x: 600, y: 450 } });
    drag(610);
    drag(620);
    expect(send).toHaveBeenCalledTimes(1); // within the interval: held back
    expect(hook.result.current.overrides.MN).toEqual({ x: 620, y: 450.4 }); // but drawn where the pointer is
    drag(660.6, false); // drop
    expect(send).toHaveBeenCalledTimes(2);
    expect(send).toHaveBeenLastCalledWith({ type: 'move', node: 'MN', position: { x: 661, y: 450 } });
  });

  it('ignores position changes of nodes without a radio', () => {
    const { send, hook } = setup();
    act(() => hook.result.current.onNodesChange([{ type: 'position', id: 'FA1', position: { x: 1, y: 2 }, dragging: true }]));
    expect(send).not.toHaveBeenCalled();
    expect(hook.result.current.overrides).toEqual({});
  });

  it('lets the runtime’s position win again once it reports the node where it was dropped', () => {
    useLab.setState({ runtime: { send: vi.fn() } as unknown as LabRuntime });
    const hook = renderHook(({ v }) => useMobileMoves(model, v), { initialProps: { v: views } });
    act(() => hook.result.current.onNodesChange([{ type: 'position', id: 'MN', position: { x: 700, y: 450 }, dragging: false }]));
    expect(hook.result.current.overrides.MN).toEqual({ x: 700, y: 450 });
    // A batch about something else: the runtime has not applied the move yet, the drop position stays.
    hook.rerender({ v: { ...views } });
    expect(hook.result.current.overrides.MN).toEqual({ x: 700, y: 450 });
    hook.rerender({ v: { ...views, MN: { ...views.MN!, position: { x: 700, y: 450 } } } });
    expect(hook.result.current.overrides).toEqual({});
  });
});
