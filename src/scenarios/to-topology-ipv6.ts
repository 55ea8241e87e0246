// The resolved settings of the IPv6 roles (docs/ipv6.md §2): every default
// filled in and every reference turned into the addresses a node needs — the
// home agent's address on the home link, the home prefix, an access router's
// cell. Plain data, like the IPv4 roles' in to-topology.ts.

import type { LinkPrefix6, Topology } from '../engine/network/topology';
import type { NodeId } from '../engine/node/contract';
import type { Micros } from '../engine/node/time';
import type { Ipv6Address } from '../engine/wire/ipv6/ipv6-address';
import { parseIpv6Cidr } from './ipv6-text';
import type { AccessRouterV6Settings, AdversaryV6Action, HomeAgentV6Settings, MobileNodeV6Settings, ScenarioNode } from './schema';

export type Ipv6Prefix = LinkPrefix6;

export type ResolvedMobileNodeV6Settings = MobileNodeV6Settings & {
  readonly homeAddress: Ipv6Address;
  /** The home agent's IPv6 address on the home link (where home registrations go). */
  readonly homeAgentAddress: Ipv6Address;
  readonly homePrefix: Ipv6Prefix;
};

export type ResolvedHomeAgentV6Settings = HomeAgentV6Settings & {
  /** Its own IPv6 address on the home link. */
  readonly address: Ipv6Address;
  readonly homePrefix: Ipv6Prefix;
  /** The mobile nodes whose home agent this is. */
  readonly mobileNodes: readonly { readonly id: NodeId; readonly homeAddress: Ipv6Address }[];
};

export type ResolvedAccessRouterV6Settings = AccessRouterV6Settings & {
  /** Default 3 × advertiseIntervalS, rounded up to whole seconds (RFC 4861 §6.2.1 AdvDefaultLifetime). */
  readonly routerLifetimeS: number;
  /** The radio cell it serves (its first interface on a radio link). */
  readonly cellLink: string;
  /** Its IPv6 address on that cell. */
  readonly address: Ipv6Address;
  readonly cellPrefix: Ipv6Prefix;
};

export type TimedAdversaryV6Action = AdversaryV6Action & { readonly at: Micros };

/** The canonical IPv6 address of an interface as the file writes it, or undefined when it has none. */
export function interfaceIpv6(spec: ScenarioNode['interfaces'][number]): Ipv6Address | undefined {
  return spec.ipv6 === undefined ? undefined : parseIpv6Cidr(spec.ipv6).address;
}

/** Every IPv6 address of a node, in interface order. */
export function ipv6AddressesOf(node: ScenarioNode): Ipv6Address[] {
  return node.interfaces.flatMap((i) => {
    const a = interfaceIpv6(i);
    return a === undefined ? [] : [a];
  });
}

/** A mobile node's home address: the setting, else its radio interface's IPv6 address. */
export function homeAddressV6Of(node: ScenarioNode & { role: 'mobile-node-v6' }): Ipv6Address | undefined {
  if (node.settings.homeAddress !== undefined) return parseIpv6Cidr(`${node.settings.homeAddress}/128`).address;
  const radio = node.interfaces.find((i) => i.radio === true) ?? node.interfaces[0]!;
  return interfaceIpv6(radio);
}

/** The radio cell an access router serves: its first interface on a link of kind radio. */
export function servedCell(node: ScenarioNode, topology: Topology): ScenarioNode['interfaces'][number] | undefined {
  const cells = new Set(topology.links.filter((l) => l.kind === 'radio').map((l) => l.id));
  return node.interfaces.find((i) => i.link !== undefined && cells.has(i.link));
}

export interface Ipv6Context {
  readonly topology: Topology;
  readonly prefixes6: ReadonlyMap<string, LinkPrefix6>;
  readonly byId: ReadonlyMap<NodeId, ScenarioNode>;
  /** Mobile nodes (IPv6) per home agent id. */
  readonly mobileNodesOf: (agent: NodeId) => readonly ScenarioNode[];
}

const addressOn = (node: ScenarioNode, link: string): Ipv6Address => interfaceIpv6(node.interfaces.find((i) => i.link === link)!)!;

/** Assumes a scenario that passed the semantic checks (semantics-ipv6.ts). */
export function resolvedMobileNodeV6(node: ScenarioNode & { role: 'mobile-node-v6' }, ctx: Ipv6Context): ResolvedMobileNodeV6Settings {
  const s = node.settings;
  return { ...s, homeAddress: homeAddressV6Of(node)!, homeAgentAddress: addressOn(ctx.byId.get(s.homeAgent)!, s.homeLink), homePrefix: ctx.prefixes6.get(s.homeLink)! };
}

export function resolvedHomeAgentV6(node: ScenarioNode & { role: 'home-agent-v6' }, ctx: Ipv6Context): ResolvedHomeAgentV6Settings {
  const s = node.settings;
  const mobileNodes = ctx.mobileNodesOf(node.id).flatMap((m) => (m.role === 'mobile-node-v6' ? [{ id: m.id, homeAddress: homeAddressV6Of(m)! }] : []));
  return { ...s, address: addressOn(node, s.homeLink), homePrefix: ctx.prefixes6.get(s.homeLink)!, mobileNodes };
}

export function resolvedAccessRouterV6(node: ScenarioNode & { role: 'access-router-v6' }, ctx: Ipv6Context): ResolvedAccessRouterV6Settings {
  const s = node.settings;
  const cell = servedCell(node, ctx.topology)!;
  return {
    ...s,
    routerLifetimeS: s.routerLifetimeS ?? Math.ceil(3 * s.advertiseIntervalS - 1e-9),
    cellLink: cell.link!,
    address: interfaceIpv6(cell)!,
    cellPrefix: ctx.prefixes6.get(cell.link!)!,
  };
}
