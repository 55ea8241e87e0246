import { describe, expect, it } from 'vitest';
import { TraceLog } from '../../store/trace-log';
import { fixtureSource, runFixture } from '../../test-support/lab-fixture';
import { buildCanvasModel } from './canvas-model';
import { PathWatcher, pathSignature } from './path-watcher';

// Link delays from smooth-handoff.json / route-optimization.json (by hand):
//   cn-lan 2 ms, ha-r 8 ms, fa1-r 3 ms, fa2-r 3 ms, cells 1 ms.
// Triangle: CN→R 2, R→HA 8, HA→R 8, R→FA1 3, FA1→MN 1 = 5 hops, 22 ms.
// Optimized: CN→R 2, R→FA1 3, FA1→MN 1 = 3 hops, 6 ms.
function pathAt(id: string, until: number) {
  const f = runFixture(id, until);
  return new PathWatcher(buildCanvasModel(f.scenario)).path(fixtureSource(f));
}

describe('the current CN → MN path', () => {
  it('is triangle routing through the home agent before the Binding Update', () => {
    const path = pathAt('route-optimization', 2_100_000)!;
    expect(path.kind).toBe('triangle');
    expect(path.homeAgent).toBe('HA');
    expect(path.hops.map((h) => `${h.from}>${h.to}`)).toEqual(['CN>R', 'R>HA', 'HA>R', 'R>FA1', 'FA1>MN']);
    expect(path.tunnels).toEqual([{ node: 'HA', source: '10.1.0.1', destination: '192.168.2.1' }]);
    expect(path.label).toBe('CN → MN: 5 hops, 22.0 ms via HA, tunnelled by HA to care-of address 192.168.2.1 (triangle routing, RFC 2002 §4.2.3)');
  });

  it('is the correspondent tunnelling directly to the care-of address after it', () => {
    const path = pathAt('route-optimization', 3_000_000)!;
    expect(path.kind).toBe('route-optimization');
    expect(path.homeAgent).toBeUndefined();
    expect(path.hops.map((h) => `${h.from}>${h.to}@${h.link}`)).toEqual(['CN>R@cn-lan', 'R>FA1@fa1-r', 'FA1>MN@cell1']);
    expect(path.label).toBe('CN → MN: 3 hops, 6.0 ms, tunnelled by CN directly to care-of address 192.168.2.1 (route optimization, Perkins & Johnson §3; optim-08 §3.1)');
  });

  it('shows the previous foreign agent re-tunnelling during a smooth handoff', () => {
    // 12 s: MN registers with FA2; the CN's stale binding still points at FA1 (192.168.2.1), which forwards
    // to FA2 (192.168.3.1): CN→R 2, R→FA1 3, FA1→R 3, R→FA2 3, FA2→MN 1 = 5 hops, 12 ms.
    const path = pathAt('smooth-handoff', 13_100_000)!;
    expect(path.hops.map((h) => `${h.from}>${h.to}`)).toEqual(['CN>R', 'R>FA1', 'FA1>R', 'R>FA2', 'FA2>MN']);
    expect(path.tunnels.map((t) => [t.node, t.destination])).toEqual([['CN', '192.168.2.1'], ['FA1', '192.168.3.1']]);
    expect(path.label).toBe('CN → MN: 5 hops, 12.0 ms, tunnelled by CN directly to care-of address 192.168.2.1 (route optimization, Perkins & Johnson §3; optim-08 §3.1), re-tunnelled by FA1 to 192.168.3.1 (smooth handoff: the previous foreign agent forwards, Perkins & Johnson §4.1; optim-08 §8.1)');
  });

  it('goes through the home agent without a tunnel once the mobile node is home', () => {
    // return-home: CN→R 2, R→HA 8, HA→MN 1 = 3 hops, 11 ms.
    const path = pathAt('return-home', 16_000_000)!;
    expect(path.kind).toBe('at-home');
    expect(path.label).toBe('CN → MN: 3 hops, 11.0 ms via HA, no tunnel: the mobile node is on its home network (RFC 2002 §4)');
  });

  it('is absent before any data reached a mobile node', () => {
    expect(pathAt('route-optimization', 1_500_000)).toBeNull();
  });

  it('keeps one object per delivery and one signature per route', () => {
    const f = runFixture('route-optimization', 3_100_000);
    const log = new TraceLog();
    const watcher = new PathWatcher(buildCanvasModel(f.scenario));
    const at = (now: number) => ({ ...fixtureSource(f), trace: log, now });
    // Datagrams leave CN every 500 ms and arrive 6 ms later: 2.506 s before the cut, 3.006 s after it.
    log.append(f.batch.trace.filter((e) => e.time <= 2_900_000));
    const a = watcher.path(at(2_900_000));
    expect(watcher.path(at(2_950_000))).toBe(a);
    log.append(f.batch.trace.filter((e) => e.time > 2_900_000));
    const b = watcher.path(at(3_100_000));
    expect(b).not.toBe(a);
    expect(pathSignature(b)).toBe(pathSignature(a));
    expect(pathSignature(a)).toBe('CN>R@cn-lan R>FA1@fa1-r FA1>MN@cell1');
  });
});
