// The network a scenario describes (docs/architecture.md "Engine": network/ — topology,
// links with delay, loss and bandwidth, radio cells of access points): plain
// data, so a scenario file is JSON and the whole topology travels to workers.
//
// Three kinds of link:
//  - point-to-point: exactly two wired interfaces;
//  - segment: a shared LAN, any number of wired interfaces;
//  - radio: a cell around an access point. The access point's interface names
//    the cell as its link; a node's `radio` interfaces have no fixed link: they
//    attach to every cell whose circle contains the node's position
//    (radio.ts), so moving the node changes its attachment.
// Each link has a propagation delay (µs, at least 1 so the parallel runtime has
// a positive lookahead, docs/architecture.md "Runtime"), a loss probability and an
// optional bandwidth (bits/s) giving a serialization delay and a FIFO queue
// per sending interface (transmission.ts).

import type { InterfaceConfig, Ipv6InterfaceAddress, NodeConfig, NodeId } from '../node/contract';
import { defaultLinkAddress, type LinkAddress } from '../node/link-address';
import { networkOf } from '../node/route-table';
import type { Micros } from '../node/time';
import type { Ipv4Address } from '../wire/address';
import { canonicalIpv6, ipv6NetworkOf, isIpv6Address, type Ipv6Address } from '../wire/ipv6/ipv6-address';

export type LinkId = string;

/** Canvas coordinates; the unit is whatever the scenario uses for cell radii. */
export interface Position {
  readonly x: number;
  readonly y: number;
}

interface LinkCommon {
  readonly id: LinkId;
  /** Propagation delay, ≥ 1 µs. */
  readonly delay: Micros;
  /** Probability in [0, 1] that a frame is lost, drawn per receiver from a seeded stream. Default 0. */
  readonly loss?: number;
  /** Bits per second; absent = no serialization delay. */
  readonly bandwidth?: number;
  /** What the learner sees on the canvas, e.g. "FA1 cell 192.168.2.0/24". */
  readonly label?: string;
}

export type LinkSpec =
  | (LinkCommon & { readonly kind: 'point-to-point' })
  | (LinkCommon & { readonly kind: 'segment' })
  | (LinkCommon & { readonly kind: 'radio'; readonly centre: Position; readonly radius: number });

export interface InterfaceSpec {
  readonly name: string;
  readonly address: Ipv4Address;
  readonly prefixLength: number;
  /** The link a wired interface (or an access point's interface) sits on. */
  readonly link?: LinkId;
  /** A mobile radio interface: no `link`; attaches to the cells in range. */
  readonly radio?: boolean;
  /** Default: defaultLinkAddress(node index, interface index). */
  readonly linkAddress?: LinkAddress;
  /** Receives every frame on its links, not only those addressed to it (an eavesdropper). */
  readonly promiscuous?: boolean;
  /** A global IPv6 address beside the IPv4 one (dual-stack, docs/ipv6.md §2, OC-50). Any RFC 4291 spelling; configs carry the canonical text. */
  readonly ipv6?: Ipv6InterfaceAddress;
}

export interface NodeSpec {
  readonly id: NodeId;
  /** Whether routes may pass through this node (routers, agents); hosts do not forward. */
  readonly forwards?: boolean;
  /** Needed by nodes with radio interfaces. */
  readonly position?: Position;
  readonly interfaces: readonly InterfaceSpec[];
}

export interface Topology {
  readonly nodes: readonly NodeSpec[];
  readonly links: readonly LinkSpec[];
}

/** An interface by position: node index in `topology.nodes`, interface index in that node. */
export interface InterfaceRef {
  readonly node: number;
  readonly interface: number;
}

export interface LinkPrefix {
  readonly network: Ipv4Address;
  readonly prefixLength: number;
}

export interface LinkPrefix6 {
  readonly network: Ipv6Address;
  readonly prefixLength: number;
}

/**
 * Lookups derived once from a (validated) topology. Not part of the
 * simulation state: it is rebuilt from the topology on restore.
 */
