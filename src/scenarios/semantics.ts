// The checks a schema cannot make: that the parts of a scenario refer to each
// other correctly. Run on a scenario that already has the right shape; every
// problem is reported (not only the first), each as "<path>: <what is wrong>".
//
// Every lookup goes through an index built once (Ids below), so the checks
// take time in proportion to the file, whatever its size: a file from anyone
// is validated in the page's main thread.

import { indexTopology, type Topology } from '../engine/network/topology';
import { topologyProblems } from '../engine/network/topology-validation';
import { inPrefix } from '../engine/node/route-table';
import { milliseconds } from '../engine/node/time';
import { broadcastAddresses, destinationProblem } from './destinations';
import { formatPath, show, type PathSegment } from './issues';
import { FLOW_SENDERS, ipv6Problems } from './semantics-ipv6';
import type { Role, Scenario, ScenarioLink, ScenarioNode } from './schema';
import { DEFAULT_MASTER_KEY_SPI, linkPrefixes, scenarioTopology } from './to-topology';

type Report = (path: readonly PathSegment[], message: string) => void;

/** Where each id is, built once per check: a lookup by id costs the same in a file of 5 nodes or 5000. */
interface Ids {
  readonly nodes: ReadonlyMap<string, number>;
  readonly links: ReadonlyMap<string, number>;
  /** Pairs of nodes that share a security association (pairKey). */
  readonly pairs: ReadonlySet<string>;
  /** The first association per (pair, SPI): associationKey → its index. */
  readonly associations: ReadonlyMap<string, number>;
}

/** The same key for (a, b) and (b, a); JSON, so no id can forge another pair's key. */
function pairKey(a: string, b: string): string {
  return JSON.stringify(a < b ? [a, b] : [b, a]);
}

function associationKey(a: string, b: string, spi: number): string {
  return `${pairKey(a, b)}${spi}`;
}

/** First index wins, as a reader scanning the file would find it. */
function firstIndex<T>(list: readonly T[], key: (x: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  list.forEach((x, i) => { if (!out.has(key(x))) out.set(key(x), i); });
  return out;
}

function indexIds(scenario: Scenario): Ids {
  const pairs = new Set<string>();
  const associations = new Map<string, number>();
  scenario.securityAssociations.forEach((sa, k) => {
    pairs.add(pairKey(sa.between[0], sa.between[1]));
    const key = associationKey(sa.between[0], sa.between[1], sa.spi);
    if (!associations.has(key)) associations.set(key, k);
  });
  return { nodes: firstIndex(scenario.nodes, (n) => n.id), links: firstIndex(scenario.links, (l) => l.id), pairs, associations };
}

/** Each id must name one thing only. */
function duplicates(list: readonly { id: string }[], base: string, report: Report): void {
  const first = new Map<string, number>();
  list.forEach((item, i) => {
    const earlier = first.get(item.id);
    if (earlier !== undefined) report([base, i, 'id'], `${show(item.id)} is already the id of ${base}[${earlier}]`);
    else first.set(item.id, i);
  });
}

/**
 * topologyProblems (the network core's own checks) names things by id; map
 * each line back to a path in the file so the author can find it.
 */
function topologyLine(scenario: Scenario, ids: Ids, line: string): string {
  const iface = /^node "([^"]*)" interface "([^"]*)": (.*)$/s.exec(line);
  if (iface !== null) {
    const n = ids.nodes.get(iface[1]!) ?? -1;
    const i = n < 0 ? -1 : scenario.nodes[n]!.interfaces.findIndex((x) => x.name === iface[2]); // at most LIMITS.interfacesPerNode
    if (i >= 0) return `${formatPath(['nodes', n, 'interfaces', i])}: ${iface[3]}`;
  }
  const node = /^node "([^"]*)": (.*)$/s.exec(line);
  if (node !== null) {
    const n = ids.nodes.get(node[1]!);
    if (n !== undefined) return `${formatPath(['nodes', n])}: ${node[2]}`;
  }
  const link = /^link "([^"]*)": (.*)$/s.exec(line);
  if (link !== null) {
    const k = ids.links.get(link[1]!);
    if (k !== undefined) return `${formatPath(['links', k])}: ${link[2]}`;
  }
  return `links/nodes: ${line}`;
}

