// The role factories of the IPv6 correspondent and adversary (registry.ts
// PROTOCOL_REGISTRY): a node's resolved settings (to-topology.ts) turned into
// the options of its behaviour (protocol/ipv6/cn, protocol/ipv6/adversary).

import type { NodeBehaviour } from '../engine/node/contract';
import { adversaryV6Behaviour, initialAdversaryV6State, type AdversaryV6Attack } from '../engine/protocol/ipv6/adversary/adversary-v6';
import { correspondentV6Behaviour, initialCorrespondentV6State, type AhAssociation } from '../engine/protocol/ipv6/cn/correspondent-v6';
import type { Ipv6Address } from '../engine/wire/ipv6/ipv6-address';
import { ScenarioLoadError, type RoleFactory, type RoleSetup } from './role-factory';
import type { LoadedNode, LoadedScenario } from './to-topology';

type NodeOf<R extends LoadedNode['role']> = Extract<LoadedNode, { role: R }>;

function setup<S, C>(behaviour: NodeBehaviour<S, C>, initialState: S): RoleSetup {
  return { behaviour: behaviour as NodeBehaviour<unknown, unknown>, initialState };
}

function fail(node: LoadedNode, problem: string): never {
  throw new ScenarioLoadError([`node "${node.id}" (${node.role}): ${problem}`]);
}

/** The address others know an IPv6 node by: a mobile node's home address, else its first interface's IPv6 address. */
function ipv6AddressOf(node: LoadedNode): Ipv6Address | undefined {
  if (node.role === 'mobile-node-v6') return node.settings.homeAddress;
  return node.interfaces.find((i) => i.ipv6 !== undefined)?.ipv6?.address;
}

/**
 * The correspondent's AH associations (Perkins & Johnson §10; mipv6-07 §4.4; OC-52):
 * one per configured association with a mobile node, naming the home address it may bind.
 */
function correspondentAssociations(n: NodeOf<'correspondent-v6'>, loaded: LoadedScenario): AhAssociation[] {
  return n.securityAssociations.flatMap((sa) => {
    const peer = loaded.nodes.find((x) => x.id === sa.peer);
    if (peer?.role !== 'mobile-node-v6') return []; // Binding Updates come only from mobile nodes
    return [{ spi: sa.spi, peer: `mobile node ${peer.id}`, peerAddresses: [peer.settings.homeAddress], key: sa.key }];
  });
}

export const correspondentV6: RoleFactory = (node, loaded) => {
  const n = node as NodeOf<'correspondent-v6'>;
  const address = ipv6AddressOf(n) ?? fail(n, 'has no interface with an IPv6 address');
  return setup(correspondentV6Behaviour, initialCorrespondentV6State({
    address,
    routeOptimization: n.settings.routeOptimization, // false: Parameter Problem for the Mobility Header (RFC 6275 §9.2)
    returnRoutability: n.settings.returnRoutability, // RFC 6275 §5.2; OC-56
    bindingCacheCapacity: n.settings.bindingCacheCapacity, // OC-33
    associations: correspondentAssociations(n, loaded),
  }));
};

export const adversaryV6: RoleFactory = (node, loaded) => {
  const n = node as NodeOf<'adversary-v6'>;
  const attacks = n.settings.actions.map((a): AdversaryV6Attack => {
    const target = loaded.nodes.find((x) => x.id === a.to) ?? fail(n, `an action at ${a.atS} s targets "${a.to}", which is not a node`);
    const destination = ipv6AddressOf(target) ?? fail(n, `an action at ${a.atS} s targets "${a.to}", which has no IPv6 address`);
    const common = { at: a.at, destination };
    switch (a.kind) {
      case 'forge-binding-update':
        return { ...common, kind: a.kind, homeAddress: a.homeAddress, careOfAddress: a.careOfAddress, lifetimeS: a.lifetimeS, authorization: a.authorization === 'ah' ? { kind: 'ah', spi: a.spi } : { kind: 'return-routability' } };
      case 'replay-binding-update':
        return { ...common, kind: a.kind };
      case 'tamper-binding-update':
        return { ...common, kind: a.kind, careOfAddress: a.careOfAddress };
    }
  });
  return setup(adversaryV6Behaviour, initialAdversaryV6State({ attacks }));
};
