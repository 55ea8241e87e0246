// Whom the run metrics (engine/metrics/run-metrics.ts) follow in a scenario:
// its home agents (their tunnelling load) and its mobile nodes (their
// handoffs, and the addresses datagrams for them carry: the home address
// first, then the node's own interfaces). One place, so `mip-lab run` and the
// page's Statistics tab count the same things.

import type { MobileSubject } from '../engine/metrics/run-metrics';
import type { NodeId } from '../engine/node/contract';
import type { LoadedScenario } from './to-topology';

export interface MetricsSubjects {
  readonly homeAgents: readonly NodeId[];
  readonly mobiles: readonly MobileSubject[];
}

export function metricsSubjects(loaded: Pick<LoadedScenario, 'nodes'>): MetricsSubjects {
  return {
    homeAgents: loaded.nodes.filter((n) => n.role === 'home-agent' || n.role === 'home-agent-v6').map((n) => n.id),
    mobiles: loaded.nodes.flatMap((n) => {
      if (n.role === 'mobile-node') return [{ id: n.id, addresses: [...new Set([n.settings.homeAddress, ...n.interfaces.map((i) => i.address)])] }];
      // An IPv6 mobile node (docs/ipv6.md §2): its home address, then its interfaces' IPv6 addresses.
      if (n.role === 'mobile-node-v6') return [{ id: n.id, addresses: [...new Set([n.settings.homeAddress, ...n.interfaces.flatMap((i) => (i.ipv6 === undefined ? [] : [i.ipv6.address]))])] }];
      return [];
    }),
  };
}