function structure(scenario: Scenario, ids: Ids, report: Report): boolean {
  let ok = true;
  const r: Report = (p, m) => { ok = false; report(p, m); };
  duplicates(scenario.links, 'links', r);
  duplicates(scenario.nodes, 'nodes', r);
  duplicates(scenario.flows, 'flows', r);
  scenario.nodes.forEach((node, n) => node.interfaces.forEach((spec, i) => {
    if (spec.link !== undefined && !ids.links.has(spec.link)) r(['nodes', n, 'interfaces', i, 'link'], `no link ${show(spec.link)} in links`);
  }));
  return ok;
}

function nodeRef(scenario: Scenario, ids: Ids, id: string, path: readonly PathSegment[], report: Report, roles?: readonly Role[]): ScenarioNode | undefined {
  const n = ids.nodes.get(id);
  const node = n === undefined ? undefined : scenario.nodes[n]!;
  if (node === undefined) {
    report(path, `no node ${show(id)} in this scenario`);
    return undefined;
  }
  if (roles !== undefined && !roles.includes(node.role)) {
    report(path, `node ${show(id)} is a ${node.role}; expected a ${roles.join(' or a ')}`);
    return undefined;
  }
  return node;
}

function linkOf(scenario: Scenario, ids: Ids, id: string | undefined): ScenarioLink | undefined {
  const k = id === undefined ? undefined : ids.links.get(id);
  return k === undefined ? undefined : scenario.links[k];
}

function servesLink(node: ScenarioNode, link: string): boolean {
  return node.interfaces.some((i) => i.link === link);
}

/**
 * A master key stands for the derived keys its administrator handed out
 * (Perkins & Johnson §5): the peers must exist, be nodes a home agent talks to
 * with an MSA (correspondents, foreign agents), and not hold an explicit
 * association under the same SPI, which would contradict the derived one.
 */
function masterKeyChecks(scenario: Scenario, ids: Ids, ha: ScenarioNode & { role: 'home-agent' }, at: (...p: PathSegment[]) => PathSegment[], report: Report): void {
  const s = ha.settings;
  if (s.masterKeyPeers.length > 0 && s.masterKey === undefined) report(at('masterKeyPeers'), 'lists nodes handed a derived key, but the home agent has no masterKey to derive it from');
  const spi = s.masterKeySpi ?? DEFAULT_MASTER_KEY_SPI;
  const seen = new Set<string>();
  s.masterKeyPeers.forEach((peer, k) => {
    if (seen.has(peer)) report(at('masterKeyPeers', k), `${show(peer)} is listed twice`);
    seen.add(peer);
    const node = nodeRef(scenario, ids, peer, at('masterKeyPeers', k), report, ['correspondent', 'foreign-agent']);
    if (node === undefined) return;
    const clash = ids.associations.get(associationKey(peer, ha.id, spi));
    if (clash !== undefined) report(at('masterKeyPeers', k), `${show(peer)} already shares SPI ${spi} with ${show(ha.id)} in securityAssociations[${clash}]; a peer handed the derived key holds it under the master key's SPI — remove one of the two`);
  });
}

