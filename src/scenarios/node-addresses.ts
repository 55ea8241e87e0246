// Who is addressed how, read from a loaded scenario: the address others know a node
// by, and an adversary's scripted action resolved against it. The role factories
// (registry.ts) and the runtime's command translation (runtime/commands/to-engine.ts)
// both use these; kept apart from the factories so that translating a learner's
// command does not load every role's behaviour into the page.

import type { InterfaceSpec } from '../engine/network/topology';
import type { AdversaryAttack } from '../engine/protocol/nodes/adversary/adversary';
import type { Ipv4Address } from '../engine/wire/address';
import { ScenarioLoadError } from './role-factory';
import type { Role } from './roles';
import type { LoadedNode, LoadedScenario, TimedAdversaryAction } from './to-topology';

export type NodeOf<R extends Role> = Extract<LoadedNode, { role: R }>;

export function fail(node: LoadedNode, problem: string): never {
  throw new ScenarioLoadError([`node "${node.id}" (${node.role}): ${problem}`]);
}

/** The interface a foreign agent serves visitors on: the one on a radio cell, else its last one. */
export function visitorInterface(node: LoadedNode, loaded: LoadedScenario): InterfaceSpec {
  const radioLinks = new Set(loaded.topology.links.filter((l) => l.kind === 'radio').map((l) => l.id));
  return node.interfaces.find((i) => i.link !== undefined && radioLinks.has(i.link)) ?? node.interfaces[node.interfaces.length - 1]!;
}

/** The address others know a node by: a mobile node's home address, an agent's address where it serves. */
export function nodeAddress(node: LoadedNode, loaded: LoadedScenario): Ipv4Address {
  switch (node.role) {
    case 'mobile-node': return node.settings.homeAddress;
    case 'home-agent': return node.settings.address;
    case 'foreign-agent': return visitorInterface(node, loaded).address;
    default: return node.interfaces[0]!.address;
  }
}

export function toAttack(a: TimedAdversaryAction, loaded: LoadedScenario, adversary: LoadedNode): AdversaryAttack {
  const target = loaded.nodes.find((x) => x.id === a.to) ?? fail(adversary, `an action at ${a.atS} s targets "${a.to}", which is not a node`);
  const common = { at: a.at, destination: nodeAddress(target, loaded) };
  switch (a.kind) {
    case 'forge-binding-update': {
      // A Binding Update comes from the mobile node's home agent (optim-08 §4.3): that is the source to spoof.
      const mn = loaded.nodes.find((x): x is NodeOf<'mobile-node'> => x.role === 'mobile-node' && x.settings.homeAddress === a.homeAddress);
      return { ...common, kind: a.kind, homeAddress: a.homeAddress, careOfAddress: a.careOfAddress, lifetime: a.lifetimeS, spi: a.spi, ...(mn === undefined ? {} : { spoofedSource: mn.settings.homeAgentAddress }) };
    }
    case 'forge-registration':
      return { ...common, kind: a.kind, homeAddress: a.homeAddress, careOfAddress: a.careOfAddress, lifetime: a.lifetimeS, spi: a.spi };
    case 'tamper-binding-update':
      return { ...common, kind: a.kind, careOfAddress: a.careOfAddress };
    case 'replay-binding-update':
      return { ...common, kind: a.kind, which: a.which };
    case 'replay-registration':
      return { ...common, kind: a.kind };
    case 'spoof-binding-request': {
      const victim = loaded.nodes.find((x) => x.id === a.as) ?? fail(adversary, `an action at ${a.atS} s speaks as "${a.as}", which is not a node`);
      return { ...common, kind: a.kind, homeAddress: a.homeAddress, spoofedSource: nodeAddress(victim, loaded), ahead: Math.round(a.aheadS * 1_000_000) };
    }
  }
}