export interface TopologyIndex {
  readonly topology: Topology;
  readonly nodeIndex: ReadonlyMap<NodeId, number>;
  readonly links: ReadonlyMap<LinkId, LinkSpec>;
  /** Per node, the configuration its behaviour sees (link addresses resolved). */
  readonly configs: readonly NodeConfig[];
  /** Interfaces attached by a `link` field (wired, and access points), per link, in node order. */
  readonly fixedMembers: ReadonlyMap<LinkId, readonly InterfaceRef[]>;
  /** Radio interfaces, which attach by position. */
  readonly radioInterfaces: readonly InterfaceRef[];
  /** The on-link prefix of each link (from its fixed interfaces; a radio cell's from its access point). */
  readonly prefixes: ReadonlyMap<LinkId, LinkPrefix>;
  /** The IPv6 prefix of each link that has one: from its first fixed interface with an `ipv6` address. Empty in an IPv4-only topology. */
  readonly prefixes6: ReadonlyMap<LinkId, LinkPrefix6>;
  /** Whether any interface has an IPv6 address: only then do forwarding tables carry IPv6 routes (an IPv4-only run stays as it was). */
  readonly hasIpv6: boolean;
}

export function interfaceConfig(nodeIndex: number, interfaceIndex: number, spec: InterfaceSpec): InterfaceConfig {
  return {
    name: spec.name,
    address: spec.address,
    prefixLength: spec.prefixLength,
    linkAddress: spec.linkAddress ?? defaultLinkAddress(nodeIndex, interfaceIndex),
    radio: spec.radio === true,
    ...(spec.ipv6 === undefined ? {} : { ipv6: { address: isIpv6Address(spec.ipv6.address) ? canonicalIpv6(spec.ipv6.address) : spec.ipv6.address, prefixLength: spec.ipv6.prefixLength } }),
  };
}

/** The IPv6 prefix an interface claims, or undefined without a usable `ipv6` (validation reports a bad one). */
function prefix6Of(spec: InterfaceSpec): LinkPrefix6 | undefined {
  const v6 = spec.ipv6;
  if (v6 === undefined || !isIpv6Address(v6.address) || !(Number.isInteger(v6.prefixLength) && v6.prefixLength >= 1 && v6.prefixLength <= 128)) return undefined;
  return { network: ipv6NetworkOf(v6.address, v6.prefixLength), prefixLength: v6.prefixLength };
}

/** Assumes a topology that passed `topologyProblems` (topology-validation.ts). */
export function indexTopology(topology: Topology): TopologyIndex {
  const nodeIndex = new Map<NodeId, number>();
  const links = new Map<LinkId, LinkSpec>();
  const fixedMembers = new Map<LinkId, InterfaceRef[]>();
  const radioInterfaces: InterfaceRef[] = [];
  const prefixes = new Map<LinkId, LinkPrefix>();
  const prefixes6 = new Map<LinkId, LinkPrefix6>();
  for (const link of topology.links) {
    links.set(link.id, link);
    fixedMembers.set(link.id, []);
  }
  const configs = topology.nodes.map((node, n) => {
    nodeIndex.set(node.id, n);
    node.interfaces.forEach((spec, i) => {
      if (spec.radio === true) radioInterfaces.push({ node: n, interface: i });
      if (spec.link === undefined) return;
      fixedMembers.get(spec.link)?.push({ node: n, interface: i });
      if (!prefixes.has(spec.link)) prefixes.set(spec.link, { network: networkOf(spec.address, spec.prefixLength), prefixLength: spec.prefixLength });
      const p6 = prefixes6.has(spec.link) ? undefined : prefix6Of(spec);
      if (p6 !== undefined) prefixes6.set(spec.link, p6);
    });
    return { id: node.id, interfaces: node.interfaces.map((spec, i) => interfaceConfig(n, i, spec)) };
  });
  const hasIpv6 = topology.nodes.some((node) => node.interfaces.some((spec) => spec.ipv6 !== undefined));
  return { topology, nodeIndex, links, configs, fixedMembers, radioInterfaces, prefixes, prefixes6, hasIpv6 };
}

export function interfaceSpec(index: TopologyIndex, ref: InterfaceRef): InterfaceSpec {
  return index.topology.nodes[ref.node]!.interfaces[ref.interface]!;
}

export function interfaceOf(index: TopologyIndex, ref: InterfaceRef): InterfaceConfig {
  return index.configs[ref.node]!.interfaces[ref.interface]!;
}

/** "R1/eth0" — how traces and errors name an interface. */
export function interfaceLabel(index: TopologyIndex, ref: InterfaceRef): string {
  return `${index.topology.nodes[ref.node]!.id}/${interfaceOf(index, ref).name}`;
}