function roleChecks(scenario: Scenario, topology: Topology, ids: Ids, report: Report): void {
  const prefixes = linkPrefixes(topology);
  const links = ids.links;
  scenario.nodes.forEach((node, n) => {
    const at = (...p: PathSegment[]): PathSegment[] => ['nodes', n, 'settings', ...p];
    switch (node.role) {
      case 'home-agent':
        if (!links.has(node.settings.homeLink)) report(at('homeLink'), `no link ${show(node.settings.homeLink)} in links`);
        else if (!servesLink(node, node.settings.homeLink)) report(at('homeLink'), `the home agent has no interface on link ${show(node.settings.homeLink)}; a home agent sits on its home link (RFC 2002 §1.5)`);
        masterKeyChecks(scenario, ids, node, at, report);
        const listed = new Set<string>();
        node.settings.foreignAgentPublicKeys.forEach((fa, k) => {
          const agent = nodeRef(scenario, ids, fa, at('foreignAgentPublicKeys', k), report, ['foreign-agent']);
          if (agent?.role === 'foreign-agent' && !agent.settings.hasKeyPair) report(at('foreignAgentPublicKeys', k), `${show(fa)} has no key pair, so there is no public key to know; give it "hasKeyPair": true (Perkins & Johnson §9.3)`);
          if (listed.has(fa)) report(at('foreignAgentPublicKeys', k), `${show(fa)} is listed twice`);
          listed.add(fa);
        });
        return;
      case 'mobile-node': {
        const s = node.settings;
        const home = s.homeAddress ?? (node.interfaces.find((i) => i.radio === true) ?? node.interfaces[0]!).address;
        if (!node.interfaces.some((i) => i.address === home)) report(at('homeAddress'), `${show(home)} is not the address of any interface of ${show(node.id)}; the mobile node keeps its home address wherever it is (RFC 2002 §1.5)`);
        if (!links.has(s.homeLink)) report(at('homeLink'), `no link ${show(s.homeLink)} in links`);
        else {
          const prefix = prefixes.get(s.homeLink);
          if (prefix !== undefined && !inPrefix(home, prefix.network, prefix.prefixLength)) report(at('homeAddress'), `${home} is not inside the prefix of its home link ${show(s.homeLink)} (${prefix.network}/${prefix.prefixLength})`);
        }
        const ha = nodeRef(scenario, ids, s.homeAgent, at('homeAgent'), report, ['home-agent']);
        if (ha !== undefined && ha.role === 'home-agent') {
          if (!servesLink(ha, s.homeLink)) report(at('homeAgent'), `home agent ${show(ha.id)} has no interface on the home link ${show(s.homeLink)} (RFC 2002 §1.5: the home agent is a router on the mobile node's home network)`);
          else if (ha.settings.homeLink !== s.homeLink) report(at('homeLink'), `${show(s.homeLink)} differs from the home link of ${show(ha.id)} (${show(ha.settings.homeLink)})`);
          if (!ids.pairs.has(pairKey(node.id, ha.id))) report(at('homeAgent'), `${show(node.id)} has no security association with its home agent ${show(ha.id)}; add one to securityAssociations (RFC 2002 §3.5.2: every registration carries a Mobile-Home authenticator)`);
        }
        return;
      }
      case 'adversary': {
        const overhears = node.interfaces.some((i) => i.promiscuous === true);
        let last = 0;
        node.settings.actions.forEach((a, k) => {
          nodeRef(scenario, ids, a.to, at('actions', k, 'to'), report);
          if (a.kind === 'spoof-binding-request') nodeRef(scenario, ids, a.as, at('actions', k, 'as'), report);
          if (a.atS > scenario.durationS) report(at('actions', k, 'atS'), `${a.atS} s is after the end of the scenario (durationS ${scenario.durationS})`);
          if (a.atS < last) report(at('actions', k, 'atS'), `${a.atS} s is earlier than the action before it (${last} s); list actions in time order`);
          last = Math.max(last, a.atS);
          if ((a.kind.startsWith('replay') || a.kind.startsWith('tamper')) && !overhears) report(at('actions', k, 'kind'), `${show(a.kind)} needs something overheard first: give the adversary an interface with "promiscuous": true`);
        });
        return;
      }
      default:
        return;
    }
  });
}

function associationChecks(scenario: Scenario, ids: Ids, report: Report): void {
  scenario.securityAssociations.forEach((sa, k) => {
    sa.between.forEach((id, side) => nodeRef(scenario, ids, id, ['securityAssociations', k, 'between', side], report));
    if (sa.between[0] === sa.between[1]) report(['securityAssociations', k, 'between'], `a security association joins two different nodes (both are ${show(sa.between[0])})`);
    // RFC 2002 §1.6: an SA is identified by the pair of nodes and the SPI.
    const earlier = ids.associations.get(associationKey(sa.between[0], sa.between[1], sa.spi))!;
    if (earlier !== k) report(['securityAssociations', k, 'spi'], `SPI ${sa.spi} between ${sa.between.join(' and ')} is already used by securityAssociations[${earlier}]`);
  });
}

