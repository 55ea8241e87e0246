import { beforeAll, describe, expect, it } from 'vitest';
import { runHeadless } from '../../cli/commands/run';
import { loadBuiltin } from '../../scenarios/builtin';
import { TraceLog } from '../store/trace-log';
import { runFixture } from '../test-support/lab-fixture';
import { DEFAULT_GROUPS, kindsOf } from './ladder-kinds';
import { arrowName, buildArrows, laneOrder } from './ladder-model';

describe('ladder model (smooth handoff, real run to 14 s)', () => {
  let trace: TraceLog;
  let fixture: ReturnType<typeof runFixture>;
  beforeAll(() => {
    fixture = runFixture('smooth-handoff', 14_000_000);
    trace = new TraceLog();
    trace.append(fixture.batch.trace);
  });

  it('draws every hop of the route-optimization messages, data left out by default', () => {
    const names = buildArrows(trace, kindsOf(DEFAULT_GROUPS)).map(arrowName);
    // The home agent's BU to the correspondent, via the router (optim-08 §3.1 trigger a; Perkins & Johnson §3.3; optim-08 §4.3).
    expect(names).toContain('Binding Update, HA to R, 2.010 s');
    expect(names).toContain('Binding Update, R to CN, 2.018 s');
    // After the move to FA2: the Previous FA Notification makes FA2 send a BU to FA1 (optim-08 §8.1), acknowledged.
    expect(names).toContain('Binding Update, FA2 to R, 12.835 s');
    expect(names).toContain('Binding Update, R to FA1, 12.838 s');
    expect(names).toContain('Binding Acknowledge, FA1 to R, 12.841 s');
    expect(names).toContain('Registration Request, MN to FA1, 0.001 s');
    expect(names.some((n) => n.startsWith('UDP'))).toBe(false);
  });

  it('gives a multicast advertisement one arrow per receiver', () => {
    const arrows = buildArrows(trace, new Set(['discovery'])).filter((a) => a.packet === 'FA1:2');
    expect(arrows.map((a) => [a.to, a.arrived])).toEqual([['MN', 1_000]]);
  });

  it('forgets hops a seek backwards removed, and redraws them when the run replays', () => {
    const log = new TraceLog();
    log.append(fixture.batch.trace);
    const kinds = kindsOf(DEFAULT_GROUPS);
    const buToCn = (names: readonly string[]) => names.filter((n) => n.startsWith('Binding Update, R to CN'));
    expect(buToCn(buildArrows(log, kinds).map(arrowName))).toEqual(['Binding Update, R to CN, 2.018 s', 'Binding Update, R to CN, 13.024 s']);
    log.truncateAfter(2_019_000); // R sent it at 2.018 s; CN receives it at 2.020 s
    expect(buToCn(buildArrows(log, kinds).map(arrowName))).toEqual([]);
    log.append(fixture.batch.trace.filter((e) => e.time > 2_019_000));
    expect(buToCn(buildArrows(log, kinds).map(arrowName))).toEqual(['Binding Update, R to CN, 2.018 s', 'Binding Update, R to CN, 13.024 s']);
  });

  it('orders lifelines by the scenario’s x positions', () => {
    expect(laneOrder(fixture.scenario, [])).toEqual(['HA', 'R', 'FA1', 'MN', 'FA2', 'CN']);
  });
});

describe('ladder model: frames lost on a link', () => {
  it('ends a lost hop in a loss, towards the node it was meant for', () => {
    const s = loadBuiltin('smooth-handoff');
    // Every frame between FA1 and the router is lost: the relayed Registration Request never reaches R.
    const lossy = { ...s, topology: { ...s.topology, links: s.topology.links.map((l) => (l.id === 'fa1-r' ? { ...l, loss: 1 } : l)) } };
    const trace = new TraceLog();
    trace.append(runHeadless(lossy, { until: 500_000 }).trace);
    const requests = buildArrows(trace, new Set(['key-exchange'])).filter((a) => a.name === 'Registration Request');
    expect(requests.map(arrowName).slice(0, 2)).toEqual(['Registration Request, MN to FA1, 0.001 s', 'Registration Request, FA1 to R, 0.002 s, lost on the link']);
    expect(requests[1]!.fate).toBe('lost');
    expect(requests[1]!.to).toBe('R');
    expect(requests[1]!.arrived).toBeUndefined();
  });
});
