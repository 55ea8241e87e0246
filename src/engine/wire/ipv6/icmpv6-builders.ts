// The ICMPv6 messages the lab's IPv6 nodes send, as bytes ready to go after
// the IPv6 headers: each builder takes the pseudo-header addresses (the final
// source and destination, RFC 6275 §6.1.1) and returns the message with its
// checksum. Pure: no clock, no state. What goes in each message follows
// docs/ipv6.md §3 (Router Advertisements with SLLA, Prefix Information with
// L, A and R, Advertisement Interval; the home agent adds H and Home Agent
// Information) and RFC 4861 §4.

import { EncodeError } from '../result';
import { ICMPV6_LAYER, type Ipv6PseudoAddresses } from './icmpv6-header';
import { encodeIcmpv6, type Icmpv6Error, type Icmpv6Message } from './icmpv6';
import { quoteInvokingPacket } from './icmpv6-quote';
import { IPV6_HEADER_LENGTH } from './ipv6-header';
import type { Ipv6Address } from './ipv6-address';
import type { NdOption } from './nd-options';

export { quoteInvokingPacket, ICMPV6_ERROR_QUOTE_LIMIT } from './icmpv6-quote';

/** "02:00:00:00:01:02" (the lab's link-layer address text). */
type LinkAddressText = string;

function check(ok: boolean, what: string): void {
  if (!ok) throw new EncodeError(ICMPV6_LAYER, what);
}

function u32(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
}

function u16(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 0xffff;
}

function linkOption(kind: 'source-link-layer-address' | 'target-link-layer-address', linkAddress: LinkAddressText | undefined): NdOption[] {
  return linkAddress === undefined ? [] : [{ kind, linkAddress }];
}

function encode(m: Icmpv6Message, pseudo: Ipv6PseudoAddresses): Uint8Array {
  return encodeIcmpv6(m, { source: pseudo.source, destination: pseudo.destination });
}

export interface RouterSolicitationSpec extends Ipv6PseudoAddresses {
  /** Omitted when the source is the unspecified address (RFC 4861 §4.1). */
  readonly sourceLinkAddress?: LinkAddressText;
}

/** Router Solicitation (RFC 4861 §4.1), normally from a link-local address to ff02::2. */
export function routerSolicitation(spec: RouterSolicitationSpec): Uint8Array {
  check(!(spec.source === '::' && spec.sourceLinkAddress !== undefined), 'a Router Solicitation from the unspecified address must not carry a Source Link-layer Address (RFC 4861 §4.1)');
  return encode({ kind: 'router-solicitation', code: 0, reserved: 0, options: linkOption('source-link-layer-address', spec.sourceLinkAddress) }, spec);
}

export interface PrefixInformationSpec {
  /** The prefix; with `routerAddress` the router's complete address on it (RFC 6275 §7.2). */
  readonly prefix: Ipv6Address;
  readonly prefixLength: number;
  /** L (default true). */
  readonly onLink?: boolean;
  /** A (default true). */
  readonly autonomous?: boolean;
  /** R (default false). */
  readonly routerAddress?: boolean;
  readonly validLifetimeS: number;
  readonly preferredLifetimeS: number;
}

export interface HomeAgentInformationSpec {
  /** Signed 16-bit; higher is preferred. */
  readonly preference: number;
  /** Seconds, 1–65535 (0 must not be sent, RFC 6275 §7.4). */
  readonly lifetimeS: number;
}

export interface RouterAdvertisementSpec extends Ipv6PseudoAddresses {
  /** Default 64. */
  readonly curHopLimit?: number;
  readonly managed?: boolean;
  readonly other?: boolean;
  /** H: this router is a home agent (RFC 6275 §7.1). */
  readonly homeAgent?: boolean;
  /** 0 = not a default router; at most 9000 (RFC 4861 §6.2.1). */
  readonly routerLifetimeS: number;
  readonly reachableTimeMs?: number;
  readonly retransTimerMs?: number;
  readonly sourceLinkAddress: LinkAddressText;
  readonly mtu?: number;
  readonly prefixes: readonly PrefixInformationSpec[];
  /** The Advertisement Interval option (RFC 6275 §7.3), in milliseconds. */
  readonly advertisementIntervalMs?: number;
  /** The Home Agent Information option (RFC 6275 §7.4). */
  readonly homeAgentInfo?: HomeAgentInformationSpec;
}

