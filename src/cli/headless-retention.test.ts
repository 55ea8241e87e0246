// Headless runs keep a bounded trace (engine/network/trace-window.ts): on a
// long run of a built-in scenario the retained trace stops growing with
// virtual time once its window is full, while every event is still seen by
// the streaming consumers.

import { describe, expect, it } from 'vitest';
import { HEADLESS_TRACE_RETENTION } from '../engine/network/trace-window';
import { loadBuiltin } from '../scenarios/builtin/index';
import { buildSimulation } from '../scenarios/load';
import { PROTOCOL_REGISTRY } from '../scenarios/registry';
import { runHeadless } from './commands/run';

describe('a long run keeps a bounded trace', () => {
  it('explore for two virtual hours: the retained trace stops growing once the window is full; every event is still seen', () => {
    const loaded = loadBuiltin('explore');
    const sim = buildSimulation(loaded, PROTOCOL_REGISTRY, loaded.seed);
    const span = 60_000_000;
    sim.retainTrace({ span, maxEvents: 20_000 });
    let seen = 0;
    sim.onTrace(() => seen++);
    const sizes: number[] = [];
    for (let minutes = 10; minutes <= 120; minutes += 10) {
      sim.runUntil(minutes * 60_000_000);
      const kept = sim.trace;
      sizes.push(kept.length);
      expect(kept[0]!.time).toBeGreaterThanOrEqual(kept[kept.length - 1]!.time - span);
      expect(sim.traceDropped + kept.length).toBe(seen);
    }
    // The flow ends at 298 s; from 10 min on the network's own rhythm fills a minute with the same few hundred events.
    expect(seen).toBeGreaterThan(60_000);
    expect(Math.max(...sizes)).toBeLessThan(2000);
    expect(sizes[sizes.length - 1]!).toBeLessThanOrEqual(Math.ceil(sizes[0]! * 1.1));
  }, 60_000);

  it('runHeadless keeps the default window: as many events after 40 virtual minutes as after 20', () => {
    const loaded = loadBuiltin('explore');
    const a = runHeadless(loaded, { until: 20 * 60_000_000 });
    const b = runHeadless(loaded, { until: 40 * 60_000_000 });
    expect(b.metrics.events).toBeGreaterThan(a.metrics.events + 5000);
    expect(b.trace[0]!.time).toBeGreaterThanOrEqual(40 * 60_000_000 - HEADLESS_TRACE_RETENTION.span);
    expect(Math.abs(b.trace.length - a.trace.length)).toBeLessThan(a.trace.length * 0.1);
  }, 60_000);
});
