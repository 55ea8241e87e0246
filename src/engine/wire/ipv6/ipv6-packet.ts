// A whole IPv6 packet: the fixed header and its chain of extension headers
// (RFC 8200 §4), built and parsed the way Mobile IPv6 uses them.
//
//  IPv6 | Routing (type 2) | Destination Options (Home Address) | AH | upper layer
//
// (RFC 8200 §4.1 order; RFC 6275 §6.3, §6.4; docs/ipv6.md §1.) The builder
// fills every Next Header, length and padding, computes the upper layer over
// the pseudo-header of the *final* addresses (RFC 6275 §6.1.1, RFC 8200 §8.1)
// and the AH ICV over the packet as the receiver will see it (RFC 4302
// §3.3.3.1, via the normaliser of crypto/ah-icv.ts). The parser walks any
// chain a sender may legitimately build, bounded, and refuses what the lab
// cannot process with a reason: fragments, ESP, a routing type it does not
// know with segments left.

import { normalizeForIcv } from './ah-icv-input';
import { EncodeError, fail, ok, type WireResult } from '../result';
import { authenticationHeaderLength, emitAuthenticationHeader, parseAuthenticationHeader } from './authentication-header';
import { withPadding, destinationOptionsCodec, hopByHopCodec, homeAddressOf, type OptionsHeader, type UnrecognizedOption } from './destination-options';
import { FRAGMENT_REFUSAL } from './fragment-header';
import { type Ipv6Address } from './ipv6-address';
import { IPV6_HEADER_LENGTH, NextHeader, emitIpv6Header, parseIpv6Header, type Ipv6Header } from './ipv6-header';
import { TYPE2_ROUTING_LENGTH, emitRoutingHeader, parseRoutingHeader, type2RoutingHeader } from './routing-header';

export const IPV6_PACKET_LAYER = 'IPv6 packet';
/** Extension headers walked before the parser gives up: far above any real chain, a bound against hostile input. */
export const MAX_EXTENSION_HEADERS = 16;
/** AH with a 96-bit ICV (HMAC-MD5-96, RFC 2403): 12 fixed octets + 12 (RFC 4302 §2; docs/ipv6.md §1). */
export const AH_LENGTH = 24;
export const AH_ICV_LENGTH = 12;
/** Default Hop Limit of the lab's IPv6 nodes (the IPv4 TTL of OC-08). */
export const DEFAULT_HOP_LIMIT = 64;

export interface PseudoHeaderAddresses6 {
  readonly source: Ipv6Address;
  readonly destination: Ipv6Address;
}

export interface Ipv6PacketSpec {
  /** The address in the IPv6 header: the care-of address when a Home Address option is sent. */
  readonly source: Ipv6Address;
  /** The address in the IPv6 header: the care-of address when a type 2 Routing header is sent. */
  readonly destination: Ipv6Address;
  readonly hopLimit: number;
  readonly trafficClass?: number;
  readonly flowLabel?: number;
  /** Adds a type 2 Routing header: the packet's final destination is `homeAddress` (RFC 6275 §6.4). */
  readonly routingHeader2?: { readonly homeAddress: Ipv6Address };
  /** Adds a Destination Options header with the Home Address option: the packet's final source (RFC 6275 §6.3). */
  readonly homeAddressOption?: Ipv6Address;
  /** Adds AH (RFC 4302); `icv` gets the normalised packet and returns the 12-octet ICV. */
  readonly authentication?: {
    readonly spi: number;
    readonly sequence: number;
    readonly icv: (normalizedBytes: Uint8Array) => Uint8Array;
  };
  readonly upper: {
    readonly nextHeader: number;
    /** The upper-layer bytes, or a function of the final addresses (for its checksum). */
    readonly bytes: Uint8Array | ((pseudo: PseudoHeaderAddresses6) => Uint8Array);
  };
}

/** The final addresses of a packet (RFC 6275 §6.1.1): what upper-layer checksums use. */
export function finalAddressesOf(spec: Pick<Ipv6PacketSpec, 'source' | 'destination' | 'routingHeader2' | 'homeAddressOption'>): PseudoHeaderAddresses6 {
  return { source: spec.homeAddressOption ?? spec.source, destination: spec.routingHeader2?.homeAddress ?? spec.destination };
}

