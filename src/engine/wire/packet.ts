// The packet walker: one IPv4 packet as captured, from the IP header on,
// dissected through every layer — outer IP, tunnel (IP in IP, minimal
// encapsulation, GRE; nested too), inner IP, UDP or ICMP, and the Mobile IP
// message with each extension. The inspector, the CLI's `decode` and the
// capture comments all come from here.
//
// Layers are siblings in the tree (as in Wireshark), outermost first.

import { dissectGreTunnel } from './gre';
import { dissectIcmp, parseIcmp } from './icmp';
import { icmpTypeName } from './icmp-header';
import { dissectIpInIp } from './ip-in-ip';
import { dissectIpv6PacketFully } from './ipv6/packet6';
import { IpProtocol, IPV4_MIN_HEADER, dissectIpv4, parseIpv4, protocolName } from './ipv4';
import { dissectMinimalEncapsulation } from './minimal-encapsulation';
import { MIP_UDP_PORT, dissectMipMessage, mipMessageName, parseMipMessage } from './mip/mip-message';
import { DEFAULT_PROFILE, type MipProfile } from './mip/profile';
import type { Ipv4Address } from './address';
import { field, group, hexBytes, type FieldNode } from './dissection';
import { fail, ok, type WireResult } from './result';
import type { TunnelDissection } from './tunnel';
import { dissectUdp, parseUdp } from './udp';

export const PACKET_LAYER = 'Packet';

/** Tunnels inside tunnels are legal (RFC 2002 §4 nested encapsulation) but bounded against hostile input. */
export const MAX_TUNNEL_DEPTH = 8;

export interface PacketDescription {
  /** The innermost message, e.g. "Registration Request", "Agent Advertisement", "UDP data". */
  readonly name: string;
  /** One line for a packet list: addresses, ports, tunnels, message. */
  readonly summary: string;
  /** Protocol stack, outermost first, e.g. ["IPv4", "IP in IP", "IPv4", "UDP", "Mobile IP"]. */
  readonly protocols: readonly string[];
  /** Kind for colouring: a Mobile IP / RO control message, an agent discovery message, data, or an ICMP error. */
  readonly kind: 'control' | 'discovery' | 'data' | 'icmp-error';
  /** Whether any layer of it travels in a tunnel. */
  readonly tunnelled: boolean;
}

export interface DissectedPacket {
  readonly root: FieldNode;
  readonly description: PacketDescription;
}

interface Walk {
  readonly layers: FieldNode[];
  readonly protocols: string[];
  readonly hops: string[];
  name: string;
  kind: PacketDescription['kind'];
  tunnelled: boolean;
}

export function dissectPacket(bytes: Uint8Array, profile: MipProfile = DEFAULT_PROFILE): WireResult<FieldNode> {
  const r = dissectPacketFully(bytes, profile);
  return r.ok ? ok(r.value.root) : r;
}

export function describePacket(bytes: Uint8Array, profile: MipProfile = DEFAULT_PROFILE): WireResult<PacketDescription> {
  const r = dissectPacketFully(bytes, profile);
  return r.ok ? ok(r.value.description) : r;
}

export function dissectPacketFully(bytes: Uint8Array, profile: MipProfile = DEFAULT_PROFILE): WireResult<DissectedPacket> {
  // The first nibble is the IP version: 6 goes to the IPv6 walker (ipv6/packet6.ts, docs/ipv6.md §1).
  const version = bytes.length > 0 ? bytes[0]! >> 4 : 4;
  if (version === 6) return dissectIpv6PacketFully(bytes);
  if (version !== 4) return fail(PACKET_LAYER, 'Version', 0, `version ${version}: neither IPv4 (4) nor IPv6 (6)`);
  const w: Walk = { layers: [], protocols: [], hops: [], name: 'IPv4', kind: 'data', tunnelled: false };
  const walked = walkIp(bytes, 0, bytes.length, 0, w, profile);
  if (!walked.ok) return walked;
  const summary = `${w.hops.join(' ⇒ ')} — ${w.name}`;
  const description: PacketDescription = { name: w.name, summary, protocols: w.protocols, kind: w.kind, tunnelled: w.tunnelled };
  return ok({ root: group(w.name, 0, bytes.length, summary, w.layers), description });
}

