// An IPv6 mobile node driven directly with hand-built inputs: its
// configuration (the reference scenario's addresses, docs/ipv6.md §2), a
// context, router advertisements and other packets made with the shared wire
// codecs — never with the mobile node's own builders — and readers for what
// it sends.

import type { Frame, NodeConfig, NodeContext, NodeInput, NodeOutput, NodeStep } from '../../../../node/contract';
import { EtherType } from '../../../../node/link-address';
import { createRandom } from '../../../../random';
import { ALL_NODES, linkLocalAddressOf, multicastLinkAddressOf, type Ipv6Address } from '../../../../wire/ipv6/ipv6-address';
import { NextHeader } from '../../../../wire/ipv6/ipv6-header';
import { buildIpv6Packet, parseIpv6Packet, type ParsedIpv6Packet } from '../../../../wire/ipv6/ipv6-packet';
import { emitMobilityHeader, parseMobilityHeader } from '../../../../wire/ipv6/mobility-header';
import type { MobilityMessage } from '../../../../wire/ipv6/mobility-messages';
import type { RouterAdvertisement } from '../../../../wire/ipv6/neighbor-discovery';
import { neighborDiscoveryPacket } from '../../common/nd-messages';
import { hmacMd5_96 } from '../../../../crypto/ah-icv';
import { encapsulateIpv6 } from '../../../../wire/ipv6/ipv6-in-ipv6';
import { encodeUdp6 } from '../../../../wire/ipv6/udp6';
import type { LabNodeCommand } from '../../../nodes/common/lab-commands';
import { mobileNodeV6Behaviour } from '../mobile-node-v6';
import { initialMobileNodeV6State, type MobileNodeV6Config, type MobileNodeV6State } from '../mobile-node-v6-state';

export const HOME = '2001:db8:1::10';
export const HA = '2001:db8:1::1';
export const CN = '2001:db8:100::5';
export const AR1 = '2001:db8:2::1';
export const AR2 = '2001:db8:3::1';
export const MN_MAC = '02:00:00:00:05:00';
export const HA_MAC = '02:00:00:00:00:01';
export const AR1_MAC = '02:00:00:00:02:01';
export const AR2_MAC = '02:00:00:00:03:01';
/** prefix + modified EUI-64 of MN_MAC (RFC 4291 App. A: 02 → 00, ff:fe in the middle). */
export const COA1 = '2001:db8:2::ff:fe00:500';
export const COA2 = '2001:db8:3::ff:fe00:500';
export const HA_KEY = new Uint8Array(16).fill(0x01);
export const CN_KEY = new Uint8Array(16).fill(0x02);
export const AR1_KEY = new Uint8Array(16).fill(0x03);

export const NODE: NodeConfig = {
  id: 'MN',
  interfaces: [{ name: 'wlan0', address: '10.1.0.10', prefixLength: 24, linkAddress: MN_MAC, radio: true, ipv6: { address: HOME, prefixLength: 64 } }],
};

export const CONFIG: MobileNodeV6Config = {
  interface: 'wlan0', homeAddress: HOME, homeAgentAddress: HA, homePrefix: { network: '2001:db8:1::', prefixLength: 64 },
  correspondentAuthentication: 'ipsec', routeOptimization: true, smoothHandoff: true,
  requestLifetimeS: 300, correspondentLifetimeS: 40, smoothHandoffLifetimeS: 20,
  associations: [
    { peer: 'HA', peerAddresses: ['2001:db8:0:1::2', HA], spi: 1000, key: HA_KEY },
    { peer: 'CN', peerAddresses: [CN], spi: 1001, key: CN_KEY },
    { peer: 'AR1', peerAddresses: ['2001:db8:0:2::2', AR1], spi: 1002, key: AR1_KEY },
  ],
  echoPort: 7,
};

export function freshState(change: Partial<MobileNodeV6Config> = {}): MobileNodeV6State {
  return initialMobileNodeV6State({ ...CONFIG, ...change });
}

export function ctxAt(nowS: number, seed = 7): NodeContext {
  return { now: Math.round(nowS * 1_000_000), node: NODE, random: createRandom(seed) };
}

export function step(state: MobileNodeV6State, input: NodeInput<LabNodeCommand>, nowS: number): NodeStep<MobileNodeV6State> {
  return mobileNodeV6Behaviour.handle(state, input, ctxAt(nowS));
}

export function frameIn(payload: Uint8Array, source = AR1_MAC, destination = MN_MAC): NodeInput<never> {
  const frame: Frame = { source, destination, etherType: EtherType.IPV6, payload };
  return { kind: 'frame', interface: 'wlan0', frame };
}

export interface RaSpec {
  readonly routerMac: string;
  /** The router's global address (Prefix Information with R: RFC 6275 §7.2). */
  readonly routerGlobal: Ipv6Address;
  readonly prefixLength?: number;
  readonly homeAgent?: boolean;
  readonly routerLifetime?: number;
  readonly slla?: boolean;
  readonly autonomous?: boolean;
  readonly intervalMs?: number;
}

