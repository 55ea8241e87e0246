// The field tree of a Neighbor Discovery message (RFC 4861 §4.1–§4.4; RFC 6275
// §7.1) and the one-line names a packet list shows. Flags are bit fields with
// their masks, so the inspector highlights the very bit.

import { field, group, hex, type FieldNode } from '../dissection';
import { ok, type WireResult } from '../result';
import { dissectIcmpv6Header, type Ipv6PseudoAddresses } from './icmpv6-header';
import { ipv6NetworkOf } from './ipv6-address';
import { ND_FIXED_LENGTH, ndMessageLength, ndTypeOf, parseNdMessage, type NdMessage, type RouterAdvertisement } from './neighbor-discovery';
import { dissectNdOptions, findAllNdOptions, findNdOption, type NdOption } from './nd-options';

const NAMES: Record<NdMessage['kind'], string> = {
  'router-solicitation': 'Router Solicitation',
  'router-advertisement': 'Router Advertisement',
  'neighbor-solicitation': 'Neighbor Solicitation',
  'neighbor-advertisement': 'Neighbor Advertisement',
};
const REFS: Record<NdMessage['kind'], string> = {
  'router-solicitation': 'RFC 4861 §4.1',
  'router-advertisement': 'RFC 4861 §4.2; RFC 6275 §7.1',
  'neighbor-solicitation': 'RFC 4861 §4.3',
  'neighbor-advertisement': 'RFC 4861 §4.4',
};
/** The options each message defines (RFC 4861 §4.1–§4.4; RFC 6275 §7.3, §7.4 add two to the RA). */
const EXPECTED: Record<NdMessage['kind'], readonly NdOption['kind'][]> = {
  'router-solicitation': ['source-link-layer-address'],
  'router-advertisement': ['source-link-layer-address', 'mtu', 'prefix-information', 'advertisement-interval', 'home-agent-information'],
  'neighbor-solicitation': ['source-link-layer-address'],
  'neighbor-advertisement': ['target-link-layer-address'],
};

function flagsText(pairs: readonly [boolean, string][]): string {
  return pairs.filter(([on]) => on).map(([, l]) => l).join(' ') || 'none';
}

function raFlags(m: RouterAdvertisement): string {
  return flagsText([[m.managed, 'M'], [m.other, 'O'], [m.homeAgent, 'H']]);
}

/** One line for a packet list: "Router Advertisement (H) 2001:db8:1::/64", "Neighbor Solicitation for 2001:db8:2::1". */
export function ndMessageSummary(m: NdMessage): string {
  switch (m.kind) {
    case 'router-solicitation': return NAMES[m.kind];
    case 'router-advertisement': {
      // With R the prefix field is the router's address (RFC 6275 §7.2): the list shows the prefix it lies in.
      const prefixes = findAllNdOptions(m.options, 'prefix-information').map((p) => `${p.prefixLength <= 128 ? ipv6NetworkOf(p.prefix, p.prefixLength) : p.prefix}/${p.prefixLength}`);
      const flags = raFlags(m);
      return [NAMES[m.kind], flags !== 'none' ? `(${flags})` : '', prefixes.join(', ')].filter((s) => s !== '').join(' ');
    }
    case 'neighbor-solicitation': return `${NAMES[m.kind]} for ${m.target}`;
    case 'neighbor-advertisement': {
      const flags = flagsText([[m.router, 'router'], [m.solicited, 'solicited'], [m.override, 'override']]);
      const lla = findNdOption(m.options, 'target-link-layer-address');
      return `${NAMES[m.kind]} ${m.target}${lla !== undefined ? ` is at ${lla.linkAddress}` : ''} (${flags})`;
    }
  }
}

function reservedField(name: string, offset: number, length: number, value: number, ref: string, mask?: number): FieldNode {
  return field(name, offset, length, hex(value, length * 2), { ...(mask !== undefined ? { mask } : {}), ...(value !== 0 ? { warning: `reserved: should be sent as 0 (${ref})` } : {}) });
}

function bit(name: string, offset: number, mask: number, on: boolean, ref: string): FieldNode {
  return field(name, offset, 1, on ? 'set' : 'not set', { mask, ref });
}