function walkIp(bytes: Uint8Array, offset: number, end: number, depth: number, w: Walk, profile: MipProfile): WireResult<null> {
  if (depth > MAX_TUNNEL_DEPTH) return fail(PACKET_LAYER, 'tunnel nesting', offset, `more than ${MAX_TUNNEL_DEPTH} nested tunnels`);
  const parsed = parseIpv4(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const ip = parsed.value;
  w.protocols.push('IPv4');
  const headerEnd = offset + IPV4_MIN_HEADER + ip.options.length;
  const ipEnd = headerEnd + ip.payload.length;
  const fragment = ip.moreFragments || ip.fragmentOffset !== 0;
  const tunnel = fragment ? null : tunnelDissector(ip.protocol);
  if (tunnel !== null) {
    const t = tunnel(bytes, offset, ipEnd);
    if (!t.ok) return t;
    w.layers.push(t.value.node);
    w.protocols.push(protocolName(ip.protocol).replace(/ \(.*\)$/, ''));
    w.hops.push(`${ip.source} → ${ip.destination} [${tunnelName(ip.protocol)}]`);
    w.tunnelled = true;
    const carried = walkTunnelPayload(bytes, t.value, depth, w, profile);
    return carried.ok ? trailing(w, ipEnd, end, depth) : carried;
  }
  const node = dissectIpv4(bytes, offset, end);
  if (!node.ok) return node;
  w.layers.push(node.value);
  if (fragment) {
    w.hops.push(`${ip.source} → ${ip.destination}`);
    w.name = `IPv4 fragment (offset ${ip.fragmentOffset * 8})`;
    w.layers.push(field('Fragment data', headerEnd, ip.payload.length, hexBytes(ip.payload, 32)));
    return trailing(w, ipEnd, end, depth);
  }
  const walked = walkTransport(bytes, headerEnd, ipEnd, ip.protocol, ip.source, ip.destination, w, profile);
  return walked.ok ? trailing(w, ipEnd, end, depth) : walked;
}

/**
 * Octets after a Total Length (link-layer padding outside; junk inside a
 * tunnel) get a node, so every captured octet is shown somewhere. Fix: this
 * used to be done for the outermost datagram only, leaving octets after an
 * inner datagram out of the tree.
 */
function trailing(w: Walk, at: number, end: number, depth: number): WireResult<null> {
  if (at < end) {
    const where = depth === 0 ? 'after the IPv4 Total Length (link-layer padding?)' : 'after the inner IPv4 Total Length, inside the tunnel (not part of the inner datagram)';
    w.layers.push(field('Trailing octets', at, end - at, `${end - at} octets ${where}`, depth === 0 ? {} : { warning: 'not part of any datagram' }));
  }
  return ok(null);
}

function tunnelDissector(protocol: number): ((b: Uint8Array, o: number, e: number) => WireResult<TunnelDissection>) | null {
  switch (protocol) {
    case IpProtocol.IP_IN_IP: return dissectIpInIp;
    case IpProtocol.GRE: return dissectGreTunnel;
    case IpProtocol.MINIMAL_ENCAPSULATION: return dissectMinimalEncapsulation;
    default: return null;
  }
}

function tunnelName(protocol: number): string {
  return protocol === IpProtocol.IP_IN_IP ? 'IP in IP' : protocol === IpProtocol.GRE ? 'GRE' : 'minimal encapsulation';
}

function walkTunnelPayload(bytes: Uint8Array, t: TunnelDissection, depth: number, w: Walk, profile: MipProfile): WireResult<null> {
  const inner = t.inner;
  switch (inner.kind) {
    case 'ipv4':
      return walkIp(bytes, t.innerOffset, t.innerEnd, depth + 1, w, profile);
    case 'transport':
      if (inner.protocol === IpProtocol.IP_IN_IP) {
        // Fix: the restored original datagram was itself IP in IP (RFC 2004 §3 keeps its Protocol 4 in the
        // forwarding header), so what follows the forwarding header is a whole IPv4 datagram: walk on into it.
        w.hops.push(`${inner.source} → ${inner.destination} [IP in IP]`);
        w.protocols.push('IP in IP');
        return walkIp(bytes, t.innerOffset, t.innerEnd, depth + 1, w, profile);
      }
      w.hops.push(`${inner.source} → ${inner.destination}`);
      return walkTransport(bytes, t.innerOffset, t.innerEnd, inner.protocol, inner.source, inner.destination, w, profile);
    case 'other':
      w.name = `GRE payload (protocol type 0x${inner.protocolType.toString(16).padStart(4, '0')})`;
      w.layers.push(field('Data', t.innerOffset, t.innerEnd - t.innerOffset, hexBytes(bytes.subarray(t.innerOffset, t.innerEnd), 32)));
      return ok(null);
  }
}

function walkTransport(bytes: Uint8Array, at: number, end: number, protocol: number, source: Ipv4Address, destination: Ipv4Address, w: Walk, profile: MipProfile): WireResult<null> {
  // Fix: compare the whole hop, not its prefix — a tunnel hop "A → B [IP in IP]" must not swallow an inner datagram from A to B.
  if (w.hops.length === 0 || w.hops[w.hops.length - 1] !== `${source} → ${destination}`) w.hops.push(`${source} → ${destination}`);
  if (protocol === IpProtocol.UDP) return walkUdp(bytes, at, end, source, destination, w, profile);
  if (protocol === IpProtocol.ICMP) {
    const msg = parseIcmp(bytes, at, end);
    if (!msg.ok) return msg;
    const node = dissectIcmp(bytes, at, end);
    if (!node.ok) return node;
    w.layers.push(node.value);
    w.protocols.push('ICMP');
    const m = msg.value;
    if (m.kind === 'agent-advertisement') { w.name = 'Agent Advertisement'; w.kind = 'discovery'; }
    else if (m.kind === 'router-solicitation') { w.name = 'Agent Solicitation'; w.kind = 'discovery'; }
    else if (m.kind === 'router-advertisement') { w.name = 'Router Advertisement'; w.kind = 'discovery'; }
    else if (m.kind === 'unknown') w.name = `ICMP ${icmpTypeName(m.type)}`;
    else { w.name = `ICMP ${icmpTypeName(bytes[at]!)}`; w.kind = 'icmp-error'; }
    return ok(null);
  }
  w.name = protocolName(protocol);
  w.protocols.push(protocolName(protocol));
  w.layers.push(field('Data', at, end - at, hexBytes(bytes.subarray(at, end), 32), { ref: `IP protocol ${protocol}` }));
  return ok(null);
}

function walkUdp(bytes: Uint8Array, at: number, end: number, source: Ipv4Address, destination: Ipv4Address, w: Walk, profile: MipProfile): WireResult<null> {
  const pseudo = { source, destination };
  const udp = parseUdp(bytes, at, end, pseudo);
  if (!udp.ok) return udp;
  const node = dissectUdp(bytes, at, end, pseudo);
  if (!node.ok) return node;
  w.layers.push(node.value);
  w.protocols.push('UDP');
  const payloadAt = at + 8;
  const payloadEnd = payloadAt + udp.value.payload.length;
  const { sourcePort, destinationPort } = udp.value;
  if (sourcePort === MIP_UDP_PORT || destinationPort === MIP_UDP_PORT) {
    // RFC 2002 §1.9: every Mobile IP control message (and every RO message, optim-08 §4) travels to or from UDP port 434.
    const msg = parseMipMessage(bytes, payloadAt, payloadEnd);
    if (!msg.ok) return msg;
    const mnode = dissectMipMessage(bytes, payloadAt, payloadEnd, profile);
    if (!mnode.ok) return mnode;
    w.layers.push(mnode.value);
    w.protocols.push('Mobile IP');
    w.name = mipMessageName(msg.value).replace(/ \(.*\)$/, '');
    w.kind = 'control';
    return udpTrailing(w, payloadEnd, end);
  }
  w.name = `UDP data ${sourcePort} → ${destinationPort}`;
  if (payloadEnd > payloadAt) w.layers.push(field('Data', payloadAt, payloadEnd - payloadAt, hexBytes(udp.value.payload, 32)));
  return udpTrailing(w, payloadEnd, end);
}

/** Fix: octets after the UDP Length (ignored, RFC 768) were only a warning on the UDP node; now they have a node too. */
function udpTrailing(w: Walk, at: number, end: number): WireResult<null> {
  if (at < end) w.layers.push(field('Trailing octets', at, end - at, `${end - at} octets after the UDP Length (ignored, RFC 768)`));
  return ok(null);
}
