// Which nodes may exchange frames directly: those that may ever share a link.
// A wired interface sits on its one link; a radio interface may attach to any
// radio cell (radio.ts), so it may meet every access point and every other
// radio interface. Moves never add a pair. The coordinator bounds when a
// frame can reach a node from these pairs and their delays (chain-delays.ts).

import type { Topology } from '../../engine/network/topology';

/** Per link, the nodes (topology order) that may be on it at some time, with the link's delay. */
export function linkMembers(topology: Topology): { readonly delay: number; readonly nodes: readonly number[] }[] {
  const radioLinks = new Set(topology.links.filter((l) => l.kind === 'radio').map((l) => l.id));
  const members = new Map<string, Set<number>>(topology.links.map((l) => [l.id, new Set<number>()]));
  const radioNodes = new Set<number>();
  topology.nodes.forEach((node, n) => {
    for (const i of node.interfaces) {
      if (i.radio === true) radioNodes.add(n);
      if (i.link !== undefined) members.get(i.link)?.add(n);
    }
  });
  return topology.links.map((link) => {
    const nodes = members.get(link.id)!;
    const all = radioLinks.has(link.id) ? new Set([...nodes, ...radioNodes]) : nodes;
    return { delay: link.delay, nodes: [...all].sort((a, b) => a - b) };
  });
}

/** Unordered pairs [a, b] with a < b, node indices in topology order. */
export function peerPairs(topology: Topology): [number, number][] {
  const pairs = new Set<string>();
  for (const { nodes: list } of linkMembers(topology)) {
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) pairs.add(`${list[i]} ${list[j]}`);
  }
  return [...pairs].map((p) => p.split(' ').map(Number) as [number, number]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}
