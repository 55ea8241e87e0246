// The forwarding tables after one node's radio attachment changed, without
// redoing every node's shortest paths (routing.ts). The result is exactly
// computeForwardingTables on the new membership; routing-after-move.test.ts
// checks that over random topologies and moves.
//
// Why a host's move leaves the other nodes' routes alone: hosts only
// originate (routing.ts), so on every other node's shortest-path search a
// host's vertex is a dead end. It is reached and settled, but it relaxes
// nothing, so it neither changes another vertex's label or first hop nor the
// order in which the other vertices settle. Routes are read from link
// vertices only; a host's attachment therefore changes no route of any other
// node. What it does change is who shares a link: the neighbours of the nodes
// on the links the host left or joined. A mobile node's move to another cell
// thus costs one search (its own) instead of one per node.
//
// A forwarding node that moves (a router with a radio interface) carries
// other nodes' paths: then every table is computed afresh.

import type { ForwardingTable } from '../node/route-table';
import type { Membership } from './radio';
import { computeForwardingTable, computeForwardingTables, withNeighboursFrom } from './routing';
import type { TopologyIndex } from './topology';

/**
 * The tables after node `moved` went from `before` to `after` attachment, given
 * `previous`: the tables computed for `before` (in node order). Nodes whose table
 * cannot have changed get their previous table object back.
 */
export function forwardingTablesAfterMove(index: TopologyIndex, before: Membership, after: Membership, moved: number, previous: readonly (ForwardingTable | undefined)[]): ForwardingTable[] {
  if (index.topology.nodes[moved]!.forwards === true || previous.some((t) => t === undefined)) return computeForwardingTables(index, after);
  const touched = touchedByMove(before, after, moved);
  return previous.map((table, n) => {
    if (n === moved) return computeForwardingTable(index, after, n);
    return touched.has(n) ? withNeighboursFrom(index, after, n, table!) : table!;
  });
}

/**
 * One node's table by the same rule, for a host that keeps only its own
 * (the worker fabric's hosted-node.ts): `previous` is its table for `before`.
 */
export function forwardingTableAfterMove(index: TopologyIndex, before: Membership, after: Membership, moved: number, node: number, previous: ForwardingTable | undefined): ForwardingTable {
  if (node === moved || previous === undefined || index.topology.nodes[moved]!.forwards === true) return computeForwardingTable(index, after, node);
  return touchedByMove(before, after, moved).has(node) ? withNeighboursFrom(index, after, node, previous) : previous;
}

/** The nodes now on a link the moved node left or joined: their neighbour lists may have changed. */
function touchedByMove(before: Membership, after: Membership, moved: number): Set<number> {
  const touched = new Set<number>();
  for (const membership of [before, after]) {
    for (const links of membership.attachments[moved]!) {
      for (const link of links) for (const member of after.members.get(link) ?? []) touched.add(member.node);
    }
  }
  return touched;
}