/** A Router Advertisement as RFC 4861 §4.2 and RFC 6275 §7 lay it out, from the router's link-local address to all-nodes. */
export function routerAdvertisement(r: RaSpec): Uint8Array {
  const ra: RouterAdvertisement = {
    kind: 'router-advertisement', code: 0, curHopLimit: 64, managed: false, other: false, homeAgent: r.homeAgent ?? false, reservedFlags: 0,
    routerLifetime: r.routerLifetime ?? 3, reachableTimeMs: 0, retransTimerMs: 0,
    options: [
      ...(r.slla === false ? [] : [{ kind: 'source-link-layer-address' as const, linkAddress: r.routerMac }]),
      {
        kind: 'prefix-information', prefixLength: r.prefixLength ?? 64, onLink: true, autonomous: r.autonomous ?? true, routerAddress: true, reserved1: 0,
        validLifetime: 86_400, preferredLifetime: 86_400, reserved2: 0, prefix: r.routerGlobal,
      },
      ...(r.intervalMs === undefined ? [] : [{ kind: 'advertisement-interval' as const, reserved: 0, intervalMs: r.intervalMs }]),
    ],
  };
  return neighborDiscoveryPacket(linkLocalAddressOf(r.routerMac), ALL_NODES, ra);
}

export const raFromAr1 = (extra: Partial<RaSpec> = {}): NodeInput<never> => frameIn(routerAdvertisement({ routerMac: AR1_MAC, routerGlobal: AR1, intervalMs: 1000, ...extra }), AR1_MAC, multicastLinkAddressOf(ALL_NODES));
export const raFromAr2 = (extra: Partial<RaSpec> = {}): NodeInput<never> => frameIn(routerAdvertisement({ routerMac: AR2_MAC, routerGlobal: AR2, intervalMs: 1000, ...extra }), AR2_MAC, multicastLinkAddressOf(ALL_NODES));
export const raFromHa = (extra: Partial<RaSpec> = {}): NodeInput<never> => frameIn(routerAdvertisement({ routerMac: HA_MAC, routerGlobal: HA, homeAgent: true, intervalMs: 1000, ...extra }), HA_MAC, multicastLinkAddressOf(ALL_NODES));

export interface MobilityIn {
  readonly source: Ipv6Address;
  readonly destination: Ipv6Address;
  readonly routingHeader2?: Ipv6Address;
  readonly message: MobilityMessage;
  readonly ah?: { readonly spi: number; readonly sequence: number; readonly key: Uint8Array };
}

/** A Mobility Header message to the mobile node, as a home agent or correspondent would send it (RFC 6275 §6.1, §6.4). */
export function mobilityPacketTo(m: MobilityIn): Uint8Array {
  return buildIpv6Packet({
    source: m.source, destination: m.destination, hopLimit: 64,
    ...(m.routingHeader2 === undefined ? {} : { routingHeader2: { homeAddress: m.routingHeader2 } }),
    ...(m.ah === undefined ? {} : { authentication: { spi: m.ah.spi, sequence: m.ah.sequence, icv: (n: Uint8Array) => hmacMd5_96(m.ah!.key, n) } }),
    upper: { nextHeader: NextHeader.MOBILITY, bytes: (pseudo) => emitMobilityHeader(m.message, pseudo) },
  });
}

export function transmits(outputs: readonly NodeOutput[]): Extract<NodeOutput, { kind: 'transmit' }>[] {
  return outputs.filter((o): o is Extract<NodeOutput, { kind: 'transmit' }> => o.kind === 'transmit');
}

export function traces(outputs: readonly NodeOutput[], kind?: string): { summary: string; reason?: string; ref: string }[] {
  return outputs.flatMap((o) => (o.kind === 'trace' && (kind === undefined || o.event.kind === kind) ? [o.event] : []));
}

export function parsed(bytes: Uint8Array): ParsedIpv6Packet {
  const p = parseIpv6Packet(bytes);
  if (!p.ok) throw new Error(p.error.reason);
  return p.value;
}

export function mobilityOf(p: ParsedIpv6Packet): MobilityMessage {
  const m = parseMobilityHeader(p.upperBytes, 0, p.upperBytes.length, { source: p.finalSource, destination: p.finalDestination });
  if (!m.ok) throw new Error(m.error.reason);
  if (!m.value.checksumValid) throw new Error('bad Mobility Header checksum');
  return m.value.message;
}

/** The mobile node attached to AR1's cell (care-of address COA1), its home registration sent (not yet answered). */
export function awayInCell1(change: Partial<MobileNodeV6Config> = {}, atS = 1): NodeStep<MobileNodeV6State> {
  return step(freshState(change), raFromAr1(), atS);
}

/** A correspondent's UDP datagram to the home address (RFC 8200 §8.1 checksum), optionally with a type 2 Routing header via `careOf`. */
export function udpFromCn(careOf?: Ipv6Address, payload = new Uint8Array(8)): Uint8Array {
  return buildIpv6Packet({
    source: CN, destination: careOf ?? HOME, hopLimit: 60,
    ...(careOf === undefined ? {} : { routingHeader2: { homeAddress: HOME } }),
    upper: { nextHeader: NextHeader.UDP, bytes: (pseudo) => encodeUdp6({ sourcePort: 5000, destinationPort: 9, payload }, pseudo) },
  });
}

/** `inner` in IPv6 in IPv6 from `entry` to `exit` (RFC 2473), as a home agent or previous router tunnels it. */
export function tunnelled(inner: Uint8Array, entry = HA, exit = COA1): Uint8Array {
  const t = encapsulateIpv6(inner, { source: entry, destination: exit, decrementInnerHopLimit: true });
  if (!t.ok) throw new Error(t.error.reason);
  return t.value;
}
