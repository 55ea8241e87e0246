// The lookahead per pair of nodes (coordinator.ts): how soon something a node
// does can reach another. A frame sent at time s over a link of delay d
// arrives at ≥ s + d (transmission.ts: arrival = departure + delay, and
// departure ≥ s), and a node that receives it can pass its effect on at the
// earliest on arrival. So whatever node q does at time ≥ s reaches node h at
// ≥ s + chain(q, h), the smallest total delay of a chain of one or more links
// from q to h — for q = h, the shortest round trip back to h.

import type { Topology } from '../../engine/network/topology';
import { linkMembers } from './peer-pairs';

export interface ChainDelays {
  readonly nodes: number;
  /** direct[q * nodes + h]: the smallest delay of a link q and h may share (Infinity: none; q = h: Infinity). */
  readonly direct: Float64Array;
  /** chain[q * nodes + h]: the smallest total delay of a chain of ≥ 1 links from q to h (Infinity: unreachable). */
  readonly chain: Float64Array;
  /** nearest[h]: the nodes q with a finite chain(q, h), nearest first (the coordinator stops scanning once they are too far to matter). */
  readonly nearest: readonly Int32Array[];
}

export function chainDelays(topology: Topology): ChainDelays {
  const n = topology.nodes.length;
  const direct = new Float64Array(n * n).fill(Infinity);
  for (const { delay, nodes } of linkMembers(topology)) {
    for (const a of nodes) for (const b of nodes) if (a !== b && delay < direct[a * n + b]!) direct[a * n + b] = delay;
  }
  // Floyd–Warshall with an infinite diagonal: chain[h][h] comes out as the shortest cycle through h.
  const chain = direct.slice();
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const ik = chain[i * n + k]!;
      if (ik === Infinity) continue;
      for (let j = 0; j < n; j++) {
        const via = ik + chain[k * n + j]!;
        if (via < chain[i * n + j]!) chain[i * n + j] = via;
      }
    }
  }
  const nearest = Array.from({ length: n }, (_, h) => {
    const from: number[] = [];
    for (let q = 0; q < n; q++) if (chain[q * n + h]! < Infinity) from.push(q);
    return Int32Array.from(from.sort((a, b) => chain[a * n + h]! - chain[b * n + h]! || a - b));
  });
  return { nodes: n, direct, chain, nearest };
}
