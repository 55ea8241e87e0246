import { describe, expect, it } from 'vitest';
import { fixtureSource, runFixture, type FixtureAction } from '../../test-support/lab-fixture';
import { buildCanvasModel } from './canvas-model';
import { PathWatcher } from './path-watcher';
import type { RouteNow } from './route-now';

// Real runs of the built-in scenarios, headless on virtual time, read at a
// chosen playhead. route-optimization: the correspondent sends every 500 ms
// from 2 s; after its Binding Update (~2.5 s) CN → R (2 ms) → FA1 (3 ms) →
// MN (1 ms): a datagram sent at t is forwarded by FA1 at t + 5 ms and
// delivered at t + 6 ms; sent into a cell the mobile node has left, it reaches
// no one, and FA1 records it lost at t + 6 ms, when it would have arrived.
function routeAt(id: string, now: number, actions: readonly FixtureAction[] = []): RouteNow {
  const f = runFixture(id, now, actions);
  return new PathWatcher(buildCanvasModel(f.scenario)).routeNow(fixtureSource(f));
}

/** The mobile node dragged out of every cell (FA1's cell is centred at (540, 450), radius 150). */
const OUT_OF_RANGE = { x: 540, y: 800 };
const BACK_IN_CELL1 = { x: 540, y: 450 };

