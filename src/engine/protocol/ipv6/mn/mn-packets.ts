// The packets the IPv6 mobile node builds (docs/ipv6.md §1, §3), assembled
// from the shared codecs — never a second encoder:
// - Router Solicitation (RFC 4861 §4.1, §6.3.7) and Neighbor Advertisement
//   (RFC 4861 §4.4, §7.2.4) as a host: Hop Limit 255 (the shared ND packet
//   builder of common/nd-messages.ts), R clear;
// - Mobility Header messages (RFC 6275 §6.1) from the care-of address with
//   a Home Address option, or from the home address at home, optionally
//   under AH (RFC 4302; HMAC-MD5-96, OC-52) or with Binding Authorization
//   Data (RFC 6275 §6.2.7);
// - a Home Test Init reverse-tunnelled to the home agent (RFC 6275 §5.2.3:
//   inner packet from the home address, outer from the care-of address).

import { hmacMd5_96 } from '../../../crypto/ah-icv';
import { bindingAuthorizationData } from '../../../crypto/return-routability';
import type { InterfaceConfig } from '../../../node/contract';
import { ALL_ROUTERS, linkLocalAddressOf, type Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { encapsulateIpv6 } from '../../../wire/ipv6/ipv6-in-ipv6';
import { DEFAULT_HOP_LIMIT, buildIpv6Packet, type Ipv6PacketSpec } from '../../../wire/ipv6/ipv6-packet';
import { emitMobilityHeader } from '../../../wire/ipv6/mobility-header';
import type { MobilityMessage } from '../../../wire/ipv6/mobility-messages';
import { entryAt, withEntry } from '../../../keyed';
import { neighborDiscoveryPacket } from '../common/nd-messages';
import type { MnAhAssociation, MobileNodeV6State } from './mobile-node-v6-state';

/** RFC 4861 §4.1, §6.3.7: to all-routers from the link-local address, with the Source Link-Layer Address. */
export function routerSolicitationPacket(iface: InterfaceConfig): Uint8Array {
  return neighborDiscoveryPacket(linkLocalAddressOf(iface.linkAddress), ALL_ROUTERS, {
    kind: 'router-solicitation', code: 0, reserved: 0, options: [{ kind: 'source-link-layer-address', linkAddress: iface.linkAddress }],
  });
}

/** RFC 4861 §7.2.4: a host's answer (R clear, S set, O set) from the target address, with the Target Link-Layer Address. */
export function hostNeighborAdvertisementPacket(iface: InterfaceConfig, target: Ipv6Address, destination: Ipv6Address): Uint8Array {
  return neighborDiscoveryPacket(target, destination, {
    kind: 'neighbor-advertisement', code: 0, router: false, solicited: true, override: true, reserved: 0, target,
    options: [{ kind: 'target-link-layer-address', linkAddress: iface.linkAddress }],
  });
}

/** The next outbound AH Sequence Number of an association (RFC 4302 §3.3.2: starts at 1, one more per packet). */
export function takeAhSequence(state: MobileNodeV6State, sa: MnAhAssociation): { readonly state: MobileNodeV6State; readonly sequence: number } {
  const key = String(sa.spi);
  const sequence = ((entryAt(state.ahSequence, key) ?? 0) + 1) >>> 0;
  return { state: { ...state, ahSequence: withEntry(state.ahSequence, key, sequence) }, sequence };
}

export interface MobilitySend {
  /** Address in the IPv6 header: the care-of address away, the home address at home. */
  readonly source: Ipv6Address;
  readonly destination: Ipv6Address;
  /** Adds a Home Address option (RFC 6275 §6.3): the packet's final source. */
  readonly homeAddressOption?: Ipv6Address;
  readonly message: MobilityMessage;
  /** AH under this association and sequence number. */
  readonly ah?: { readonly sa: MnAhAssociation; readonly sequence: number };
  /** Binding Authorization Data with this Kbm (RFC 6275 §6.2.7); the correspondent's address is `destination`. */
  readonly kbm?: Uint8Array;
}

/** A Mobility Header message in its IPv6 packet; the checksum over the final addresses (RFC 6275 §6.1.1). */
export function mobilityPacket(s: MobilitySend): Uint8Array {
  const spec: Ipv6PacketSpec = {
    source: s.source, destination: s.destination, hopLimit: DEFAULT_HOP_LIMIT,
    ...(s.homeAddressOption === undefined ? {} : { homeAddressOption: s.homeAddressOption }),
    ...(s.ah === undefined ? {} : { authentication: { spi: s.ah.sa.spi, sequence: s.ah.sequence, icv: (normalized: Uint8Array) => hmacMd5_96(s.ah!.sa.key, normalized) } }),
    upper: {
      nextHeader: NextHeader.MOBILITY,
      bytes: (pseudo) => emitMobilityHeader(s.message, pseudo, s.kbm === undefined ? {} : {
        // RFC 6275 §6.2.7: HMAC over care-of address ‖ correspondent ‖ MH data; the care-of address is the packet's source.
        authorize: (mh) => bindingAuthorizationData(s.kbm!, s.source, s.destination, mh),
      }),
    },
  };
  return buildIpv6Packet(spec);
}

/** RFC 6275 §5.2.3: the Home Test Init goes from the home address, reverse-tunnelled through the home agent (RFC 2473). */
export function reverseTunnelledPacket(inner: Uint8Array, careOfAddress: Ipv6Address, homeAgent: Ipv6Address): Uint8Array {
  const tunnelled = encapsulateIpv6(inner, { source: careOfAddress, destination: homeAgent, decrementInnerHopLimit: false });
  if (!tunnelled.ok) throw new Error(`cannot tunnel a packet this node built itself: ${tunnelled.error.kind}`);
  return tunnelled.value;
}
