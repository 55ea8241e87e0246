// The IPv6 packet walker: one IPv6 packet as captured, from the fixed header
// on, dissected through every layer — extension headers with their options,
// IPv6-in-IPv6 tunnels (nested too), and UDP, ICMPv6 or the Mobility Header.
// packet.ts hands it every packet whose first nibble is 6, so the inspector,
// the CLI's `decode` and the capture comments show IPv6 as they show IPv4.
//
// It walks the chain itself (rather than through parseIpv6Packet) so that
// what a node refuses — a fragment, ESP, a routing type with segments left —
// is still shown, with the reason, instead of an empty inspector.

import { field, group, hex, hexBytes, type FieldNode } from '../dissection';
import { fail, ok, type WireResult } from '../result';
import type { DissectedPacket, PacketDescription } from '../packet';
import { dissectAuthenticationHeader, parseAuthenticationHeader } from './authentication-header';
import { destinationOptionsCodec, homeAddressOf, hopByHopCodec } from './destination-options';
import { dissectFragmentHeader, parseFragmentHeader } from './fragment-header';
import { dissectIcmpv6 } from './icmpv6';
import { icmpv6TypeName, isIcmpv6ErrorType } from './icmpv6-header';
import { IPV6_HEADER_LENGTH, NextHeader, dissectIpv6Header, nextHeaderName, parseIpv6Header } from './ipv6-header';
import { MAX_EXTENSION_HEADERS, isExtensionHeader } from './ipv6-packet';
import { dissectMobilityHeader } from './mobility-header';
import { mobilityMessageName } from './mobility-messages';
import { dissectRoutingHeader, parseRoutingHeader } from './routing-header';
import { dissectUdp6, parseUdp6 } from './udp6';

export const PACKET6_LAYER = 'IPv6 packet';
/** Tunnels inside tunnels, bounded against hostile input (the IPv4 walker's bound, packet.ts). */
export const MAX_TUNNEL_DEPTH6 = 8;

const ND_TYPES = new Set([133, 134, 135, 136, 137]);

interface Walk {
  readonly layers: FieldNode[];
  readonly protocols: string[];
  readonly hops: string[];
  name: string;
  kind: PacketDescription['kind'];
  tunnelled: boolean;
}

export function dissectIpv6PacketFully(bytes: Uint8Array): WireResult<DissectedPacket> {
  const w: Walk = { layers: [], protocols: [], hops: [], name: 'IPv6', kind: 'data', tunnelled: false };
  const walked = walk6(bytes, 0, bytes.length, 0, w);
  if (!walked.ok) return walked;
  const summary = `${w.hops.join(' ⇒ ')} — ${w.name}`;
  const description: PacketDescription = { name: w.name, summary, protocols: w.protocols, kind: w.kind, tunnelled: w.tunnelled };
  return ok({ root: group(w.name, 0, bytes.length, summary, w.layers), description });
}

interface Chain {
  /** Nodes of the fixed header and the extension headers. */
  readonly nodes: FieldNode[];
  next: number;
  at: number;
  finalSource: string;
  finalDestination: string;
  /** Set when the walk must stop at a header the lab does not go past (fragment, ESP, routing type with segments left). */
  stopped?: string;
}