export function buildIpv6Packet(spec: Ipv6PacketSpec): Uint8Array {
  const pseudo = finalAddressesOf(spec);
  const upper = typeof spec.upper.bytes === 'function' ? spec.upper.bytes(pseudo) : spec.upper.bytes;
  // Chain from the end: each header's Next Header is the type of the one after it.
  let next = spec.upper.nextHeader;
  const ah = spec.authentication === undefined ? undefined : { nextHeader: next };
  if (ah !== undefined) next = NextHeader.AH;
  const dest: OptionsHeader | undefined = spec.homeAddressOption === undefined ? undefined : withPadding(next, [{ kind: 'home-address', homeAddress: spec.homeAddressOption }]);
  if (dest !== undefined) next = NextHeader.DESTINATION_OPTIONS;
  const routing = spec.routingHeader2 === undefined ? undefined : type2RoutingHeader(next, spec.routingHeader2.homeAddress);
  if (routing !== undefined) next = NextHeader.ROUTING;
  const routingBytes = routing === undefined ? 0 : TYPE2_ROUTING_LENGTH;
  const destBytes = dest === undefined ? 0 : destinationOptionsCodec.length(dest);
  const payloadLength = routingBytes + destBytes + (ah === undefined ? 0 : AH_LENGTH) + upper.length;
  if (payloadLength > 0xffff) throw new EncodeError(IPV6_PACKET_LAYER, `payload of ${payloadLength} octets does not fit the 16-bit Payload Length (the lab sends no jumbograms)`);
  const out = new Uint8Array(IPV6_HEADER_LENGTH + payloadLength);
  let at = emitIpv6Header({
    trafficClass: spec.trafficClass ?? 0,
    flowLabel: spec.flowLabel ?? 0,
    payloadLength,
    nextHeader: next,
    hopLimit: spec.hopLimit,
    source: spec.source,
    destination: spec.destination,
  }, out, 0);
  if (routing !== undefined) at += emitRoutingHeader(routing, out, at);
  if (dest !== undefined) at += destinationOptionsCodec.emit(dest, out, at);
  const ahOffset = at;
  if (ah !== undefined && spec.authentication !== undefined) {
    // The ICV field is zero while the ICV is computed (RFC 4302 §3.3.3.1).
    at += emitAuthenticationHeader({ nextHeader: ah.nextHeader, spi: spec.authentication.spi, sequence: spec.authentication.sequence, icv: new Uint8Array(AH_ICV_LENGTH) }, out, at);
  }
  out.set(upper, at);
  if (spec.authentication !== undefined) {
    const icv = spec.authentication.icv(normalizeForIcv(out, ahOffset));
    if (icv.length !== AH_ICV_LENGTH) throw new EncodeError(IPV6_PACKET_LAYER, `the ICV has ${icv.length} octets, AH here carries ${AH_ICV_LENGTH} (HMAC-MD5-96, RFC 2403)`);
    out.set(icv, ahOffset + 12);
  }
  return out;
}

/** One header of the chain as found in the packet. */
export interface HeaderChainEntry {
  /** Its type (the Next Header value that named it). */
  readonly nextHeader: number;
  readonly offset: number;
  readonly length: number;
}

export interface ParsedAuthentication {
  readonly spi: number;
  readonly sequence: number;
  readonly icv: Uint8Array;
  /** Absolute offset of the AH (what the ICV normaliser needs). */
  readonly offset: number;
}

