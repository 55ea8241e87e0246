// Which nodes may exchange frames, how soon one node can reach another (the
// coordinator's lookahead per pair), and how traces from several hosts are
// merged back into the in-process order.

import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/node/contract';
import { loadBuiltin } from '../../scenarios/builtin';
import { chainDelays } from './chain-delays';
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

describe('chainDelays', () => {
  it('gives the smallest total delay of a chain of links between two nodes, and a node its shortest round trip', () => {
    const { topology } = loadBuiltin('triangle-routing');
    const ids = topology.nodes.map((n) => n.id);
    const { chain, direct, nodes } = chainDelays(topology);
    const at = (table: Float64Array, q: string, h: string): number => table[ids.indexOf(q) * nodes + ids.indexOf(h)]!;
    expect(at(direct, 'CN', 'R')).toBe(2_000); // the CN LAN
    expect(at(direct, 'CN', 'MN')).toBe(Infinity); // no shared link
    expect(at(chain, 'CN', 'MN')).toBe(6_000); // LAN 2 ms + R–FA 3 ms + cell 1 ms
    // The mobile node's radio may reach every cell, so HA reaches R sooner through it (1 + 1 + 3 ms) than over its own 8 ms link.
    expect(at(direct, 'HA', 'R')).toBe(8_000);
    expect(at(chain, 'HA', 'R')).toBe(5_000);
    expect(at(chain, 'HA', 'FA1')).toBe(2_000);
    expect(at(chain, 'R', 'R')).toBe(4_000); // to CN and back
    expect(at(chain, 'MN', 'MN')).toBe(2_000); // to an agent and back
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

  it('merges many hosts at once (one list per node of a large network)', () => {
    const hosts = 40;
    const parts = Array.from({ length: hosts }, (_, h) => ({
      trace: [0, 1, 2].map((i) => event(`N${h}:${i}`)),
      keys: [0, 1, 2].flatMap((i) => [i * 100 + ((h * 7) % 13) * (i + 1), h % 3, i, 0, h]), // each host's list in key order
    }));
    const out: TraceEvent[] = [];
    mergeTraces(parts, out);
    const keyOf = (id: string): number[] => {
      const [h, i] = id.slice(1).split(':').map(Number) as [number, number];
      return parts[h]!.keys.slice(i * 5, i * 5 + 5);
    };
    const byKey = (a: TraceEvent, b: TraceEvent): number => {
      const [x, y] = [keyOf(a.id), keyOf(b.id)];
      const k = x.findIndex((v, j) => v !== y[j]);
      return k < 0 ? 0 : x[k]! - y[k]!;
    };
    const sorted = [...out].sort(byKey);
    expect(out).toHaveLength(hosts * 3);
    expect(out.map((e) => e.id)).toEqual(sorted.map((e) => e.id));
  });
});
