// The fast look at an IPv6 packet (classify.ts hands it every packet whose
// first nibble is 6): what the UI's colours and the run metrics need, without
// the full dissection of packet6.ts. Addresses are the *final* ones of the
// innermost packet (RFC 6275 §6.1.1): a datagram of a flow to a home address
// counts for that flow whether it went through the home agent's tunnel or
// straight to the care-of address with a type 2 Routing header.
//
// Kinds: a flow datagram is data (tunnelled-data inside IPv6 in IPv6); a
// Mobility Header message is control, except the return routability tests —
// HoTI, CoTI, HoT, CoT (RFC 6275 §5.2) — which are key-exchange: they carry
// the cookies and keygen tokens from which the mobile node and the
// correspondent derive the binding management key Kbm (RFC 6275 §5.2.5), the
// same job the registration-key extensions do for IPv4 (regkey-00 §4, §5);
// the Binding Update authenticated with Kbm is control, as any BU. Neighbor
// Discovery is discovery; ICMPv6 errors are icmp-error (RFC 4443 §2.1).

import type { PacketClass } from '../classify';
import { icmpv6TypeName, isIcmpv6ErrorType } from './icmpv6-header';
import { NextHeader } from './ipv6-header';
import { parseIpv6Packet, type ParsedIpv6Packet } from './ipv6-packet';
import { MhType, mobilityMessageName } from './mobility-messages';
import { parseUdp6 } from './udp6';

/** Tunnels inside tunnels, as deep as the IPv4 classifier goes. */
const MAX_DEPTH = 8;
const ND_NAMES: Record<number, string> = { 133: 'Router Solicitation', 134: 'Router Advertisement', 135: 'Neighbor Solicitation', 136: 'Neighbor Advertisement', 137: 'Redirect' };
/** The return routability procedure's messages (RFC 6275 §5.2.5, §6.1.3–§6.1.6). */
const KEY_EXCHANGE_MH_TYPES: ReadonlySet<number> = new Set([MhType.HOME_TEST_INIT, MhType.CARE_OF_TEST_INIT, MhType.HOME_TEST, MhType.CARE_OF_TEST]);

export function classifyIpv6Packet(bytes: Uint8Array): PacketClass | null {
  const tunnels: string[] = [];
  let at = bytes;
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const parsed = parseIpv6Packet(at);
    if (!parsed.ok) return null;
    const p = parsed.value;
    if (p.upperNextHeader === NextHeader.IPV6) {
      tunnels.push('IPv6 in IPv6');
      at = p.upperBytes;
      continue;
    }
    return upperLayer(p, tunnels);
  }
  return null;
}

function upperLayer(p: ParsedIpv6Packet, tunnels: string[]): PacketClass {
  const base = {
    tunnels, source: p.finalSource, destination: p.finalDestination, ipv6: true as const,
    ...(p.routingHeader2 !== undefined ? { routingHeader2: true as const } : {}),
    ...(p.homeAddressOption !== undefined ? { homeAddressOption: true as const } : {}),
    ...(p.authentication !== undefined ? { authenticated: true as const } : {}),
  };
  const upper = p.upperBytes;
  const tunnelled = tunnels.length > 0;
  switch (p.upperNextHeader) {
    case NextHeader.MOBILITY: {
      // MH Type is octet 2 (RFC 6275 §6.1.1); the full parse (checksum, options) is the receiver's job.
      if (upper.length < 6) return { ...base, kind: 'other', name: 'malformed Mobility Header' };
      const mhType = upper[2]!;
      return { ...base, kind: KEY_EXCHANGE_MH_TYPES.has(mhType) ? 'key-exchange' : 'control', mhType, name: mobilityMessageName(mhType) };
    }
    case NextHeader.ICMPV6: {
      if (upper.length === 0) return { ...base, kind: 'other', name: 'malformed ICMPv6' };
      const type = upper[0]!;
      if (ND_NAMES[type] !== undefined) return { ...base, kind: 'discovery', name: ND_NAMES[type] };
      const known = icmpv6TypeName(type);
      const name = known.startsWith('unknown') ? `ICMPv6 type ${type}` : `ICMPv6 ${known}`;
      return { ...base, kind: isIcmpv6ErrorType(type) ? 'icmp-error' : tunnelled ? 'tunnelled-data' : 'data', name };
    }
    case NextHeader.UDP: {
      const u = parseUdp6(upper, 0, upper.length, { source: p.finalSource, destination: p.finalDestination });
      if (!u.ok) return { ...base, kind: 'other', name: 'malformed UDP' };
      return { ...base, kind: tunnelled ? 'tunnelled-data' : 'data', udpPayload: u.value.payload, name: `UDP ${u.value.sourcePort} → ${u.value.destinationPort}` };
    }
    case NextHeader.NONE:
      return { ...base, kind: 'other', name: 'No Next Header' };
    default:
      return { ...base, kind: tunnelled ? 'tunnelled-data' : 'data', name: `Next Header ${p.upperNextHeader}` };
  }
}
