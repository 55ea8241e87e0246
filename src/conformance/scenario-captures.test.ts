// Every built-in scenario, run with the real protocol, captured the way
// `mip-lab run --pcap` captures it, and read back by tshark (an independent
// decoder) with IP/UDP checksum validation on. As for the sample capture
// (sample-capture.test.ts): no bad checksum anywhere; "malformed" exactly where
// the spec says Wireshark cannot follow us — the RO messages 16–19 and
// messages carrying an extension with a 16-bit Length (README section 7,
// OC-42) — and nowhere else. Runs are bounded so the suite stays quick.
//
// Also: every built-in run twice with the same seed gives the same trace JSON.

import { describe, expect, it } from 'vitest';
import { captureFromTrace, traceJsonLines } from '../cli/commands/run-capture';
import { runHeadless } from '../cli/commands/run';
import { readPcapng } from '../engine/capture/pcapng-reader';
import { seconds } from '../engine/node/time';
import { IpProtocol, parseIpv4 } from '../engine/wire/ipv4';
import { lengthFieldSize } from '../engine/wire/mip/extensions/extension-types';
import { extensionTypeOf } from '../engine/wire/mip/extensions/mip-extension';
import { parseMipMessage, type MipMessage } from '../engine/wire/mip/mip-message';
import { parseUdp } from '../engine/wire/udp';
import { BUILTIN_SCENARIOS, loadBuiltin } from '../scenarios/builtin/index';
import { problems, readWithTshark, tsharkAvailable } from './tshark';

/** Long enough for registration, Route Optimization, a handoff and the scripted attacks of most built-ins. */
const RUN_FOR = seconds(22);
const hasTshark = tsharkAvailable();

/** The Mobile IP message in a datagram, looking through IP-in-IP tunnels. */
function mipMessageIn(bytes: Uint8Array): MipMessage | null {
  const ip = parseIpv4(bytes);
  if (!ip.ok) return null;
  if (ip.value.protocol === IpProtocol.IP_IN_IP) return mipMessageIn(ip.value.payload);
  if (ip.value.protocol !== IpProtocol.UDP) return null;
  const udp = parseUdp(ip.value.payload, 0, ip.value.payload.length, ip.value);
  if (!udp.ok || (udp.value.destinationPort !== 434 && udp.value.sourcePort !== 434)) return null;
  const m = parseMipMessage(udp.value.payload);
  return m.ok ? m.value : null;
}

/** What the spec (README section 7) says Wireshark cannot decode. */
function wiresharkCannotDecode(m: MipMessage | null): boolean {
  if (m === null || m.kind === 'unknown') return false;
  if (m.kind === 'binding-warning' || m.kind === 'binding-request' || m.kind === 'binding-update' || m.kind === 'binding-acknowledge') return true;
  return m.extensions.some((e) => lengthFieldSize(extensionTypeOf(e)) === 2);
}

describe.skipIf(!hasTshark)(`built-in scenario captures read by tshark${hasTshark ? '' : ' — SKIPPED: tshark not found on PATH'}`, () => {
  it.each(BUILTIN_SCENARIOS.map((s) => s.id))('%s: no bad checksum; malformed only where the spec says', async (id) => {
    const loaded = loadBuiltin(id);
    const run = runHeadless(loaded, { until: Math.min(RUN_FOR, loaded.duration) });
    const capture = captureFromTrace(run.trace, loaded.topology, loaded.profile);
    const ours = readPcapng(capture.bytes);
    if (!ours.ok) throw new Error(JSON.stringify(ours.error));
    const packets = ours.value.sections[0]!.packets;
    expect(packets.length).toBeGreaterThan(50);
    const frames = await readWithTshark(capture.bytes);
    expect(frames).toHaveLength(packets.length);
    let cannotDecode = 0;
    frames.forEach((frame, i) => {
      const label = `${id} packet ${i + 1}: ${packets[i]!.comments[0] ?? ''}`;
      const found = problems(frame);
      expect(found.filter((p) => /checksum/i.test(p.field) || /checksum/i.test(p.message)), label).toEqual([]);
      const expectMalformed = wiresharkCannotDecode(mipMessageIn(packets[i]!.bytes));
      if (expectMalformed) cannotDecode++;
      const malformed = found.some((p) => p.field === '_ws.malformed.expert' || /malformed/i.test(p.message));
      expect(malformed, label).toBe(expectMalformed);
      expect(found.filter((p) => p.field !== '_ws.malformed.expert' && p.field !== 'ip.ttl.too_small' && !/malformed/i.test(p.message)), label).toEqual([]);
    });
    expect(cannotDecode).toBeLessThan(packets.length);
  }, 120_000);
});

describe('built-in scenarios are deterministic', () => {
  it.each(BUILTIN_SCENARIOS.map((s) => s.id))('%s: same seed twice, identical trace JSON', (id) => {
    const loaded = loadBuiltin(id);
    const until = Math.min(RUN_FOR, loaded.duration);
    const a = traceJsonLines(runHeadless(loaded, { seed: 42, until }).trace);
    const b = traceJsonLines(runHeadless(loaded, { seed: 42, until }).trace);
    expect(a.length).toBeGreaterThan(10_000);
    expect(a === b).toBe(true);
  }, 60_000);
});
