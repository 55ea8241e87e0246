// Does Wireshark read the IPv6 packets the lab builds (docs/ipv6.md §1, OC-51)
// the way RFC 8200, RFC 6275 §6 and RFC 2473 say? The packets come from the
// engine's builders; tshark — an implementation we did not write — decodes
// them with UDP checksum validation on.

import { beforeAll, describe, expect, it } from 'vitest';
import { encodePcapng, LinkType } from '../engine/capture/pcapng';
import { hmacMd5_96 } from '../engine/crypto/ah-icv';
import { NextHeader } from '../engine/wire/ipv6/ipv6-header';
import { encapsulateIpv6 } from '../engine/wire/ipv6/ipv6-in-ipv6';
import { buildIpv6Packet } from '../engine/wire/ipv6/ipv6-packet';
import { emitMobilityHeader } from '../engine/wire/ipv6/mobility-header';
import { encodeUdp6, udp } from '../engine/wire/ipv6/udp6';
import { okValue } from '../engine/wire/test-support/laws';
import { fieldValue, fieldValues, problems, readWithTshark, tsharkAvailable, type TsharkFrame } from './tshark';

const NO_TSHARK = !tsharkAvailable();
const SUITE = `IPv6 wire core read by tshark${NO_TSHARK ? ' — SKIPPED: tshark not found on PATH' : ''}`;

const HA = '2001:db8:1::1';
const HOME = '2001:db8:1::10';
const COA = '2001:db8:2::10';
const PEER_HOME = '2001:db8:1::20';
const PEER_COA = '2001:db8:3::20';
const CN = '2001:db8:100::5';
const ping = new TextEncoder().encode('ping');

const PACKETS = [
  // 0: IPv6 | RH2 | DestOpt(HAO) | UDP, checksum over the home addresses.
  buildIpv6Packet({ source: COA, destination: PEER_COA, hopLimit: 64, routingHeader2: { homeAddress: PEER_HOME }, homeAddressOption: HOME, upper: { nextHeader: NextHeader.UDP, bytes: (p) => encodeUdp6(udp(5000, 7, ping), p) } }),
  // 1: the home agent's tunnel to the care-of address.
  okValue(encapsulateIpv6(buildIpv6Packet({ source: CN, destination: HOME, hopLimit: 64, upper: { nextHeader: NextHeader.UDP, bytes: (p) => encodeUdp6(udp(5000, 7, ping), p) } }), { source: HA, destination: COA, decrementInnerHopLimit: true })),
  // 2: a home registration: HAO, AH, Binding Update.
  buildIpv6Packet({
    source: COA, destination: HA, hopLimit: 64, homeAddressOption: HOME,
    authentication: { spi: 256, sequence: 1, icv: (n) => hmacMd5_96(new Uint8Array(16).fill(0x0b), n) },
    upper: { nextHeader: NextHeader.MOBILITY, bytes: (p) => emitMobilityHeader({ kind: 'binding-update', sequence: 9, acknowledge: true, homeRegistration: true, linkLocalCompatibility: false, keyManagement: false, lifetimeUnits: 75, options: [] }, p) },
  }),
];

describe(SUITE, () => {
  let frames: TsharkFrame[] = [];
  beforeAll(async () => {
    if (NO_TSHARK) return;
    frames = await readWithTshark(encodePcapng({
      application: 'mip-lab IPv6 conformance test',
      interfaces: [{ name: 'raw', description: 'raw IP (IPv6)', linkType: LinkType.RAW }],
      packets: PACKETS.map((bytes, i) => ({ interfaceId: 0, timeMicros: i, bytes })),
    }));
  });

  it.skipIf(NO_TSHARK)('reads the type 2 Routing header, the Home Address option and a UDP checksum that verifies over the home addresses', () => {
    const f = frames[0]!;
    expect(f.protocols).toEqual(['raw', 'ipv6', 'ipv6.routing', 'ipv6.dstopts', 'udp', 'echo']);
    expect(fieldValue(f, 'ipv6.routing.type')).toBe('2');
    expect(fieldValue(f, 'ipv6.routing.segleft')).toBe('1');
    expect(fieldValue(f, 'ipv6.routing.mipv6.home_address')).toBe(PEER_HOME);
    expect(fieldValue(f, 'ipv6.opt.mipv6.home_address')).toBe(HOME);
    expect(fieldValue(f, 'udp.checksum')).toBe('0xb1d2');
    expect(fieldValue(f, 'udp.checksum.status')).toBe('1'); // good
    expect(problems(f)).toEqual([]);
  });

  it.skipIf(NO_TSHARK)('reads the IPv6-in-IPv6 tunnel: outer next header 41, the inner Hop Limit one less', () => {
    const f = frames[1]!;
    expect(fieldValues(f, 'ipv6.nxt')).toEqual(['41', '17']);
    expect(fieldValues(f, 'ipv6.src')).toEqual([HA, CN]);
    expect(fieldValues(f, 'ipv6.dst')).toEqual([COA, HOME]);
    expect(fieldValues(f, 'ipv6.hlim')).toEqual(['64', '63']);
    expect(fieldValue(f, 'udp.checksum.status')).toBe('1');
    expect(problems(f)).toEqual([]);
  });

  it.skipIf(NO_TSHARK)('reads a home registration: Home Address option, AH with a 12-octet ICV, then the Binding Update', () => {
    const f = frames[2]!;
    expect(fieldValue(f, 'ipv6.dstopts.nxt')).toBe('51');
    expect(fieldValue(f, 'ah.length')).toBe('4');
    expect(fieldValue(f, 'ah.spi')).toBe('0x00000100');
    expect(fieldValue(f, 'ah.icv')?.split(':')).toHaveLength(12);
    expect(fieldValue(f, 'ah.next_header')).toBe('135');
    expect(fieldValue(f, 'mip6.mhtype')).toBe('5');
    expect(fieldValue(f, 'mip6.bu.seqnr')).toBe('9');
    expect(problems(f)).toEqual([]);
  });
});
