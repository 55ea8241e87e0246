// The IPv6 samples checked as their receivers would check them: every
// checksum over the final addresses, every AH ICV under the receiver's key,
// the Binding Authorization Data under the Kbm the correspondent derives from
// its own nonces — and the IPv4 samples left exactly as they were.

import { describe, expect, it } from 'vitest';
import { verifyAhIcv } from '../crypto/ah-icv';
import { careOfKeygenToken, homeKeygenToken, kbm, verifyBindingAuthorizationData } from '../crypto/return-routability';
import { parseIcmpv6 } from '../wire/ipv6/icmpv6';
import { decapsulateIpv6 } from '../wire/ipv6/ipv6-in-ipv6';
import { NextHeader } from '../wire/ipv6/ipv6-header';
import { parseIpv6Packet, type ParsedIpv6Packet } from '../wire/ipv6/ipv6-packet';
import { bindingAuthorizationInput, parseMobilityHeader } from '../wire/ipv6/mobility-header';
import { parseUdp6 } from '../wire/ipv6/udp6';
import { describePacket } from '../wire/packet';
import { okValue } from '../wire/test-support/laws';
import { buildAllSamplePackets } from './all-samples';
import { buildIpv6SamplePackets } from './sample-ipv6';
import { ADDR6, LINKS6, createIpv6SampleWorld } from './sample-ipv6-world';
import { buildSamplePackets, type SamplePacket } from './sample-packets';

const samples = buildIpv6SamplePackets({ seed: 1 });
const world = createIpv6SampleWorld(1);

/** The packet as its final receiver reads it: through an IPv6-in-IPv6 tunnel when there is one. */
function innermost(s: SamplePacket): ParsedIpv6Packet & { readonly bytes: Uint8Array } {
  let bytes = s.bytes;
  let p = okValue(parseIpv6Packet(bytes));
  while (p.upperNextHeader === NextHeader.IPV6) {
    bytes = okValue(decapsulateIpv6(bytes)).inner;
    p = okValue(parseIpv6Packet(bytes));
  }
  return { ...p, bytes };
}

function named(pattern: RegExp): SamplePacket {
  const found = samples.filter((s) => pattern.test(s.name));
  if (found.length !== 1) throw new Error(`${found.length} IPv6 samples match ${pattern}`);
  return found[0]!;
}

function mobilityOf(s: SamplePacket) {
  const p = innermost(s);
  expect(p.upperNextHeader, s.name).toBe(NextHeader.MOBILITY);
  return { p, mh: okValue(parseMobilityHeader(p.bytes, p.upperOffset, p.end, { source: p.finalSource, destination: p.finalDestination })) };
}