export interface ParsedIpv6Packet {
  readonly header: Ipv6Header;
  readonly hopByHop?: OptionsHeader;
  /** Every Destination Options header, in order (at most two, RFC 8200 §4.1). */
  readonly destinationOptions: readonly OptionsHeader[];
  /** The type 2 Routing header: the home address and whether it is still to be visited. */
  readonly routingHeader2?: { readonly homeAddress: Ipv6Address; readonly segmentsLeft: number; readonly offset: number };
  /** The home address of a Home Address option (RFC 6275 §6.3), and where its option starts. */
  readonly homeAddressOption?: Ipv6Address;
  readonly authentication?: ParsedAuthentication;
  /** Type of the upper layer (59: none). */
  readonly upperNextHeader: number;
  readonly upperOffset: number;
  /** The upper-layer bytes, to the end of the Payload Length (with Next Header 59: octets to be ignored, RFC 8200 §4.7). */
  readonly upperBytes: Uint8Array;
  /** The home address when a Home Address option is present, else the source (RFC 6275 §6.1.1). */
  readonly finalSource: Ipv6Address;
  /** The home address when a type 2 Routing header still has it to visit, else the destination. */
  readonly finalDestination: Ipv6Address;
  /** Extension headers in order (the fixed header not included). */
  readonly headerChain: readonly HeaderChainEntry[];
  /** Options no one interpreted, with what RFC 8200 §4.2 says to do: the node acts on these. */
  readonly unrecognizedOptions: readonly UnrecognizedOption[];
  /** Absolute end of the packet (40 + Payload Length); octets after it are link-layer padding. */
  readonly end: number;
}

interface ChainState {
  hopByHop?: OptionsHeader;
  destinationOptions: OptionsHeader[];
  routingHeader2?: { homeAddress: Ipv6Address; segmentsLeft: number; offset: number };
  homeAddressOption?: Ipv6Address;
  authentication?: ParsedAuthentication;
  headerChain: HeaderChainEntry[];
  unrecognizedOptions: UnrecognizedOption[];
}

