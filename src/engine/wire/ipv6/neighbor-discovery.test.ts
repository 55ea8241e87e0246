import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldNode } from '../dissection';
import { findNode } from '../mip/test-support/tree';
import { keepingReceivedChecksum } from '../test-support/received-checksum';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, okValue } from '../test-support/laws';
import { icmpv6Codec, icmpv6MessageName } from './icmpv6';
import { formatIpv6 } from './ipv6-address';
import type { NdOption } from './nd-options';
import { ndValidationProblem, parseNdMessage, type NdMessage } from './neighbor-discovery';
import {
  ALL_NODES_A, ALL_ROUTERS_A, COA, COA_SOLICITED, MN_LL, NA_GOLDEN, NS_GOLDEN, RA_GOLDEN, ROUTER_LL, RS_GOLDEN, handChecksum, storedChecksum,
} from './test-support/icmpv6-fixtures';

const RS_PSEUDO = { source: MN_LL.text, destination: ALL_ROUTERS_A.text };
const RA_PSEUDO = { source: ROUTER_LL.text, destination: ALL_NODES_A.text };
const NS_PSEUDO = { source: ROUTER_LL.text, destination: COA_SOLICITED.text };
const NA_PSEUDO = { source: COA.text, destination: ROUTER_LL.text };

const SLLA_ROUTER: NdOption = { kind: 'source-link-layer-address', linkAddress: '02:00:00:00:01:02' };

const RS: NdMessage = { kind: 'router-solicitation', code: 0, reserved: 0, options: [{ kind: 'source-link-layer-address', linkAddress: '02:00:00:00:02:01' }] };
const RA: NdMessage = {
  kind: 'router-advertisement', code: 0, curHopLimit: 64, managed: false, other: false, homeAgent: true, reservedFlags: 0,
  routerLifetime: 1800, reachableTimeMs: 0, retransTimerMs: 0,
  options: [
    SLLA_ROUTER,
    { kind: 'prefix-information', prefixLength: 64, onLink: true, autonomous: true, routerAddress: true, reserved1: 0, validLifetime: 2592000, preferredLifetime: 604800, reserved2: 0, prefix: '2001:db8:1::1' },
    { kind: 'advertisement-interval', reserved: 0, intervalMs: 1000 },
    { kind: 'home-agent-information', reserved: 0, preference: 10, lifetimeS: 1800 },
  ],
};
const NS: NdMessage = { kind: 'neighbor-solicitation', code: 0, reserved: 0, target: COA.text, options: [SLLA_ROUTER] };
const NA: NdMessage = {
  kind: 'neighbor-advertisement', code: 0, router: false, solicited: true, override: true, reserved: 0, target: COA.text,
  options: [{ kind: 'target-link-layer-address', linkAddress: '02:00:00:00:02:01' }],
};

const CASES = [
  ['Router Solicitation (RFC 4861 §4.1)', RS, RS_GOLDEN, RS_PSEUDO, MN_LL.hex, ALL_ROUTERS_A.hex],
  ['Router Advertisement with SLLA, Prefix Information (R), Advertisement Interval, Home Agent Information (RFC 4861 §4.2; RFC 6275 §7)', RA, RA_GOLDEN, RA_PSEUDO, ROUTER_LL.hex, ALL_NODES_A.hex],
  ['Neighbor Solicitation (RFC 4861 §4.3)', NS, NS_GOLDEN, NS_PSEUDO, ROUTER_LL.hex, COA_SOLICITED.hex],
  ['Neighbor Advertisement (RFC 4861 §4.4)', NA, NA_GOLDEN, NA_PSEUDO, COA.hex, ROUTER_LL.hex],
] as const;

const dissect = (bytes: Uint8Array, pseudo: { source: string; destination: string }): FieldNode => okValue(icmpv6Codec(pseudo).dissect(bytes));

