// @vitest-environment happy-dom
// Two canvases on one page, each drawn from its own store (store/lab-store-context.ts):
// each banner tells its own run's route, and a key press on one side's
// mobile node goes to that side's runtime only — the compare session
// (compare-session.ts) is what then hands it to both.

import { cleanup, fireEvent, render, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LabRuntime } from '../../runtime/types';
import { NetworkCanvas } from '../canvas/NetworkCanvas';
import { createLabStore, useLab, type LabStore } from '../store/lab-store';
import { LabStoreContext } from '../store/lab-store-context';
import { runFixture, type LabFixture } from '../test-support/lab-fixture';

// happy-dom has no layout: xyflow needs a ResizeObserver and DOMMatrixReadOnly to mount.
beforeAll(() => {
  class NoopResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  class Matrix {
    m22 = 1;
  }
  vi.stubGlobal('ResizeObserver', NoopResizeObserver);
  vi.stubGlobal('DOMMatrixReadOnly', Matrix);
});

afterEach(() => cleanup());

function storeWith(fixture: LabFixture): { store: LabStore; send: ReturnType<typeof vi.fn> } {
  const store = createLabStore();
  const send = vi.fn();
  store.setState({ scenario: fixture.scenario, scenarioId: 'fixture', runtime: { send } as unknown as LabRuntime });
  store.getState().applyBatch(fixture.batch);
  return { store, send };
}

describe('two canvases, two stores', () => {
  it('each banner is its own run\'s, a key press moves only its own side, and the lab\'s store is untouched', () => {
    const triangle = storeWith(runFixture('route-optimization', 2_100_000));
    const optimized = storeWith(runFixture('route-optimization', 3_100_000));
    const { container } = render(
      <>
        {[triangle, optimized].map((side, i) => (
          <section key={i} data-side={i === 0 ? 'left' : 'right'}>
            <LabStoreContext.Provider value={side.store}>
              <NetworkCanvas flowId={`side-${i}`} />
            </LabStoreContext.Provider>
          </section>
        ))}
      </>,
    );
    const left = within(container.querySelector<HTMLElement>('[data-side="left"]')!);
    const right = within(container.querySelector<HTMLElement>('[data-side="right"]')!);
    expect(left.getByRole('status').textContent).toContain('via HA');
    expect(right.getByRole('status').textContent).toContain('tunnelled by CN directly');

    const mn = right.getByRole('button', { name: 'MN' });
    mn.focus();
    fireEvent.keyDown(mn, { key: 'ArrowRight' });
    expect(optimized.send).toHaveBeenCalledWith({ type: 'move', node: 'MN', position: { x: 550, y: 470 } });
    expect(triangle.send).not.toHaveBeenCalled();
    expect(useLab.getState().scenario).toBeNull();
  });
});
