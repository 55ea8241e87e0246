// What tshark should report for an IPv6 packet the lab built, field by field
// (tshark 4.0 field names, `tshark -G fields`), read back from the packet with
// the lab's own parsers: if our encoder put a value in the wrong place and our
// parser reads it from the same wrong place, tshark — which follows RFC 8200,
// RFC 4861, RFC 4302 and RFC 6275 — reports something else and the test fails.
//
// Plus one check tshark 4.0 cannot make: it shows the Mobility Header
// checksum (mip6.csum) without verifying it (there is no mip6 checksum
// preference and no mip6.checksum.status field), so mobilityChecksumProblems
// verifies it here, with addresses and offsets taken from tshark's own
// dissection and the Internet checksum written out again (RFC 8200 §8.1).

import { parseIcmpv6 } from '../engine/wire/ipv6/icmpv6';
import { parseIpv6Packet } from '../engine/wire/ipv6/ipv6-packet';
import { NextHeader } from '../engine/wire/ipv6/ipv6-header';
import { parseMobilityHeader } from '../engine/wire/ipv6/mobility-header';
import type { MobilityOption } from '../engine/wire/ipv6/mobility-options';
import type { NdOption } from '../engine/wire/ipv6/nd-options';
import { parseUdp6 } from '../engine/wire/ipv6/udp6';
import { describeWireError, type WireResult } from '../engine/wire/result';
import { fieldValues, type TsharkFrame } from './tshark';

/** Field name → the values tshark must show, in tree order (outer headers first, a tunnelled or quoted packet after). */
export type ExpectedFields = Map<string, string[]>;

const colonHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');
const plainHex = (b: Uint8Array): string => `0x${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;
const bit = (b: boolean): string => (b ? '1' : '0');

function must<T>(r: WireResult<T>, what: string): T {
  if (!r.ok) throw new Error(`${what} does not parse: ${describeWireError(r.error)}`);
  return r.value;
}

class Expected {
  readonly fields: ExpectedFields = new Map();
  add(name: string, value: string | number): void {
    const list = this.fields.get(name) ?? [];
    list.push(String(value));
    this.fields.set(name, list);
  }
}

function mobilityOption(o: MobilityOption, e: Expected): void {
  switch (o.kind) {
    case 'nonce-indices':
      e.add('mip6.ni.hni', o.homeNonceIndex);
      e.add('mip6.ni.cni', o.careOfNonceIndex);
      return;
    case 'binding-authorization-data':
      e.add('mip6.bad.auth', colonHex(o.authenticator));
      return;
    case 'binding-refresh-advice':
      e.add('mip6.bra.interval', o.refreshIntervalUnits);
      return;
    case 'alternate-care-of-address':
      e.add('mip6.acoa.acoa', o.address);
      return;
    case 'unknown':
      throw new Error(`mobility option type ${o.type}: the lab does not send it, so there is no tshark field to compare`);
  }
}

function mobility(bytes: Uint8Array, offset: number, end: number, pseudo: { source: string; destination: string }, e: Expected): void {
  const { message: m } = must(parseMobilityHeader(bytes, offset, end, pseudo), 'Mobility Header');
  e.add('mip6.proto', bytes[offset]!);
  e.add('mip6.hlen', bytes[offset + 1]!);
  e.add('mip6.mhtype', bytes[offset + 2]!);
  switch (m.kind) {
    case 'binding-update':
      e.add('mip6.bu.seqnr', m.sequence);
      e.add('mip6.bu.a_flag', bit(m.acknowledge));
      e.add('mip6.bu.h_flag', bit(m.homeRegistration));
      e.add('mip6.bu.l_flag', bit(m.linkLocalCompatibility));
      e.add('mip6.bu.k_flag', bit(m.keyManagement));
      e.add('mip6.bu.lifetime', m.lifetimeUnits);
      break;
    case 'binding-acknowledgement':
      e.add('mip6.ba.status', m.status);
      e.add('mip6.ba.k_flag', bit(m.keyManagement));
      e.add('mip6.ba.seqnr', m.sequence);
      e.add('mip6.ba.lifetime', m.lifetimeUnits);
      break;
    case 'binding-error':
      e.add('mip6.be.status', m.status);
      e.add('mip6.be.haddr', m.homeAddress);
      break;
    case 'home-test-init':
    case 'care-of-test-init':
      e.add(m.kind === 'home-test-init' ? 'mip6.hoti.cookie' : 'mip6.coti.cookie', plainHex(m.cookie));
      break;
    case 'home-test':
    case 'care-of-test': {
      const p = m.kind === 'home-test' ? 'mip6.hot' : 'mip6.cot';
      e.add(`${p}.nindex`, m.nonceIndex);
      e.add(`${p}.cookie`, plainHex(m.cookie));
      e.add('mip6.hot.token', plainHex(m.keygenToken)); // tshark 4.0 files the Care-of keygen token under mip6.hot.token too
      break;
    }
    case 'binding-refresh-request':
      break;
    case 'unknown':
      throw new Error(`MH Type ${m.mhType}: the lab does not send it`);
  }
  for (const o of m.options) mobilityOption(o, e);
}

function ndOption(o: NdOption, e: Expected): void {
  switch (o.kind) {
    case 'source-link-layer-address':
      e.add('icmpv6.opt.src_linkaddr', o.linkAddress);
      return;
    case 'target-link-layer-address':
      e.add('icmpv6.opt.target_linkaddr', o.linkAddress);
      return;
    case 'prefix-information':
      e.add('icmpv6.opt.prefix.length', o.prefixLength);
      e.add('icmpv6.opt.prefix.flag.l', bit(o.onLink));
      e.add('icmpv6.opt.prefix.flag.a', bit(o.autonomous));
      e.add('icmpv6.opt.prefix.flag.r', bit(o.routerAddress));
      e.add('icmpv6.opt.prefix.valid_lifetime', o.validLifetime);
      e.add('icmpv6.opt.prefix.preferred_lifetime', o.preferredLifetime);
      e.add('icmpv6.opt.prefix', o.prefix);
      return;
    case 'mtu':
      e.add('icmpv6.opt.mtu', o.mtu);
      return;
    case 'advertisement-interval':
      e.add('icmpv6.opt.advertisement_interval', o.intervalMs);
      return;
    case 'home-agent-information':
      e.add('icmpv6.opt.home_agent_preference', o.preference);
      e.add('icmpv6.opt.home_agent_lifetime', o.lifetimeS);
      return;
    case 'unknown':
      throw new Error(`Neighbor Discovery option type ${o.type}: the lab does not send it`);
  }
}

function icmpv6(bytes: Uint8Array, offset: number, end: number, pseudo: { source: string; destination: string }, e: Expected): void {
  const m = must(parseIcmpv6(bytes, offset, end, pseudo), 'ICMPv6 message');
  e.add('icmpv6.type', bytes[offset]!);
  e.add('icmpv6.code', bytes[offset + 1]!);
  switch (m.kind) {
    case 'router-advertisement':
      e.add('icmpv6.nd.ra.cur_hop_limit', m.curHopLimit);
      e.add('icmpv6.nd.ra.flag.m', bit(m.managed));
      e.add('icmpv6.nd.ra.flag.o', bit(m.other));
      e.add('icmpv6.nd.ra.flag.h', bit(m.homeAgent));
      e.add('icmpv6.nd.ra.router_lifetime', m.routerLifetime);
      e.add('icmpv6.nd.ra.reachable_time', m.reachableTimeMs);
      e.add('icmpv6.nd.ra.retrans_timer', m.retransTimerMs);
      break;
    case 'neighbor-solicitation':
      e.add('icmpv6.nd.ns.target_address', m.target);
      break;
    case 'neighbor-advertisement':
      e.add('icmpv6.nd.na.flag.r', bit(m.router));
      e.add('icmpv6.nd.na.flag.s', bit(m.solicited));
      e.add('icmpv6.nd.na.flag.o', bit(m.override));
      e.add('icmpv6.nd.na.target_address', m.target);
      break;
    case 'parameter-problem':
      e.add('icmpv6.pointer', m.pointer);
      break;
    case 'packet-too-big':
      e.add('icmpv6.mtu', m.mtu);
      break;
    default:
      break;
  }
  if ('options' in m) for (const o of m.options) ndOption(o, e);
  // RFC 4443 §2.4 (c): the invoking packet is quoted whole when it fits; tshark dissects it as IPv6 again.
  if ('invoking' in m) packet(m.invoking, e);
}

function packet(bytes: Uint8Array, e: Expected): void {
  const p = must(parseIpv6Packet(bytes), 'IPv6 packet');
  e.add('ipv6.src', p.header.source);
  e.add('ipv6.dst', p.header.destination);
  e.add('ipv6.hlim', p.header.hopLimit);
  e.add('ipv6.plen', p.header.payloadLength);
  if (p.routingHeader2 !== undefined) {
    e.add('ipv6.routing.type', 2);
    e.add('ipv6.routing.segleft', p.routingHeader2.segmentsLeft);
    e.add('ipv6.routing.mipv6.home_address', p.routingHeader2.homeAddress);
  }
  if (p.homeAddressOption !== undefined) e.add('ipv6.opt.mipv6.home_address', p.homeAddressOption);
  if (p.authentication !== undefined) {
    e.add('ah.next_header', p.upperNextHeader);
    e.add('ah.spi', `0x${p.authentication.spi.toString(16).padStart(8, '0')}`);
    e.add('ah.sequence', p.authentication.sequence);
    e.add('ah.icv', colonHex(p.authentication.icv));
  }
  const pseudo = { source: p.finalSource, destination: p.finalDestination };
  switch (p.upperNextHeader) {
    case NextHeader.IPV6:
      packet(bytes.subarray(p.upperOffset, p.end), e);
      break;
    case NextHeader.MOBILITY:
      mobility(bytes, p.upperOffset, p.end, pseudo, e);
      break;
    case NextHeader.ICMPV6:
      icmpv6(bytes, p.upperOffset, p.end, pseudo, e);
      break;
    case NextHeader.UDP: {
      const u = must(parseUdp6(bytes, p.upperOffset, p.end, pseudo), 'UDP datagram');
      e.add('udp.srcport', u.sourcePort);
      e.add('udp.dstport', u.destinationPort);
      break;
    }
    default:
      throw new Error(`upper layer ${p.upperNextHeader}: the lab's IPv6 nodes do not send it`);
  }
}