describe('IPv6 sample packets', () => {
  it('have unique names, a spec reference each, an IPv6 link, and follow the IPv4 samples unchanged', () => {
    expect(samples.length).toBeGreaterThanOrEqual(20);
    const ipv4 = buildSamplePackets({ seed: 1 });
    const all = buildAllSamplePackets({ seed: 1 });
    expect(all.slice(0, ipv4.length).map((s) => [s.name, s.link, Array.from(s.bytes)])).toEqual(ipv4.map((s) => [s.name, s.link, Array.from(s.bytes)]));
    expect(all.slice(ipv4.length).map((s) => s.name)).toEqual(samples.map((s) => s.name));
    expect(new Set(all.map((s) => s.name)).size).toBe(all.length);
    for (const s of samples) {
      expect(s.bytes[0]! >> 4, s.name).toBe(6);
      expect(Object.values(LINKS6), s.name).toContain(s.link);
      expect(s.ref, s.name).toMatch(/(RFC \d+|mipv6-07|Perkins & Johnson) §\d/);
    }
  });

  it('hold one of each message the lab sends: ND, all eight Mobility Header types, data with RH2 and HAO, a tunnel, Parameter Problem', () => {
    const icmpTypes = new Set<number>();
    const mhTypes = new Set<number>();
    for (const s of samples) {
      const p = innermost(s);
      if (p.upperNextHeader === NextHeader.ICMPV6) icmpTypes.add(p.bytes[p.upperOffset]!);
      if (p.upperNextHeader === NextHeader.MOBILITY) mhTypes.add(p.bytes[p.upperOffset + 2]!);
    }
    expect([...icmpTypes].sort((a, b) => a - b)).toEqual([4, 133, 134, 135, 136]);
    expect([...mhTypes].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(innermost(named(/^Data \(CN → MN care-of/)).routingHeader2).toMatchObject({ homeAddress: ADDR6.home, segmentsLeft: 1 });
    expect(innermost(named(/^Data \(MN → CN/)).homeAddressOption).toBe(ADDR6.home);
    expect(okValue(parseIpv6Packet(named(/IPv6 in IPv6/).bytes)).upperNextHeader).toBe(NextHeader.IPV6);
  });

  it('carry a correct checksum over the final addresses at every upper layer', () => {
    let checked = 0;
    for (const s of samples) {
      const p = innermost(s);
      const pseudo = { source: p.finalSource, destination: p.finalDestination };
      if (p.upperNextHeader === NextHeader.MOBILITY) expect(okValue(parseMobilityHeader(p.bytes, p.upperOffset, p.end, pseudo)).checksumValid, s.name).toBe(true);
      else if (p.upperNextHeader === NextHeader.ICMPV6) expect(okValue(parseIcmpv6(p.bytes, p.upperOffset, p.end, pseudo)), s.name).toMatchObject({ checksumValid: true });
      else if (p.upperNextHeader === NextHeader.UDP) expect(okValue(parseUdp6(p.bytes, p.upperOffset, p.end, pseudo)).checksumValid, s.name).toBe(true);
      else throw new Error(`${s.name}: unexpected upper layer ${p.upperNextHeader}`);
      checked++;
    }
    expect(checked).toBe(samples.length);
  });

  it('verify under the receiver\'s keys: every AH ICV, and the Binding Authorization Data under the Kbm the correspondent derives', () => {
    const keyFor = (s: SamplePacket) => (/AR1/.test(s.name) ? world.mnAr1 : /CN/.test(s.name) ? world.mnCn : world.mnHa);
    const withAh = samples.filter((s) => innermost(s).authentication !== undefined);
    expect(withAh.length).toBe(6);
    for (const s of withAh) {
      const p = innermost(s);
      expect(p.authentication!.spi, s.name).toBe(keyFor(s).spi);
      expect(okValue(verifyAhIcv(keyFor(s).key, p.bytes, p.authentication!.offset)).valid, s.name).toBe(true);
      expect(okValue(verifyAhIcv(new Uint8Array(16), p.bytes, p.authentication!.offset)).valid, `${s.name} under a wrong key`).toBe(false);
    }
    const rr = world.rr;
    const derived = kbm(homeKeygenToken(rr.kcn, ADDR6.home, rr.homeNonce), careOfKeygenToken(rr.kcn, ADDR6.coa, rr.careOfNonce));
    for (const pattern of [/^Binding Update \(MN → CN: A, Nonce Indices/, /^Binding Acknowledgement \(CN → MN: accepted, type 2 Routing header, Binding Authorization/]) {
      const { p, mh } = mobilityOf(named(pattern));
      const bad = mh.message.kind !== 'unknown' ? mh.message.options.find((o) => o.kind === 'binding-authorization-data') : undefined;
      expect(bad, pattern.source).toBeDefined();
      const input = okValue(bindingAuthorizationInput(p.bytes, p.upperOffset, p.end));
      const received = bad!.kind === 'binding-authorization-data' ? bad!.authenticator : new Uint8Array();
      expect(verifyBindingAuthorizationData(derived, ADDR6.coa, ADDR6.cn, input, received), pattern.source).toBe(true);
    }
  });

  it('place the addresses where RFC 6275 puts them: HAO from the care-of address, RH2 to it, the tests by their routes', () => {
    const homeBu = mobilityOf(named(/^Binding Update \(MN → HA: A \+ H/));
    expect(homeBu.p.header.source).toBe(ADDR6.coa);
    expect(homeBu.p.finalSource).toBe(ADDR6.home);
    expect(homeBu.mh.message).toMatchObject({ kind: 'binding-update', acknowledge: true, homeRegistration: true, lifetimeUnits: 75 });
    const smooth = mobilityOf(named(/smooth handoff/));
    expect(smooth.p.finalSource).toBe(ADDR6.previousCoa);
    expect(smooth.p.header.destination).toBe(ADDR6.ar1);
    const hoti = named(/^Home Test Init/);
    expect(okValue(parseIpv6Packet(hoti.bytes)).header).toMatchObject({ source: ADDR6.coa, destination: ADDR6.ha });
    expect(innermost(hoti).header).toMatchObject({ source: ADDR6.home, destination: ADDR6.cn, hopLimit: 64 });
    const hot = named(/^Home Test \(/);
    expect(innermost(hot).header).toMatchObject({ source: ADDR6.cn, destination: ADDR6.home, hopLimit: 63 });
    const pp = innermost(named(/Parameter Problem/));
    const error = okValue(parseIcmpv6(pp.bytes, pp.upperOffset, pp.end, { source: pp.finalSource, destination: pp.finalDestination }));
    expect(error).toMatchObject({ kind: 'parameter-problem', pointer: 40 });
    // The Pointer names the octet of the quoted packet that holds Next Header 135.
    expect(error.kind === 'parameter-problem' ? error.invoking[40] : -1).toBe(NextHeader.MOBILITY);
  });

  it('are decoded by the lab\'s own packet walker, the same bytes for the same seed', () => {
    for (const s of samples) {
      const d = describePacket(s.bytes);
      expect(d.ok, s.name).toBe(true);
    }
    expect(buildIpv6SamplePackets({ seed: 1 }).map((s) => Array.from(s.bytes))).toEqual(samples.map((s) => Array.from(s.bytes)));
    expect(buildIpv6SamplePackets({ seed: 2 }).map((s) => Array.from(s.bytes))).not.toEqual(samples.map((s) => Array.from(s.bytes)));
  });
});
