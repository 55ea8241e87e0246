// From a validated scenario to what the engine consumes: the network core's
// Topology (times in µs), and per node its role, its settings with every
// default and cross-reference resolved (the home agent's address, the home
// network's prefix, the peers of its security associations), and the flows it
// sends. All plain data (structured-cloneable), so it can go to a worker.
//
// Unit conventions in the result: scheduling times (flow starts, moves,
// adversary actions, the duration) are engine Micros; protocol lifetimes stay
// in whole seconds, as they travel in the messages' Lifetime fields.

import { deriveNodeKey } from '../engine/crypto/master-key';
import type { UdpFlow } from '../engine/network/behaviours/host';
import type { MessageFault } from '../engine/network/faults';
import { indexTopology, type InterfaceSpec, type LinkPrefix, type LinkSpec, type Position, type Topology } from '../engine/network/topology';
import type { NodeId } from '../engine/node/contract';
import { milliseconds, seconds, type Micros } from '../engine/node/time';
import type { Ipv4Address } from '../engine/wire/address';
import type { Ipv6Address } from '../engine/wire/ipv6/ipv6-address';
import { parseIpv6Cidr } from './ipv6-text';
import { isIpv6Role } from './roles';
// Types only: `import type` leaves no import of the schema (and zod) in a node's worker.
import type {
  AdversaryAction, AdversarySettings, CorrespondentSettings, CorrespondentV6Settings, FaultSpec, FlowSpec, ForeignAgentSettings,
  HomeAgentSettings, MobileNodeSettings, Role, Scenario, ScenarioLink, ScenarioNode,
} from './schema';
import {
  homeAddressV6Of, ipv6AddressesOf, resolvedAccessRouterV6, resolvedHomeAgentV6, resolvedMobileNodeV6,
  type Ipv6Context, type ResolvedAccessRouterV6Settings, type ResolvedHomeAgentV6Settings, type ResolvedMobileNodeV6Settings, type TimedAdversaryV6Action,
} from './to-topology-ipv6';

/** Roles whose nodes forward datagrams for others unless a node says otherwise. */
const FORWARDING_ROLES: readonly Role[] = ['router', 'home-agent', 'foreign-agent', 'home-agent-v6', 'access-router-v6'];

export interface NodeSecurityAssociation {
  readonly peer: NodeId;
  /** Every address of the peer: an MSA is looked up by (peer address, SPI), RFC 2002 §1.6. */
  readonly peerAddresses: readonly Ipv4Address[];
  /** Every IPv6 address of the peer (an AH security association is found by the peer's address and SPI, RFC 4302 §2.4); present when the peer has some. */
  readonly peerAddresses6?: readonly Ipv6Address[];
  readonly spi: number;
  /** 16 octets (OC-12). */
  readonly key: Uint8Array;
  readonly algorithm: 'keyed-md5' | 'hmac-md5';
  readonly replay: 'timestamp' | 'nonce';
}

export interface HomeNetwork {
  readonly link: string;
  readonly network: Ipv4Address;
  readonly prefixLength: number;
}

export type ResolvedMobileNodeSettings = MobileNodeSettings & {
  readonly homeAddress: Ipv4Address;
  /** The home agent's address on the home link (the Home Agent field of its Registration Requests). */
  readonly homeAgentAddress: Ipv4Address;
  readonly homeNetwork: HomeNetwork;
};
export type ResolvedHomeAgentSettings = HomeAgentSettings & {
  /** The home agent's own address on the home link. */
  readonly address: Ipv4Address;
  readonly homeNetwork: HomeNetwork;
  /** The mobile nodes whose home agent this is. */
  readonly mobileNodes: readonly { readonly id: NodeId; readonly homeAddress: Ipv4Address }[];
  /** Every address of each `masterKeyPeers` node, mapped to the address its derived key was computed for (Perkins & Johnson §5). */
  readonly masterKeyPeerAddresses: Readonly<Record<Ipv4Address, Ipv4Address>>;
};
export type TimedAdversaryAction = AdversaryAction & { readonly at: Micros };

