// Routes computed from the topology (docs/architecture.md "Engine": network/ — "IPv4
// forwarding and routes"). The lab has no routing protocol: the network plays
// a perfect, instantaneous one, recomputed whenever radio attachment changes,
// and hands each node its table as an `install-routes` command. After a host's
// move only what the move can change is recomputed (routing-after-move.ts).
//
// Shortest paths by total link delay; ties go to fewer links crossed, then to
// the next hop listed first in the topology. Dijkstra runs on labels (delay,
// links, next-hop node index) compared lexicographically: extending a path adds
// to delay and links only, so the order of two paths never flips and the
// usual optimality argument holds; the result does not depend on the order in
// which edges happen to be explored.
//
// The graph has a vertex per node and per link: node → link costs the link's
// delay and one link crossed; link → node is free. A shared segment is then
// one vertex with n edges rather than n² node pairs. Only forwarding nodes
// (routers, agents) may be passed through; hosts only originate.
//
// Every link with a prefix yields a route to that prefix. Addresses are routed
// by prefix, never by host: a mobile node's home address stays routed to its
// home link wherever the node is attached — which is the problem Mobile IP
// solves, and the triangle the lab shows.

import type { Neighbour, RouteEntry, ForwardingTable } from '../node/route-table';
import { sortRoutes } from '../node/route-table';
import type { Micros } from '../node/time';
import { heapPop, heapPush } from './heap';
import type { Membership } from './radio';
import { neighbours6Of, routes6From } from './routing6';
import { interfaceOf, type InterfaceRef, type TopologyIndex } from './topology';

export interface Label {
  readonly delay: Micros;
  readonly links: number;
  /** Topology index of the first node after the source; -1 while the path is still on the source's own links. */
  readonly nextHopNode: number;
  readonly vertex: number;
}

/** How a path leaves the source: its interface, and the next node's interface on that first link (none if the destination link is the first). */
export interface FirstHop {
  readonly sourceInterface: number;
  readonly link: string;
  readonly nextHop: InterfaceRef | null;
}

/** The shortest paths from one node: per vertex (nodes, then links in topology order) the best label and how it leaves the source. */
export interface PathsFrom {
  readonly source: number;
  readonly linkVertex: ReadonlyMap<string, number>;
  readonly best: readonly (Label | undefined)[];
  readonly first: readonly (FirstHop | undefined)[];
}

/** Which of two paths to the same vertex is better. */
function comparePaths(a: Label, b: Label): number {
  return a.delay - b.delay || a.links - b.links || a.nextHopNode - b.nextHopNode;
}

/** The settling order: a total order, so the run is deterministic. */
function compareLabels(a: Label, b: Label): number {
  return comparePaths(a, b) || a.vertex - b.vertex;
}

/** The forwarding table of every node, in node order. */
export function computeForwardingTables(index: TopologyIndex, membership: Membership): ForwardingTable[] {
  const linkIds = index.topology.links.map((l) => l.id);
  return index.topology.nodes.map((_, source) => tableFrom(index, membership, linkIds, source));
}

/** One node's forwarding table (the same as computeForwardingTables(...)[source]): what a node's own worker computes. */
export function computeForwardingTable(index: TopologyIndex, membership: Membership, source: number): ForwardingTable {
  return tableFrom(index, membership, index.topology.links.map((l) => l.id), source);
}

function tableFrom(index: TopologyIndex, membership: Membership, linkIds: readonly string[], source: number): ForwardingTable {
  const paths = shortestPaths(index, membership, linkIds, source);
  const table = { routes: routesFrom(index, paths), neighbours: neighboursOf(index, membership, source) };
  // IPv6 routes only in a topology with IPv6 (OC-50): an IPv4-only table keeps exactly its old shape.
  if (!index.hasIpv6) return table;
  return { ...table, routes6: routes6From(index, paths), neighbours6: neighbours6Of(index, membership, source) };
}

