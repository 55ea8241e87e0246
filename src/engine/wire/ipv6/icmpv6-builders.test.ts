import { describe, expect, it } from 'vitest';
import { concatBytes } from '../bytes';
import { bytesToHex, hexToBytes, okValue } from '../test-support/laws';
import { parseIcmpv6 } from './icmpv6';
import {
  ICMPV6_ERROR_QUOTE_LIMIT, echoReply, echoRequest, icmpv6Error, neighborAdvertisement, neighborSolicitation, routerAdvertisement, routerSolicitation,
} from './icmpv6-builders';
import {
  ALL_NODES_A, ALL_ROUTERS_A, CN, COA, COA_SOLICITED, DEST_UNREACHABLE_HEAD, ECHO_GOLDEN, INVOKING, MN_HOME, MN_LL, NA_GOLDEN, NS_GOLDEN,
  PACKET_TOO_BIG_HEAD, PARAMETER_PROBLEM_HEAD, RA_GOLDEN, ROUTER_LL, ROUTER_P2P, RS_GOLDEN, TIME_EXCEEDED_HEAD, handChecksum, storedChecksum,
} from './test-support/icmpv6-fixtures';

const ERR_PSEUDO = { source: ROUTER_P2P.text, destination: CN.text };

describe('ICMPv6 builders (the bytes the IPv6 nodes send)', () => {
  it('builds the Router Solicitation a mobile node sends after attaching (RFC 4861 §4.1)', () => {
    const bytes = routerSolicitation({ source: MN_LL.text, destination: ALL_ROUTERS_A.text, sourceLinkAddress: '02:00:00:00:02:01' });
    expect(bytesToHex(bytes)).toBe(bytesToHex(RS_GOLDEN));
  });

  it('builds a home agent\'s Router Advertisement: H, SLLA, Prefix Information with R, Advertisement Interval, Home Agent Information', () => {
    const bytes = routerAdvertisement({
      source: ROUTER_LL.text, destination: ALL_NODES_A.text, homeAgent: true, routerLifetimeS: 1800, sourceLinkAddress: '02:00:00:00:01:02',
      prefixes: [{ prefix: '2001:db8:1::1', prefixLength: 64, routerAddress: true, validLifetimeS: 2592000, preferredLifetimeS: 604800 }],
      advertisementIntervalMs: 1000, homeAgentInfo: { preference: 10, lifetimeS: 1800 },
    });
    expect(bytesToHex(bytes)).toBe(bytesToHex(RA_GOLDEN));
  });

  it('builds an access router\'s RA without H, with an MTU option before the prefix (RFC 4861 §4.2)', () => {
    const bytes = routerAdvertisement({
      source: ROUTER_LL.text, destination: ALL_NODES_A.text, routerLifetimeS: 3, sourceLinkAddress: '02:00:00:00:01:02', mtu: 1500,
      prefixes: [{ prefix: '2001:db8:2::1', prefixLength: 64, routerAddress: true, validLifetimeS: 30, preferredLifetimeS: 30 }],
    });
    // Fixed part: Cur Hop Limit 64, no flags, Router Lifetime 3; then SLLA, MTU 1500, Prefix Information.
    expect(bytesToHex(bytes.subarray(4, 16))).toBe('40 00 00 03 00 00 00 00 00 00 00 00');
    expect(bytesToHex(bytes.subarray(24, 32))).toBe('05 01 00 00 00 00 05 dc');
    expect(bytesToHex(bytes.subarray(32, 36))).toBe('03 04 40 e0');
    expect(bytes.length).toBe(64);
    expect(handChecksum(ROUTER_LL.hex, ALL_NODES_A.hex, bytes)).toBe(storedChecksum(bytes));
  });

  it('builds the Neighbor Solicitation and the Neighbor Advertisement that answers it (RFC 4861 §4.3, §4.4)', () => {
    expect(bytesToHex(neighborSolicitation({ source: ROUTER_LL.text, destination: COA_SOLICITED.text, target: COA.text, sourceLinkAddress: '02:00:00:00:01:02' }))).toBe(bytesToHex(NS_GOLDEN));
    expect(bytesToHex(neighborAdvertisement({ source: COA.text, destination: ROUTER_LL.text, target: COA.text, router: false, solicited: true, override: true, targetLinkAddress: '02:00:00:00:02:01' }))).toBe(bytesToHex(NA_GOLDEN));
  });

  it('builds each error quoting the invoking packet (RFC 4443 §3)', () => {
    expect(bytesToHex(icmpv6Error({ kind: 'time-exceeded', code: 0 }, INVOKING, ERR_PSEUDO))).toBe(bytesToHex(concatBytes(TIME_EXCEEDED_HEAD, INVOKING)));
    expect(bytesToHex(icmpv6Error({ kind: 'destination-unreachable', code: 3 }, INVOKING, ERR_PSEUDO))).toBe(bytesToHex(concatBytes(DEST_UNREACHABLE_HEAD, INVOKING)));
    expect(bytesToHex(icmpv6Error({ kind: 'packet-too-big', mtu: 1280 }, INVOKING, ERR_PSEUDO))).toBe(bytesToHex(concatBytes(PACKET_TOO_BIG_HEAD, INVOKING)));
    expect(bytesToHex(icmpv6Error({ kind: 'parameter-problem', code: 1, pointer: 6 }, INVOKING, ERR_PSEUDO))).toBe(bytesToHex(concatBytes(PARAMETER_PROBLEM_HEAD, INVOKING)));
  });

  it('quotes no more than fits in 1280 octets with the headers of the error itself (RFC 4443 §2.4 (c))', () => {
    const big = new Uint8Array(1500).map((_, i) => i & 0xff);
    big.set(INVOKING.subarray(0, 40));
    const plain = icmpv6Error({ kind: 'packet-too-big', mtu: 1280 }, big, ERR_PSEUDO);
    expect(ICMPV6_ERROR_QUOTE_LIMIT).toBe(1232);
    expect(plain.length).toBe(1240); // 40 + 1240 = 1280: the minimum IPv6 MTU exactly
    expect(bytesToHex(plain.subarray(8))).toBe(bytesToHex(big.subarray(0, 1232)));
    // Under a 24-octet type 2 Routing header the quote shrinks by as much.
    expect(icmpv6Error({ kind: 'packet-too-big', mtu: 1280 }, big, ERR_PSEUDO, 64).length).toBe(1216);
    expect(okValue(parseIcmpv6(plain, 0, plain.length, ERR_PSEUDO))).toMatchObject({ kind: 'packet-too-big', checksumValid: true });
  });

  it('builds Echo Request and Reply (RFC 4443 §4.1, §4.2)', () => {
    const data = hexToBytes('70 69 6e 67');
    expect(bytesToHex(echoRequest({ source: CN.text, destination: MN_HOME.text, identifier: 0x1234, sequenceNumber: 1, data }))).toBe(bytesToHex(ECHO_GOLDEN));
    const reply = echoReply({ source: MN_HOME.text, destination: CN.text, identifier: 0x1234, sequenceNumber: 1, data });
    expect(bytesToHex(reply)).toBe('81 00 31 2b 12 34 00 01 70 69 6e 67');
    expect(handChecksum(MN_HOME.hex, CN.hex, reply)).toBe(storedChecksum(reply));
  });

  it('refuses what the specs forbid, saying why', () => {
    expect(() => routerSolicitation({ source: '::', destination: ALL_ROUTERS_A.text, sourceLinkAddress: '02:00:00:00:02:01' })).toThrow(/unspecified address must not carry/);
    expect(() => neighborSolicitation({ source: '::', destination: COA_SOLICITED.text, target: COA.text, sourceLinkAddress: '02:00:00:00:02:01' })).toThrow(/RFC 4861 §4\.3/);
    const ra = { source: ROUTER_LL.text, destination: ALL_NODES_A.text, sourceLinkAddress: '02:00:00:00:01:02', prefixes: [] };
    expect(() => routerAdvertisement({ ...ra, routerLifetimeS: 9001 })).toThrow(/outside 0–9000/);
    expect(() => routerAdvertisement({ ...ra, routerLifetimeS: 10, homeAgentInfo: { preference: 0, lifetimeS: 0 } })).toThrow(/Home Agent Lifetime 0 s/);
    expect(() => routerAdvertisement({ ...ra, routerLifetimeS: 10, mtu: 1000 })).toThrow(/below the IPv6 minimum/);
    expect(() => routerAdvertisement({ ...ra, routerLifetimeS: 10, prefixes: [{ prefix: '2001:db8::', prefixLength: 64, validLifetimeS: 10, preferredLifetimeS: 20 }] })).toThrow(/Preferred ≤ Valid/);
    expect(() => routerAdvertisement({ ...ra, routerLifetimeS: 10, sourceLinkAddress: 'eth0' })).toThrow(/not a link-layer address/);
  });
});
