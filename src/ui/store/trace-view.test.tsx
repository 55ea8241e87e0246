// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { createElement, useMemo, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { runFixture } from '../test-support/lab-fixture';
import { createLabStore, useLab } from './lab-store';
import { LabStoreContext } from './lab-store-context';
import { useTraceView, useTraceViewHere } from './trace-view';

const fixture = runFixture('route-optimization', 3_000_000);
const early = fixture.batch.trace.filter((e) => e.time <= 1_000_000);
const late = fixture.batch.trace.filter((e) => e.time > 1_000_000);

afterEach(() => {
  useLab.getState().trace.clear();
  useLab.setState({ traceVersion: 0, now: 0 });
});

describe('a view of the mutable trace log', () => {
  it('is a new object when the log grows, and the same one when something else changes', () => {
    const hook = renderHook(() => useTraceView());
    const first = hook.result.current;
    expect(first.log).toBe(useLab.getState().trace);
    act(() => useLab.setState({ now: 500_000 })); // a batch with no new events
    expect(hook.result.current).toBe(first);
    act(() => useLab.getState().applyBatch({ now: 1_000_000, status: 'paused', speed: 1, trace: early }));
    expect(hook.result.current).not.toBe(first);
    expect(hook.result.current.log).toBe(first.log); // the same log, grown in place
    expect(hook.result.current.version).toBe(useLab.getState().traceVersion);
  });

  it('makes a memo over it recompute as the log grows in place', () => {
    expect(early.length).toBeGreaterThan(0);
    expect(late.length).toBeGreaterThan(0);
    const hook = renderHook(() => {
      const view = useTraceView();
      return useMemo(() => view.log.events.length, [view]);
    });
    expect(hook.result.current).toBe(0);
    act(() => useLab.getState().applyBatch({ now: 1_000_000, status: 'paused', speed: 1, trace: early }));
    expect(hook.result.current).toBe(early.length);
    act(() => useLab.getState().applyBatch({ now: 3_000_000, status: 'paused', speed: 1, trace: late }));
    expect(hook.result.current).toBe(early.length + late.length);
  });

  it('reads the surrounding store where one is provided (a compare side)', () => {
    const side = createLabStore();
    const wrapper = ({ children }: { children: ReactNode }) => createElement(LabStoreContext.Provider, { value: side }, children);
    const hook = renderHook(() => useTraceViewHere(), { wrapper });
    expect(hook.result.current.log).toBe(side.getState().trace);
    expect(hook.result.current.log).not.toBe(useLab.getState().trace);
    const before = hook.result.current;
    act(() => side.getState().applyBatch({ now: 1_000_000, status: 'paused', speed: 1, trace: early }));
    expect(hook.result.current).not.toBe(before);
    expect(hook.result.current.log.events.length).toBe(early.length);
  });
});