function shortestPaths(index: TopologyIndex, membership: Membership, linkIds: readonly string[], source: number): PathsFrom {
  const nodeCount = index.topology.nodes.length;
  const linkVertex = new Map(linkIds.map((id, i) => [id, nodeCount + i] as const));
  const best: (Label | undefined)[] = [];
  const first: (FirstHop | undefined)[] = [];
  const settled: boolean[] = [];
  const queue: Label[] = [];
  const relax = (vertex: number, delay: Micros, links: number, nextHopNode: number, hop: FirstHop): void => {
    const label = { delay, links, nextHopNode, vertex };
    const old = best[vertex];
    if (old !== undefined && comparePaths(label, old) >= 0) return;
    best[vertex] = label;
    first[vertex] = hop;
    heapPush(queue, label, compareLabels);
  };
  best[source] = { delay: 0, links: 0, nextHopNode: -1, vertex: source };
  heapPush(queue, best[source]!, compareLabels);
  for (let label = heapPop(queue, compareLabels); label !== undefined; label = heapPop(queue, compareLabels)) {
    const v = label.vertex;
    if (settled[v] || best[v] !== label) continue;
    settled[v] = true;
    if (v < nodeCount) {
      if (v !== source && index.topology.nodes[v]!.forwards !== true) continue; // hosts do not forward
      membership.attachments[v]!.forEach((linksOfInterface, i) => {
        for (const linkId of linksOfInterface) {
          const link = index.links.get(linkId)!;
          const hop = v === source ? { sourceInterface: i, link: linkId, nextHop: null } : first[v]!;
          relax(linkVertex.get(linkId)!, label.delay + link.delay, label.links + 1, label.nextHopNode, hop);
        }
      });
    } else {
      const linkId = linkIds[v - nodeCount]!;
      for (const member of membership.members.get(linkId) ?? []) {
        const hop = first[v]!;
        // Leaving the source's own link: this member is the next hop, at its address on this link.
        if (hop.nextHop === null && hop.link === linkId) relax(member.node, label.delay, label.links, member.node, { ...hop, nextHop: member });
        else relax(member.node, label.delay, label.links, label.nextHopNode, hop);
      }
    }
  }
  return { source, linkVertex, best, first };
}

function routesFrom(index: TopologyIndex, paths: PathsFrom): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const [linkId, prefix] of index.prefixes) {
    const v = paths.linkVertex.get(linkId)!;
    const label = paths.best[v];
    const hop = paths.first[v];
    if (label === undefined || hop === undefined) continue; // unreachable from here
    routes.push({
      destination: prefix.network,
      prefixLength: prefix.prefixLength,
      interface: index.configs[paths.source]!.interfaces[hop.sourceInterface]!.name,
      // on-link when the prefix's own link is the first one; otherwise the next node's address on the first link
      nextHop: hop.link === linkId || hop.nextHop === null ? null : interfaceOf(index, hop.nextHop).address,
      metric: label.delay,
      hops: label.links,
    });
  }
  return sortRoutes(routes);
}

/**
 * `table` with its routes kept and its neighbours taken afresh from `membership`,
 * in tableFrom's shape: what a node's table becomes when only who shares its links changed.
 */
export function withNeighboursFrom(index: TopologyIndex, membership: Membership, node: number, table: ForwardingTable): ForwardingTable {
  const fresh = { routes: table.routes, neighbours: neighboursOf(index, membership, node) };
  if (!index.hasIpv6) return fresh;
  return { ...fresh, routes6: table.routes6, neighbours6: neighbours6Of(index, membership, node) };
}

/** Every other interface on each link the node is attached to (the stand-in for its ARP cache). */
function neighboursOf(index: TopologyIndex, membership: Membership, node: number): Neighbour[] {
  const out: Neighbour[] = [];
  const seen = new Set<string>();
  membership.attachments[node]!.forEach((linksOfInterface, i) => {
    const own = index.configs[node]!.interfaces[i]!;
    for (const linkId of linksOfInterface) {
      for (const member of membership.members.get(linkId) ?? []) {
        if (member.node === node && member.interface === i) continue;
        const other = interfaceOf(index, member);
        const key = `${own.name} ${other.address}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ interface: own.name, address: other.address, linkAddress: other.linkAddress });
      }
    }
  });
  return out;
}
