// Story: several things happen at the same virtual instant. The scheduler's
// order is (time, source node index in the topology, that source's sequence
// number) — never the order of insertion or of object keys — so the outcome
// is the same here and, later, in one worker per node.

import { describe, expect, it } from 'vitest';
import type { NodeId } from '../../node/contract';
import { hostBehaviour, initialHostState } from '../behaviours/host';
import { initialRouterState, routerBehaviour } from '../behaviours/router';
import { createSimulation, nodeSetup, type NodeSetup } from '../simulation';
import type { Topology } from '../topology';
import { flow, traceJson } from '../test-support/scenarios';

// One segment, no bandwidth limit: every frame takes exactly 100 µs. Hosts are
// listed out of alphabetical order on purpose.
const topology: Topology = {
  links: [{ id: 'lan', kind: 'segment', delay: 100 }],
  nodes: [
    { id: 'Hc', interfaces: [{ name: 'eth0', address: '10.0.0.30', prefixLength: 24, link: 'lan' }] },
    { id: 'R', forwards: true, interfaces: [{ name: 'eth0', address: '10.0.0.1', prefixLength: 24, link: 'lan' }] },
    { id: 'Ha', interfaces: [{ name: 'eth0', address: '10.0.0.10', prefixLength: 24, link: 'lan' }] },
    { id: 'Hb', interfaces: [{ name: 'eth0', address: '10.0.0.20', prefixLength: 24, link: 'lan' }] },
  ],
};

function setups(): Record<NodeId, NodeSetup> {
  return {
    Ha: nodeSetup(hostBehaviour, initialHostState([flow('a', '10.0.0.1', 500, 1, 1)])),
    Hb: nodeSetup(hostBehaviour, initialHostState([flow('b1', '10.0.0.1', 500, 1, 1), flow('b2', '10.0.0.1', 500, 1, 1)])),
    Hc: nodeSetup(hostBehaviour, initialHostState([flow('c', '10.0.0.1', 500, 1, 1)])),
    R: nodeSetup(routerBehaviour, initialRouterState()),
  };
}

describe('simultaneous events', () => {
  it('are processed by source node index, then by the source’s own sequence', () => {
    const sim = createSimulation({ topology, seed: 3, nodes: setups() });
    sim.runUntilIdle();
    // Timers at 500: Hc (index 0), then Ha (2), then Hb (3), whose two flows fire in the order they were set.
    expect(sim.trace.filter((e) => e.kind === 'timer').map((e) => `${e.node} ${e.summary}`)).toEqual([
      'Hc timer "flow:c" fired',
      'Ha timer "flow:a" fired',
      'Hb timer "flow:b1" fired',
      'Hb timer "flow:b2" fired',
    ]);
    // All four frames reach R at 600; R takes them in the same order.
    const byId = new Map(sim.trace.map((e) => [e.id, e]));
    const atRouter = sim.trace.filter((e) => e.node === 'R' && e.kind === 'received');
    expect(atRouter.map((e) => e.time)).toEqual([600, 600, 600, 600]);
    expect(atRouter.map((e) => byId.get(e.causedBy!)!.summary)).toEqual([
      'UDP 10.0.0.30:5000 → 10.0.0.1:7, 72 octets (flow c #0)',
      'UDP 10.0.0.10:5000 → 10.0.0.1:7, 72 octets (flow a #0)',
      'UDP 10.0.0.20:5000 → 10.0.0.1:7, 72 octets (flow b1 #0)',
      'UDP 10.0.0.20:5000 → 10.0.0.1:7, 72 octets (flow b2 #0)',
    ]);
  });

  it('do not depend on the order in which the scenario lists its node setups', () => {
    const forward = createSimulation({ topology, seed: 3, nodes: setups() });
    const reversed = createSimulation({ topology, seed: 3, nodes: Object.fromEntries(Object.entries(setups()).reverse()) });
    forward.runUntilIdle();
    reversed.runUntilIdle();
    expect(traceJson(reversed.trace)).toBe(traceJson(forward.trace));
  });

  it('a frame and a timer due at the same instant on one node: the earlier-indexed source goes first', () => {
    // Hc's frame to Ha arrives at 600 (source Hc, index 0); Ha's own flow timer is also at 600 (source Ha, index 2).
    const sim = createSimulation({
      topology,
      seed: 3,
      nodes: {
        ...setups(),
        Ha: nodeSetup(hostBehaviour, initialHostState([flow('late', '10.0.0.1', 600, 1, 1)])),
        Hc: nodeSetup(hostBehaviour, initialHostState([flow('c', '10.0.0.10', 500, 1, 1)])),
      },
    });
    sim.runUntilIdle();
    const atHa600 = sim.trace.filter((e) => e.node === 'Ha' && e.time === 600).map((e) => e.kind);
    expect(atHa600).toEqual(['received', 'delivered', 'timer', 'sent']);
  });
});
