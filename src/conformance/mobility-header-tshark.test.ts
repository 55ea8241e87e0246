// Does Wireshark read the Mobility Header golden bytes (RFC 6275 §6.1, §6.2)
// the way the lab means them? Each hand-assembled vector travels in a bare
// IPv6 header (next header 135, addresses = the checksum's pseudo-header)
// and tshark — an implementation we did not write — names every field.
// (tshark shows the MH checksum but does not verify it; the tests of
// mobility-header.test.ts check it against an independent computation.)

import { beforeAll, describe, expect, it } from 'vitest';
import { encodePcapng, LinkType } from '../engine/capture/pcapng';
import { ipv6Bytes } from '../engine/wire/ipv6/ipv6-address';
import { VECTORS, type MhVector } from '../engine/wire/ipv6/test-support/mobility-vectors';
import { fieldValue, fieldValues, problems, readWithTshark, tsharkAvailable, type TsharkFrame } from './tshark';

const NO_TSHARK = !tsharkAvailable();
const SUITE = `Mobility Header read by tshark${NO_TSHARK ? ' — SKIPPED: tshark not found on PATH' : ''}`;

/** IPv6 header (RFC 8200 §3): Version 6, Payload Length, Next Header 135, Hop Limit 64, then the Mobility Header. */
function inIpv6(v: MhVector): Uint8Array {
  const p = new Uint8Array(40 + v.bytes.length);
  p.set([0x60, 0, 0, 0, v.bytes.length >> 8, v.bytes.length & 0xff, 135, 64]);
  p.set(ipv6Bytes(v.source), 8);
  p.set(ipv6Bytes(v.destination), 24);
  p.set(v.bytes, 40);
  return p;
}

const NAMES = Object.keys(VECTORS) as (keyof typeof VECTORS)[];

