// The Mobility Header packets the IPv6 home agent and access routers send and
// read (RFC 6275 §6.1; docs/ipv6.md §1 header order), from the shared codecs:
// a Binding Acknowledgement to the care-of address with a type 2 Routing
// header naming the home address (RFC 6275 §6.1.8, §6.4) and AH (RFC 4302),
// and the Mobility Header of a received packet checked against the pseudo-
// header of its final addresses (RFC 6275 §6.1.1).

import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { DEFAULT_HOP_LIMIT, buildIpv6Packet, type Ipv6PacketSpec, type ParsedIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { emitMobilityHeader, parseMobilityHeader, type ParsedMobilityHeader } from '../../../wire/ipv6/mobility-header';
import type { WireResult } from '../../../wire/result';

export interface BindingAckSpec {
  readonly source: Ipv6Address;
  readonly destination: Ipv6Address;
  /** The type 2 Routing header's address; omitted when the packet goes to the home address itself. */
  readonly homeAddress: Ipv6Address | undefined;
  readonly status: number;
  readonly sequence: number;
  readonly lifetimeUnits: number;
  readonly authentication: Ipv6PacketSpec['authentication'] | undefined;
}

export function bindingAcknowledgementPacket(s: BindingAckSpec): Uint8Array {
  return buildIpv6Packet({
    source: s.source,
    destination: s.destination,
    hopLimit: DEFAULT_HOP_LIMIT,
    ...(s.homeAddress === undefined ? {} : { routingHeader2: { homeAddress: s.homeAddress } }),
    ...(s.authentication === undefined ? {} : { authentication: s.authentication }),
    upper: {
      nextHeader: NextHeader.MOBILITY,
      bytes: (pseudo) => emitMobilityHeader({ kind: 'binding-acknowledgement', status: s.status, keyManagement: false, sequence: s.sequence, lifetimeUnits: s.lifetimeUnits, options: [] }, pseudo),
    },
  });
}

/** The Mobility Header of a parsed packet (its upper layer is 135). */
export function readMobilityHeader(bytes: Uint8Array, p: ParsedIpv6Packet): WireResult<ParsedMobilityHeader> {
  return parseMobilityHeader(bytes, p.upperOffset, p.end, { source: p.finalSource, destination: p.finalDestination });
}
