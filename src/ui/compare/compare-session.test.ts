// Each side of the compare page is the run `mip-lab run` makes with that
// side's setting given at time 0 (docs/architecture.md "UI"): the figures each side's
// store computed, played to a time, equal the headless run's with the same
// command log — before and after a move made on one side, which both runs
// must receive at the same virtual time.

import { afterEach, describe, expect, it } from 'vitest';
import { runHeadless } from '../../cli/commands/run';
import { loadBuiltin } from '../../scenarios/builtin/index';
import { resolveComparison } from './compare-link';
import { CompareSession } from './compare-session';
import { sideCommandLog } from './compare-settings';

let session: CompareSession | null = null;
afterEach(() => {
  session?.destroy();
  session = null;
});

function headless(s: CompareSession, side: 'left' | 'right', until: number, extra: { at: number; command: never }[] = []) {
  const value = side === 'left' ? s.comparison.left : s.comparison.right;
  return runHeadless(s.loaded, { seed: s.comparison.seed, until, commandLog: [...sideCommandLog(s.loaded, s.comparison.choice, value), ...extra] }).metrics;
}

describe('compare mode: both sides agree with their headless runs', () => {
  it('route-optimization, Route Optimization off vs on at the home agent, to 12 s, then a move on one side and on to 20 s', async () => {
    const loaded = loadBuiltin('route-optimization');
    const { comparison, problems } = resolveComparison(loaded, { setting: 'ro-home-agent' });
    expect(problems).toEqual([]);
    session = new CompareSession(loaded, 'route-optimization', comparison!);
    await session.ready;
    await session.seek(12_000_000);
    const figures = (side: 'left' | 'right') => session![side].store.getState().stats!.result();
    expect(session.left.store.getState().now).toBe(12_000_000);
    expect(session.right.store.getState().now).toBe(12_000_000);
    expect(figures('left')).toEqual(headless(session, 'left', 12_000_000));
    expect(figures('right')).toEqual(headless(session, 'right', 12_000_000));
    // The setting makes a difference: the optimized side's datagrams take fewer hops.
    expect(figures('left').overall.delivered).toBeGreaterThan(0);
    expect(figures('right').overall.meanHops!).toBeLessThan(figures('left').overall.meanHops!);

    // A move sent by the right side's canvas goes to both runs at 12 s.
    const move = { type: 'move', node: 'MN', position: { x: 780, y: 470 } } as const;
    session.right.store.getState().runtime!.send(move);
    await session.seek(20_000_000);
    for (const side of ['left', 'right'] as const) {
      const log = session[side].store.getState().commands;
      expect(log.filter((e) => e.command.type === 'move')).toEqual([{ at: 12_000_000, command: move }]);
      expect(figures(side)).toEqual(headless(session, side, 20_000_000, [{ at: 12_000_000, command: move as never }]));
    }
    expect(figures('left').handoffs.length).toBeGreaterThan(0);
  }, 60_000);

  it('a step leaves both sides at the same time: the earlier of their next events', async () => {
    const loaded = loadBuiltin('route-optimization');
    session = new CompareSession(loaded, 'route-optimization', resolveComparison(loaded, { setting: 'ro-home-agent' }).comparison!);
    await session.ready;
    await session.seek(3_000_000);
    await session.step();
    const l = session.left.store.getState().now;
    expect(l).toBeGreaterThan(3_000_000);
    expect(session.right.store.getState().now).toBe(l);
  }, 60_000);
});