export function parseIpv6Packet(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<ParsedIpv6Packet> {
  const parsedHeader = parseIpv6Header(bytes, offset, end);
  if (!parsedHeader.ok) return parsedHeader;
  const header = parsedHeader.value;
  const payloadStart = offset + IPV6_HEADER_LENGTH;
  if (header.payloadLength > end - payloadStart) return fail(IPV6_PACKET_LAYER, 'Payload Length', offset + 4, `${header.payloadLength} exceeds the ${end - payloadStart} octets after the header`);
  const packetEnd = payloadStart + header.payloadLength;
  const s: ChainState = { destinationOptions: [], headerChain: [], unrecognizedOptions: [] };
  let next = header.nextHeader;
  let nextAt = offset + 6; // where the Next Header naming the current header sits (for error pointers)
  let at = payloadStart;
  for (;;) {
    if (!isExtensionHeader(next)) break;
    if (s.headerChain.length >= MAX_EXTENSION_HEADERS) return fail(IPV6_PACKET_LAYER, 'Next Header', nextAt, `more than ${MAX_EXTENSION_HEADERS} extension headers`);
    const step = parseExtension(bytes, next, at, packetEnd, nextAt, s);
    if (!step.ok) return step;
    s.headerChain.push({ nextHeader: next, offset: at, length: step.value.length });
    nextAt = at;
    next = step.value.nextHeader;
    at += step.value.length;
  }
  const routed = s.routingHeader2 !== undefined && s.routingHeader2.segmentsLeft === 1;
  return ok({
    header,
    ...(s.hopByHop !== undefined ? { hopByHop: s.hopByHop } : {}),
    destinationOptions: s.destinationOptions,
    ...(s.routingHeader2 !== undefined ? { routingHeader2: s.routingHeader2 } : {}),
    ...(s.homeAddressOption !== undefined ? { homeAddressOption: s.homeAddressOption } : {}),
    ...(s.authentication !== undefined ? { authentication: s.authentication } : {}),
    upperNextHeader: next,
    upperOffset: at,
    upperBytes: bytes.slice(at, packetEnd),
    finalSource: s.homeAddressOption ?? header.source,
    finalDestination: routed ? s.routingHeader2!.homeAddress : header.destination,
    headerChain: s.headerChain,
    unrecognizedOptions: s.unrecognizedOptions,
    end: packetEnd,
  });
}

/** The headers the chain walker steps over (ESP and Fragment included, to refuse them with a reason). */
export function isExtensionHeader(n: number): boolean {
  return n === NextHeader.HOP_BY_HOP || n === NextHeader.ROUTING || n === NextHeader.FRAGMENT || n === NextHeader.AH || n === NextHeader.DESTINATION_OPTIONS || n === ESP;
}

/** Encapsulating Security Payload (RFC 4303): walked onto only to be refused. */
const ESP = 50;

function parseExtension(bytes: Uint8Array, type: number, at: number, end: number, nextAt: number, s: ChainState): WireResult<{ nextHeader: number; length: number }> {
  switch (type) {
    case NextHeader.HOP_BY_HOP: {
      // RFC 8200 §4.3: only immediately after the IPv6 header.
      if (s.headerChain.length > 0) return fail(IPV6_PACKET_LAYER, 'Next Header', nextAt, 'a Hop-by-Hop Options header may only follow the IPv6 header (RFC 8200 §4.3)');
      const h = hopByHopCodec.parse(bytes, at, end);
      if (!h.ok) return h;
      s.hopByHop = h.value;
      s.unrecognizedOptions.push(...(h.value.unrecognized ?? []));
      return ok({ nextHeader: h.value.nextHeader, length: hopByHopCodec.length(h.value) });
    }
    case NextHeader.DESTINATION_OPTIONS: {
      if (s.destinationOptions.length >= 2) return fail(IPV6_PACKET_LAYER, 'Next Header', nextAt, 'a third Destination Options header (RFC 8200 §4.1 allows two)');
      const h = destinationOptionsCodec.parse(bytes, at, end);
      if (!h.ok) return h;
      const homes = h.value.options.filter((o) => o.kind === 'home-address').length;
      if (homes > 1 || (homes === 1 && s.homeAddressOption !== undefined)) return fail(IPV6_PACKET_LAYER, 'Home Address option', at, 'more than one Home Address option (RFC 6275 §6.3 allows one)');
      s.destinationOptions.push(h.value);
      const home = homeAddressOf(h.value);
      if (home !== undefined) s.homeAddressOption = home;
      s.unrecognizedOptions.push(...(h.value.unrecognized ?? []));
      return ok({ nextHeader: h.value.nextHeader, length: destinationOptionsCodec.length(h.value) });
    }
    case NextHeader.ROUTING: {
      const r = parseRoutingHeader(bytes, at, end);
      if (!r.ok) return r;
      const h = r.value;
      if (s.headerChain.some((e) => e.nextHeader === NextHeader.ROUTING)) return fail(IPV6_PACKET_LAYER, 'Next Header', nextAt, 'a second Routing header (RFC 8200 §4.1 allows one)');
      if (h.kind === 'type2') {
        s.routingHeader2 = { homeAddress: h.homeAddress, segmentsLeft: h.segmentsLeft, offset: at };
        return ok({ nextHeader: h.nextHeader, length: TYPE2_ROUTING_LENGTH });
      }
      // RFC 8200 §4.4: an unrecognised type is ignored with Segments Left 0, otherwise the packet is discarded.
      if (h.segmentsLeft > 0) return fail(IPV6_PACKET_LAYER, 'Routing Type', at + 2, `routing type ${h.routingType} with Segments Left ${h.segmentsLeft}: the lab does not implement it, so the packet is discarded with ICMPv6 Parameter Problem code 0 (RFC 8200 §4.4)`);
      return ok({ nextHeader: h.nextHeader, length: 4 + h.data.length });
    }
    case NextHeader.FRAGMENT:
      if (end - at < 8) return fail(IPV6_PACKET_LAYER, 'Fragment header', at, `needs 8 octets, only ${Math.max(0, end - at)} remain`);
      return fail(IPV6_PACKET_LAYER, 'Fragment header', at, FRAGMENT_REFUSAL);
    case NextHeader.AH:
      return parseAh(bytes, at, end, s);
    default:
      return fail(IPV6_PACKET_LAYER, 'Next Header', nextAt, 'ESP (RFC 4303) is not implemented in the lab: the packet cannot be read');
  }
}

/** AH (RFC 4302 §2): walked past, its fields handed to the verifier (crypto/ah-icv.ts). */
function parseAh(bytes: Uint8Array, at: number, end: number, s: ChainState): WireResult<{ nextHeader: number; length: number }> {
  if (s.authentication !== undefined) return fail(IPV6_PACKET_LAYER, 'Authentication Header', at, 'a second AH: the lab uses one security association per packet (RFC 4302 §3.1)');
  const parsed = parseAuthenticationHeader(bytes, at, end);
  if (!parsed.ok) return parsed;
  const { nextHeader, spi, sequence, icv } = parsed.value;
  s.authentication = { spi, sequence, icv, offset: at };
  return ok({ nextHeader, length: authenticationHeaderLength(parsed.value) });
}
