// The protocol column's layer text for an IPv6 packet, as a learner reads a
// Wireshark protocol stack: "IPv6 · MH", "IPv6 · RH2 · UDP", "IPv6 · HAO ·
// AH · MH", "IPv6 in IPv6 · ICMPv6" — which extension headers the innermost
// packet carries (type 2 Routing header, RFC 6275 §6.4; Home Address option,
// §6.3; AH, RFC 4302) and its upper layer, beside the message's own name. An
// IPv4 row has none: its column reads as it always did.

import type { PacketClass } from '../../engine/wire/classify';

export function packetLayerOf(c: PacketClass | null): string | undefined {
  if (c === null || c.ipv6 !== true) return undefined;
  const parts = [c.tunnels.length === 0 ? 'IPv6' : 'IPv6 in IPv6'];
  if (c.routingHeader2 === true) parts.push('RH2');
  if (c.homeAddressOption === true) parts.push('HAO');
  if (c.authenticated === true) parts.push('AH');
  if (c.mhType !== undefined) parts.push('MH');
  else if (c.kind === 'discovery' || c.name.startsWith('ICMPv6')) parts.push('ICMPv6');
  else if (c.udpPayload !== undefined) parts.push('UDP');
  return parts.join(' · ');
}

/** What the protocol column shows: "IPv6 · MH · Binding Update"; the name alone for IPv4. */
export function protocolColumnText(row: { readonly protocol: string; readonly layer?: string }): string {
  return row.layer === undefined ? row.protocol : `${row.layer} · ${row.protocol}`;
}
