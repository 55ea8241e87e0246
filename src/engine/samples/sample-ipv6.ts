// One instance of every IPv6 message the lab sends (Perkins & Johnson §10;
// docs/ipv6.md §1, §3), each in the header chain it really travels in —
// IPv6 | Routing type 2 | Destination Options (Home Address) | AH | upper
// layer — built with the lab's own codecs and keys from the seed. They follow
// the IPv4 samples in `mip-lab sample-capture`, the decoder page's sample
// picker and the IPv6 tshark conformance test.

import { hmacMd5_96 } from '../crypto/ah-icv';
import { NO_MOBILITY_PARAMETER_PROBLEM_CODE } from '../protocol/ipv6/cn/correspondent-receive'; // the code the lab's correspondent sends (docs/ipv6.md §3)
import { bindingAuthorizationData } from '../crypto/return-routability';
import { icmpv6Error, neighborAdvertisement, neighborSolicitation, routerAdvertisement, routerSolicitation } from '../wire/ipv6/icmpv6-builders';
import { ALL_NODES, ALL_ROUTERS, solicitedNodeAddress, type Ipv6Address } from '../wire/ipv6/ipv6-address';
import { NextHeader } from '../wire/ipv6/ipv6-header';
import { encapsulateIpv6 } from '../wire/ipv6/ipv6-in-ipv6';
import { DEFAULT_HOP_LIMIT, buildIpv6Packet, type Ipv6PacketSpec, type PseudoHeaderAddresses6 } from '../wire/ipv6/ipv6-packet';
import { emitMobilityHeader } from '../wire/ipv6/mobility-header';
import type { MobilityMessage } from '../wire/ipv6/mobility-messages';
import type { MobilityOption } from '../wire/ipv6/mobility-options';
import { ND_HOP_LIMIT } from '../wire/ipv6/neighbor-discovery';
import { encodeUdp6, udp } from '../wire/ipv6/udp6';
import { describeWireError } from '../wire/result';
import type { SamplePacket } from './sample-packets';
import { ADDR6, AR2_LINK_ADDRESS, HA_LINK_ADDRESS, LINKS6, MN_LINK_ADDRESS, createIpv6SampleWorld, type Ipv6Association, type Ipv6SampleWorld } from './sample-ipv6-world';

/** RA timing of the lab's routers: 1 s interval, Router Lifetime 3 s, prefixes valid a day (OC-58; docs/ipv6.md §3). */
const RA = { intervalMs: 1000, routerLifetimeS: 3, prefixLifetimeS: 86_400 } as const;
/** Home registrations ask for 300 s (75 units of 4 s), correspondents 40 s, the previous router 20 s (OC-55, OC-57). */
const UNITS = { home: 75, correspondent: 10, smoothHandoff: 5 } as const;
/** The correspondent's datagram of the IPv4 samples (docs/protocol-notes.md §Test vectors): UDP 5000 → 7, "ping". */
const PING = Uint8Array.of(0x70, 0x69, 0x6e, 0x67);

interface MobilitySpec {
  readonly source: Ipv6Address;
  readonly destination: Ipv6Address;
  readonly homeAddressOption?: Ipv6Address;
  readonly routingHeader2?: Ipv6Address;
  readonly ah?: { readonly sa: Ipv6Association; readonly sequence: number };
  /** Binding Authorization Data under this Kbm, over care-of address ‖ correspondent ‖ MH data (RFC 6275 §6.2.7). */
  readonly bad?: { readonly kbm: Uint8Array; readonly careOf: Ipv6Address; readonly correspondent: Ipv6Address };
  readonly message: MobilityMessage;
}

function mobility(s: MobilitySpec): Uint8Array {
  const spec: Ipv6PacketSpec = {
    source: s.source, destination: s.destination, hopLimit: DEFAULT_HOP_LIMIT,
    ...(s.homeAddressOption === undefined ? {} : { homeAddressOption: s.homeAddressOption }),
    ...(s.routingHeader2 === undefined ? {} : { routingHeader2: { homeAddress: s.routingHeader2 } }),
    ...(s.ah === undefined ? {} : { authentication: { spi: s.ah.sa.spi, sequence: s.ah.sequence, icv: (n: Uint8Array) => hmacMd5_96(s.ah!.sa.key, n) } }),
    upper: {
      nextHeader: NextHeader.MOBILITY,
      bytes: (pseudo) => emitMobilityHeader(s.message, pseudo, s.bad === undefined ? {} : {
        authorize: (mh) => bindingAuthorizationData(s.bad!.kbm, s.bad!.careOf, s.bad!.correspondent, mh),
      }),
    },
  };
  return buildIpv6Packet(spec);
}

