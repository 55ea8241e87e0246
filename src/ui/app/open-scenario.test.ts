// @vitest-environment happy-dom
// Starting a run is a transaction (open-scenario.ts): a run that the runtime
// refuses, or that stops at its start, never replaces the open one — with the
// real runtime, in the page.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin';
import { useLab } from '../store/lab-store';
import { resetLabStore } from '../test-support/component-test';
import { openBuiltin, openBuiltinRun, openScenarioText, setNextStartOptions } from './open-scenario';

const triangle = JSON.stringify(BUILTIN_SCENARIOS.find((s) => s.id === 'triangle-routing')!.data);

afterEach(() => {
  useLab.getState().runtime?.destroy();
  resetLabStore();
});

describe('opening a scenario', () => {
  it('swaps the new run in once it has started', async () => {
    expect(await openBuiltinRun('explore', { mode: 'in-page' })).toBe(true);
    const first = useLab.getState().runtime;
    await openScenarioText(triangle, 'mine.json', { mode: 'in-page' });
    expect(useLab.getState().scenarioId).toBe('file:mine.json');
    expect(useLab.getState().runtime).not.toBe(first);
    expect(useLab.getState().loadError).toBeNull();
  });

  it('leaves the open run as it was when the new one stops at its start, and says why', async () => {
    await openBuiltin('explore', { mode: 'in-page' });
    const open = useLab.getState().runtime!;
    await open.seek(2_000_000);
    await vi.waitFor(() => expect(useLab.getState().now).toBe(2_000_000));
    setNextStartOptions({ workLimit: 3 }); // the file's first instant is more work than this run may take
    await openScenarioText(triangle, 'mine.json', { mode: 'in-page' });
    const s = useLab.getState();
    expect(s.runtime).toBe(open);
    expect(s.scenarioId).toBe('explore');
    expect(s.now).toBe(2_000_000);
    expect(s.status).toBe('paused');
    expect(s.loadError).toMatch(/^The lab could not start "Triangle routing[^"]*": it stopped at its start — at 0 s of virtual time the run had taken \d+ events of work, more than the 3 a run may take, so it was stopped; .*\. The run that was open is still there, as it was\.$/);
    // The limit was for that one start only.
    await openScenarioText(triangle, 'mine.json', { mode: 'in-page' });
    expect(useLab.getState().scenarioId).toBe('file:mine.json');
  });

  it('swaps the run in with its first results, each event once', async () => {
    expect(await openBuiltinRun('explore', { mode: 'in-page' })).toBe(true);
    // No frame later: the batches sent while the run started arrive with it.
    const s = useLab.getState();
    expect(s.status).toBe('paused');
    expect(Object.keys(s.nodes).sort()).toEqual(['CN', 'FA1', 'FA2', 'HA', 'MN', 'R']);
    const whole = await new Promise<readonly { id: unknown }[]>((resolve) => {
      const stop = s.runtime!.subscribe((b) => {
        stop();
        resolve(b.trace);
      });
    });
    expect(whole.length).toBeGreaterThan(0);
    expect(s.trace.events.map((e) => e.id)).toEqual(whole.map((e) => e.id));
  });

  it('leaves the open run as it was when the runtime refuses to start the new one', async () => {
    await openBuiltin('explore', { mode: 'in-page' });
    const open = useLab.getState().runtime!;
    expect(await openBuiltinRun('triangle-routing', { mode: 'in-page', commands: [{ at: 0, command: { type: 'move', node: 'Ghost', position: { x: 1, y: 1 } } }] })).toBe(false);
    expect(useLab.getState().runtime).toBe(open);
    expect(useLab.getState().loadError).toMatch(/^The lab could not start "Triangle routing[^"]*": cannot replay this run: command log entry 1 \(at 0 µs\): unknown node "Ghost"/);
  });
});