/** Every field tshark must report for this IPv6 packet, with the values the lab encoded. */
export function encodedIpv6Fields(bytes: Uint8Array): ExpectedFields {
  const e = new Expected();
  packet(bytes, e);
  return e.fields;
}

/** Fields whose values tshark reports differently from what was encoded: "name: tshark [..] ≠ encoded [..]". */
export function fieldDisagreements(frame: TsharkFrame, expected: ExpectedFields): string[] {
  const out: string[] = [];
  for (const [name, values] of expected) {
    const seen = fieldValues(frame, name);
    if (seen.length !== values.length || seen.some((v, i) => v !== values[i])) out.push(`${name}: tshark [${seen.join(', ')}] ≠ encoded [${values.join(', ')}]`);
  }
  return out;
}

// ---- the Mobility Header checksum, verified independently -------------------

function addressWords(text: string): number[] {
  // RFC 4291 §2.2 text, expanded here rather than through the engine's address module.
  const [head, tail] = text.includes('::') ? text.split('::') as [string, string] : [text, undefined];
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const words = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  if (words.length !== 8) throw new Error(`not an IPv6 address: ${text}`);
  return words.map((w) => parseInt(w, 16));
}

function onesComplementSum(words: Iterable<number>): number {
  let sum = 0;
  for (const w of words) sum += w;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/**
 * Checks the Mobility Header checksum of a frame holding one Mobility Header:
 * the pseudo-header of its final addresses (the Home Address option's address
 * as source, the type 2 Routing header's as destination, RFC 6275 §6.1.1) as
 * tshark decoded them, and the header at the offset and length tshark found.
 * Returns what is wrong, or [] when the sum is 0xFFFF.
 */
export function mobilityChecksumProblems(frame: TsharkFrame, frameBytes: Uint8Array): string[] {
  const at = frame.raw['mip6.proto'];
  if (at === undefined || at.length !== 1) return [`expected one Mobility Header, tshark found ${at?.length ?? 0}`];
  const last = (name: string): string | undefined => fieldValues(frame, name).at(-1);
  const source = last('ipv6.opt.mipv6.home_address') ?? last('ipv6.src');
  const destination = last('ipv6.routing.mipv6.home_address') ?? last('ipv6.dst');
  const hlen = Number(last('mip6.hlen'));
  if (source === undefined || destination === undefined || !Number.isInteger(hlen)) return ['tshark did not report the addresses or the Header Len'];
  const start = at[0]!.offset;
  const length = (hlen + 1) * 8;
  if (start + length > frameBytes.length) return [`the Mobility Header at ${start} runs past the frame`];
  const mh = frameBytes.subarray(start, start + length);
  const words = [...addressWords(source), ...addressWords(destination), 0, length, 0, NextHeader.MOBILITY];
  for (let i = 0; i < length; i += 2) words.push((mh[i]! << 8) | mh[i + 1]!);
  const sum = onesComplementSum(words);
  return sum === 0xffff ? [] : [`Mobility Header checksum ${last('mip6.csum')} does not verify over ${source} → ${destination} (sum 0x${sum.toString(16)})`];
}