function walk6(bytes: Uint8Array, offset: number, end: number, depth: number, w: Walk): WireResult<null> {
  if (depth > MAX_TUNNEL_DEPTH6) return fail(PACKET6_LAYER, 'tunnel nesting', offset, `more than ${MAX_TUNNEL_DEPTH6} nested tunnels`);
  const parsed = parseIpv6Header(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const h = parsed.value;
  const payloadStart = offset + IPV6_HEADER_LENGTH;
  if (h.payloadLength > end - payloadStart) return fail(PACKET6_LAYER, 'Payload Length', offset + 4, `${h.payloadLength} exceeds the ${end - payloadStart} octets after the header`);
  const packetEnd = payloadStart + h.payloadLength;
  const headerNode = dissectIpv6Header(bytes, offset, end);
  if (!headerNode.ok) return headerNode;
  w.protocols.push('IPv6');
  const chain: Chain = { nodes: [headerNode.value], next: h.nextHeader, at: payloadStart, finalSource: h.source, finalDestination: h.destination };
  const walked = walkChain(bytes, packetEnd, chain, w);
  if (!walked.ok) return walked;
  let hop = `${h.source} → ${h.destination}`;
  if (chain.finalSource !== h.source) hop += ` [home address ${chain.finalSource}]`;
  if (chain.finalDestination !== h.destination) hop += ` [to home address ${chain.finalDestination}]`;
  if (chain.stopped === undefined && chain.next === NextHeader.IPV6) {
    // RFC 2473: the outer header (and its extension headers) is the tunnel.
    w.layers.push(group('IPv6 in IPv6 tunnel', offset, chain.at - offset, `${h.source} → ${h.destination} (tunnel entry → exit)`, chain.nodes, { ref: 'RFC 2473 §3' }));
    w.protocols.push('IPv6 in IPv6');
    w.hops.push(`${h.source} → ${h.destination} [IPv6 in IPv6]`);
    w.tunnelled = true;
    const inner = walk6(bytes, chain.at, packetEnd, depth + 1, w);
    return inner.ok ? trailing(w, packetEnd, end, depth) : inner;
  }
  w.layers.push(...chain.nodes);
  w.hops.push(hop);
  if (chain.stopped !== undefined) {
    w.name = chain.stopped;
    if (chain.at < packetEnd) w.layers.push(field('Data', chain.at, packetEnd - chain.at, hexBytes(bytes.subarray(chain.at, packetEnd), 32), { warning: 'not decoded: the lab does not process this packet further' }));
    return trailing(w, packetEnd, end, depth);
  }
  const upper = walkUpper(bytes, chain, packetEnd, w);
  return upper.ok ? trailing(w, packetEnd, end, depth) : upper;
}

/** Steps over the extension headers (RFC 8200 §4), one node each, at most MAX_EXTENSION_HEADERS. */
function walkChain(bytes: Uint8Array, end: number, c: Chain, w: Walk): WireResult<null> {
  for (let count = 0; ; count++) {
    const at = c.at;
    if (!isExtensionHeader(c.next)) return ok(null);
    if (count >= MAX_EXTENSION_HEADERS) return fail(PACKET6_LAYER, 'Next Header', at, `more than ${MAX_EXTENSION_HEADERS} extension headers`);
    switch (c.next) {
      case NextHeader.HOP_BY_HOP:
      case NextHeader.DESTINATION_OPTIONS: {
        const codec = c.next === NextHeader.HOP_BY_HOP ? hopByHopCodec : destinationOptionsCodec;
        const parsed = codec.parse(bytes, at, end);
        if (!parsed.ok) return parsed;
        const node = codec.dissect(bytes, at, end);
        if (!node.ok) return node;
        c.nodes.push(node.value);
        w.protocols.push(codec.layer);
        const home = c.next === NextHeader.DESTINATION_OPTIONS ? homeAddressOf(parsed.value) : undefined;
        if (home !== undefined) c.finalSource = home;
        c.next = parsed.value.nextHeader;
        c.at = at + codec.length(parsed.value);
        break;
      }
      case NextHeader.ROUTING: {
        const parsed = parseRoutingHeader(bytes, at, end);
        if (!parsed.ok) return parsed;
        const node = dissectRoutingHeader(bytes, at, end);
        if (!node.ok) return node;
        c.nodes.push(node.value);
        const r = parsed.value;
        w.protocols.push(`Routing (type ${r.kind === 'type2' ? 2 : r.routingType})`);
        if (r.kind === 'type2' && r.segmentsLeft === 1) c.finalDestination = r.homeAddress;
        c.at = at + node.value.length;
        c.next = r.nextHeader;
        if (r.kind === 'other' && r.segmentsLeft > 0) {
          c.stopped = `Routing type ${r.routingType} (not processed)`;
          return ok(null);
        }
        break;
      }
      case NextHeader.FRAGMENT: {
        const parsed = parseFragmentHeader(bytes, at, end);
        if (!parsed.ok) return parsed;
        const node = dissectFragmentHeader(bytes, at, end);
        if (!node.ok) return node;
        c.nodes.push(node.value);
        w.protocols.push('Fragment');
        c.at = at + node.value.length;
        c.next = parsed.value.nextHeader;
        c.stopped = `IPv6 fragment (offset ${parsed.value.fragmentOffset * 8})`;
        return ok(null);
      }
      case NextHeader.AH: {
        const parsed = parseAuthenticationHeader(bytes, at, end);
        if (!parsed.ok) return parsed;
        const node = dissectAuthenticationHeader(bytes, at, end);
        if (!node.ok) return node;
        c.nodes.push(node.value);
        w.protocols.push('AH');
        c.at = at + node.value.length;
        c.next = parsed.value.nextHeader;
        break;
      }
      default:
        w.protocols.push('ESP');
        c.stopped = 'ESP (not decoded)';
        return ok(null);
    }
  }
}

function walkUpper(bytes: Uint8Array, c: Chain, end: number, w: Walk): WireResult<null> {
  const at = c.at;
  const pseudo = { source: c.finalSource, destination: c.finalDestination };
  switch (c.next) {
    case NextHeader.UDP: {
      const parsed = parseUdp6(bytes, at, end, pseudo);
      if (!parsed.ok) return parsed;
      const node = dissectUdp6(bytes, at, end, pseudo);
      if (!node.ok) return node;
      w.layers.push(node.value);
      w.protocols.push('UDP');
      const d = parsed.value;
      w.name = `UDP data ${d.sourcePort} → ${d.destinationPort}`;
      const payloadAt = at + 8;
      if (d.payload.length > 0) w.layers.push(field('Data', payloadAt, d.payload.length, hexBytes(d.payload, 32)));
      const udpEnd = payloadAt + d.payload.length;
      if (udpEnd < end) w.layers.push(field('Trailing octets', udpEnd, end - udpEnd, `${end - udpEnd} octets after the UDP Length (ignored, RFC 768)`));
      return ok(null);
    }
    case NextHeader.ICMPV6: {
      const node = dissectIcmpv6(bytes, at, end, pseudo);
      if (!node.ok) return node;
      w.layers.push(node.value);
      w.protocols.push('ICMPv6');
      const type = bytes[at]!;
      w.name = ND_TYPES.has(type) ? icmpv6TypeName(type) : `ICMPv6 ${icmpv6TypeName(type)}`;
      w.kind = ND_TYPES.has(type) ? 'discovery' : isIcmpv6ErrorType(type) ? 'icmp-error' : 'data';
      return ok(null);
    }
    case NextHeader.MOBILITY: {
      const node = dissectMobilityHeader(bytes, at, end, pseudo);
      if (!node.ok) return node;
      w.layers.push(node.value);
      w.protocols.push('Mobility Header');
      w.name = mobilityMessageName(bytes[at + 2]!);
      w.kind = 'control';
      return ok(null);
    }
    case NextHeader.NONE:
      w.name = w.protocols.length > 1 ? `${w.protocols[w.protocols.length - 1]} only` : 'IPv6 (no next header)';
      if (at < end) w.layers.push(field('Ignored octets', at, end - at, `${end - at} octets after No Next Header (ignored, RFC 8200 §4.7)`));
      return ok(null);
    default:
      w.name = nextHeaderName(c.next);
      w.protocols.push(nextHeaderName(c.next));
      w.layers.push(field('Data', at, end - at, hexBytes(bytes.subarray(at, end), 32), { ref: `Next Header ${c.next} (${hex(c.next, 2)})` }));
      return ok(null);
  }
}

/** Octets after the Payload Length get a node too, so every captured octet is shown somewhere. */
function trailing(w: Walk, at: number, end: number, depth: number): WireResult<null> {
  if (at < end) {
    const where = depth === 0 ? 'after the IPv6 Payload Length (link-layer padding?)' : 'after the inner IPv6 Payload Length, inside the tunnel (not part of the inner packet)';
    w.layers.push(field('Trailing octets', at, end - at, `${end - at} octets ${where}`, depth === 0 ? {} : { warning: 'not part of any packet' }));
  }
  return ok(null);
}
