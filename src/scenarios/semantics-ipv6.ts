// The semantic checks of the IPv6 roles (docs/ipv6.md §2; Perkins & Johnson
// §10), beside semantics.ts: that an IPv6 node has IPv6 addresses, that the
// mobile node, its home agent and its home link agree, that an access router
// serves a cell, that AH associations use HMAC, and that a flow's destination
// is of its sender's family. Each problem is "<path>: <what is wrong>".

import type { LinkPrefix6 } from '../engine/network/topology';
import { isIpv4Address } from '../engine/wire/address';
import { canonicalIpv6, ipv6InPrefix, isIpv6Address, isIpv6LinkLocal, isIpv6Multicast } from '../engine/wire/ipv6/ipv6-address';
import { show, type PathSegment } from './issues';
import { isIpv6Role, type Role, type Scenario, type ScenarioNode } from './schema';
import { homeAddressV6Of, ipv6AddressesOf } from './to-topology-ipv6';

type Report = (path: readonly PathSegment[], message: string) => void;

/** Return routability caps a correspondent binding at MAX_RR_BINDING_LIFETIME (RFC 6275 §12). */
export const MAX_RR_BINDING_LIFETIME_S = 420;

/** Why an IPv6 flow destination names no single node (RFC 4291 §2.5.2, §2.5.3, §2.5.6, §2.7), or undefined. */
export function destination6Problem(address: string): string | undefined {
  const a = canonicalIpv6(address);
  let what: string | undefined;
  if (a === '::') what = 'the unspecified address (RFC 4291 §2.5.2)';
  else if (a === '::1') what = 'the loopback address (RFC 4291 §2.5.3)';
  else if (isIpv6Multicast(a)) what = 'a multicast address (ff00::/8, RFC 4291 §2.7)';
  else if (isIpv6LinkLocal(a)) what = 'a link-local address (fe80::/10, RFC 4291 §2.5.6), which no router forwards';
  return what === undefined ? undefined : `${a} is ${what}; a flow sends to one node, so give it that node's global IPv6 address`;
}

interface Lookup {
  readonly nodes: ReadonlyMap<string, { readonly node: ScenarioNode; readonly index: number }>;
  readonly links: ReadonlySet<string>;
  readonly radioLinks: ReadonlySet<string>;
  readonly prefixes6: ReadonlyMap<string, LinkPrefix6>;
  /** Pairs of nodes that share a security association (pairKey): one pass, so the checks stay linear in the file. */
  readonly pairs: ReadonlySet<string>;
}

/** The same key for (a, b) and (b, a); JSON, so no id can forge another pair's key. */
const pairKey = (a: string, b: string): string => JSON.stringify(a < b ? [a, b] : [b, a]);

function lookupOf(scenario: Scenario, prefixes6: ReadonlyMap<string, LinkPrefix6>): Lookup {
  const nodes = new Map<string, { node: ScenarioNode; index: number }>();
  scenario.nodes.forEach((node, index) => { if (!nodes.has(node.id)) nodes.set(node.id, { node, index }); });
  return {
    nodes,
    links: new Set(scenario.links.map((l) => l.id)),
    radioLinks: new Set(scenario.links.filter((l) => l.kind === 'radio').map((l) => l.id)),
    prefixes6,
    pairs: new Set(scenario.securityAssociations.map((sa) => pairKey(sa.between[0], sa.between[1]))),
  };
}

const serves = (node: ScenarioNode, link: string): boolean => node.interfaces.some((i) => i.link === link);

function mobileNodeChecks(look: Lookup, node: ScenarioNode & { role: 'mobile-node-v6' }, n: number, report: Report): void {
  const at = (...p: PathSegment[]): PathSegment[] => ['nodes', n, 'settings', ...p];
  const s = node.settings;
  const radios = node.interfaces.filter((i) => i.radio === true).length;
  if (radios !== 1) report(['nodes', n, 'interfaces'], `a mobile-node-v6 has exactly one radio interface ("radio": true), which attaches to the cells it is in (has ${radios})`);
  const home = homeAddressV6Of(node);
  if (s.homeAddress !== undefined && !ipv6AddressesOf(node).includes(canonicalIpv6(s.homeAddress))) {
    report(at('homeAddress'), `${show(s.homeAddress)} is not the IPv6 address of any interface of ${show(node.id)}; the mobile node keeps its home address wherever it is (RFC 6275 §2)`);
  }
  if (!look.links.has(s.homeLink)) report(at('homeLink'), `no link ${show(s.homeLink)} in links`);
  else {
    const prefix = look.prefixes6.get(s.homeLink);
    if (prefix === undefined) report(at('homeLink'), `link ${show(s.homeLink)} has no IPv6 prefix: give its home agent's interface there an "ipv6" address`);
    else if (home !== undefined && !ipv6InPrefix(home, prefix.network, prefix.prefixLength)) report(at('homeAddress'), `${home} is not inside the IPv6 prefix of its home link ${show(s.homeLink)} (${prefix.network}/${prefix.prefixLength})`);
  }
  if (s.correspondentAuthentication === 'return-routability' && s.correspondentLifetimeS > MAX_RR_BINDING_LIFETIME_S) {
    report(at('correspondentLifetimeS'), `${s.correspondentLifetimeS} s is longer than a binding authorized by return routability may last (${MAX_RR_BINDING_LIFETIME_S} s, MAX_RR_BINDING_LIFETIME, RFC 6275 §12)`);
  }
  const ha = look.nodes.get(s.homeAgent)?.node;
  if (ha === undefined) report(at('homeAgent'), `no node ${show(s.homeAgent)} in this scenario`);
  else if (ha.role !== 'home-agent-v6') report(at('homeAgent'), `node ${show(s.homeAgent)} is a ${ha.role}; expected a home-agent-v6`);
  else {
    if (!serves(ha, s.homeLink)) report(at('homeAgent'), `home agent ${show(ha.id)} has no interface on the home link ${show(s.homeLink)} (RFC 6275 §2: the home agent is a router on the mobile node's home link)`);
    else if (ha.settings.homeLink !== s.homeLink) report(at('homeLink'), `${show(s.homeLink)} differs from the home link of ${show(ha.id)} (${show(ha.settings.homeLink)})`);
    if (!look.pairs.has(pairKey(node.id, ha.id))) report(at('homeAgent'), `${show(node.id)} has no security association with its home agent ${show(ha.id)}; add one to securityAssociations (home registrations carry AH, RFC 6275 §11.7.1; RFC 4302)`);
  }
}

