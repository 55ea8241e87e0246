// Checks a topology before anything runs on it. Scenario files are written by
// hand (and later by learners in an editor), so every problem is reported at
// once, in words that name the node, interface or link at fault.

import { defaultLinkAddress, isGroupLinkAddress, isLinkAddress } from '../node/link-address';
import { networkOf, prefixMask } from '../node/route-table';
import { isMicros } from '../node/time';
import { addressToU32, isIpv4Address } from '../wire/address';
import { interfaceIpv6Problems, prefix6Problems } from './topology-validation6';
import { indexTopology, type LinkSpec, type Position, type Topology, type TopologyIndex } from './topology';

export class TopologyError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid topology:\n  - ${problems.join('\n  - ')}`);
    this.name = 'TopologyError';
  }
}

function finitePosition(p: Position | undefined): boolean {
  return p !== undefined && Number.isFinite(p.x) && Number.isFinite(p.y);
}

function linkProblems(link: LinkSpec): string[] {
  const out: string[] = [];
  const where = `link "${link.id}"`;
  if (!isMicros(link.delay) || link.delay < 1) out.push(`${where}: delay must be a whole number of microseconds ≥ 1 (got ${link.delay})`);
  if (link.loss !== undefined && !(link.loss >= 0 && link.loss <= 1)) out.push(`${where}: loss must be a probability in [0, 1] (got ${link.loss})`);
  if (link.bandwidth !== undefined && !(Number.isFinite(link.bandwidth) && link.bandwidth > 0)) out.push(`${where}: bandwidth must be a positive number of bits/s (got ${link.bandwidth})`);
  if (link.kind === 'radio') {
    if (!finitePosition(link.centre)) out.push(`${where}: a radio cell needs a finite centre (x, y)`);
    if (!(Number.isFinite(link.radius) && link.radius > 0)) out.push(`${where}: a radio cell needs a positive radius (got ${link.radius})`);
  }
  return out;
}

/** Every problem found, in topology order; empty when the topology is usable. */
export function topologyProblems(topology: Topology): string[] {
  const problems: string[] = [];
  const linkIds = new Set<string>();
  for (const link of topology.links) {
    if (link.id === '') problems.push('a link has an empty id');
    else if (linkIds.has(link.id)) problems.push(`link id "${link.id}" is used twice`);
    linkIds.add(link.id);
    problems.push(...linkProblems(link));
  }
  const links = new Map(topology.links.map((l) => [l.id, l] as const));
  const nodeIds = new Set<string>();
  const addressOwner = new Map<string, string>();
  const ipv6Owner = new Map<string, string>();
  const linkAddressOwner = new Map<string, string>();
  const attached = new Map<string, string[]>(); // link id → "node/iface" of fixed members
  topology.nodes.forEach((node, n) => {
    if (node.id === '') problems.push('a node has an empty id');
    else if (nodeIds.has(node.id)) problems.push(`node id "${node.id}" is used twice`);
    nodeIds.add(node.id);
    if (node.position !== undefined && !finitePosition(node.position)) problems.push(`node "${node.id}": position must have finite x and y`);
    const names = new Set<string>();
    node.interfaces.forEach((spec, i) => {
      const label = `${node.id}/${spec.name}`;
      const where = `node "${node.id}" interface "${spec.name}"`;
      if (spec.name === '') problems.push(`node "${node.id}": interface ${i} has an empty name`);
      else if (names.has(spec.name)) problems.push(`node "${node.id}": interface name "${spec.name}" is used twice`);
      names.add(spec.name);
      const addressOk = isIpv4Address(spec.address);
      const prefixOk = Number.isInteger(spec.prefixLength) && spec.prefixLength >= 0 && spec.prefixLength <= 32;
      if (!addressOk) problems.push(`${where}: "${spec.address}" is not an IPv4 address`);
      if (!prefixOk) problems.push(`${where}: prefix length must be an integer 0–32 (got ${spec.prefixLength})`);
      if (addressOk && prefixOk && spec.prefixLength <= 30) {
        const hostBits = addressToU32(spec.address) & ~prefixMask(spec.prefixLength);
        const allOnes = ~prefixMask(spec.prefixLength) >>> 0;
        if (hostBits === 0 || hostBits >>> 0 === allOnes) problems.push(`${where}: ${spec.address}/${spec.prefixLength} is the network or broadcast address of its prefix, not a host address`);
      }
      if (addressOk) {
        const owner = addressOwner.get(spec.address);
        if (owner !== undefined) problems.push(`${where}: address ${spec.address} is already used by ${owner}`);
        else addressOwner.set(spec.address, label);
      }
      problems.push(...interfaceIpv6Problems(where, label, spec, ipv6Owner));
      const mac = spec.linkAddress ?? defaultLinkAddress(n, i);
      if (!isLinkAddress(mac) || isGroupLinkAddress(mac)) problems.push(`${where}: "${mac}" is not a unicast link-layer address (six lower-case hex octets, low bit of the first clear)`);
      else if (linkAddressOwner.has(mac)) problems.push(`${where}: link-layer address ${mac} is already used by ${linkAddressOwner.get(mac)}`);
      else linkAddressOwner.set(mac, label);
      if (spec.radio === true && spec.link !== undefined) problems.push(`${where}: a radio interface attaches by position and must not name a link ("${spec.link}")`);
      if (spec.radio === true && !finitePosition(node.position)) problems.push(`${where}: a radio interface needs its node to have a position`);
      if (spec.radio !== true && spec.link === undefined) problems.push(`${where}: has neither a link nor radio: true`);
      if (spec.link !== undefined) {
        if (!links.has(spec.link)) problems.push(`${where}: link "${spec.link}" does not exist`);
        else {
          const members = attached.get(spec.link);
          if (members === undefined) attached.set(spec.link, [label]);
          else members.push(label); // not a copy per member: a segment of thousands stays linear
        }
      }
    });
  });
  for (const link of topology.links) {
    const members = attached.get(link.id) ?? [];
    if (link.kind === 'point-to-point' && members.length !== 2) problems.push(`link "${link.id}": a point-to-point link needs exactly 2 interfaces, has ${members.length}${members.length > 0 ? ` (${members.join(', ')})` : ''}`);
    if (link.kind === 'segment' && members.length === 0) problems.push(`link "${link.id}": no interface is attached to this segment`);
    if (link.kind === 'radio' && members.length !== 1) problems.push(`link "${link.id}": a radio cell needs exactly one access point interface, has ${members.length}${members.length > 0 ? ` (${members.join(', ')})` : ''}`);
  }
  if (problems.length === 0) {
    const index = indexTopology(topology);
    problems.push(...prefixProblems(index), ...prefix6Problems(index));
  }
  return problems;
}

/** Fixed interfaces on a link share its prefix; two links never claim the same prefix. */
function prefixProblems(index: TopologyIndex): string[] {
  const problems: string[] = [];
  const claimedBy = new Map<string, string>();
  for (const [linkId, members] of index.fixedMembers) {
    const prefix = index.prefixes.get(linkId);
    if (prefix === undefined) continue;
    for (const ref of members) {
      const spec = index.topology.nodes[ref.node]!.interfaces[ref.interface]!;
      if (spec.prefixLength !== prefix.prefixLength || networkOf(spec.address, spec.prefixLength) !== prefix.network) {
        problems.push(`node "${index.topology.nodes[ref.node]!.id}" interface "${spec.name}": ${spec.address}/${spec.prefixLength} is not in the prefix of link "${linkId}" (${prefix.network}/${prefix.prefixLength})`);
      }
    }
    const key = `${prefix.network}/${prefix.prefixLength}`;
    const other = claimedBy.get(key);
    if (other !== undefined) problems.push(`links "${other}" and "${linkId}" both use the prefix ${key}`);
    else claimedBy.set(key, linkId);
  }
  return problems;
}

export function assertValidTopology(topology: Topology): TopologyIndex {
  const problems = topologyProblems(topology);
  if (problems.length > 0) throw new TopologyError(problems);
  return indexTopology(topology);
}
