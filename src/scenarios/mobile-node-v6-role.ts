// The registry factory of the IPv6 mobile node (registry.ts): its resolved
// scenario settings (to-topology-ipv6.ts) become the behaviour's
// configuration — home address and prefix, the home agent's address, how it
// authenticates Binding Updates to correspondents, lifetimes, and its AH
// security associations (docs/ipv6.md §3; Perkins & Johnson §10).

import { initialMobileNodeV6State, mobileNodeV6Behaviour } from '../engine/protocol/ipv6/mn/mobile-node-v6';
import type { NodeBehaviour } from '../engine/node/contract';
import { ScenarioLoadError, type RoleFactory } from './role-factory';
import type { LoadedNode } from './to-topology';

/** The UDP echo port a mobile node answers on, as the IPv4 mobile node (RFC 862). */
const ECHO_PORT = 7;

export const mobileNodeV6: RoleFactory = (node) => {
  const n = node as Extract<LoadedNode, { role: 'mobile-node-v6' }>;
  const s = n.settings;
  const withHa = n.securityAssociations.find((sa) => sa.peer === s.homeAgent);
  if (withHa === undefined) {
    throw new ScenarioLoadError([`node "${n.id}" (${n.role}): shares no security association with its home agent "${s.homeAgent}": a home registration must be protected by AH (RFC 6275 §5.1; mipv6-07 §4.4)`]);
  }
  const radio = n.interfaces.find((i) => i.radio === true) ?? n.interfaces[0]!;
  const state = initialMobileNodeV6State({
    interface: radio.name,
    homeAddress: s.homeAddress,
    homeAgentAddress: s.homeAgentAddress,
    homePrefix: s.homePrefix,
    correspondentAuthentication: s.correspondentAuthentication,
    routeOptimization: s.routeOptimization,
    smoothHandoff: s.smoothHandoff,
    requestLifetimeS: s.requestLifetimeS,
    correspondentLifetimeS: s.correspondentLifetimeS,
    smoothHandoffLifetimeS: s.smoothHandoffLifetimeS,
    associations: n.securityAssociations.map((sa) => ({ peer: sa.peer, peerAddresses: sa.peerAddresses6 ?? [], spi: sa.spi, key: sa.key })),
    echoPort: ECHO_PORT,
  }, n.flows);
  return { behaviour: mobileNodeV6Behaviour as NodeBehaviour<unknown, unknown>, initialState: state, flowsInState: true };
};