function trafficChecks(scenario: Scenario, topology: Topology, ids: Ids, report: Report): void {
  const broadcasts = broadcastAddresses(topology);
  scenario.flows.forEach((f, k) => {
    nodeRef(scenario, ids, f.from, ['flows', k, 'from'], report, FLOW_SENDERS);
    // An IPv6 destination is checked with the IPv6 roles (semantics-ipv6.ts).
    const destination = f.to.includes(':') ? undefined : destinationProblem(f.to, broadcasts);
    if (destination !== undefined) report(['flows', k, 'to'], destination);
    if ((f.count === undefined) === (f.untilS === undefined)) report(['flows', k], 'give exactly one of "count" and "untilS"');
    if (f.untilS !== undefined && f.untilS < f.startS) report(['flows', k, 'untilS'], `${f.untilS} s is before the flow starts (startS ${f.startS})`);
    if (f.untilS !== undefined && f.untilS > scenario.durationS) report(['flows', k, 'untilS'], `${f.untilS} s is after the end of the scenario (durationS ${scenario.durationS})`);
    if (f.startS > scenario.durationS) report(['flows', k, 'startS'], `${f.startS} s is after the end of the scenario (durationS ${scenario.durationS})`);
  });
  let last = 0;
  scenario.moves.forEach((m, k) => {
    const node = nodeRef(scenario, ids, m.node, ['moves', k, 'node'], report);
    if (node !== undefined && !node.interfaces.some((i) => i.radio === true)) report(['moves', k, 'node'], `${show(m.node)} has no radio interface, so moving it changes nothing; only nodes with "radio": true interfaces attach by position`);
    if ('toCellOf' in m) {
      const ap = nodeRef(scenario, ids, m.toCellOf, ['moves', k, 'toCellOf'], report);
      if (ap !== undefined && !ap.interfaces.some((i) => linkOf(scenario, ids, i.link)?.kind === 'radio')) report(['moves', k, 'toCellOf'], `${show(m.toCellOf)} serves no radio cell (none of its interfaces is on a link of kind "radio")`);
    }
    if (m.atS > scenario.durationS) report(['moves', k, 'atS'], `${m.atS} s is after the end of the scenario (durationS ${scenario.durationS})`);
    if (m.atS < last) report(['moves', k, 'atS'], `${m.atS} s is earlier than the move before it (${last} s); list moves in time order`);
    last = Math.max(last, m.atS);
  });
}

/** A fault must name things that exist, a sender that can reach the link, and a time inside the run. */
function faultChecks(scenario: Scenario, ids: Ids, report: Report): void {
  scenario.faults.forEach((f, k) => {
    const at = (...p: PathSegment[]): PathSegment[] => ['faults', k, ...p];
    if (f.atS > scenario.durationS) report(at('atS'), `${f.atS} s is after the end of the scenario (durationS ${scenario.durationS})`);
    if (f.kind === 'reboot') {
      nodeRef(scenario, ids, f.node, at('node'), report, ['foreign-agent']);
      return;
    }
    const link = linkOf(scenario, ids, f.link);
    if (link === undefined) report(at('link'), `no link ${show(f.link)} in links`);
    if (f.kind === 'delay-next' && milliseconds(f.byMs) < 1) report(at('byMs'), `${f.byMs} ms is less than 1 µs, the lab's time step`);
    if (f.kind === 'replace-dh-value-next' && BigInt(`0x${f.exponentHex}`) < 2n) report(at('exponentHex'), `m = ${f.exponentHex} would make g^m 1 or g, a value any receiver refuses or anyone can guess; use at least 2`);
    if (f.from === undefined) return;
    const sender = nodeRef(scenario, ids, f.from, at('from'), report);
    if (sender === undefined || link === undefined) return;
    const reaches = sender.interfaces.some((i) => i.link === f.link || (link.kind === 'radio' && i.radio === true));
    if (!reaches) report(at('from'), `${show(f.from)} has no interface that can send on link ${show(f.link)}, so the fault could never act`);
  });
}

/** Every problem found; empty when the scenario can be loaded. */
export function scenarioProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  const report: Report = (path, message) => problems.push(`${formatPath(path)}: ${message}`);
  const ids = indexIds(scenario);
  if (!structure(scenario, ids, report)) return problems; // later checks look things up by id
  const topology = scenarioTopology(scenario);
  const topologyLines = topologyProblems(topology).map((line) => topologyLine(scenario, ids, line));
  for (const line of topologyLines) problems.push(line);
  if (topologyLines.length > 0) return problems;
  roleChecks(scenario, topology, ids, report);
  ipv6Problems(scenario, indexTopology(topology).prefixes6, report);
  associationChecks(scenario, ids, report);
  trafficChecks(scenario, topology, ids, report);
  faultChecks(scenario, ids, report);
  return problems;
}
