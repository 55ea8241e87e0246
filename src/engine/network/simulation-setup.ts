// Pairing nodes with behaviours: what a scenario hands to createSimulation.

import { entryAt } from '../keyed';
import type { NodeBehaviour, NodeId } from '../node/contract';
import type { Topology } from './topology';

/** A node's behaviour and the state it starts from. */
export interface NodeSetup<S = unknown, C = unknown> {
  readonly behaviour: NodeBehaviour<S, C>;
  readonly state: S;
}

/** Pairs a behaviour with its initial state, type-checked together. */
export function nodeSetup<S, C>(behaviour: NodeBehaviour<S, C>, state: S): NodeSetup<S, C> {
  return { behaviour, state };
}

/**
 * The behaviours in topology node order; every node needs one and nothing else may be given.
 * Node ids are the scenario author's: looked up as own keys only, so "toString" is a node like any other.
 */
export function behavioursInOrder(topology: Topology, behaviours: Readonly<Record<NodeId, NodeBehaviour<unknown, unknown>>>): NodeBehaviour<unknown, unknown>[] {
  const missing = topology.nodes.filter((n) => entryAt(behaviours, n.id) === undefined).map((n) => `"${n.id}"`);
  const ids = new Set(topology.nodes.map((n) => n.id));
  const extra = Object.keys(behaviours).filter((id) => !ids.has(id)).map((id) => `"${id}"`);
  if (missing.length > 0 || extra.length > 0) {
    throw new Error([missing.length > 0 ? `no behaviour for node ${missing.join(', ')}` : '', extra.length > 0 ? `node ${extra.join(', ')} is not in the topology` : ''].filter(Boolean).join('; '));
  }
  return topology.nodes.map((n) => entryAt(behaviours, n.id)!);
}

