// Test support for the IPv6 home agent and access router unit tests: the
// nodes' configuration as in the reference scenario (docs/ipv6.md §2
// addressing), a driver that runs one input, and builders of the packets a
// mobile node and a correspondent would send — assembled with the shared
// codecs, which have golden tests of their own.

import type { Frame, NodeBehaviour, NodeConfig, NodeInput, NodeOutput, TraceDraft } from '../../../node/contract';
import { EtherType } from '../../../node/link-address';
import type { ForwardingTable } from '../../../node/route-table';
import { sortRoutes6, type Route6Entry } from '../../../node/route-table6';
import { createRandom } from '../../../random';
import { hmacMd5_96 } from '../../../crypto/ah-icv';
import { linkLocalAddressOf, multicastLinkAddressOf, type Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { buildIpv6Packet, parseIpv6Packet, type ParsedIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { emitMobilityHeader } from '../../../wire/ipv6/mobility-header';
import type { MobilityMessage } from '../../../wire/ipv6/mobility-messages';

export const S = 1_000_000;
export const key = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (x) => parseInt(x, 16));

export const HOME_ADDRESS = '2001:db8:1::10';
export const HA_ADDRESS = '2001:db8:1::1';
export const AR1_ADDRESS = '2001:db8:2::1';
export const CN_ADDRESS = '2001:db8:100::5';
export const COA1 = '2001:db8:2::ff:fe00:510';
export const COA2 = '2001:db8:3::ff:fe00:510';
export const MN_LINK = '02:00:00:00:05:10';
export const R_LINK = '02:00:00:00:0a:01';
export const HA_SA = { spi: 1000, key: key('00112233445566778899aabbccddeeff'), peer: 'MN', peerAddresses: [HOME_ADDRESS] };
export const AR1_SA = { spi: 1002, key: key('a1a2a3a4a5a6a7a8a9aaabacadaeafb0'), peer: 'MN', peerAddresses: [HOME_ADDRESS] };

function route(destination: string, prefixLength: number, iface: string, nextHop: string | null): Route6Entry {
  return { destination, prefixLength, interface: iface, nextHop, metric: 1000, hops: nextHop === null ? 0 : 1 };
}

/** A two-interface router: eth0 towards R (2001:db8:0:n::2), wlan0 on its own link. */
function routerNode(id: string, n: number, lan: string): { node: NodeConfig; table: ForwardingTable } {
  const node: NodeConfig = {
    id,
    interfaces: [
      { name: 'eth0', address: `10.0.${n}.2`, prefixLength: 30, linkAddress: `02:00:00:00:0${n}:01`, radio: false, ipv6: { address: `2001:db8:0:${n}::2`, prefixLength: 64 } },
      { name: 'wlan0', address: `10.${n}.0.1`, prefixLength: 24, linkAddress: `02:00:00:00:0${n}:02`, radio: false, ipv6: { address: lan, prefixLength: 64 } },
    ],
  };
  const own = lan.replace(/::1$/, '::');
  const table: ForwardingTable = {
    routes: [], neighbours: [],
    routes6: sortRoutes6([route(`2001:db8:0:${n}::`, 64, 'eth0', null), route(own, 64, 'wlan0', null), route('::', 0, 'eth0', `2001:db8:0:${n}::1`)]),
    neighbours6: [{ interface: 'eth0', address: `2001:db8:0:${n}::1`, linkAddress: R_LINK }],
  };
  return { node, table };
}

export const HA_NODE = routerNode('HA', 1, HA_ADDRESS);
export const AR1_NODE = routerNode('AR1', 2, AR1_ADDRESS);

/** Runs `behaviour` on a sequence of inputs, each at its time, keeping the state; returns the last step's outputs and all of them. */
export class Driver<S> {
  readonly all: NodeOutput[] = [];
  constructor(private readonly behaviour: NodeBehaviour<S, unknown>, public state: S, private readonly node: NodeConfig) {}

  run(input: NodeInput<unknown>, now: number): NodeOutput[] {
    const step = this.behaviour.handle(this.state, input, { now, node: this.node, random: createRandom(1) });
    this.state = step.state;
    this.all.push(...step.outputs);
    return [...step.outputs];
  }

  frame(iface: string, payload: Uint8Array, now: number, source = R_LINK): NodeOutput[] {
    const frame: Frame = { source, destination: this.node.interfaces.find((i) => i.name === iface)!.linkAddress, etherType: EtherType.IPV6, payload };
    return this.run({ kind: 'frame', interface: iface, frame }, now);
  }
}

export type Transmit = Extract<NodeOutput, { kind: 'transmit' }>;
export const transmits = (o: readonly NodeOutput[]): Transmit[] => o.filter((x): x is Transmit => x.kind === 'transmit');
export const traces = (o: readonly NodeOutput[], kind?: TraceDraft['kind']): TraceDraft[] => o.flatMap((x) => (x.kind === 'trace' && (kind === undefined || x.event.kind === kind) ? [x.event] : []));

export function parsed(t: Transmit): ParsedIpv6Packet {
  const p = parseIpv6Packet(t.frame.payload);
  if (!p.ok) throw new Error(`transmitted bytes do not parse: ${p.error.reason}`);
  return p.value;
}

export { neighborDiscoveryPacket as ndPacket } from './nd-messages';

export const MN_LINK_LOCAL = linkLocalAddressOf(MN_LINK);
export const ALL_NODES_LINK = multicastLinkAddressOf('ff02::1');

export interface BuSpec {
  readonly source: Ipv6Address;
  readonly destination: Ipv6Address;
  readonly homeAddress?: Ipv6Address;
  readonly sequence: number;
  readonly lifetimeUnits: number;
  readonly home?: boolean;
  readonly sa?: { readonly spi: number; readonly key: Uint8Array };
  readonly ahSequence?: number;
}

/** A Binding Update as a mobile node sends it (docs/ipv6.md §1 header order: Destination Options (HAO) | AH | MH). */
export function bindingUpdate(b: BuSpec): Uint8Array {
  const message: MobilityMessage = { kind: 'binding-update', sequence: b.sequence, acknowledge: true, homeRegistration: b.home ?? true, linkLocalCompatibility: false, keyManagement: false, lifetimeUnits: b.lifetimeUnits, options: [] };
  return buildIpv6Packet({
    source: b.source, destination: b.destination, hopLimit: 64,
    ...(b.homeAddress === undefined ? {} : { homeAddressOption: b.homeAddress }),
    ...(b.sa === undefined ? {} : { authentication: { spi: b.sa.spi, sequence: b.ahSequence ?? 1, icv: (n: Uint8Array) => hmacMd5_96(b.sa!.key, n) } }),
    upper: { nextHeader: NextHeader.MOBILITY, bytes: (pseudo) => emitMobilityHeader(message, pseudo) },
  });
}

/** A datagram with no upper layer (Next Header 59), as data in transit. */
export function datagram(source: Ipv6Address, destination: Ipv6Address, hopLimit = 60): Uint8Array {
  return buildIpv6Packet({ source, destination, hopLimit, upper: { nextHeader: NextHeader.NONE, bytes: new Uint8Array(8).fill(0xab) } });
}

/** A mobility message other than a BU (HoT, HoTI) from `source` to `destination`. */
export function mobilityPacket(source: Ipv6Address, destination: Ipv6Address, message: MobilityMessage): Uint8Array {
  return buildIpv6Packet({ source, destination, hopLimit: 64, upper: { nextHeader: NextHeader.MOBILITY, bytes: (pseudo) => emitMobilityHeader(message, pseudo) } });
}

export function tunnel(source: Ipv6Address, destination: Ipv6Address, inner: Uint8Array): Uint8Array {
  return buildIpv6Packet({ source, destination, hopLimit: 64, upper: { nextHeader: NextHeader.IPV6, bytes: inner } });
}
