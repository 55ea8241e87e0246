// The feed behind the Statistics tab on its own: checkpoints, a seek
// backwards whose window does not reach back to a checkpoint, and a first
// batch that starts late — each time the figures must end up those of the
// whole run to that point, and say they are incomplete until they are.

import { beforeAll, describe, expect, it } from 'vitest';
import { runHeadless } from '../../cli/commands/run';
import { computeRunMetrics } from '../../engine/metrics/run-metrics';
import type { TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { RuntimeBatch, TraceStretch } from '../../runtime/types';
import { loadBuiltin } from '../../scenarios/builtin/index';
import { metricsSubjects, type MetricsSubjects } from '../../scenarios/metrics-subjects';
import { CHECKPOINT_EVENTS, CHECKPOINT_SPAN, MAX_CHECKPOINTS, StatsFeed } from './stats-feed';

let trace: readonly TraceEvent[] = [];
let subjects: MetricsSubjects;
const batch = (events: readonly TraceEvent[], extra: Partial<RuntimeBatch> = {}): RuntimeBatch => ({ now: events[events.length - 1]?.time ?? 0, status: 'playing', speed: 1, trace: events, ...extra });
const upTo = (t: Micros) => trace.filter((e) => e.time <= t);
const reference = (t: Micros) => computeRunMetrics(upTo(t), subjects.homeAgents, subjects.mobiles);

/** What the runtime's recall gives: the `size` events before `t` (whole instants), numbered as in the whole run. */
function recallFrom(size: number): (t: Micros) => Promise<TraceStretch> {
  return (t) => {
    let end = trace.findIndex((e) => e.time >= t);
    if (end < 0) end = trace.length;
    let start = Math.max(0, end - size);
    while (start > 0 && trace[start - 1]!.time === trace[start]!.time) start++;
    return Promise.resolve({ events: trace.slice(start, end), to: t - 1, before: { events: start, packets: 0 } });
  };
}

beforeAll(() => {
  const loaded = loadBuiltin('handoff-without-smooth-handoff');
  subjects = metricsSubjects(loaded);
  trace = runHeadless(loaded, { retain: 'all' }).trace;
});

describe('the statistics feed', () => {
  it('keeps a checkpoint every few seconds or thousand events, not per batch', () => {
    const feed = new StatsFeed(subjects);
    for (const e of trace) feed.batch(batch([e]));
    const end = trace[trace.length - 1]!.time;
    expect(feed.result()).toEqual(reference(end));
    expect(feed.checkpointCount).toBeGreaterThan(1);
    expect(feed.checkpointCount).toBeLessThanOrEqual(2 + Math.ceil(end / CHECKPOINT_SPAN) + Math.ceil(trace.length / CHECKPOINT_EVENTS));
  });

  it('keeps at most MAX_CHECKPOINTS on a long run, thinning the older ones, and still rewinds exactly', async () => {
    const loaded = loadBuiltin('explore');
    const long = runHeadless(loaded, { retain: 'all', until: 1_200_000_000 }).trace; // 20 virtual minutes: 240 checkpoints' worth
    const explore = metricsSubjects(loaded);
    const feed = new StatsFeed(explore);
    feed.batch(batch(long.slice()));
    expect(feed.checkpointCount).toBeGreaterThan(MAX_CHECKPOINTS / 2);
    expect(feed.checkpointCount).toBeLessThanOrEqual(MAX_CHECKPOINTS);
    // Far back, where the checkpoints were thinned: the window there (a minute) may not reach; replay fills the gap.
    const t = 100_000_000;
    const held = long.filter((e) => e.time <= t);
    const recent = held.filter((e) => e.time > t - 60_000_000);
    feed.batch(batch([], { truncatedTo: t, window: { events: recent, to: t, before: { events: held.length - recent.length, packets: 0 } }, now: t }));
    const outcome = feed.gap === null ? 'complete' : await feed.repair((at) => {
      const end = long.findIndex((e) => e.time >= at);
      const start = Math.max(0, end - 5000);
      return Promise.resolve({ events: long.slice(start, end), to: at - 1, before: { events: start, packets: 0 } });
    });
    expect(outcome).toBe('complete');
    expect(feed.result()).toEqual(computeRunMetrics(held, explore.homeAgents, explore.mobiles));
  }, 60_000);

  it('a seek backwards whose window starts after the last checkpoint: incomplete, then repaired by recall', async () => {
    const feed = new StatsFeed(subjects);
    feed.batch(batch(trace.slice()));
    const t = 21_234_567;
    const held = upTo(t);
    // A window of the last event only: it does not reach back to the checkpoint before it.
    const window: TraceStretch = { events: held.slice(-1), to: t, before: { events: held.length - 1, packets: 0 } };
    expect(held[held.length - 2]!.time).toBeLessThan(held[held.length - 1]!.time); // a whole instant
    feed.batch(batch([], { truncatedTo: t, window, now: t }));
    expect(feed.gap).not.toBeNull();
    // Played on meanwhile: held until the gap is filled.
    feed.batch(batch(trace.filter((e) => e.time > t && e.time <= 25_000_000)));
    expect(await feed.repair(recallFrom(200))).toBe('complete');
    expect(feed.gap).toBeNull();
    expect(feed.result()).toEqual(reference(25_000_000));
    expect(feed.deliveries).toHaveLength(reference(25_000_000).overall.delivered);
  });

  it('a first batch that starts late (a window with events before it): the start is fetched again', async () => {
    const feed = new StatsFeed(subjects);
    const t = 16_000_000;
    const held = upTo(t);
    feed.batch(batch(held.slice(-300), { traceBefore: { events: held.length - 300, packets: 0 } }));
    expect(feed.gap).not.toBeNull();
    expect(feed.result().events).toBe(0); // nothing shown as if it were the run
    expect(await feed.repair(recallFrom(1000))).toBe('complete');
    expect(feed.result()).toEqual(reference(t));
  });

  it('a repair overtaken by a seek backwards gives way to it', async () => {
    const feed = new StatsFeed(subjects);
    feed.batch(batch(upTo(10_000_000).slice(-100), { traceBefore: { events: upTo(10_000_000).length - 100, packets: 0 } }));
    const slow = recallFrom(1000);
    const repairing = feed.repair(async (t) => {
      const s = await slow(t);
      feed.batch(batch([], { truncatedTo: 5_000_000, window: { events: upTo(5_000_000), to: 5_000_000, before: { events: 0, packets: 0 } }, now: 5_000_000 }));
      return s;
    });
    expect(await repairing).toBe('superseded');
    expect(feed.gap).toBeNull();
    expect(feed.result()).toEqual(reference(5_000_000));
  });
});
