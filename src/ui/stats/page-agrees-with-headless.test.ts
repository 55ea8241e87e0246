// The page's statistics are `mip-lab run`'s (docs/architecture.md "UI"): for
// every built-in scenario, the run is delivered to the page's store as the
// runtime publishes it — by the runtime's Timeline, in batches of several
// sizes — and the Statistics tab's figures must equal the headless run's,
// figure for figure. Then a seek backwards (the window re-derived by replay,
// as the runtime sends it) must give the headless figures to that time, and
// playing on to the end the whole run's again. Both sides are checked against
// the whole-trace reference as well.

import { beforeEach, describe, expect, it } from 'vitest';
import { runHeadless } from '../../cli/commands/run';
import { wholeTraceRunMetrics } from '../../engine/metrics/test-support/whole-trace-metrics';
import type { Micros } from '../../engine/node/time';
import { Timeline } from '../../runtime/control/timeline';
import { createInPageBackend } from '../../runtime/in-page/in-page-backend';
import { PAGE_TRACE_RETENTION } from '../../runtime/types';
import { BUILTIN_SCENARIOS, loadBuiltin } from '../../scenarios/builtin/index';
import { metricsSubjects } from '../../scenarios/metrics-subjects';
import type { LoadedScenario } from '../../scenarios/to-topology';
import { fakeRuntime } from '../controls/test-support/fake-runtime';
import { useLab } from '../store/lab-store';
import { resetLabStore } from '../test-support/component-test';

/** µs per batch: a frame at real time, a busy frame at 16×, a seek of 5 s. */
const BATCH_SIZES: readonly Micros[] = [16_667, 266_667, 5_000_000];

/** Plays `timeline` from its now to `until`, delivering a batch every `size` µs to the store. */
async function playTo(timeline: Timeline, until: Micros, size: Micros): Promise<void> {
  while (timeline.now < until) {
    const trace = await timeline.advance(Math.min(until, timeline.now + size));
    useLab.getState().applyBatch({ now: timeline.now, status: 'playing', speed: 1, trace });
  }
}

async function openInPage(loaded: LoadedScenario): Promise<Timeline> {
  resetLabStore();
  useLab.getState().attachRuntime(fakeRuntime(loaded), 'test');
  const timeline = new Timeline(createInPageBackend(loaded, loaded.seed));
  useLab.getState().applyBatch({ now: 0, status: 'paused', speed: 1, trace: await timeline.begin(), commands: [] });
  return timeline;
}

const pageFigures = () => useLab.getState().stats!.result();

describe('the Statistics tab shows the figures `mip-lab run` prints', () => {
  beforeEach(() => resetLabStore());

  for (const { id } of BUILTIN_SCENARIOS) {
    it(`${id}: at the end, in batches of ${BATCH_SIZES.map((s) => `${s / 1000} ms`).join(', ')}; after a seek backwards; played on to the end`, async () => {
      const loaded = loadBuiltin(id);
      const { homeAgents, mobiles } = metricsSubjects(loaded);
      const whole = runHeadless(loaded, { retain: 'all' });
      expect(whole.metrics).toEqual(wholeTraceRunMetrics(whole.trace, homeAgents, mobiles));
      expect(whole.metrics.events).toBeGreaterThan(100);

      for (const size of BATCH_SIZES) {
        const timeline = await openInPage(loaded);
        await playTo(timeline, loaded.duration, size);
        expect(pageFigures(), `batches of ${size / 1000} ms`).toEqual(whole.metrics);
        expect(useLab.getState().stats!.deliveries).toHaveLength(whole.metrics.overall.delivered);
        expect(useLab.getState().stats!.gap).toBeNull();
        if (size !== BATCH_SIZES[0]) continue;

        // A seek backwards to 40 % of the run, as the runtime delivers it: the window there, re-derived by replay.
        const t = Math.round(loaded.duration * 0.4);
        const window = await timeline.rewindTo(t, PAGE_TRACE_RETENTION);
        useLab.getState().applyBatch({ now: t, status: 'paused', speed: 1, trace: [], truncatedTo: t, window });
        const partial = wholeTraceRunMetrics(whole.trace.filter((e) => e.time <= t), homeAgents, mobiles);
        expect(pageFigures(), `after the seek to ${t} µs`).toEqual(runHeadless(loaded, { until: t }).metrics);
        expect(pageFigures()).toEqual(partial);
        expect(useLab.getState().stats!.gap).toBeNull();

        await playTo(timeline, loaded.duration, 266_667);
        expect(pageFigures(), 'played on to the end').toEqual(whole.metrics);
      }
    }, 120_000);
  }
});
