import { describe, expect, it } from 'vitest';
import { TraceLog } from '../../store/trace-log';
import { runFixture } from '../../test-support/lab-fixture';
import { buildCanvasModel } from './canvas-model';
import { FlightIndex, lowerBound } from './flight-index';
import { arrivalDeadline, estimateHops, exactHops, linkDelayAt } from './hops';

function logOf(trace: Parameters<TraceLog['append']>[0]): TraceLog {
  const log = new TraceLog();
  log.append(trace);
  return log;
}

describe('lowerBound', () => {
  it('finds the first item at or after t', () => {
    const times = [1, 3, 3, 7];
    expect(lowerBound(times, 3, (x) => x)).toBe(1);
    expect(lowerBound(times, 4, (x) => x)).toBe(3);
    expect(lowerBound(times, 0, (x) => x)).toBe(0);
    expect(lowerBound(times, 9, (x) => x)).toBe(4);
  });
});

describe('FlightIndex', () => {
  const full = runFixture('route-optimization', 6_000_000);
  const model = buildCanvasModel(full.scenario);
  const delayOf = linkDelayAt(model, []);
  const planFrom = (nodes: typeof full.batch.nodes) => (tx: Parameters<typeof estimateHops>[1]) => estimateHops(model, tx, (id) => nodes![id]?.attachments, delayOf);

  it('places a packet whose reception is not reported yet by the planned arrival', () => {
    // At 2.001 s: the first CN datagram left at 2.000 s on cn-lan (2 ms) → half-way to R.
    const early = runFixture('route-optimization', 2_001_000);
    const index = new FlightIndex(model);
    index.sync(logOf(early.batch.trace), planFrom(early.batch.nodes));
    const cn = index.inFlight(2_001_000).filter((f) => f.hop.from === 'CN');
    expect(cn.map((f) => [f.hop.to, f.progress, f.hop.exact, f.packet.kind])).toEqual([['R', 0.5, false, 'data']]);
  });

  it('uses the reported reception when there is one: HA → R, 5 ms into the 8 ms link', () => {
    const index = new FlightIndex(model);
    index.sync(logOf(full.batch.trace), planFrom(full.batch.nodes));
    // At 2.010 s HA tunnels the first datagram and sends the correspondent a Binding Update, both onto
    // ha-r (8 ms): at 2.015 s both are 5/8 of the way to R.
    const ha = index.inFlight(2_015_000).filter((f) => f.hop.from === 'HA');
    expect(ha.map((f) => [f.hop.to, f.progress, f.hop.exact, f.packet.kind])).toEqual([
      ['R', 0.625, true, 'tunnelled-data'],
      ['R', 0.625, true, 'control'],
    ]);
  });

  it('finds exactly the packets a scan of the whole trace finds, at any time', () => {
    const log = logOf(full.batch.trace);
    const index = new FlightIndex(model);
    index.sync(log, planFrom(full.batch.nodes));
    const brute = (now: number) => {
      const keys: string[] = [];
      for (const row of log.packets) {
        const outcomes = log.outcomes.get(row.id) ?? [];
        for (const hop of exactHops(model, row.event, outcomes)) if (hop.depart <= now && now < hop.arrive) keys.push(`${row.id}>${hop.to}`);
      }
      return keys.sort();
    };
    let checked = 0;
    for (let now = 0; now <= 6_000_000; now += 7_777) {
      // Packets without any reception (adverts into empty cells) are planned to nobody, as the brute force has them.
      expect(index.inFlight(now).map((f) => f.key).sort()).toEqual(brute(now));
      checked++;
    }
    expect(checked).toBeGreaterThan(700);
  });

  it('follows the log as it grows and rebuilds after a seek backwards cuts it', () => {
    const log = new TraceLog();
    const index = new FlightIndex(model);
    const half = full.batch.trace.filter((e) => e.time <= 3_000_000);
    log.append(half);
    index.sync(log, planFrom(full.batch.nodes));
    log.append(full.batch.trace.slice(half.length));
    index.sync(log, planFrom(full.batch.nodes));
    const fresh = new FlightIndex(model);
    fresh.sync(logOf(full.batch.trace), planFrom(full.batch.nodes));
    for (const now of [2_001_000, 2_015_000, 2_021_500, 3_500_000]) {
      expect(index.inFlight(now).map((f) => f.key)).toEqual(fresh.inFlight(now).map((f) => f.key));
    }
    log.truncateAfter(2_012_000);
    index.sync(log, planFrom(full.batch.nodes));
    // Truncated: the HA → R receptions at 2.018 s are gone, so both hops are planned again (8 ms, same answer).
    const ha = index.inFlight(2_015_000).filter((f) => f.hop.from === 'HA');
    expect(ha.map((f) => [f.hop.to, f.progress, f.hop.exact])).toEqual([['R', 0.625, false], ['R', 0.625, false]]);
    expect(index.inFlight(2_500_000)).toEqual([]);
  });
});

