// A correspondent on its LAN, driven directly with hand-built packets (the
// mobile node's side is made here with the wire codecs, never with the
// correspondent's own builders), and readers for what it sends.

import { createHash, createHmac } from 'node:crypto';
import { hmacMd5_96 } from '../../../../crypto/ah-icv';
import type { Frame, NodeConfig, NodeContext, NodeInput, NodeOutput, NodeStep } from '../../../../node/contract';
import { EtherType } from '../../../../node/link-address';
import type { ForwardingTable } from '../../../../node/route-table';
import { createRandom, type RandomSource } from '../../../../random';
import { ipv6Bytes } from '../../../../wire/ipv6/ipv6-address';
import { NextHeader } from '../../../../wire/ipv6/ipv6-header';
import { buildIpv6Packet, parseIpv6Packet, type ParsedIpv6Packet } from '../../../../wire/ipv6/ipv6-packet';
import { emitMobilityHeader, parseMobilityHeader } from '../../../../wire/ipv6/mobility-header';
import type { BindingUpdateMessage, MobilityMessage } from '../../../../wire/ipv6/mobility-messages';
import type { MobilityOption } from '../../../../wire/ipv6/mobility-options';
import { correspondentV6Behaviour, initialCorrespondentV6State, type CorrespondentV6Options, type CorrespondentV6State } from '../correspondent-v6';

export const CN = '2001:db8:100::5';
export const ROUTER = '2001:db8:100::1';
export const HOME = '2001:db8:1::10';
export const COA = '2001:db8:2::10';
export const OTHER_COA = '2001:db8:3::10';
export const KEY = new Uint8Array(16).fill(0x11);
export const SPI = 256;
const CN_MAC = '02:00:00:00:01:05';
const ROUTER_MAC = '02:00:00:00:01:01';

export const NODE: NodeConfig = {
  id: 'CN',
  interfaces: [{ name: 'eth0', address: '198.51.100.5', prefixLength: 24, linkAddress: CN_MAC, radio: false, ipv6: { address: CN, prefixLength: 64 } }],
};

export const TABLE: ForwardingTable = {
  routes: [], neighbours: [],
  routes6: [
    { destination: '2001:db8:100::', prefixLength: 64, interface: 'eth0', nextHop: null, metric: 0, hops: 0 },
    { destination: '::', prefixLength: 0, interface: 'eth0', nextHop: ROUTER, metric: 1000, hops: 1 },
  ],
  neighbours6: [{ interface: 'eth0', address: ROUTER, linkAddress: ROUTER_MAC }],
};

/** A correspondent with the MN–CN association and routes installed. */
export function correspondent(o: Partial<CorrespondentV6Options> = {}): CorrespondentV6State {
  return { ...initialCorrespondentV6State({ address: CN, associations: [{ spi: SPI, peer: 'MN', peerAddresses: [HOME], key: KEY }], ...o }), table: TABLE };
}

export interface Driver {
  state: CorrespondentV6State;
  readonly random: RandomSource;
  /** Every output of the last step. */
  outputs: readonly NodeOutput[];
  step(input: NodeInput<never> | Parameters<typeof correspondentV6Behaviour.handle>[1], now: number): NodeStep<CorrespondentV6State>;
  receive(packet: Uint8Array, now: number): readonly NodeOutput[];
}

export function driver(state: CorrespondentV6State, seed = 1): Driver {
  const random = createRandom(seed);
  const d: Driver = {
    state, random, outputs: [],
    step(input, now) {
      const ctx: NodeContext = { now, node: NODE, random };
      const r = correspondentV6Behaviour.handle(d.state, input, ctx);
      d.state = r.state;
      d.outputs = r.outputs;
      return r;
    },
    receive(packet, now) {
      const frame: Frame = { source: ROUTER_MAC, destination: CN_MAC, etherType: EtherType.IPV6, payload: packet };
      return d.step({ kind: 'frame', interface: 'eth0', frame }, now).outputs;
    },
  };
  return d;
}

export function bindingUpdate(o: Partial<BindingUpdateMessage> = {}): BindingUpdateMessage {
  return { kind: 'binding-update', sequence: 1, acknowledge: true, homeRegistration: false, linkLocalCompatibility: false, keyManagement: false, lifetimeUnits: 10, options: [], ...o };
}

