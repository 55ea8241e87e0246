// The packets the IPv6 correspondent builds (RFC 8200 §4.1 header order; RFC 6275
// §6.1, §6.4, §9.3.2): datagrams of its flows — to the care-of address with a
// type 2 Routing header naming the home address when a binding exists, else
// plainly to the home address (and the home agent tunnels them) — and its
// Mobility Header messages: Home Test to the home address, Care-of Test to the
// care-of address, Binding Acknowledgement and Binding Refresh Request through
// the binding (RFC 6275 §9.5.4, §9.5.5), under AH when the mobile node's
// Binding Update came under AH (Perkins & Johnson §10; mipv6-07 §4.4; OC-52).
//
// Upper-layer checksums use the final addresses; the builder (ipv6-packet.ts) does that.

import { bindingAuthorizationData } from '../../../crypto/return-routability';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { DEFAULT_HOP_LIMIT, buildIpv6Packet, type Ipv6PacketSpec } from '../../../wire/ipv6/ipv6-packet';
import { emitMobilityHeader } from '../../../wire/ipv6/mobility-header';
import type { MobilityMessage } from '../../../wire/ipv6/mobility-messages';
import { encodeUdp6, udp } from '../../../wire/ipv6/udp6';

export interface MobilitySend {
  readonly source: Ipv6Address;
  readonly message: MobilityMessage;
  /** The IPv6 destination: the care-of address when `homeAddress` is given (type 2 Routing header), else the final destination. */
  readonly destination: Ipv6Address;
  /** Adds a type 2 Routing header: the packet's final destination is this home address. */
  readonly homeAddress?: Ipv6Address;
  /** AH (common/ah-verification.ts outboundAh). */
  readonly authentication?: Ipv6PacketSpec['authentication'];
  /** Kbm: the Binding Acknowledgement carries Binding Authorization Data (RFC 6275 §9.5.4). */
  readonly kbm?: Uint8Array;
}

/** A Mobility Header message in its IPv6 packet. */
export function mobilityPacket(s: MobilitySend): Uint8Array {
  const careOf = s.homeAddress === undefined ? null : s.destination;
  return buildIpv6Packet({
    source: s.source, destination: s.destination, hopLimit: DEFAULT_HOP_LIMIT,
    ...(s.homeAddress === undefined ? {} : { routingHeader2: { homeAddress: s.homeAddress } }),
    ...(s.authentication === undefined ? {} : { authentication: s.authentication }),
    upper: {
      nextHeader: NextHeader.MOBILITY,
      bytes: (pseudo) => emitMobilityHeader(s.message, pseudo, s.kbm === undefined ? {} : {
        // RFC 6275 §6.2.7: the authenticator covers care-of address ‖ correspondent ‖ MH data.
        authorize: (data: Uint8Array) => bindingAuthorizationData(s.kbm!, careOf ?? pseudo.destination, s.source, data),
      }),
    },
  });
}

export interface UdpSend {
  readonly source: Ipv6Address;
  /** The final destination: a mobile node's home address. */
  readonly homeAddress: Ipv6Address;
  /** The care-of address from the binding cache, or null: sent to the home address. */
  readonly careOfAddress: Ipv6Address | null;
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly payload: Uint8Array;
}

/** A UDP datagram to a home address, through the binding when there is one (RFC 6275 §9.3.2). */
export function udpPacket(s: UdpSend): Uint8Array {
  return buildIpv6Packet({
    source: s.source, destination: s.careOfAddress ?? s.homeAddress, hopLimit: DEFAULT_HOP_LIMIT,
    ...(s.careOfAddress === null ? {} : { routingHeader2: { homeAddress: s.homeAddress } }),
    upper: { nextHeader: NextHeader.UDP, bytes: (pseudo) => encodeUdp6(udp(s.sourcePort, s.destinationPort, s.payload), pseudo) },
  });
}