function fixedFields(m: NdMessage, o: number): FieldNode[] {
  switch (m.kind) {
    case 'router-solicitation':
      return [reservedField('Reserved', o + 4, 4, m.reserved, 'RFC 4861 §4.1')];
    case 'router-advertisement': {
      const ref = 'RFC 4861 §4.2';
      const octet = (m.managed ? 0x80 : 0) | (m.other ? 0x40 : 0) | (m.homeAgent ? 0x20 : 0) | m.reservedFlags;
      return [
        field('Cur Hop Limit', o + 4, 1, m.curHopLimit === 0 ? '0 (unspecified)' : m.curHopLimit, { ref }),
        group('Flags', o + 5, 1, `${hex(octet, 2)} (${raFlags(m)})`, [
          bit('M: managed address configuration', o + 5, 0x80, m.managed, ref),
          bit('O: other configuration', o + 5, 0x40, m.other, ref),
          bit('H: home agent', o + 5, 0x20, m.homeAgent, 'RFC 6275 §7.1'),
          reservedField('Reserved', o + 5, 1, m.reservedFlags, ref, 0x1f),
        ], { ref: 'RFC 4861 §4.2; RFC 6275 §7.1' }),
        field('Router Lifetime', o + 6, 2, m.routerLifetime === 0 ? '0 (not a default router)' : `${m.routerLifetime} s`, {
          ref, ...(m.routerLifetime > 9000 ? { warning: 'above 9000 s, the largest a router may advertise (RFC 4861 §6.2.1)' } : {}),
        }),
        field('Reachable Time', o + 8, 4, m.reachableTimeMs === 0 ? '0 (unspecified)' : `${m.reachableTimeMs} ms`, { ref }),
        field('Retrans Timer', o + 12, 4, m.retransTimerMs === 0 ? '0 (unspecified)' : `${m.retransTimerMs} ms`, { ref }),
      ];
    }
    case 'neighbor-solicitation':
      return [reservedField('Reserved', o + 4, 4, m.reserved, 'RFC 4861 §4.3'), field('Target Address', o + 8, 16, m.target, { ref: 'RFC 4861 §4.3' })];
    case 'neighbor-advertisement': {
      const ref = 'RFC 4861 §4.4';
      const word = ((m.router ? 0x80000000 : 0) | (m.solicited ? 0x40000000 : 0) | (m.override ? 0x20000000 : 0) | m.reserved) >>> 0;
      return [
        group('Flags', o + 4, 4, `${hex(word, 8)} (${flagsText([[m.router, 'R'], [m.solicited, 'S'], [m.override, 'O']])})`, [
          bit('R: router', o + 4, 0x80, m.router, ref),
          bit('S: solicited', o + 4, 0x40, m.solicited, ref),
          bit('O: override', o + 4, 0x20, m.override, ref),
          field('Reserved', o + 4, 4, hex(m.reserved, 8), { mask: 0x1fffffff, ...(m.reserved !== 0 ? { warning: `reserved: should be sent as 0 (${ref})` } : {}) }),
        ], { ref }),
        field('Target Address', o + 8, 16, m.target, { ref }),
      ];
    }
  }
}

/** Warnings about the message as a whole that the bytes alone show (the IPv6 header checks are `ndValidationProblem`'s). */
function messageProblems(m: NdMessage): string[] {
  const problems: string[] = [];
  if (m.code !== 0) problems.push(`Code ${m.code}: receivers discard a Neighbor Discovery message whose Code is not 0 (RFC 4861 §6.1, §7.1)`);
  if (m.kind === 'router-advertisement' && m.homeAgent && findNdOption(m.options, 'prefix-information') !== undefined && !findAllNdOptions(m.options, 'prefix-information').some((p) => p.routerAddress)) {
    problems.push('H set, but no Prefix Information option carries the router\'s global address (R): receivers cannot learn the home agent\'s address from this advertisement (RFC 6275 §7.2)');
  }
  return problems;
}

/** The field tree of an ND message at [offset, end), checksum checked against `pseudo`. */
export function dissectNdMessage(bytes: Uint8Array, offset: number, end: number, pseudo: Ipv6PseudoAddresses): WireResult<FieldNode> {
  const parsed = parseNdMessage(bytes, offset, end, pseudo);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  const children: FieldNode[] = [
    ...dissectIcmpv6Header(bytes, offset, m.checksumValid === true, REFS[m.kind]),
    ...fixedFields(m, offset),
    ...dissectNdOptions(m.options, offset + ND_FIXED_LENGTH[ndTypeOf(m)]!, NAMES[m.kind], EXPECTED[m.kind]),
  ];
  const problems = messageProblems(m);
  const summary = ndMessageSummary(m).slice(NAMES[m.kind].length).trim() || `${m.options.length} option${m.options.length === 1 ? '' : 's'}`;
  return ok(group(`ICMPv6 ${NAMES[m.kind]}`, offset, ndMessageLength(m), summary, children, {
    ref: REFS[m.kind], ...(problems.length > 0 ? { warning: problems.join('; ') } : {}),
  }));
}
