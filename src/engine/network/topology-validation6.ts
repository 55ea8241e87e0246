// The IPv6 checks of a dual-stack topology (docs/ipv6.md §2, OC-50), in the
// words of topology-validation.ts: each problem names the node, interface or
// link at fault, so the scenario checks can map it back to a path in the file.

import { canonicalIpv6, ipv6InPrefix, isIpv6Address, isIpv6LinkLocal, isIpv6Multicast } from '../wire/ipv6/ipv6-address';
import type { InterfaceSpec, TopologyIndex } from './topology';

/** Why `address` cannot be an interface's global address (RFC 4291 §2.5.2, §2.5.3, §2.5.6, §2.7), or undefined. */
function notAssignable(address: string): string | undefined {
  const canonical = canonicalIpv6(address);
  if (canonical === '::') return 'is the unspecified address (RFC 4291 §2.5.2), which no interface may have';
  if (canonical === '::1') return 'is the loopback address (RFC 4291 §2.5.3), which no interface on a link may have';
  if (isIpv6Multicast(canonical)) return 'is a multicast address (ff00::/8, RFC 4291 §2.7): it names a group, not an interface';
  if (isIpv6LinkLocal(canonical)) return 'is a link-local address (fe80::/10, RFC 4291 §2.5.6): every interface forms its own from its link-layer address, so give a global address here';
  return undefined;
}

/**
 * The problems of one interface's `ipv6`, given where it is ("node … interface …"),
 * its label ("node/iface") and the owners of the addresses seen so far (canonical text → label).
 */
export function interfaceIpv6Problems(where: string, label: string, spec: InterfaceSpec, owners: Map<string, string>): string[] {
  const v6 = spec.ipv6;
  if (v6 === undefined) return [];
  const out: string[] = [];
  const addressOk = typeof v6.address === 'string' && isIpv6Address(v6.address);
  if (!addressOk) out.push(`${where}: "${String(v6.address)}" is not an IPv6 address (eight groups of 1–4 hex digits, "::" for a run of zero groups, e.g. "2001:db8:1::1")`);
  if (!(Number.isInteger(v6.prefixLength) && v6.prefixLength >= 1 && v6.prefixLength <= 128)) out.push(`${where}: IPv6 prefix length must be an integer 1–128 (got ${v6.prefixLength})`);
  if (!addressOk) return out;
  const why = notAssignable(v6.address);
  if (why !== undefined) out.push(`${where}: IPv6 address ${canonicalIpv6(v6.address)} ${why}`);
  const canonical = canonicalIpv6(v6.address);
  const owner = owners.get(canonical);
  if (owner !== undefined) out.push(`${where}: IPv6 address ${canonical} is already used by ${owner}`);
  else owners.set(canonical, label);
  return out;
}

/** Fixed interfaces with IPv6 on a link share one IPv6 prefix; two links never claim the same one. */
export function prefix6Problems(index: TopologyIndex): string[] {
  const problems: string[] = [];
  const claimedBy = new Map<string, string>();
  for (const [linkId, members] of index.fixedMembers) {
    const prefix = index.prefixes6.get(linkId);
    if (prefix === undefined) continue;
    for (const ref of members) {
      const node = index.topology.nodes[ref.node]!;
      const v6 = node.interfaces[ref.interface]!.ipv6;
      if (v6 === undefined) continue; // an IPv4-only host may share a dual-stack link
      if (v6.prefixLength !== prefix.prefixLength || !ipv6InPrefix(v6.address, prefix.network, prefix.prefixLength)) {
        problems.push(`node "${node.id}" interface "${node.interfaces[ref.interface]!.name}": ${canonicalIpv6(v6.address)}/${v6.prefixLength} is not in the IPv6 prefix of link "${linkId}" (${prefix.network}/${prefix.prefixLength}); a link has one IPv6 prefix`);
      }
    }
    const key = `${prefix.network}/${prefix.prefixLength}`;
    const other = claimedBy.get(key);
    if (other !== undefined) problems.push(`link "${linkId}": its IPv6 prefix ${key} is already the prefix of link "${other}"; two links never share a prefix`);
    else claimedBy.set(key, linkId);
  }
  return problems;
}