describe('what the correspondent’s traffic is doing now', () => {
  it('is a healthy triangle route before the Binding Update', () => {
    const r = routeAt('triangle-routing', 4_100_000);
    expect(r.kind).toBe('route');
    if (r.kind !== 'route') return;
    expect(r.path.kind).toBe('triangle');
    expect(r.path.hops.map((h) => h.from)).toContain('HA');
  });

  it('is the healthy optimized route once the correspondent tunnels directly', () => {
    const r = routeAt('route-optimization', 3_100_000);
    expect(r.kind).toBe('route');
    if (r.kind !== 'route') return;
    expect(r.path.kind).toBe('route-optimization');
    expect(r.path.hops.map((h) => `${h.from}>${h.to}`)).toEqual(['CN>R', 'R>FA1', 'FA1>MN']);
  });

  it('is nothing yet before a datagram’s fate is known', () => {
    expect(routeAt('route-optimization', 1_500_000)).toEqual({ kind: 'none' });
    // The first datagram (sent at 2 s, triangle route, 22 ms) is still on its way at 2.010 s.
    expect(routeAt('route-optimization', 2_010_000)).toEqual({ kind: 'none' });
  });

  describe('after the mobile node leaves every cell at 5.2 s', () => {
    const moves = [{ at: 5_200_000, node: 'MN', position: OUT_OF_RANGE }];

    it('no longer shows a healthy route to FA1, even before the next datagram is sent', () => {
      const r = routeAt('route-optimization', 5_300_000, moves);
      expect(r.kind).toBe('left');
      if (r.kind !== 'left') return;
      expect(r.agent).toBe('FA1');
      expect(r.path.deliveredAt).toBe(5_006_000);
    });

    it('turns to "lost" within one datagram: the one sent at 5.5 s dies in FA1’s cell, as FA1\'s loss event says', () => {
      // FA1 sends it into its cell at 5.505 s; at 5.506 s, when it would have arrived, FA1 records it lost.
      expect(routeAt('route-optimization', 5_505_500, moves).kind).toBe('left');
      const f = runFixture('route-optimization', 5_506_000, moves);
      const r = new PathWatcher(buildCanvasModel(f.scenario)).routeNow(fixtureSource(f));
      const event = f.batch.trace.find((e) => e.kind === 'lost' && e.node === 'FA1' && e.time === 5_506_000);
      expect(event?.reason).toBe('no station on cell1 has that address: MN, whose address it is, has left the cell (it is now out of range of every cell)');
      expect(r).toMatchObject({ kind: 'lost', event: event!.id });
      expect(r).toMatchObject({
        kind: 'lost',
        where: 'FA1',
        why: 'the mobile node left FA1\'s cell, and FA1 has no forwarding pointer to send them on',
        notes: ['The mobile node is out of range of every cell.', 'CN\'s binding cache still sends them to FA1.'],
        cite: 'Perkins & Johnson §4',
        count: 1,
        since: 5_500_000,
        lastDelivered: 5_006_000,
      });
      if (r.kind !== 'lost') return;
      // The way it went before it died: drawn red on the canvas.
      expect(r.trail.map((h) => `${h.from}>${h.to}`)).toEqual(['CN>R', 'R>FA1']);
    });

    it('reads a trace without loss events (saved before the link model recorded them) by deadline: lost once the frame must have arrived', () => {
      const f = runFixture('route-optimization', 5_507_000, moves);
      const old = { ...f, batch: { ...f.batch, trace: f.batch.trace.filter((e) => e.kind !== 'lost') } };
      expect(old.batch.trace.length).toBeLessThan(f.batch.trace.length);
      const watcher = new PathWatcher(buildCanvasModel(f.scenario));
      // FA1's frame into the cell could arrive no later than 5.505 s + 1 ms (cell delay) + 1 ms (grace).
      expect(watcher.routeNow(fixtureSource(old, 5_506_000)).kind).toBe('left');
      const r = watcher.routeNow(fixtureSource(old, 5_507_000));
      expect(r).toMatchObject({ kind: 'lost', where: 'FA1', why: 'the mobile node left FA1\'s cell, and FA1 has no forwarding pointer to send them on', count: 1 });
      if (r.kind !== 'lost') return;
      expect(old.batch.trace.find((e) => e.id === r.event)?.kind).toBe('forwarded'); // the transmission nobody received
    });

    it('counts every datagram lost in a row', () => {
      // 5.5, 6.0, 6.5 and 7.0 s.
      expect(routeAt('route-optimization', 7_010_000, moves)).toMatchObject({ kind: 'lost', count: 4, since: 5_500_000 });
    });
  });

  it('recovers as soon as a datagram is delivered again after the mobile node returns to the cell', () => {
    const moves = [{ at: 5_200_000, node: 'MN', position: OUT_OF_RANGE }, { at: 8_000_000, node: 'MN', position: BACK_IN_CELL1 }];
    // 8.003 s: back in the cell, but the datagram sent at 8 s has not arrived yet: the last known fate is a loss,
    // explained as it was when it happened (out of range), not as the mobile node is now.
    expect(routeAt('route-optimization', 8_003_000, moves)).toMatchObject({ kind: 'lost', count: 5, notes: expect.arrayContaining(['The mobile node is out of range of every cell.']) });
    const r = routeAt('route-optimization', 8_007_000, moves);
    expect(r.kind).toBe('route');
    if (r.kind === 'route') expect(r.path.deliveredAt).toBe(8_006_000);
  });

  it('shows the losses of a handoff without a forwarding pointer, and the recovery after re-registration', () => {
    // key-diffie-hellman: at 15 s the mobile node jumps from FA1's cell to FA2's; the correspondent (every 250 ms)
    // keeps tunnelling to FA1 until the mobile node has registered with FA2 and FA1 forwards (~18 s).
    expect(routeAt('key-diffie-hellman', 14_900_000).kind).toBe('route');
    expect(routeAt('key-diffie-hellman', 15_010_000)).toMatchObject({
      kind: 'lost',
      where: 'FA1',
      why: 'the mobile node left FA1\'s cell, and FA1 has no forwarding pointer to send them on',
      notes: ['CN\'s binding cache still sends them to FA1.'],
      count: 1,
    });
    expect(routeAt('key-diffie-hellman', 18_000_000)).toMatchObject({ kind: 'lost', count: 12, since: 15_000_000 });
    const after = routeAt('key-diffie-hellman', 18_020_000);
    expect(after.kind).toBe('route');
    if (after.kind !== 'route') return;
    // Through the previous foreign agent, which now has a forwarding pointer to FA2.
    expect(after.path.tunnels.map((t) => t.node)).toEqual(['CN', 'FA1']);
    expect(after.path.hops.at(-1)).toMatchObject({ from: 'FA2', to: 'MN' });
  });

  it('takes where and why from the trace event when a node or link drops the datagram', () => {
    // Every frame on FA1's cell lost from 3.8 s: the link model records each loss with its reason.
    const r = routeAt('route-optimization', 4_010_000, [{ at: 3_800_000, link: 'cell1', loss: 1 }]);
    expect(r).toMatchObject({ kind: 'lost', where: 'FA1', count: 1, since: 4_000_000 });
    if (r.kind !== 'lost') return;
    expect(r.why).toMatch(/^link cell1 loses each frame/);
  });

  it('keeps one object while the answer stays the same', () => {
    const f = runFixture('route-optimization', 3_600_000);
    const watcher = new PathWatcher(buildCanvasModel(f.scenario));
    // The datagram sent at 3 s is the newest delivered (3.006 s) until the next one arrives at 3.506 s.
    const a = watcher.routeNow(fixtureSource(f, 3_010_000));
    expect(watcher.routeNow(fixtureSource(f, 3_400_000))).toBe(a);
    expect(watcher.routeNow(fixtureSource(f, 3_510_000))).not.toBe(a);
  });
});