interface LoadedNodeCommon {
  readonly id: NodeId;
  readonly label?: string;
  readonly position?: Position;
  readonly interfaces: readonly InterfaceSpec[];
  /** The flows this node sends, in the host's UdpFlow shape. */
  readonly flows: readonly UdpFlow[];
  readonly securityAssociations: readonly NodeSecurityAssociation[];
}

export type LoadedNode = LoadedNodeCommon & (
  | { readonly role: 'mobile-node'; readonly settings: ResolvedMobileNodeSettings }
  | { readonly role: 'home-agent'; readonly settings: ResolvedHomeAgentSettings }
  | { readonly role: 'foreign-agent'; readonly settings: ForeignAgentSettings }
  | { readonly role: 'correspondent'; readonly settings: CorrespondentSettings }
  | { readonly role: 'router'; readonly settings: Record<string, never> }
  | { readonly role: 'adversary'; readonly settings: AdversarySettings & { readonly actions: readonly TimedAdversaryAction[] } }
  | { readonly role: 'mobile-node-v6'; readonly settings: ResolvedMobileNodeV6Settings }
  | { readonly role: 'home-agent-v6'; readonly settings: ResolvedHomeAgentV6Settings }
  | { readonly role: 'access-router-v6'; readonly settings: ResolvedAccessRouterV6Settings }
  | { readonly role: 'correspondent-v6'; readonly settings: CorrespondentV6Settings }
  | { readonly role: 'adversary-v6'; readonly settings: { readonly actions: readonly TimedAdversaryV6Action[] } }
);

export interface LoadedMove {
  readonly at: Micros;
  readonly node: NodeId;
  readonly position: Position;
}

/** A scripted fault in engine units: a message fault (decided by each sender, network/faults.ts) or a reboot at `at`. */
export type LoadedFault = MessageFault | { readonly kind: 'reboot'; readonly at: Micros; readonly node: NodeId };

export interface LoadedScenario {
  readonly title: string;
  readonly description: string;
  readonly seed: number;
  readonly duration: Micros;
  readonly profile: 'ro98' | 'rfc3344';
  /** Unix milliseconds at virtual time 0 (for NTP timestamps, RFC 2002 §5.6.1). */
  readonly epochMs: number;
  readonly topology: Topology;
  /** In topology order. */
  readonly nodes: readonly LoadedNode[];
  readonly moves: readonly LoadedMove[];
  /** Scripted faults, in file order; absent or empty when the scenario has none. */
  readonly faults?: readonly LoadedFault[];
}

function toLinkSpec(link: ScenarioLink): LinkSpec {
  const common = {
    id: link.id,
    delay: Math.max(0, milliseconds(link.delayMs)),
    ...(link.loss > 0 ? { loss: link.loss } : {}),
    ...(link.bandwidthBps === undefined ? {} : { bandwidth: link.bandwidthBps }),
    ...(link.label === undefined ? {} : { label: link.label }),
  };
  return link.kind === 'radio' ? { ...common, kind: 'radio', centre: link.centre, radius: link.radius } : { ...common, kind: link.kind };
}

function toInterfaceSpec(spec: ScenarioNode['interfaces'][number]): InterfaceSpec {
  const out: Record<string, unknown> = { name: spec.name, address: spec.address, prefixLength: spec.prefixLength };
  for (const k of ['link', 'radio', 'linkAddress', 'promiscuous'] as const) if (spec[k] !== undefined) out[k] = spec[k];
  if (spec.ipv6 !== undefined) out.ipv6 = parseIpv6Cidr(spec.ipv6); // "2001:db8:1::1/64" → canonical address and length
  return out as unknown as InterfaceSpec;
}