/** Router Advertisement (RFC 4861 §4.2; RFC 6275 §7.1–§7.4): options SLLA, MTU, Prefix Information…, Advertisement Interval, Home Agent Information. */
export function routerAdvertisement(spec: RouterAdvertisementSpec): Uint8Array {
  const curHopLimit = spec.curHopLimit ?? 64;
  check(Number.isInteger(curHopLimit) && curHopLimit >= 0 && curHopLimit <= 255, `Cur Hop Limit ${curHopLimit} does not fit 8 bits`);
  check(u16(spec.routerLifetimeS) && spec.routerLifetimeS <= 9000, `Router Lifetime ${spec.routerLifetimeS} s is outside 0–9000 (RFC 4861 §6.2.1)`);
  const options: NdOption[] = [...linkOption('source-link-layer-address', spec.sourceLinkAddress)];
  if (spec.mtu !== undefined) {
    check(u32(spec.mtu) && spec.mtu >= 1280, `MTU ${spec.mtu} is below the IPv6 minimum of 1280 (RFC 8200 §5)`);
    options.push({ kind: 'mtu', reserved: 0, mtu: spec.mtu });
  }
  for (const p of spec.prefixes) {
    check(Number.isInteger(p.prefixLength) && p.prefixLength >= 0 && p.prefixLength <= 128, `Prefix Length ${p.prefixLength} is outside 0–128`);
    check(u32(p.validLifetimeS) && u32(p.preferredLifetimeS) && p.preferredLifetimeS <= p.validLifetimeS, `prefix ${p.prefix}: lifetimes must be 32-bit with Preferred ≤ Valid (RFC 4862 §5.5.3)`);
    options.push({
      kind: 'prefix-information', prefixLength: p.prefixLength, onLink: p.onLink ?? true, autonomous: p.autonomous ?? true, routerAddress: p.routerAddress ?? false,
      reserved1: 0, validLifetime: p.validLifetimeS, preferredLifetime: p.preferredLifetimeS, reserved2: 0, prefix: p.prefix,
    });
  }
  if (spec.advertisementIntervalMs !== undefined) {
    check(u32(spec.advertisementIntervalMs), `Advertisement Interval ${spec.advertisementIntervalMs} ms does not fit 32 bits`);
    options.push({ kind: 'advertisement-interval', reserved: 0, intervalMs: spec.advertisementIntervalMs });
  }
  if (spec.homeAgentInfo !== undefined) {
    const h = spec.homeAgentInfo;
    check(Number.isInteger(h.preference) && h.preference >= -0x8000 && h.preference <= 0x7fff, `Home Agent Preference ${h.preference} does not fit a signed 16-bit integer`);
    check(u16(h.lifetimeS) && h.lifetimeS > 0, `Home Agent Lifetime ${h.lifetimeS} s must be 1–65535 (RFC 6275 §7.4)`);
    options.push({ kind: 'home-agent-information', reserved: 0, preference: h.preference, lifetimeS: h.lifetimeS });
  }
  return encode({
    kind: 'router-advertisement', code: 0, curHopLimit, managed: spec.managed ?? false, other: spec.other ?? false, homeAgent: spec.homeAgent ?? false,
    reservedFlags: 0, routerLifetime: spec.routerLifetimeS, reachableTimeMs: spec.reachableTimeMs ?? 0, retransTimerMs: spec.retransTimerMs ?? 0, options,
  }, spec);
}

export interface NeighborSolicitationSpec extends Ipv6PseudoAddresses {
  readonly target: Ipv6Address;
  /** Omitted when the source is the unspecified address (RFC 4861 §4.3). */
  readonly sourceLinkAddress?: LinkAddressText;
}