describe('Neighbor Discovery messages', () => {
  it.each(CASES)('%s: encodes and decodes the hand-assembled bytes', (_name, m, golden, pseudo) => {
    expectGolden(icmpv6Codec(pseudo), m, golden, { ...m, checksumValid: true });
  });

  it.each(CASES)('%s: the checksum is the hand-summed pseudo-header + message', (_name, _m, golden, _pseudo, src, dst) => {
    expect(handChecksum(src, dst, golden)).toBe(storedChecksum(golden));
  });

  it('binds the checksum to the pseudo-header: other addresses, a bad checksum flag (not a parse error)', () => {
    expect(parseNdMessage(RA_GOLDEN, 0, RA_GOLDEN.length, { source: ROUTER_LL.text, destination: 'ff02::2' })).toMatchObject({ ok: true, value: { kind: 'router-advertisement', checksumValid: false } });
    expect(findNode(dissect(RA_GOLDEN, { source: MN_LL.text, destination: ALL_NODES_A.text }), 'Checksum').warning).toMatch(/bad ICMPv6 checksum/);
  });

  it('shows the RA flags as bit fields, H at mask 0x20 (RFC 6275 §7.1)', () => {
    const tree = dissect(RA_GOLDEN, RA_PSEUDO);
    expect(tree).toMatchObject({ name: 'ICMPv6 Router Advertisement', offset: 0, length: 72, value: '(H) 2001:db8:1::/64' });
    expect(findNode(tree, 'Flags').value).toBe('0x20 (H)');
    expect(findNode(tree, 'H: home agent')).toMatchObject({ offset: 5, length: 1, mask: 0x20, value: 'set', ref: 'RFC 6275 §7.1' });
    expect(findNode(tree, 'M: managed address configuration')).toMatchObject({ mask: 0x80, value: 'not set' });
    expect(findNode(tree, 'Router Lifetime').value).toBe('1800 s');
    expect(findNode(tree, 'Reachable Time').value).toBe('0 (unspecified)');
    expect(tree.children?.filter((c) => c.children !== undefined && c.name !== 'Flags').map((c) => [c.name, c.offset])).toEqual([
      ['Source Link-layer Address', 16], ['Prefix Information', 24], ['Advertisement Interval', 56], ['Home Agent Information', 64],
    ]);
    expect(tree.warning).toBeUndefined();
  });

  it('shows the NA flags R, S, O at masks 0x80, 0x40, 0x20 and the target', () => {
    const tree = dissect(NA_GOLDEN, NA_PSEUDO);
    expect(findNode(tree, 'Flags').value).toBe('0x60000000 (S O)');
    expect(findNode(tree, 'S: solicited')).toMatchObject({ offset: 4, mask: 0x40, value: 'set' });
    expect(findNode(tree, 'R: router')).toMatchObject({ offset: 4, mask: 0x80, value: 'not set' });
    expect(findNode(tree, 'Target Address')).toMatchObject({ offset: 8, length: 16, value: '2001:db8:2::10' });
  });

  it('names each message in one line for a packet list', () => {
    expect(icmpv6MessageName(RS_GOLDEN)).toBe('Router Solicitation');
    expect(icmpv6MessageName(RA_GOLDEN)).toBe('Router Advertisement (H) 2001:db8:1::/64');
    expect(icmpv6MessageName(NS_GOLDEN)).toBe('Neighbor Solicitation for 2001:db8:2::10');
    expect(icmpv6MessageName(NA_GOLDEN)).toBe('Neighbor Advertisement 2001:db8:2::10 is at 02:00:00:00:02:01 (solicited override)');
  });

  it('notes options a message does not define, and keeps them', () => {
    const odd: NdMessage = { ...NS, options: [{ kind: 'mtu', reserved: 0, mtu: 1500 }] };
    const bytes = icmpv6Codec(NS_PSEUDO).parse(encodeWith(odd, NS_PSEUDO));
    expect(bytes).toMatchObject({ ok: true, value: { options: [{ kind: 'mtu', mtu: 1500 }] } });
    expect(findNode(dissect(encodeWith(odd, NS_PSEUDO), NS_PSEUDO), 'MTU').warning).toMatch(/not an option of a Neighbor Solicitation/);
  });

  it('warns about a non-zero Code, a Router Lifetime above 9000 s, and H without a router address in any prefix', () => {
    const odd: NdMessage = {
      ...RA, code: 1, routerLifetime: 9001,
      options: [{ kind: 'prefix-information', prefixLength: 64, onLink: true, autonomous: true, routerAddress: false, reserved1: 0, validLifetime: 60, preferredLifetime: 60, reserved2: 0, prefix: '2001:db8:1::' }],
    };
    const tree = dissect(encodeWith(odd, RA_PSEUDO), RA_PSEUDO);
    expect(tree.warning).toMatch(/Code 1: receivers discard/);
    expect(tree.warning).toMatch(/H set, but no Prefix Information option carries the router's global address \(R\)/);
    expect(findNode(tree, 'Router Lifetime').warning).toMatch(/above 9000 s/);
    expect(findNode(tree, 'Code').warning).toBe('code 1 is not defined for type 134');
  });

  it('refuses a message shorter than its fixed part, naming it', () => {
    expect(parseNdMessage(NS_GOLDEN, 0, 20, NS_PSEUDO)).toEqual({ ok: false, error: { layer: 'Neighbor Discovery', field: 'Neighbor Solicitation header', offset: 0, reason: 'needs 24 octets, only 20 remain' } });
    expect(parseNdMessage(RA_GOLDEN, 0, 12, RA_PSEUDO)).toMatchObject({ ok: false, error: { field: 'Router Advertisement header' } });
  });
});

function encodeWith(m: NdMessage, pseudo: { source: string; destination: string }): Uint8Array {
  const codec = icmpv6Codec(pseudo);
  const out = new Uint8Array(codec.length(m));
  codec.emit(m, out, 0);
  return out;
}

describe('Neighbor Discovery validity (RFC 4861 §6.1.1, §6.1.2, §7.1.1, §7.1.2)', () => {
  const ok255 = (source: string, destination: string) => ({ hopLimit: 255, source, destination });

  it('accepts the golden messages as they would arrive', () => {
    expect(ndValidationProblem(RS, ok255(MN_LL.text, ALL_ROUTERS_A.text))).toBeUndefined();
    expect(ndValidationProblem(RA, ok255(ROUTER_LL.text, ALL_NODES_A.text))).toBeUndefined();
    expect(ndValidationProblem(NS, ok255(ROUTER_LL.text, COA_SOLICITED.text))).toBeUndefined();
    expect(ndValidationProblem(NA, ok255(COA.text, ROUTER_LL.text))).toBeUndefined();
  });

  it('refuses any Hop Limit but 255: the message may have been forwarded', () => {
    expect(ndValidationProblem(RA, { hopLimit: 254, source: ROUTER_LL.text, destination: ALL_NODES_A.text })).toBe('Hop Limit 254, not 255: the message may have been forwarded from off-link (RFC 4861 §6.1.2)');
    expect(ndValidationProblem(NA, { hopLimit: 64, source: COA.text, destination: ROUTER_LL.text })).toMatch(/§7\.1\.2/);
  });

  it('refuses a bad checksum and a non-zero Code', () => {
    expect(ndValidationProblem({ ...RS, checksumValid: false }, ok255(MN_LL.text, ALL_ROUTERS_A.text))).toMatch(/bad ICMPv6 checksum \(RFC 4861 §6\.1\.1\)/);
    expect(ndValidationProblem({ ...NS, code: 1 }, ok255(ROUTER_LL.text, COA_SOLICITED.text))).toBe('ICMP Code 1, not 0 (RFC 4861 §7.1.1)');
  });

  it('refuses an RA whose source is not link-local', () => {
    expect(ndValidationProblem(RA, ok255('2001:db8:1::1', ALL_NODES_A.text))).toBe('source 2001:db8:1::1 is not a link-local address (RFC 4861 §6.1.2)');
  });

  it('refuses SLLA from the unspecified address, and a DAD probe not sent to the solicited-node group', () => {
    expect(ndValidationProblem(RS, ok255('::', ALL_ROUTERS_A.text))).toMatch(/Source Link-layer Address option from the unspecified address/);
    expect(ndValidationProblem({ ...RS, options: [] }, ok255('::', ALL_ROUTERS_A.text))).toBeUndefined();
    expect(ndValidationProblem({ ...NS, options: [] }, ok255('::', ALL_NODES_A.text))).toMatch(/not to the solicited-node address/);
    expect(ndValidationProblem({ ...NS, options: [] }, ok255('::', COA_SOLICITED.text))).toBeUndefined();
    expect(ndValidationProblem(NS, ok255('::', COA_SOLICITED.text))).toMatch(/from the unspecified address/);
  });

  it('refuses a multicast target, and S on an advertisement sent to multicast', () => {
    expect(ndValidationProblem({ ...NS, target: 'ff02::1' }, ok255(ROUTER_LL.text, COA_SOLICITED.text))).toMatch(/Target Address ff02::1 is a multicast address/);
    expect(ndValidationProblem(NA, ok255(COA.text, ALL_NODES_A.text))).toMatch(/Solicited flag is set on an advertisement to multicast ff02::1/);
    expect(ndValidationProblem({ ...NA, solicited: false }, ok255(COA.text, ALL_NODES_A.text))).toBeUndefined();
  });
});

describe('Neighbor Discovery laws', () => {
  const arbAddress = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => formatIpv6(b));
  const arbOptions: fc.Arbitrary<NdOption[]> = fc.array(fc.oneof(
    fc.constant(SLLA_ROUTER),
    fc.record({ kind: fc.constant('mtu' as const), reserved: fc.integer({ min: 0, max: 0xffff }), mtu: fc.nat().map((n) => n >>> 0) }),
    fc.record({ kind: fc.constant('unknown' as const), type: fc.integer({ min: 9, max: 255 }), data: fc.constant(new Uint8Array(6)) }),
  ), { maxLength: 3 });
  const byte = fc.integer({ min: 0, max: 255 });
  const u32 = fc.nat().map((n) => n >>> 0);
  const arbMessage: fc.Arbitrary<NdMessage> = fc.oneof(
    fc.record({ kind: fc.constant('router-solicitation' as const), code: byte, reserved: u32, options: arbOptions }),
    fc.record({
      kind: fc.constant('router-advertisement' as const), code: byte, curHopLimit: byte, managed: fc.boolean(), other: fc.boolean(), homeAgent: fc.boolean(),
      reservedFlags: fc.integer({ min: 0, max: 0x1f }), routerLifetime: fc.integer({ min: 0, max: 0xffff }), reachableTimeMs: u32, retransTimerMs: u32, options: arbOptions,
    }),
    fc.record({ kind: fc.constant('neighbor-solicitation' as const), code: byte, reserved: u32, target: arbAddress, options: arbOptions }),
    fc.record({
      kind: fc.constant('neighbor-advertisement' as const), code: byte, router: fc.boolean(), solicited: fc.boolean(), override: fc.boolean(),
      reserved: fc.integer({ min: 0, max: 0x1fffffff }), target: arbAddress, options: arbOptions,
    }),
  );

  it('round-trips any ND message', () => {
    checkRoundTrip(icmpv6Codec(RA_PSEUDO), arbMessage, (m) => ({ ...m, checksumValid: undefined }));
  });

  it.each(CASES)('%s: a typed error for every truncation, or a shorter message whose checksum is flagged', (_name, _m, golden, pseudo) => {
    checkEveryTruncation(keepingReceivedChecksum(icmpv6Codec(pseudo), 2), golden);
  });

  it('flags the shorter messages that truncation at an option boundary leaves', () => {
    const cuts = [16, 24, 56, 64].map((n) => parseNdMessage(RA_GOLDEN, 0, n, RA_PSEUDO));
    expect(cuts.map((r) => r.ok && r.value.checksumValid)).toEqual([false, false, false, false]);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(icmpv6Codec(RA_PSEUDO), [RS_GOLDEN, RA_GOLDEN, NS_GOLDEN, NA_GOLDEN]);
  });
});