/** The network part of a scenario (also used by the semantic checks, before loading). */
export function scenarioTopology(scenario: Scenario): Topology {
  return {
    links: scenario.links.map(toLinkSpec),
    nodes: scenario.nodes.map((n) => ({
      id: n.id,
      forwards: n.forwards ?? FORWARDING_ROLES.includes(n.role),
      ...(n.position === undefined ? {} : { position: { x: n.position.x, y: n.position.y } }),
      interfaces: n.interfaces.map(toInterfaceSpec),
    })),
  };
}

/** The on-link prefix of each link; the topology must have passed topologyProblems. */
export function linkPrefixes(topology: Topology): ReadonlyMap<string, LinkPrefix> {
  return indexTopology(topology).prefixes;
}

/**
 * The SPI of the MSAs a master key yields (Perkins & Johnson §5). The paper
 * does not fix one; the lab's default is the first SPI outside the reserved
 * 0–255 (RFC 2002 §1.6), overridable with `masterKeySpi`.
 */
export const DEFAULT_MASTER_KEY_SPI = 256;

/**
 * The address a node's master-derived key is computed for: the one the home
 * agent knows it by — a foreign agent's address on the cell it serves (its
 * care-of address), any other node's first address.
 */
function knownAddress(cells: ReadonlySet<string>, node: ScenarioNode): Ipv4Address {
  if (node.role !== 'foreign-agent') return node.interfaces[0]!.address;
  return (node.interfaces.find((i) => i.link !== undefined && cells.has(i.link)) ?? node.interfaces[node.interfaces.length - 1]!).address;
}

