// The IPv6 messages lesson checks name (Perkins & Johnson §10; docs/ipv6.md
// §3), read from one trace event: the Mobility Header messages (RFC 6275
// §6.1) and the two Neighbor Discovery messages movement detection rests on,
// Router Solicitation and Router Advertisement (RFC 4861 §4.1, §4.2). A
// Binding Update is a "binding-update" whichever IP version carries it — the
// paper calls both Binding Updates. Addresses are the final ones (RFC 6275
// §6.1.1): a Binding Update from a care-of address with a Home Address
// option is from the home address, a Binding Acknowledgement with a type 2
// Routing header is to it. A message inside IPv6 in IPv6 (the Home Test
// Init reverse-tunnelled to the home agent, the Home Test it tunnels back) is
// read through the tunnel, and says so: the reader decides where that counts.

import { mobilityMessageOf } from '../../engine/metrics/trace-events';
import type { TraceEvent } from '../../engine/node/contract';
import type { Ipv6Address } from '../../engine/wire/ipv6/ipv6-address';
import { NextHeader } from '../../engine/wire/ipv6/ipv6-header';
import { parseIpv6Packet } from '../../engine/wire/ipv6/ipv6-packet';
import type { MobilityMessage } from '../../engine/wire/ipv6/mobility-messages';
import { MobilityOptionType, type MobilityOption } from '../../engine/wire/ipv6/mobility-options';
import type { MessageName } from '../format/schema';

export interface Ipv6MessageSighting {
  readonly message: MessageName;
  readonly source: Ipv6Address;
  readonly destination: Ipv6Address;
  /** A Mobility Header message's option types, in wire order (RFC 6275 §6.2; padding left out); [] for the others. */
  readonly extensions: readonly number[];
  /** Carried inside IPv6 in IPv6 at this event; then `outerDestination` is the tunnel exit. */
  readonly tunnelled: boolean;
  readonly outerDestination: Ipv6Address;
}

const MAX_TUNNELS = 8;

const MOBILITY_NAMES: Readonly<Record<Exclude<MobilityMessage['kind'], 'unknown'>, MessageName>> = {
  'binding-refresh-request': 'binding-refresh-request',
  'home-test-init': 'home-test-init',
  'care-of-test-init': 'care-of-test-init',
  'home-test': 'home-test',
  'care-of-test': 'care-of-test',
  'binding-update': 'binding-update',
  'binding-acknowledgement': 'binding-acknowledgement',
  'binding-error': 'binding-error',
};

/** ICMPv6 types (RFC 4861 §4.1, §4.2). */
const ND_NAMES: Readonly<Record<number, MessageName>> = { 133: 'router-solicitation', 134: 'router-advertisement' };

const OPTION_TYPES: Readonly<Record<Exclude<MobilityOption['kind'], 'unknown'>, number>> = {
  'binding-refresh-advice': MobilityOptionType.BINDING_REFRESH_ADVICE,
  'alternate-care-of-address': MobilityOptionType.ALTERNATE_CARE_OF_ADDRESS,
  'nonce-indices': MobilityOptionType.NONCE_INDICES,
  'binding-authorization-data': MobilityOptionType.BINDING_AUTHORIZATION_DATA,
};

function optionTypes(m: MobilityMessage): number[] {
  if (m.kind === 'unknown') return [];
  return m.options.map((o) => (o.kind === 'unknown' ? o.type : OPTION_TYPES[o.kind]));
}

/** The IPv6 message a check can name that an event's packet carries, through any IPv6-in-IPv6 tunnels, or null. */
export function ipv6MessageOf(e: TraceEvent): Ipv6MessageSighting | null {
  if (e.bytes === undefined || e.bytes.length === 0 || e.bytes[0]! >> 4 !== 6) return null;
  let p = parseIpv6Packet(e.bytes);
  if (!p.ok) return null;
  const outerDestination = p.value.header.destination;
  let bytes = e.bytes;
  let tunnels = 0;
  while (p.value.upperNextHeader === NextHeader.IPV6) {
    if (++tunnels > MAX_TUNNELS) return null;
    bytes = p.value.upperBytes;
    p = parseIpv6Packet(bytes);
    if (!p.ok) return null;
  }
  const at = { tunnelled: tunnels > 0, outerDestination };
  if (p.value.upperNextHeader === NextHeader.MOBILITY) {
    const mh = mobilityMessageOf({ ...e, bytes });
    if (mh === null || mh.message.kind === 'unknown') return null;
    return { message: MOBILITY_NAMES[mh.message.kind], source: mh.source, destination: mh.destination, extensions: optionTypes(mh.message), ...at };
  }
  const upper = p.value.upperBytes;
  if (p.value.upperNextHeader !== NextHeader.ICMPV6 || upper.length < 4) return null;
  const name = ND_NAMES[upper[0]!];
  // Code 0 is the only one RFC 4861 §6.1.1, §6.1.2 accept.
  if (name === undefined || upper[1] !== 0) return null;
  return { message: name, source: p.value.finalSource, destination: p.value.finalDestination, extensions: [], ...at };
}