export interface MnPacket {
  readonly message: MobilityMessage;
  readonly source?: string;
  readonly homeAddressOption?: string | null;
  readonly ah?: { readonly spi?: number; readonly sequence: number; readonly key?: Uint8Array };
  /** Binding Authorization Data computed with this Kbm (independently, node:crypto). */
  readonly kbm?: Uint8Array;
}

/** A packet from the mobile node to the correspondent, as the mobile node would build it. */
export function fromMobileNode(p: MnPacket): Uint8Array {
  const source = p.source ?? COA;
  const hao = p.homeAddressOption === undefined ? HOME : p.homeAddressOption;
  return buildIpv6Packet({
    source, destination: CN, hopLimit: 63,
    ...(hao === null ? {} : { homeAddressOption: hao }),
    ...(p.ah === undefined ? {} : { authentication: { spi: p.ah.spi ?? SPI, sequence: p.ah.sequence, icv: (n: Uint8Array) => hmacMd5_96(p.ah!.key ?? KEY, n) } }),
    upper: {
      nextHeader: NextHeader.MOBILITY,
      bytes: (pseudo) => emitMobilityHeader(p.message, pseudo, p.kbm === undefined ? {} : { authorize: (data) => independentBad(p.kbm!, source, CN, data) }),
    },
  });
}

/** RFC 6275 §5.2.5, computed with node:crypto: First(64, HMAC_SHA1(Kcn, address ‖ nonce ‖ which)). */
export function independentToken(kcn: Uint8Array, address: string, nonce: Uint8Array, which: 0 | 1): Uint8Array {
  return new Uint8Array(createHmac('sha1', kcn).update(ipv6Bytes(address)).update(nonce).update(Uint8Array.of(which)).digest()).slice(0, 8);
}

export function independentKbm(home: Uint8Array, careOf?: Uint8Array): Uint8Array {
  const h = createHash('sha1').update(home);
  if (careOf !== undefined) h.update(careOf);
  return new Uint8Array(h.digest());
}

/** RFC 6275 §6.2.7: First(96, HMAC_SHA1(Kbm, care-of address ‖ correspondent ‖ MH data)). */
export function independentBad(kbm: Uint8Array, careOf: string, cn: string, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('sha1', kbm).update(ipv6Bytes(careOf)).update(ipv6Bytes(cn)).update(data).digest()).slice(0, 12);
}

export interface SentPacket {
  readonly packet: ParsedIpv6Packet;
  readonly bytes: Uint8Array;
  readonly mobility?: MobilityMessage;
}

/** The IPv6 packets among `outputs`, parsed (and their Mobility Header). */
export function sent(outputs: readonly NodeOutput[]): SentPacket[] {
  return outputs.flatMap((o) => {
    if (o.kind !== 'transmit') return [];
    const p = parseIpv6Packet(o.frame.payload);
    if (!p.ok) throw new Error(`the correspondent sent a packet that does not parse: ${p.error.reason}`);
    if (p.value.upperNextHeader !== NextHeader.MOBILITY) return [{ packet: p.value, bytes: o.frame.payload }];
    const m = parseMobilityHeader(p.value.upperBytes, 0, p.value.upperBytes.length, { source: p.value.finalSource, destination: p.value.finalDestination });
    if (!m.ok || !m.value.checksumValid) throw new Error('the correspondent sent a Mobility Header that does not parse or has a bad checksum');
    return [{ packet: p.value, bytes: o.frame.payload, mobility: m.value.message }];
  });
}

/** The trace events among `outputs` of one kind. */
export function traces(outputs: readonly NodeOutput[], kind: string): { summary: string; reason?: string; ref: string }[] {
  return outputs.flatMap((o) => (o.kind === 'trace' && o.event.kind === kind ? [o.event] : []));
}

export function option<K extends MobilityOption['kind']>(m: MobilityMessage | undefined, kind: K): Extract<MobilityOption, { kind: K }> | undefined {
  if (m === undefined || m.kind === 'unknown') return undefined;
  return m.options.find((o): o is Extract<MobilityOption, { kind: K }> => o.kind === kind);
}
