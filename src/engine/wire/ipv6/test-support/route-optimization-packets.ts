// Hand-built IPv6 packets of the route-optimization story (Perkins & Johnson
// §10; docs/ipv6.md §3), made with the wire codecs, for the tests of what
// reads packets for the views, the metrics and the lesson checks. The
// addresses are the built-ins' (docs/ipv6.md §2).

import { flowPayload } from '../../../network/behaviours/udp-datagram';
import { icmpv6Error, routerAdvertisement, routerSolicitation } from '../icmpv6-builders';
import { NextHeader } from '../ipv6-header';
import { encapsulateIpv6 } from '../ipv6-in-ipv6';
import { buildIpv6Packet, type Ipv6PacketSpec } from '../ipv6-packet';
import { emitMobilityHeader } from '../mobility-header';
import type { KnownMobilityMessage } from '../mobility-messages';
import { encodeUdp6, udp } from '../udp6';

export const HA6 = '2001:db8:1::1';
export const HOME6 = '2001:db8:1::10';
export const COA6 = '2001:db8:2::10';
export const AR1_6 = '2001:db8:2::1';
export const CN6 = '2001:db8:100::5';
export const FLOW_PORT = 9000;

const cookie = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
const token = new Uint8Array([9, 10, 11, 12, 13, 14, 15, 16]);

/** Every Mobility Header message, by its kind, with plausible fields. */
export const MOBILITY_MESSAGES: Readonly<Record<KnownMobilityMessage['kind'], KnownMobilityMessage>> = {
  'binding-refresh-request': { kind: 'binding-refresh-request', options: [] },
  'home-test-init': { kind: 'home-test-init', cookie, options: [] },
  'care-of-test-init': { kind: 'care-of-test-init', cookie, options: [] },
  'home-test': { kind: 'home-test', nonceIndex: 1, cookie, keygenToken: token, options: [] },
  'care-of-test': { kind: 'care-of-test', nonceIndex: 2, cookie, keygenToken: token, options: [] },
  'binding-update': { kind: 'binding-update', sequence: 7, acknowledge: true, homeRegistration: false, linkLocalCompatibility: false, keyManagement: false, lifetimeUnits: 10, options: [] },
  'binding-acknowledgement': { kind: 'binding-acknowledgement', status: 0, keyManagement: false, sequence: 7, lifetimeUnits: 10, options: [] },
  'binding-error': { kind: 'binding-error', status: 1, homeAddress: HOME6, options: [] },
};

type Addressing = Pick<Ipv6PacketSpec, 'source' | 'destination' | 'routingHeader2' | 'homeAddressOption' | 'authentication'>;

/** A Mobility Header message in an IPv6 packet, with whatever extension headers `at` asks for. */
export function mobilityPacket(message: KnownMobilityMessage, at: Addressing): Uint8Array {
  return buildIpv6Packet({ ...at, hopLimit: 64, upper: { nextHeader: NextHeader.MOBILITY, bytes: (p) => emitMobilityHeader(message, p) } });
}

/** Datagram `sequence` of traffic flow `flow` (network/behaviours/udp-datagram.ts payload) in UDP over IPv6. */
export function flowPacket(flow: string, sequence: number, at: Addressing): Uint8Array {
  const payload = flowPayload(flow, sequence, 64);
  return buildIpv6Packet({ ...at, hopLimit: 64, upper: { nextHeader: NextHeader.UDP, bytes: (p) => encodeUdp6(udp(FLOW_PORT, FLOW_PORT, payload), p) } });
}

/** `inner` in an IPv6-in-IPv6 tunnel (RFC 2473) from `source` to `destination`. */
export function tunnel6(inner: Uint8Array, source: string, destination: string): Uint8Array {
  const r = encapsulateIpv6(inner, { source, destination, decrementInnerHopLimit: true });
  if (!r.ok) throw new Error(`cannot tunnel: ${r.error.reason}`);
  return r.value;
}

/** An AH whose ICV is 12 zero octets: enough for readers that do not verify it. */
export const UNCHECKED_AH = { spi: 0x100, sequence: 1, icv: () => new Uint8Array(12) };

export function routerAdvertisementPacket(): Uint8Array {
  return buildIpv6Packet({
    source: 'fe80::1', destination: 'ff02::1', hopLimit: 255,
    upper: { nextHeader: NextHeader.ICMPV6, bytes: (p) => routerAdvertisement({ ...p, routerLifetimeS: 1800, sourceLinkAddress: '02:00:00:00:00:01', prefixes: [] }) },
  });
}

export function routerSolicitationPacket(): Uint8Array {
  return buildIpv6Packet({ source: 'fe80::10', destination: 'ff02::2', hopLimit: 255, upper: { nextHeader: NextHeader.ICMPV6, bytes: (p) => routerSolicitation({ ...p }) } });
}

/** The correspondent's Parameter Problem (code 1, unrecognized Next Header) about `offending` (RFC 4443 §3.4). */
export function parameterProblemPacket(offending: Uint8Array, from: string, to: string): Uint8Array {
  return buildIpv6Packet({
    source: from, destination: to, hopLimit: 64,
    upper: { nextHeader: NextHeader.ICMPV6, bytes: (p) => icmpv6Error({ kind: 'parameter-problem', code: 1, pointer: 6 }, offending, p) },
  });
}