/** `list` grouped by `key`, each group in list order: one pass, so loading stays linear in the file. */
function groupBy<T>(list: readonly T[], key: (x: T) => readonly string[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) {
    for (const k of new Set(key(x))) {
      const group = out.get(k);
      if (group === undefined) out.set(k, [x]);
      else group.push(x);
    }
  }
  return out;
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Datagrams at start, start + interval, … up to and including `untilS`. */
function flowCount(f: FlowSpec): number {
  if (f.count !== undefined) return f.count;
  return Math.floor(((f.untilS! - f.startS) * 1000) / f.intervalMs + 1e-9) + 1;
}

function homeAddressOf(node: ScenarioNode & { role: 'mobile-node' }): Ipv4Address {
  return node.settings.homeAddress ?? (node.interfaces.find((i) => i.radio === true) ?? node.interfaces[0]!).address;
}

/** Assumes a scenario that passed parseScenario (validate.ts). */
export function toLoadedScenario(scenario: Scenario): LoadedScenario {
  const topology = scenarioTopology(scenario);
  const prefixes = linkPrefixes(topology);
  const byId = new Map(scenario.nodes.map((n) => [n.id, n] as const));
  const addressOn = (node: ScenarioNode, link: string): Ipv4Address => node.interfaces.find((i) => i.link === link)!.address;
  const homeNetwork = (link: string): HomeNetwork => ({ link, ...prefixes.get(link)! });
  const defaultAlgorithm = scenario.profile === 'rfc3344' ? 'hmac-md5' : 'keyed-md5'; // OC-01, D12

  const cells = new Set(scenario.links.filter((l) => l.kind === 'radio').map((l) => l.id));
  const associationsByNode = groupBy(scenario.securityAssociations, (sa) => sa.between);
  const masterKeyHolders = groupBy(scenario.nodes, (n) => (n.role === 'home-agent' && n.settings.masterKey !== undefined ? n.settings.masterKeyPeers : []));
  const flowsByNode = groupBy(scenario.flows, (f) => [f.from]);
  const mobileNodesByAgent = groupBy(scenario.nodes, (n) => (n.role === 'mobile-node' || n.role === 'mobile-node-v6' ? [n.settings.homeAgent] : []));
  const addressesOf = (id: NodeId): Ipv4Address[] => byId.get(id)!.interfaces.map((i) => i.address);
  const configuredOf = (id: NodeId): NodeSecurityAssociation[] => (associationsByNode.get(id) ?? [])
    .map((sa) => {
      const peer = sa.between[0] === id ? sa.between[1] : sa.between[0];
      const addresses6 = ipv6AddressesOf(byId.get(peer)!);
      // AH authenticates with HMAC (RFC 4302 §2.6, RFC 2403): an association of an IPv6 role defaults to hmac-md5 whatever the profile (OC-52).
      const ipv6 = isIpv6Role(byId.get(id)!.role) || isIpv6Role(byId.get(peer)!.role);
      return {
        peer, peerAddresses: addressesOf(peer), ...(addresses6.length === 0 ? {} : { peerAddresses6: addresses6 }),
        spi: sa.spi, key: hexToBytes(sa.key), algorithm: sa.algorithm ?? (ipv6 ? 'hmac-md5' : defaultAlgorithm), replay: sa.replay,
      };
    });
  // Perkins & Johnson §5: the peer holds the derived key it was handed as an ordinary MSA; the home agent holds only the master key.
  const handedOutTo = (id: NodeId): NodeSecurityAssociation[] => (masterKeyHolders.get(id) ?? []).flatMap((ha) => {
    if (ha.role !== 'home-agent' || ha.settings.masterKey === undefined) return [];
    const key = deriveNodeKey(hexToBytes(ha.settings.masterKey), knownAddress(cells, byId.get(id)!));
    return [{ peer: ha.id, peerAddresses: addressesOf(ha.id), spi: ha.settings.masterKeySpi ?? DEFAULT_MASTER_KEY_SPI, key, algorithm: defaultAlgorithm, replay: 'timestamp' as const }]; // OC-28
  });
  const associationsOf = (id: NodeId): NodeSecurityAssociation[] => [...configuredOf(id), ...handedOutTo(id)];
  const masterKeyPeerAddresses = (ha: HomeAgentSettings): Record<Ipv4Address, Ipv4Address> => Object.fromEntries(ha.masterKeyPeers.flatMap((id) => {
    const known = knownAddress(cells, byId.get(id)!);
    return addressesOf(id).map((a) => [a, known] as const);
  }));

  const flowsOf = (node: ScenarioNode): UdpFlow[] => (flowsByNode.get(node.id) ?? []).map((f) => ({
    id: f.id,
    destination: f.to,
    sourcePort: f.sourcePort,
    destinationPort: f.destinationPort,
    start: seconds(f.startS),
    interval: milliseconds(f.intervalMs),
    count: flowCount(f),
    payloadOctets: f.payloadOctets,
    // A mobile node's traffic always comes from its home address (RFC 2002 §1.5; RFC 6275 §11.3.1 for IPv6), whatever interface it leaves by.
    ...(node.role === 'mobile-node' ? { source: homeAddressOf(node) } : {}),
    ...(node.role === 'mobile-node-v6' ? { source: homeAddressV6Of(node)! } : {}),
  }));
  const ipv6Context: Ipv6Context = { topology, prefixes6: indexTopology(topology).prefixes6, byId, mobileNodesOf: (agent) => mobileNodesByAgent.get(agent) ?? [] };

  const nodes = scenario.nodes.map((node): LoadedNode => {
    const common: LoadedNodeCommon = {
      id: node.id,
      ...(node.label === undefined ? {} : { label: node.label }),
      ...(node.position === undefined ? {} : { position: { x: node.position.x, y: node.position.y } }),
      interfaces: node.interfaces.map(toInterfaceSpec),
      flows: flowsOf(node),
      securityAssociations: associationsOf(node.id),
    };
    switch (node.role) {
      case 'mobile-node': {
        const ha = byId.get(node.settings.homeAgent)!;
        return { ...common, role: node.role, settings: { ...node.settings, homeAddress: homeAddressOf(node), homeAgentAddress: addressOn(ha, node.settings.homeLink), homeNetwork: homeNetwork(node.settings.homeLink) } };
      }
      case 'home-agent': {
        const mobileNodes = (mobileNodesByAgent.get(node.id) ?? []).flatMap((m) => (m.role === 'mobile-node' ? [{ id: m.id, homeAddress: homeAddressOf(m) }] : []));
        return { ...common, role: node.role, settings: { ...node.settings, address: addressOn(node, node.settings.homeLink), homeNetwork: homeNetwork(node.settings.homeLink), mobileNodes, masterKeyPeerAddresses: masterKeyPeerAddresses(node.settings) } };
      }
      case 'adversary':
        return { ...common, role: node.role, settings: { actions: node.settings.actions.map((a) => ({ ...a, at: seconds(a.atS) })) } };
      case 'router':
        return { ...common, role: node.role, settings: {} };
      case 'mobile-node-v6':
        return { ...common, role: node.role, settings: resolvedMobileNodeV6(node, ipv6Context) };
      case 'home-agent-v6':
        return { ...common, role: node.role, settings: resolvedHomeAgentV6(node, ipv6Context) };
      case 'access-router-v6':
        return { ...common, role: node.role, settings: resolvedAccessRouterV6(node, ipv6Context) };
      case 'adversary-v6':
        return { ...common, role: node.role, settings: { actions: node.settings.actions.map((a) => ({ ...a, at: seconds(a.atS) })) } };
      default:
        return { ...common, role: node.role, settings: node.settings } as LoadedNode;
    }
  });

  const linkIndex = new Map(scenario.links.map((l, k) => [l.id, k] as const));
  // The first cell in file order among those the access point serves.
  const cellCentre = (apId: NodeId): Position => {
    const served = byId.get(apId)!.interfaces.flatMap((i) => (i.link !== undefined && cells.has(i.link) ? [linkIndex.get(i.link)!] : []));
    const cell = scenario.links[Math.min(...served)]!;
    return cell.kind === 'radio' ? { x: cell.centre.x, y: cell.centre.y } : { x: 0, y: 0 };
  };
  const moves = scenario.moves.map((m): LoadedMove => ({ at: seconds(m.atS), node: m.node, position: 'toCellOf' in m ? cellCentre(m.toCellOf) : { x: m.to.x, y: m.to.y } }));

  return {
    title: scenario.title,
    description: scenario.description,
    seed: scenario.seed,
    duration: seconds(scenario.durationS),
    profile: scenario.profile,
    epochMs: scenario.epochMs,
    topology,
    nodes,
    moves,
    ...(scenario.faults.length === 0 ? {} : { faults: scenario.faults.map(toLoadedFault) }),
  };
}

function toLoadedFault(f: FaultSpec): LoadedFault {
  if (f.kind === 'reboot') return { kind: 'reboot', at: seconds(f.atS), node: f.node };
  const from = f.from === undefined ? {} : { from: f.from };
  if (f.kind === 'replace-dh-value-next') return { kind: f.kind, at: seconds(f.atS), link: f.link, message: 'registration-reply', ...from, adversary: f.adversary, exponentHex: f.exponentHex }; // OC-49
  const common = { at: seconds(f.atS), link: f.link, message: f.message, ...from };
  return f.kind === 'drop-next' ? { kind: f.kind, ...common } : { kind: f.kind, ...common, delay: milliseconds(f.byMs) };
}

/** The message faults of a run, for the senders (network/faults.ts). */
export function messageFaults(loaded: LoadedScenario): MessageFault[] {
  return (loaded.faults ?? []).filter((f): f is MessageFault => f.kind !== 'reboot');
}

/** The reboots of a run, each a `reboot` command to its node at its time. */
export function scheduledReboots(loaded: LoadedScenario): { readonly at: Micros; readonly node: NodeId }[] {
  return (loaded.faults ?? []).flatMap((f) => (f.kind === 'reboot' ? [{ at: f.at, node: f.node }] : []));
}