/** Neighbor Solicitation (RFC 4861 §4.3), normally to the target's solicited-node address. */
export function neighborSolicitation(spec: NeighborSolicitationSpec): Uint8Array {
  check(!(spec.source === '::' && spec.sourceLinkAddress !== undefined), 'a Neighbor Solicitation from the unspecified address must not carry a Source Link-layer Address (RFC 4861 §4.3)');
  return encode({ kind: 'neighbor-solicitation', code: 0, reserved: 0, target: spec.target, options: linkOption('source-link-layer-address', spec.sourceLinkAddress) }, spec);
}

export interface NeighborAdvertisementSpec extends Ipv6PseudoAddresses {
  readonly target: Ipv6Address;
  readonly router: boolean;
  readonly solicited: boolean;
  readonly override: boolean;
  readonly targetLinkAddress?: LinkAddressText;
}

/** Neighbor Advertisement (RFC 4861 §4.4). */
export function neighborAdvertisement(spec: NeighborAdvertisementSpec): Uint8Array {
  return encode({
    kind: 'neighbor-advertisement', code: 0, router: spec.router, solicited: spec.solicited, override: spec.override, reserved: 0,
    target: spec.target, options: linkOption('target-link-layer-address', spec.targetLinkAddress),
  }, spec);
}

/** Which error to send (RFC 4443 §3): code where the type has several, MTU or Pointer where it has one. */
export type Icmpv6ErrorSpec =
  | { readonly kind: 'destination-unreachable'; readonly code: number }
  | { readonly kind: 'packet-too-big'; readonly mtu: number }
  | { readonly kind: 'time-exceeded'; readonly code: number }
  | { readonly kind: 'parameter-problem'; readonly code: number; readonly pointer: number };

/**
 * An error message about `offendingPacket` (the whole packet as received, IPv6
 * header first), quoting as much of it as fits in 1280 octets with the error's
 * own IPv6 header (RFC 4443 §2.4 (c)); `headerOverhead` is the octets of IPv6
 * headers the error will travel under (40 without extension headers).
 */
export function icmpv6Error(error: Icmpv6ErrorSpec, offendingPacket: Uint8Array, pseudo: Ipv6PseudoAddresses, headerOverhead = IPV6_HEADER_LENGTH): Uint8Array {
  const invoking = quoteInvokingPacket(offendingPacket, headerOverhead);
  let m: Icmpv6Error;
  switch (error.kind) {
    case 'packet-too-big':
      check(u32(error.mtu), `MTU ${error.mtu} does not fit 32 bits`);
      m = { kind: 'packet-too-big', code: 0, mtu: error.mtu, invoking };
      break;
    case 'parameter-problem':
      check(u32(error.pointer), `Pointer ${error.pointer} does not fit 32 bits`);
      m = { kind: 'parameter-problem', code: error.code, pointer: error.pointer, invoking };
      break;
    default:
      m = { kind: error.kind, code: error.code, unused: 0, invoking };
  }
  check(Number.isInteger(m.code) && m.code >= 0 && m.code <= 255, `Code ${m.code} does not fit 8 bits`);
  return encode(m, pseudo);
}

export interface EchoSpec extends Ipv6PseudoAddresses {
  readonly identifier: number;
  readonly sequenceNumber: number;
  readonly data?: Uint8Array;
}

/** Echo Request (RFC 4443 §4.1). */
export function echoRequest(spec: EchoSpec): Uint8Array {
  check(u16(spec.identifier) && u16(spec.sequenceNumber), 'Identifier and Sequence Number are 16-bit');
  return encode({ kind: 'echo-request', code: 0, identifier: spec.identifier, sequenceNumber: spec.sequenceNumber, data: spec.data ?? new Uint8Array(0) }, spec);
}

/** Echo Reply (RFC 4443 §4.2): identifier, sequence number and data copied from the request. */
export function echoReply(spec: EchoSpec): Uint8Array {
  check(u16(spec.identifier) && u16(spec.sequenceNumber), 'Identifier and Sequence Number are 16-bit');
  return encode({ kind: 'echo-reply', code: 0, identifier: spec.identifier, sequenceNumber: spec.sequenceNumber, data: spec.data ?? new Uint8Array(0) }, spec);
}
