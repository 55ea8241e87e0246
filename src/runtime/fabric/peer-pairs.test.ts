// Which nodes get a MessagePort between them, and how traces from several
// hosts are merged back into the in-process order.

import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/node/contract';
import { loadBuiltin } from '../../scenarios/builtin';
import { peerPairs } from './peer-pairs';
import { mergeTraces } from './trace-merge';

describe('peerPairs', () => {
  it('joins nodes on a shared wired link, and a radio node with every access point and radio node', () => {
    const { topology } = loadBuiltin('triangle-routing');
    const ids = topology.nodes.map((n) => n.id);
    const named = peerPairs(topology).map(([a, b]) => [ids[a], ids[b]].sort().join('-')).sort();
    // HA, FA1, FA2 serve the cells home, cell1, cell2; MN's radio may reach any of them. R is wired to HA, FA1, FA2 and CN.
    expect(named).toEqual(['CN-R', 'FA1-MN', 'FA1-R', 'FA2-MN', 'FA2-R', 'HA-MN', 'HA-R'].sort());
  });
});

describe('mergeTraces', () => {
  const event = (id: string): TraceEvent => ({ id, time: 0, node: id.split(':')[0]!, kind: 'decision', summary: id, ref: 'test' });

  it('orders by (time, source, seq, phase, node) and keeps a host’s own order among equal keys', () => {
    const out: TraceEvent[] = [];
    mergeTraces([
      { trace: [event('A:0'), event('A:1'), event('A:2')], keys: [5, 0, 1, 0, 0, 5, 0, 1, 0, 0, 9, -1, 3, 1, 0] },
      { trace: [event('B:0'), event('B:1'), event('B:2')], keys: [5, -1, 0, 0, 1, 7, 2, 0, 0, 1, 9, -1, 3, 0, 1] },
      { trace: [event('C:0')], keys: [9, -1, 3, 1, 2] },
    ], out);
    expect(out.map((e) => e.id)).toEqual(['B:0', 'A:0', 'A:1', 'B:1', 'B:2', 'A:2', 'C:0']);
  });
});