function icmp(source: Ipv6Address, destination: Ipv6Address, hopLimit: number, message: (pseudo: PseudoHeaderAddresses6) => Uint8Array): Uint8Array {
  return buildIpv6Packet({ source, destination, hopLimit, upper: { nextHeader: NextHeader.ICMPV6, bytes: message } });
}

function data(source: Ipv6Address, destination: Ipv6Address, extra: Pick<Ipv6PacketSpec, 'homeAddressOption' | 'routingHeader2'>, ports: [number, number]): Uint8Array {
  return buildIpv6Packet({ source, destination, hopLimit: DEFAULT_HOP_LIMIT, ...extra, upper: { nextHeader: NextHeader.UDP, bytes: (p) => encodeUdp6(udp(ports[0], ports[1], PING), p) } });
}

function tunnel(inner: Uint8Array, source: Ipv6Address, destination: Ipv6Address, forwarding: boolean): Uint8Array {
  const r = encapsulateIpv6(inner, { source, destination, decrementInnerHopLimit: forwarding });
  if (!r.ok) throw new Error(`sample IPv6 tunnel refused: ${describeWireError(r.error)}`);
  return r.value;
}

const bu = (sequence: number, homeRegistration: boolean, lifetimeUnits: number, options: readonly MobilityOption[] = []): MobilityMessage =>
  ({ kind: 'binding-update', sequence, acknowledge: true, homeRegistration, linkLocalCompatibility: false, keyManagement: false, lifetimeUnits, options });
const ba = (sequence: number, lifetimeUnits: number): MobilityMessage =>
  ({ kind: 'binding-acknowledgement', status: 0, keyManagement: false, sequence, lifetimeUnits, options: [] });

function discovery(): SamplePacket[] {
  const prefix = (p: Ipv6Address) => [{ prefix: p, prefixLength: 64, onLink: true, autonomous: true, routerAddress: true, validLifetimeS: RA.prefixLifetimeS, preferredLifetimeS: RA.prefixLifetimeS }];
  return [
    { name: 'Router Solicitation (MN → all routers, Source Link-Layer Address)', link: LINKS6.cell2, ref: 'RFC 4861 §4.1, §6.3.7; RFC 6275 §11.5.1',
      bytes: icmp(ADDR6.mnLinkLocal, ALL_ROUTERS, ND_HOP_LIMIT, (p) => routerSolicitation({ ...p, sourceLinkAddress: MN_LINK_ADDRESS })) },
    { name: 'Router Advertisement (HA: H flag, Prefix Information L + A + R, Advertisement Interval, Home Agent Information)', link: LINKS6.home, ref: 'RFC 4861 §4.2; RFC 6275 §7.1–§7.4; RFC 6275 §10',
      bytes: icmp(ADDR6.haLinkLocal, ALL_NODES, ND_HOP_LIMIT, (p) => routerAdvertisement({
        ...p, homeAgent: true, routerLifetimeS: RA.routerLifetimeS, sourceLinkAddress: HA_LINK_ADDRESS, prefixes: prefix(ADDR6.ha),
        advertisementIntervalMs: RA.intervalMs, homeAgentInfo: { preference: 0, lifetimeS: RA.routerLifetimeS },
      })) },
    { name: 'Router Advertisement (AR2: Prefix Information L + A + R, Advertisement Interval)', link: LINKS6.cell2, ref: 'RFC 4861 §4.2; RFC 6275 §7.2, §7.3; Perkins & Johnson §10',
      bytes: icmp(ADDR6.ar2LinkLocal, ALL_NODES, ND_HOP_LIMIT, (p) => routerAdvertisement({
        ...p, routerLifetimeS: RA.routerLifetimeS, sourceLinkAddress: AR2_LINK_ADDRESS, prefixes: prefix(ADDR6.ar2), advertisementIntervalMs: RA.intervalMs,
      })) },
    { name: 'Neighbor Solicitation (AR2 → solicited-node address of the care-of address)', link: LINKS6.cell2, ref: 'RFC 4861 §4.3, §7.2.2',
      bytes: icmp(ADDR6.ar2LinkLocal, solicitedNodeAddress(ADDR6.coa), ND_HOP_LIMIT, (p) => neighborSolicitation({ ...p, target: ADDR6.coa, sourceLinkAddress: AR2_LINK_ADDRESS })) },
    { name: 'Neighbor Advertisement (MN → AR2: S + O, Target Link-Layer Address)', link: LINKS6.cell2, ref: 'RFC 4861 §4.4, §7.2.4',
      bytes: icmp(ADDR6.coa, ADDR6.ar2LinkLocal, ND_HOP_LIMIT, (p) => neighborAdvertisement({ ...p, target: ADDR6.coa, router: false, solicited: true, override: true, targetLinkAddress: MN_LINK_ADDRESS })) },
  ];
}