describe(SUITE, () => {
  const frames = new Map<keyof typeof VECTORS, TsharkFrame>();
  beforeAll(async () => {
    if (NO_TSHARK) return;
    const read = await readWithTshark(encodePcapng({
      application: 'mip-lab Mobility Header conformance test',
      interfaces: [{ name: 'raw', description: 'raw IP (IPv6)', linkType: LinkType.RAW }],
      packets: NAMES.map((name, i) => ({ interfaceId: 0, timeMicros: i, bytes: inIpv6(VECTORS[name]) })),
    }));
    NAMES.forEach((name, i) => frames.set(name, read[i]!));
  });
  const frame = (name: keyof typeof VECTORS): TsharkFrame => frames.get(name)!;

  it.skipIf(NO_TSHARK)('decodes every vector as a Mobility Header with Payload Proto 59, its Header Len, MH Type and checksum', () => {
    expect(frames.size).toBe(NAMES.length);
    for (const name of NAMES) {
      const f = frame(name);
      const b = VECTORS[name].bytes;
      expect(f.protocols, name).toEqual(['raw', 'ipv6', 'mipv6']);
      expect(fieldValue(f, 'mip6.proto'), name).toBe('59');
      expect(fieldValue(f, 'mip6.hlen'), name).toBe(String(b[1]));
      expect(fieldValue(f, 'mip6.mhtype'), name).toBe(String(b[2]));
      expect(fieldValue(f, 'mip6.csum'), name).toBe(`0x${((b[4]! << 8) | b[5]!).toString(16).padStart(4, '0')}`);
    }
  });

  it.skipIf(NO_TSHARK)('reads the return-routability messages: cookies, nonce indices and keygen tokens', () => {
    expect(fieldValue(frame('homeTestInit'), 'mip6.hoti.cookie')).toBe('0x0102030405060708');
    expect(fieldValue(frame('careOfTestInit'), 'mip6.coti.cookie')).toBe('0x1112131415161718');
    const hot = frame('homeTest');
    expect([fieldValue(hot, 'mip6.hot.nindex'), fieldValue(hot, 'mip6.hot.cookie'), fieldValue(hot, 'mip6.hot.token')]).toEqual(['7', '0x0102030405060708', '0xa1a2a3a4a5a6a7a8']);
    const cot = frame('careOfTest');
    expect([fieldValue(cot, 'mip6.cot.nindex'), fieldValue(cot, 'mip6.cot.cookie')]).toEqual(['8', '0x1112131415161718']);
    for (const name of ['bindingRefreshRequest', 'homeTestInit', 'careOfTestInit', 'homeTest', 'careOfTest'] as const) expect(problems(frame(name)), name).toEqual([]);
  });

  it.skipIf(NO_TSHARK)('reads Binding Update flags, sequence and lifetime, and each option where the lab aligned it', () => {
    const home = frame('bindingUpdateHome');
    expect(['a', 'h', 'l', 'k'].map((x) => fieldValue(home, `mip6.bu.${x}_flag`))).toEqual(['1', '1', '0', '0']);
    expect([fieldValue(home, 'mip6.bu.seqnr'), fieldValue(home, 'mip6.bu.lifetime')]).toEqual(['42', '75']);
    expect(fieldValue(home, 'mip6.options.padn')).toBe('01:02:00:00');
    const rr = frame('bindingUpdateReturnRoutability');
    expect([fieldValue(rr, 'mip6.ni.hni'), fieldValue(rr, 'mip6.ni.cni')]).toEqual(['3', '4']);
    expect(fieldValue(rr, 'mip6.bad.auth')).toBe('c1:c2:c3:c4:c5:c6:c7:c8:c9:ca:cb:cc');
    const all = frame('bindingUpdateAllOptions');
    expect(['a', 'h', 'l', 'k'].map((x) => fieldValue(all, `mip6.bu.${x}_flag`))).toEqual(['1', '1', '1', '1']);
    expect(fieldValue(all, 'mip6.acoa.acoa')).toBe('2001:db8:2::a');
    expect(fieldValues(all, 'mip6.options.padn')).toEqual(['01:00', '01:02:00:00']);
    for (const name of ['bindingUpdateHome', 'bindingUpdateReturnRoutability', 'bindingUpdateAllOptions'] as const) expect(problems(frame(name)), name).toEqual([]);
    // The unknown option 200 is shown undecoded (a note, not an error), Pad1 and the Nonce Indices after it are read.
    const pad1 = frame('bindingUpdatePad1');
    expect(fieldValue(pad1, 'mip6.mobility_opt')).toBe('200');
    expect(fieldValue(pad1, 'mip6.options.pad1')).toBe('00');
    expect([fieldValue(pad1, 'mip6.ni.hni'), fieldValue(pad1, 'mip6.ni.cni')]).toEqual(['5', '6']);
  });

  it.skipIf(NO_TSHARK)('reads Binding Acknowledgements (status, K, refresh advice) and the Binding Error', () => {
    const refused = frame('bindingAckRefused');
    expect([fieldValue(refused, 'mip6.ba.status'), fieldValue(refused, 'mip6.ba.k_flag'), fieldValue(refused, 'mip6.ba.seqnr')]).toEqual(['135', '1', '42']);
    expect([fieldValue(frame('bindingAckHome'), 'mip6.ba.status'), fieldValue(frame('bindingAckHome'), 'mip6.ba.lifetime')]).toEqual(['0', '75']);
    expect(fieldValue(frame('bindingAckRefreshAdvice'), 'mip6.bra.interval')).toBe('15');
    const be = frame('bindingError');
    expect([fieldValue(be, 'mip6.be.status'), fieldValue(be, 'mip6.be.haddr')]).toEqual(['1', '2001:db8:1::10']);
    for (const name of ['bindingAckHome', 'bindingAckRefreshAdvice', 'bindingAckRefused', 'bindingError'] as const) expect(problems(frame(name)), name).toEqual([]);
  });
});
