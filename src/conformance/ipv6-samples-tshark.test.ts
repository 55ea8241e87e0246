// The IPv6 sample packets (`mip-lab sample-capture`, after the IPv4 ones) read
// by tshark — an implementation we did not write — with checksum validation
// on: UDP by preference; ICMPv6 is always verified (tshark 4.0 has no
// preference for it, `tshark -G defaultprefs`); the Mobility Header checksum,
// which tshark 4.0 shows but never verifies, is verified by
// mobilityChecksumProblems from tshark's own offsets and addresses. No
// expert warning, error or malformed packet is allowed: none is expected.
// Every field tshark reports must equal what the lab encoded.

import { beforeAll, describe, expect, it } from 'vitest';
import { captureLinkType } from '../engine/capture/capture-link-type';
import { createPcapngWriter, LinkType } from '../engine/capture/pcapng';
import { readPcapng } from '../engine/capture/pcapng-reader';
import { buildIpv6SamplePackets } from '../engine/samples/sample-ipv6';
import { createIpv6SampleWorld } from '../engine/samples/sample-ipv6-world';
import { ahIcvProblems } from './ipv6-ah-check';
import { encodedIpv6Fields, fieldDisagreements, mobilityChecksumProblems } from './ipv6-expectations';
import { fieldValue, fieldValues, problems, readWithTshark, tsharkAvailable, type TsharkFrame } from './tshark';

const NO_TSHARK = !tsharkAvailable();
const samples = buildIpv6SamplePackets({ seed: 1 });

function capture(): Uint8Array {
  const w = createPcapngWriter({ application: 'IPv6 sample conformance test' });
  const links = new Map<string, number>();
  samples.forEach((s, i) => {
    let id = links.get(s.link);
    if (id === undefined) links.set(s.link, (id = w.addInterface({ name: s.link, ...captureLinkType(true) })));
    w.addPacket({ interfaceId: id, timeMicros: i * 1000, bytes: s.bytes, comment: s.name });
  });
  return w.finish();
}

const byName = (frames: readonly TsharkFrame[], pattern: RegExp): TsharkFrame => {
  const i = samples.findIndex((s) => pattern.test(s.name));
  if (i < 0 || frames[i] === undefined) throw new Error(`no frame for ${pattern}`);
  return frames[i]!;
};