function homeRegistration(w: Ipv6SampleWorld): SamplePacket[] {
  return [
    { name: 'Binding Update (MN → HA: A + H, Home Address option, AH)', link: LINKS6.mnHa, ref: 'RFC 6275 §11.7.1; RFC 6275 §6.1.7, §6.3, §11.7.1; RFC 4302',
      bytes: mobility({ source: ADDR6.coa, destination: ADDR6.ha, homeAddressOption: ADDR6.home, ah: { sa: w.mnHa, sequence: 7 }, message: bu(7, true, UNITS.home) }) },
    { name: 'Binding Acknowledgement (HA → MN: accepted, type 2 Routing header, AH)', link: LINKS6.mnHa, ref: 'RFC 6275 §6.1.8, §6.4, §10.3.1; RFC 4302',
      bytes: mobility({ source: ADDR6.ha, destination: ADDR6.coa, routingHeader2: ADDR6.home, ah: { sa: w.mnHa, sequence: 7 }, message: ba(7, UNITS.home) }) },
    { name: 'Binding Update (MN → HA: deregistration from home, lifetime 0, AH)', link: LINKS6.home, ref: 'RFC 6275 §11.5.5; RFC 4302',
      bytes: mobility({ source: ADDR6.home, destination: ADDR6.ha, ah: { sa: w.mnHa, sequence: 9 }, message: bu(9, true, 0) }) },
  ];
}

function returnRoutability(w: Ipv6SampleWorld): SamplePacket[] {
  const rr = w.rr;
  const hoti = mobility({ source: ADDR6.home, destination: ADDR6.cn, message: { kind: 'home-test-init', cookie: rr.homeCookie, options: [] } });
  const hot = mobility({ source: ADDR6.cn, destination: ADDR6.home, message: { kind: 'home-test', nonceIndex: rr.homeNonceIndex, cookie: rr.homeCookie, keygenToken: rr.homeToken, options: [] } });
  const rrBu = mobility({
    source: ADDR6.coa, destination: ADDR6.cn, homeAddressOption: ADDR6.home, bad: { kbm: rr.kbm, careOf: ADDR6.coa, correspondent: ADDR6.cn },
    message: bu(12, false, UNITS.correspondent, [{ kind: 'nonce-indices', homeNonceIndex: rr.homeNonceIndex, careOfNonceIndex: rr.careOfNonceIndex }]),
  });
  return [
    { name: 'Home Test Init (MN → CN, reverse-tunnelled through the HA)', link: LINKS6.mnHa, ref: 'RFC 6275 §5.2.3, §6.1.3; RFC 2473 §3',
      bytes: tunnel(hoti, ADDR6.coa, ADDR6.ha, false) },
    { name: 'Care-of Test Init (MN → CN from the care-of address)', link: LINKS6.mnCn, ref: 'RFC 6275 §5.2.3, §6.1.4',
      bytes: mobility({ source: ADDR6.coa, destination: ADDR6.cn, message: { kind: 'care-of-test-init', cookie: rr.careOfCookie, options: [] } }) },
    { name: 'Home Test (CN → MN home address, tunnelled by the HA)', link: LINKS6.toCoa, ref: 'RFC 6275 §5.2.5, §6.1.5; RFC 6275 §10.4.1; RFC 2473 §3',
      bytes: tunnel(hot, ADDR6.ha, ADDR6.coa, true) },
    { name: 'Care-of Test (CN → MN care-of address)', link: LINKS6.mnCn, ref: 'RFC 6275 §5.2.5, §6.1.6',
      bytes: mobility({ source: ADDR6.cn, destination: ADDR6.coa, message: { kind: 'care-of-test', nonceIndex: rr.careOfNonceIndex, cookie: rr.careOfCookie, keygenToken: rr.careOfToken, options: [] } }) },
    { name: 'Binding Update (MN → CN: A, Nonce Indices, Binding Authorization Data)', link: LINKS6.mnCn, ref: 'RFC 6275 §5.2.6, §6.1.7, §6.2.6, §6.2.7',
      bytes: rrBu },
    { name: 'Binding Acknowledgement (CN → MN: accepted, type 2 Routing header, Binding Authorization Data)', link: LINKS6.mnCn, ref: 'RFC 6275 §6.1.8, §6.2.7, §9.5.4',
      bytes: mobility({ source: ADDR6.cn, destination: ADDR6.coa, routingHeader2: ADDR6.home, bad: { kbm: rr.kbm, careOf: ADDR6.coa, correspondent: ADDR6.cn }, message: ba(12, UNITS.correspondent) }) },
    { name: 'ICMPv6 Parameter Problem (CN without route optimization → MN: Pointer at the Next Header naming the Mobility Header)', link: LINKS6.mnCn, ref: 'RFC 6275 §9.2; RFC 4443 §3.4',
      // The Destination Options header at offset 40 names the Mobility Header: the Pointer points at its Next Header field.
      bytes: icmp(ADDR6.cn, ADDR6.coa, DEFAULT_HOP_LIMIT, (p) => icmpv6Error({ kind: 'parameter-problem', code: NO_MOBILITY_PARAMETER_PROBLEM_CODE, pointer: 40 }, rrBu, p)) },
  ];
}

