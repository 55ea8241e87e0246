// The role factories of the IPv6 home agent and access router (registry.ts
// PROTOCOL_REGISTRY): a node's resolved settings (to-topology-ipv6.ts) turned
// into the options of its behaviour (protocol/ipv6/ha, protocol/ipv6/ar).

import type { NodeBehaviour } from '../engine/node/contract';
import type { AhAssociation } from '../engine/protocol/ipv6/common/binding-agent-state';
import { accessRouterV6Behaviour, initialAccessRouterV6State } from '../engine/protocol/ipv6/ar/access-router-v6';
import { homeAgentV6Behaviour, initialHomeAgentV6State } from '../engine/protocol/ipv6/ha/home-agent-v6';
import type { Ipv6Address } from '../engine/wire/ipv6/ipv6-address';
import { ScenarioLoadError, type RoleFactory, type RoleSetup } from './role-factory';
import type { LoadedNode, NodeSecurityAssociation } from './to-topology';

type NodeOf<R extends LoadedNode['role']> = Extract<LoadedNode, { role: R }>;

function setup<S>(behaviour: NodeBehaviour<S, unknown>, initialState: S): RoleSetup {
  return { behaviour: behaviour as NodeBehaviour<unknown, unknown>, initialState };
}

function fail(node: LoadedNode, problem: string): never {
  throw new ScenarioLoadError([`node "${node.id}" (${node.role}): ${problem}`]);
}

/** OC-52: one AH association per configured security association, used both ways under its SPI. */
function ahAssociations(list: readonly NodeSecurityAssociation[], extra: (peer: string) => readonly Ipv6Address[] = () => []): AhAssociation[] {
  return list.map((sa) => ({ spi: sa.spi, key: sa.key, peer: sa.peer, peerAddresses: [...new Set([...(sa.peerAddresses6 ?? []), ...extra(sa.peer)])] }));
}

function interfaceOn(node: LoadedNode, link: string): string {
  return node.interfaces.find((i) => i.link === link)?.name ?? fail(node, `has no interface on link "${link}"`);
}

export const homeAgentV6: RoleFactory = (node) => {
  const n = node as NodeOf<'home-agent-v6'>;
  const s = n.settings;
  const homeOf = (peer: string): Ipv6Address[] => s.mobileNodes.filter((m) => m.id === peer).map((m) => m.homeAddress);
  return setup(homeAgentV6Behaviour, initialHomeAgentV6State({
    homeInterface: interfaceOn(n, s.homeLink),
    address: s.address,
    homePrefixLength: s.homePrefix.prefixLength,
    maxLifetimeS: s.maxLifetimeS,
    advertiseIntervalS: s.advertiseIntervalS, // OC-58
    associations: ahAssociations(n.securityAssociations, homeOf),
  }));
};

export const accessRouterV6: RoleFactory = (node) => {
  const n = node as NodeOf<'access-router-v6'>;
  const s = n.settings;
  return setup(accessRouterV6Behaviour, initialAccessRouterV6State({
    cellInterface: interfaceOn(n, s.cellLink),
    address: s.address,
    prefixLength: s.cellPrefix.prefixLength,
    advertiseIntervalS: s.advertiseIntervalS, // OC-58
    routerLifetimeS: s.routerLifetimeS,
    prefixLifetimeS: s.prefixLifetimeS,
    smoothHandoff: s.smoothHandoff, // OC-57
    associations: ahAssociations(n.securityAssociations),
  }));
};