describe(`the IPv6 samples read by tshark${NO_TSHARK ? ' — SKIPPED: tshark not found on PATH' : ''}`, () => {
  let frames: TsharkFrame[] = [];
  const bytes = capture();

  beforeAll(async () => {
    if (!NO_TSHARK) frames = await readWithTshark(bytes);
  }, 60_000);

  it('declares raw IP on every interface of a capture that carries IPv6', () => {
    const read = readPcapng(bytes);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const interfaces = read.value.sections[0]!.interfaces;
    expect(interfaces.length).toBeGreaterThan(3);
    for (const i of interfaces) expect(i.linkType, i.name).toBe(LinkType.RAW);
  });

  it.skipIf(NO_TSHARK)('decodes every IPv6 sample as raw IPv6 with no bad checksum, no malformed packet and no expert warning', () => {
    expect(frames).toHaveLength(samples.length);
    let icmp = 0;
    let udp = 0;
    let mh = 0;
    frames.forEach((f, i) => {
      const name = samples[i]!.name;
      expect(f.protocols.slice(0, 2), name).toEqual(['raw', 'ipv6']);
      expect(problems(f), name).toEqual([]);
      for (const s of fieldValues(f, 'icmpv6.checksum.status')) expect(s, `${name}: ICMPv6 checksum`).toBe('1');
      for (const s of fieldValues(f, 'udp.checksum.status')) expect(s, `${name}: UDP checksum`).toBe('1');
      icmp += fieldValues(f, 'icmpv6.checksum.status').length;
      udp += fieldValues(f, 'udp.checksum.status').length;
      if (f.protocols.includes('mipv6')) {
        expect(mobilityChecksumProblems(f, samples[i]!.bytes), name).toEqual([]);
        mh++;
      }
    });
    expect({ icmp: icmp >= 6, udp: udp >= 3, mh: mh >= 14 }).toEqual({ icmp: true, udp: true, mh: true }); // validation really ran
  });

  it.skipIf(NO_TSHARK)('reports every field with the value the lab encoded: Mobility Header, Home Address option, type 2 Routing header, AH, Neighbor Discovery', () => {
    expect(frames).toHaveLength(samples.length);
    let compared = 0;
    frames.forEach((f, i) => {
      const expected = encodedIpv6Fields(samples[i]!.bytes);
      expect(fieldDisagreements(f, expected), samples[i]!.name).toEqual([]);
      compared += expected.size;
    });
    expect(compared).toBeGreaterThan(samples.length * 5);
  });

  it.skipIf(NO_TSHARK)('has AH ICVs that verify when recomputed from tshark\'s offsets with the receiver\'s key, and fail under another key', () => {
    expect(frames).toHaveLength(samples.length);
    const w = createIpv6SampleWorld(1);
    const keys = new Map([w.mnHa, w.mnCn, w.mnAr1].map((sa) => [sa.spi, sa.key]));
    const withAh = frames.map((f, i) => ({ f, s: samples[i]! })).filter(({ f }) => f.protocols.includes('ah'));
    expect(withAh.length).toBe(6);
    for (const { f, s } of withAh) {
      expect(ahIcvProblems(f, s.bytes, (spi) => keys.get(spi)), s.name).toEqual([]);
      expect(ahIcvProblems(f, s.bytes, () => new Uint8Array(16).fill(0x5a)), `${s.name} under another key`).toHaveLength(1);
    }
  });

  it.skipIf(NO_TSHARK)('reads the home registration the paper describes: A and H, the home address in a destination option, AH SPI and sequence', () => {
    const bu = byName(frames, /^Binding Update \(MN → HA: A \+ H/);
    expect(bu.protocols).toEqual(['raw', 'ipv6', 'ipv6.dstopts', 'ah', 'mipv6']);
    expect([fieldValue(bu, 'mip6.mhtype'), fieldValue(bu, 'mip6.bu.a_flag'), fieldValue(bu, 'mip6.bu.h_flag'), fieldValue(bu, 'mip6.bu.lifetime')]).toEqual(['5', '1', '1', '75']);
    expect(fieldValue(bu, 'ipv6.opt.mipv6.home_address')).toBe('2001:db8:1::10');
    expect([fieldValue(bu, 'ah.spi'), fieldValue(bu, 'ah.sequence'), fieldValue(bu, 'ah.length')]).toEqual(['0x000003e8', '7', '4']);
    const ba = byName(frames, /^Binding Acknowledgement \(HA → MN/);
    expect(ba.protocols).toEqual(['raw', 'ipv6', 'ipv6.routing', 'ah', 'mipv6']);
    expect([fieldValue(ba, 'ipv6.routing.type'), fieldValue(ba, 'ipv6.routing.segleft'), fieldValue(ba, 'ipv6.routing.mipv6.home_address')]).toEqual(['2', '1', '2001:db8:1::10']);
    expect([fieldValue(ba, 'mip6.ba.status'), fieldValue(ba, 'mip6.ba.seqnr')]).toEqual(['0', '7']);
  });

  it.skipIf(NO_TSHARK)('reads return routability: the HoTI and HoT through IPv6-in-IPv6 tunnels, Nonce Indices and Binding Authorization Data in the Binding Update', () => {
    expect(byName(frames, /^Home Test Init/).protocols).toEqual(['raw', 'ipv6', 'ipv6', 'mipv6']);
    expect(byName(frames, /^Home Test \(/).protocols).toEqual(['raw', 'ipv6', 'ipv6', 'mipv6']);
    const bu = byName(frames, /^Binding Update \(MN → CN: A, Nonce Indices/);
    expect([fieldValue(bu, 'mip6.ni.hni'), fieldValue(bu, 'mip6.ni.cni'), fieldValue(bu, 'mip6.bu.h_flag')]).toEqual(['3', '4', '0']);
    expect(fieldValue(bu, 'mip6.bad.auth')?.split(':')).toHaveLength(12);
  });

  it.skipIf(NO_TSHARK)('reads the Router Advertisement options of RFC 6275 §7: H flag, Prefix Information with R, Advertisement Interval, Home Agent Information', () => {
    const ra = byName(frames, /^Router Advertisement \(HA/);
    expect(fieldValue(ra, 'icmpv6.nd.ra.flag.h')).toBe('1');
    expect(['l', 'a', 'r'].map((b) => fieldValue(ra, `icmpv6.opt.prefix.flag.${b}`))).toEqual(['1', '1', '1']);
    expect(fieldValue(ra, 'icmpv6.opt.prefix')).toBe('2001:db8:1::1');
    expect(fieldValue(ra, 'icmpv6.opt.advertisement_interval')).toBe('1000');
    expect(fieldValue(ra, 'icmpv6.opt.home_agent_lifetime')).toBe('3');
  });
});
