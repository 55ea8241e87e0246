// Every built-in scenario, run with the real protocol, captured the way
// `mip-lab run --pcap` captures it, and read back by tshark (an independent
// decoder) with IP/UDP checksum validation on. As for the sample capture
// (sample-capture.test.ts): no bad checksum anywhere; "malformed" exactly where
// the spec says Wireshark cannot follow us — the RO messages 16–19 and
// messages carrying an extension with a 16-bit Length (docs/protocol-notes.md §Wireshark,
// OC-42) — and nowhere else. Runs are bounded so the suite stays quick.
//
// Also: every built-in run twice with the same seed gives the same trace JSON.

import { describe, expect, it } from 'vitest';
import { captureFromTrace, traceJsonLines } from '../cli/commands/run-capture';
import { runHeadless } from '../cli/commands/run';
import { readPcapng } from '../engine/capture/pcapng-reader';
import { seconds } from '../engine/node/time';
import { BUILTIN_SCENARIOS, loadBuiltin } from '../scenarios/builtin/index';
import { problems, readWithTshark, tsharkAvailable } from './tshark';
import { mipMessageIn, wiresharkCannotDecode } from './wireshark-expectations';

/** Long enough for registration, Route Optimization, a handoff and the scripted attacks of most built-ins. */
const RUN_FOR = seconds(22);
const hasTshark = tsharkAvailable();

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
