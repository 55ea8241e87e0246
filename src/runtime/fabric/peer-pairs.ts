// Which nodes need a MessagePort between them: those that may ever share a
// link. A wired interface sits on its one link; a radio interface may attach
// to any radio cell (radio.ts), so it may meet every access point and every
// other radio interface. Moves never need a new port, and a big scenario does
// not get n² channels.

import type { Topology } from '../../engine/network/topology';

/** Unordered pairs [a, b] with a < b, node indices in topology order. */
export function peerPairs(topology: Topology): [number, number][] {
  const radioLinks = new Set(topology.links.filter((l) => l.kind === 'radio').map((l) => l.id));
  const members = new Map<string, Set<number>>(topology.links.map((l) => [l.id, new Set<number>()]));
  const radioNodes = new Set<number>();
  topology.nodes.forEach((node, n) => {
    for (const i of node.interfaces) {
      if (i.radio === true) radioNodes.add(n);
      if (i.link !== undefined) members.get(i.link)?.add(n);
    }
  });
  const pairs = new Set<string>();
  for (const [link, nodes] of members) {
    const all = radioLinks.has(link) ? new Set([...nodes, ...radioNodes]) : nodes;
    const list = [...all].sort((a, b) => a - b);
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) pairs.add(`${list[i]} ${list[j]}`);
  }
  return [...pairs].map((p) => p.split(' ').map(Number) as [number, number]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}
