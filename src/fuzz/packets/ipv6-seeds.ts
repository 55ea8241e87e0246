// IPv6 seed packets for the decoder fuzzer: one of each shape the IPv6 wire
// core builds (docs/ipv6.md §1) — a home registration with Home Address
// option and AH, a route-optimised datagram with a type 2 Routing header, a
// home agent's IPv6-in-IPv6 tunnel, Neighbor Discovery, and a fragment (which
// the lab refuses) — so the walker and the codecs are fuzzed from real IPv6
// even before a built-in scenario sends any.

import { routerSolicitation } from '../../engine/wire/ipv6/icmpv6-builders';
import { NextHeader } from '../../engine/wire/ipv6/ipv6-header';
import { encapsulateIpv6 } from '../../engine/wire/ipv6/ipv6-in-ipv6';
import { buildIpv6Packet } from '../../engine/wire/ipv6/ipv6-packet';
import { emitMobilityHeader } from '../../engine/wire/ipv6/mobility-header';
import { encodeUdp6, udp } from '../../engine/wire/ipv6/udp6';
import type { SeedPacket } from './generate';

const HA = '2001:db8:1::1';
const HOME = '2001:db8:1::10';
const COA = '2001:db8:2::10';
const CN = '2001:db8:100::5';

export function ipv6SeedPackets(): SeedPacket[] {
  const ping = new TextEncoder().encode('ping');
  const bindingUpdate = buildIpv6Packet({
    source: COA, destination: HA, hopLimit: 64, homeAddressOption: HOME,
    authentication: { spi: 256, sequence: 1, icv: () => new Uint8Array(12).fill(0x5a) },
    upper: {
      nextHeader: NextHeader.MOBILITY,
      bytes: (pseudo) => emitMobilityHeader({ kind: 'binding-update', sequence: 1, acknowledge: true, homeRegistration: true, linkLocalCompatibility: false, keyManagement: false, lifetimeUnits: 75, options: [] }, pseudo),
    },
  });
  const routed = buildIpv6Packet({ source: CN, destination: COA, hopLimit: 64, routingHeader2: { homeAddress: HOME }, upper: { nextHeader: NextHeader.UDP, bytes: (p) => encodeUdp6(udp(5000, 7, ping), p) } });
  const direct = buildIpv6Packet({ source: CN, destination: HOME, hopLimit: 64, upper: { nextHeader: NextHeader.UDP, bytes: (p) => encodeUdp6(udp(5000, 7, ping), p) } });
  const tunnelled = encapsulateIpv6(direct, { source: HA, destination: COA, decrementInnerHopLimit: true });
  const rs = buildIpv6Packet({
    source: 'fe80::1', destination: 'ff02::2', hopLimit: 255,
    upper: { nextHeader: NextHeader.ICMPV6, bytes: (p) => routerSolicitation({ ...p, sourceLinkAddress: '02:00:00:00:00:01' }) },
  });
  // IPv6 | Fragment (offset 8, last) | 8 octets: RFC 8200 §4.5.
  const fragment = buildIpv6Packet({ source: COA, destination: CN, hopLimit: 64, upper: { nextHeader: NextHeader.FRAGMENT, bytes: Uint8Array.from([17, 0, 0, 8, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8]) } });
  const seeds: SeedPacket[] = [
    { name: 'IPv6: Binding Update with Home Address option and AH', bytes: bindingUpdate },
    { name: 'IPv6: UDP with a type 2 Routing header', bytes: routed },
    { name: 'IPv6: Router Solicitation', bytes: rs },
    { name: 'IPv6: fragment', bytes: fragment },
  ];
  if (tunnelled.ok) seeds.push({ name: 'IPv6: IPv6 in IPv6 tunnel', bytes: tunnelled.value });
  return seeds;
}
