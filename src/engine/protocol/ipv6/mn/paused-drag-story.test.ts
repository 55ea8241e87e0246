// A learner drags the IPv6 mobile node from AR1's cell into AR2's while the
// run is paused: every intermediate position arrives at the same virtual
// instant, so the node's Router Solicitation from the overlap of the two cells
// is answered by AR1 too — and AR1's advertisement lands after the node has
// left AR1's cell. Taken as "AR1 still heard", it used to pin the node to AR1
// until AR1 fell silent for two intervals, losing the datagrams in between.
// The link layer said the node left the cell its router is in (RFC 4861
// §6.3.7; RFC 6275 §11.5.1; OC-58), so the stale advertisement must not count.

import { describe, expect, it } from 'vitest';
import { runHeadless } from '../../../../cli/commands/run';
import { loadBuiltin } from '../../../../scenarios/builtin/index';
import { S } from './test-support/reference-run';

/** 20 steps from AR1's cell centre (x 540) to AR2's (x 780) at 3 s, as the page sends a drag made while paused. */
const pausedDrag = Array.from({ length: 20 }, (_, i) => ({ at: 3 * S, command: { type: 'move' as const, node: 'MN', position: { x: 540 + ((i + 1) * 240) / 20, y: 450 } } }));

describe('a paused drag of the IPv6 mobile node across two cells (RFC 6275 §11.5.1)', () => {
  it('moves to AR2 at once: the advertisement AR1 sent before the node left does not hold it back', () => {
    const run = runHeadless(loadBuiltin('ipv6-route-optimization'), { until: 6 * S, commandLog: pausedDrag, retain: 'all' });
    const mn = run.trace.filter((e) => e.node === 'MN' && e.time >= 3 * S);
    const moved = mn.find((e) => e.kind === 'table-changed' && e.summary.startsWith('attachment:') && e.summary.includes('2001:db8:3::/64'));
    expect(moved, 'the mobile node takes AR2 as its router').toBeDefined();
    expect(moved!.time).toBeLessThan(3.1 * S);
    expect(mn.filter((e) => e.summary.includes(': no move')).map((e) => e.reason)).toEqual([]);
    // At most the datagram already on its way to AR1 at the jump is lost (smooth handoff is not set up yet); nothing after.
    const lost = run.trace.filter((e) => e.kind === 'lost' && e.time >= 3 * S);
    expect(lost.length).toBeLessThanOrEqual(1);
    expect(lost.filter((e) => e.time > 3.1 * S).map((e) => `${e.node}: ${e.reason ?? e.summary}`)).toEqual([]);
    const flow = run.metrics.flows.find((f) => f.flow === 'cn-to-mn')!;
    expect(flow.delivered).toBeGreaterThanOrEqual(flow.sent - 2);
  });
});