describe('FlightIndex drops', () => {
  it('lists the drops within a time window (a refused Binding Update at CN)', () => {
    const f = runFixture('forged-binding-update', 11_000_000);
    const model = buildCanvasModel(f.scenario);
    const index = new FlightIndex(model);
    index.sync(logOf(f.batch.trace), () => []);
    expect(index.dropsWithin(10_000_000, 10_500_000).map((e) => [e.node, e.time])).toEqual([['CN', 10_002_000]]);
    expect(index.dropsWithin(0, 9_000_000)).toEqual([]);
  });

  it('lists the loss a sender records for a frame that reached no one, when it would have arrived', () => {
    // The mobile node leaves every cell at 5.2 s; the datagram sent at 5.5 s is put into FA1's cell at 5.505 s,
    // reaches no one, and FA1 records it lost at 5.506 s (1 ms cell delay). Advertisements into the empty cell are
    // group-addressed: nobody hearing them is no loss.
    const away = runFixture('route-optimization', 6_100_000, [{ at: 5_200_000, node: 'MN', position: { x: 540, y: 800 } }]);
    const model = buildCanvasModel(away.scenario);
    const deadline = arrivalDeadline(model, linkDelayAt(model, away.batch.commands!));
    const index = new FlightIndex(model);
    index.sync(logOf(away.batch.trace), () => [], deadline);
    expect(index.dropsWithin(5_000_000, 6_100_000).map((e) => [e.node, e.kind, e.time])).toEqual([['FA1', 'lost', 5_506_000], ['FA1', 'lost', 6_006_000]]);
    expect(index.vanishedWithin(5_000_000, 6_100_000)).toEqual([]); // each has its event: nothing left to infer
  });

  it('in a trace without loss events, finds a frame nobody received once it can no longer arrive, and marks it at that time', () => {
    // As above, read by deadline: the frame put into FA1's cell at 5.505 s could arrive no later than 5.507 s (1 ms cell delay + 1 ms grace).
    const away = runFixture('route-optimization', 6_100_000, [{ at: 5_200_000, node: 'MN', position: { x: 540, y: 800 } }]);
    const trace = away.batch.trace.filter((e) => e.kind !== 'lost');
    expect(trace.length).toBeLessThan(away.batch.trace.length);
    const model = buildCanvasModel(away.scenario);
    const deadline = arrivalDeadline(model, linkDelayAt(model, away.batch.commands!));
    const log = logOf(trace.filter((e) => e.time <= 5_506_000));
    const index = new FlightIndex(model);
    index.sync(log, () => [], deadline);
    expect(index.vanishedWithin(4_000_000, 5_506_000)).toEqual([]);
    log.append(trace.filter((e) => e.time > 5_506_000));
    index.sync(log, () => [], deadline);
    const lost = index.vanishedWithin(5_000_000, 5_600_000);
    expect(lost.map((v) => [v.row.node, v.row.kind, v.at])).toEqual([['FA1', 'data', 5_507_000]]);
    // Judged once, found again in a later window; gone from a window that ends before it.
    expect(index.vanishedWithin(5_500_000, 6_100_000).map((v) => v.at)).toEqual([5_507_000, 6_007_000]);
    expect(index.vanishedWithin(5_508_000, 6_100_000).map((v) => v.at)).toEqual([6_007_000]);
  });
});
