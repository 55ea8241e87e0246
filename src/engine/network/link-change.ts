// Changing a link while the network runs (docs/architecture.md "Runtime": the learner turns a
// link's delay or loss up and down). The topology stays plain data: a change
// yields a new Topology, and whoever holds derived lookups rebuilds them.
//
// The delay may never drop below 1 µs: the worker fabric's lookahead is the
// smallest link delay, and a zero lookahead would stop time advancing in
// parallel (docs/architecture.md "Runtime"; topology.ts).

import { isMicros, type Micros } from '../node/time';
import type { LinkId, LinkSpec, Topology } from './topology';

export const MIN_LINK_DELAY: Micros = 1;

export interface LinkChange {
  /** Propagation delay, whole µs ≥ 1. Omitted: unchanged. */
  readonly delay?: Micros;
  /** Loss probability in [0, 1]. Omitted: unchanged. */
  readonly loss?: number;
}

/** Throws a RangeError naming the problem when `change` cannot apply to `topology`. */
export function checkLinkChange(topology: Topology, link: LinkId, change: LinkChange): void {
  if (!topology.links.some((l) => l.id === link)) throw new RangeError(`no link "${link}" in the topology`);
  if (change.delay !== undefined && (!isMicros(change.delay) || change.delay < MIN_LINK_DELAY)) {
    throw new RangeError(`link "${link}": delay must be a whole number of µs ≥ ${MIN_LINK_DELAY} (got ${change.delay}); the parallel runtime's lookahead is the smallest link delay`);
  }
  if (change.loss !== undefined && !(Number.isFinite(change.loss) && change.loss >= 0 && change.loss <= 1)) {
    throw new RangeError(`link "${link}": loss must be a probability in [0, 1] (got ${change.loss})`);
  }
}

/** The topology with one link's delay and/or loss replaced (the input is left as it was). */
export function withLinkChange(topology: Topology, link: LinkId, change: LinkChange): Topology {
  const links = topology.links.map((l): LinkSpec => (l.id !== link ? l : {
    ...l,
    ...(change.delay === undefined ? {} : { delay: change.delay }),
    ...(change.loss === undefined ? {} : { loss: change.loss }),
  }));
  return { nodes: topology.nodes, links };
}

/** The smallest link delay: how far every node may run ahead without hearing from the others. */
export function lookahead(topology: Topology): Micros {
  return topology.links.reduce((min, l) => Math.min(min, l.delay), Infinity);
}