function correspondentBindings(w: Ipv6SampleWorld): SamplePacket[] {
  return [
    { name: 'Binding Update (MN → CN: A, Home Address option, AH: the paper\'s model)', link: LINKS6.mnCn, ref: 'Perkins & Johnson §10; mipv6-07 §4.4, §5.1; RFC 4302',
      bytes: mobility({ source: ADDR6.coa, destination: ADDR6.cn, homeAddressOption: ADDR6.home, ah: { sa: w.mnCn, sequence: 2 }, message: bu(4, false, UNITS.correspondent) }) },
    { name: 'Binding Acknowledgement (CN → MN: accepted, type 2 Routing header, AH)', link: LINKS6.mnCn, ref: 'RFC 6275 §6.1.8, §9.5.4; RFC 4302',
      bytes: mobility({ source: ADDR6.cn, destination: ADDR6.coa, routingHeader2: ADDR6.home, ah: { sa: w.mnCn, sequence: 2 }, message: ba(4, UNITS.correspondent) }) },
    { name: 'Binding Refresh Request (CN → MN, type 2 Routing header)', link: LINKS6.mnCn, ref: 'RFC 6275 §6.1.2, §9.5.5',
      bytes: mobility({ source: ADDR6.cn, destination: ADDR6.coa, routingHeader2: ADDR6.home, message: { kind: 'binding-refresh-request', options: [] } }) },
    { name: 'Binding Error (CN → MN: status 2, unrecognized MH Type)', link: LINKS6.mnCn, ref: 'RFC 6275 §6.1.9, §9.2, §9.3.3',
      bytes: mobility({ source: ADDR6.cn, destination: ADDR6.coa, message: { kind: 'binding-error', status: 2, homeAddress: ADDR6.home, options: [] } }) },
    { name: 'Binding Update (MN → AR1, smooth handoff: previous care-of address in the Home Address option, AH)', link: LINKS6.mnAr1, ref: 'Perkins & Johnson §10; mipv6-07 §10.8; RFC 6275 §11.5.4',
      bytes: mobility({ source: ADDR6.coa, destination: ADDR6.ar1, homeAddressOption: ADDR6.previousCoa, ah: { sa: w.mnAr1, sequence: 1 }, message: bu(1, true, UNITS.smoothHandoff) }) },
  ];
}

function traffic(): SamplePacket[] {
  const toHome = data(ADDR6.cn, ADDR6.home, {}, [5000, 7]);
  return [
    { name: 'Data (CN → MN care-of address, type 2 Routing header: route optimized)', link: LINKS6.mnCn, ref: 'Perkins & Johnson §10; RFC 6275 §6.4, §9.3.2',
      bytes: data(ADDR6.cn, ADDR6.coa, { routingHeader2: { homeAddress: ADDR6.home } }, [5000, 7]) },
    { name: 'Data (MN → CN from the care-of address, Home Address option)', link: LINKS6.mnCn, ref: 'Perkins & Johnson §10; RFC 6275 §6.3, §11.3.1',
      bytes: data(ADDR6.coa, ADDR6.cn, { homeAddressOption: ADDR6.home }, [7, 5000]) },
    { name: 'Data tunnelled by the HA (IPv6 in IPv6)', link: LINKS6.toCoa, ref: 'RFC 6275 §10.4.1; RFC 2473 §3 (inner Hop Limit − 1)',
      bytes: tunnel(toHome, ADDR6.ha, ADDR6.coa, true) },
  ];
}

/** The IPv6 samples, in the order a run meets them: discovery, registration, return routability, bindings, data. */
export function buildIpv6SamplePackets(options: { readonly seed: number }): SamplePacket[] {
  const w = createIpv6SampleWorld(options.seed);
  return [...discovery(), ...homeRegistration(w), ...returnRoutability(w), ...correspondentBindings(w), ...traffic()];
}