function roleChecks(scenario: Scenario, look: Lookup, report: Report): void {
  scenario.nodes.forEach((node, n) => {
    if (!isIpv6Role(node.role)) return;
    node.interfaces.forEach((spec, i) => {
      if (spec.ipv6 === undefined) report(['nodes', n, 'interfaces', i], `has no "ipv6" address: a ${node.role} speaks only IPv6, so each of its interfaces needs one, e.g. "ipv6": "2001:db8:1::10/64" (Perkins & Johnson §10)`);
    });
    const at = (...p: PathSegment[]): PathSegment[] => ['nodes', n, 'settings', ...p];
    switch (node.role) {
      case 'mobile-node-v6':
        mobileNodeChecks(look, node, n, report);
        return;
      case 'home-agent-v6':
        if (!look.links.has(node.settings.homeLink)) report(at('homeLink'), `no link ${show(node.settings.homeLink)} in links`);
        else if (!serves(node, node.settings.homeLink)) report(at('homeLink'), `the home agent has no interface on link ${show(node.settings.homeLink)}; a home agent is a router on its home link (RFC 6275 §2)`);
        return;
      case 'access-router-v6':
        if (!node.interfaces.some((i) => i.link !== undefined && look.radioLinks.has(i.link))) report(['nodes', n, 'interfaces'], 'an access-router-v6 serves a radio cell: one of its interfaces must be on a link of kind "radio" (Perkins & Johnson §10)');
        return;
      case 'adversary-v6': {
        const overhears = node.interfaces.some((i) => i.promiscuous === true);
        let last = 0;
        node.settings.actions.forEach((a, k) => {
          if (!look.nodes.has(a.to)) report(at('actions', k, 'to'), `no node ${show(a.to)} in this scenario`);
          if (a.atS > scenario.durationS) report(at('actions', k, 'atS'), `${a.atS} s is after the end of the scenario (durationS ${scenario.durationS})`);
          if (a.atS < last) report(at('actions', k, 'atS'), `${a.atS} s is earlier than the action before it (${last} s); list actions in time order`);
          last = Math.max(last, a.atS);
          if (a.kind !== 'forge-binding-update' && !overhears) report(at('actions', k, 'kind'), `${show(a.kind)} needs something overheard first: give the adversary an interface with "promiscuous": true`);
        });
        return;
      }
      default:
        return;
    }
  });
}

/** AH's ICV is an HMAC (RFC 4302 §2.6; HMAC-MD5-96, RFC 2403; OC-52): an association of an IPv6 node cannot be keyed MD5. */
function associationChecks(scenario: Scenario, look: Lookup, report: Report): void {
  scenario.securityAssociations.forEach((sa, k) => {
    if (sa.algorithm !== 'keyed-md5') return;
    const ipv6 = sa.between.find((id) => { const r = look.nodes.get(id)?.node.role; return r !== undefined && isIpv6Role(r); });
    if (ipv6 !== undefined) report(['securityAssociations', k, 'algorithm'], `"keyed-md5" cannot protect ${show(ipv6)}'s traffic: IPv6 nodes authenticate with AH, whose ICV is an HMAC (RFC 4302 §2.6; HMAC-MD5-96, RFC 2403); use "hmac-md5" or leave it out`);
  });
}

/** The senders of flows: IPv4 ones send IPv4, IPv6 ones IPv6 (docs/ipv6.md §2: nodes with IPv6 roles speak only IPv6). */
export const FLOW_SENDERS: readonly Role[] = ['mobile-node', 'correspondent', 'mobile-node-v6', 'correspondent-v6'];

function flowChecks(scenario: Scenario, look: Lookup, report: Report): void {
  scenario.flows.forEach((f, k) => {
    const sender = look.nodes.get(f.from)?.node;
    const to6 = isIpv6Address(f.to);
    if (to6) {
      const problem = destination6Problem(f.to);
      if (problem !== undefined) report(['flows', k, 'to'], problem);
    }
    if (sender === undefined || !FLOW_SENDERS.includes(sender.role)) return; // semantics.ts reports the sender
    if (isIpv6Role(sender.role) && !to6) report(['flows', k, 'to'], `${show(f.to)} is not an IPv6 address: ${show(f.from)} is a ${sender.role} and speaks only IPv6`);
    if (!isIpv6Role(sender.role) && !isIpv4Address(f.to)) report(['flows', k, 'to'], `${show(f.to)} is not an IPv4 address: ${show(f.from)} is a ${sender.role}, an IPv4 node`);
  });
}

/** Every IPv6 problem; run after the topology checks passed (so link prefixes exist). */
export function ipv6Problems(scenario: Scenario, prefixes6: ReadonlyMap<string, LinkPrefix6>, report: Report): void {
  const look = lookupOf(scenario, prefixes6);
  roleChecks(scenario, look, report);
  associationChecks(scenario, look, report);
  flowChecks(scenario, look, report);
}
