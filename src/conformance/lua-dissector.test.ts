// The lab's Wireshark dissector (public/wireshark/route-optimization-lab.lua),
// run by tshark over every built-in scenario's capture — written by the same
// code as `mip-lab run --pcap` — and over the sample capture
// (`mip-lab sample-capture`). With it loaded, nothing is malformed and no
// expert item is an error or a warning; every Route Optimization message and
// every extension the engine encoded is decoded, with the values the engine's
// own decode of the same bytes reads (lua-dissector.ts).
//
// Skipped, saying why, when tshark is missing — except in CI (env CI set),
// which installs tshark, so there a missing tshark fails the run.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPcapngWriter } from '../engine/capture/pcapng';
import { readPcapng } from '../engine/capture/pcapng-reader';
import { seconds } from '../engine/node/time';
import { buildSamplePackets } from '../engine/samples/sample-packets';
import { BUILTIN_SCENARIOS, loadBuiltin } from '../scenarios/builtin/index';
import { CaptureStream } from '../cli/commands/run-capture';
import { runHeadless } from '../cli/commands/run';
import { dissectionDifferences, expectedDissection, LUA_DISSECTOR_PATH, mipMessageThroughTunnels } from './lua-dissector';
import { findTshark, problems, readWithTshark, type TsharkFrame } from './tshark';

const RUN_FOR = seconds(22);
const tshark = findTshark();
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
const skip = tshark === undefined && !inCi;
if (skip) console.warn('lua-dissector.test.ts SKIPPED: tshark was not found (looked at $TSHARK and $PATH); install it, e.g. `apt-get install tshark`.');

interface Tally {
  packets: number;
  roMessages: number;
  extensionsByLab: number;
}

/** Checks every frame against the engine's decode of the same packet; returns what it saw. */
function checkFrames(label: string, packets: readonly { bytes: Uint8Array; comments: readonly string[] }[], frames: readonly TsharkFrame[]): Tally {
  expect(frames, label).toHaveLength(packets.length);
  const tally: Tally = { packets: packets.length, roMessages: 0, extensionsByLab: 0 };
  const failures: string[] = [];
  frames.forEach((frame, i) => {
    const where = `${label} packet ${i + 1} (${packets[i]!.comments[0] ?? ''})`;
    const bad = problems(frame).filter((p) => p.field !== 'ip.ttl.too_small');
    for (const p of bad) failures.push(`${where}: ${p.severity} ${p.field}: ${p.message}`);
    const m = mipMessageThroughTunnels(packets[i]!.bytes);
    const expected = m === null ? null : expectedDissection(m);
    if (expected?.fields['mipro.type'] !== undefined) tally.roMessages++;
    if (expected?.extensionsBy === 'mipro') tally.extensionsByLab += expected.fields['mipro.ext.type']?.length ?? 0;
    for (const d of dissectionDifferences(frame, expected)) failures.push(`${where}: ${d}`);
  });
  expect(failures.slice(0, 20), `${failures.length} differences`).toEqual([]);
  return tally;
}

describe.skipIf(skip)('the lab\'s Wireshark dissector, checked by tshark', () => {
  it('tshark is installed (CI must run this suite)', () => {
    expect(tshark, 'tshark not found: CI installs it (.ci/run); set TSHARK=/path/to/tshark').toBeDefined();
  });

  it('loads without a Lua error, and its fields filter', () => {
    const bu = buildSamplePackets({ seed: 1 }).filter((s) => mipMessageThroughTunnels(s.bytes)?.kind === 'binding-update');
    expect(bu.length).toBeGreaterThan(0);
    const w = createPcapngWriter({ application: 'conformance test' });
    const iface = w.addInterface({ name: 'samples' });
    bu.forEach((s, i) => w.addPacket({ interfaceId: iface, timeMicros: i, bytes: s.bytes }));
    const dir = mkdtempSync(join(tmpdir(), 'mip-lab-lua-'));
    try {
      const file = join(dir, 'bu.pcapng');
      writeFileSync(file, w.finish());
      const r = spawnSync(tshark!, ['-X', `lua_script:${LUA_DISSECTOR_PATH}`, '-r', file, '-n', '-Y', 'mipro.type == 18 && mipro.bu.lifetime > 0', '-T', 'fields', '-e', 'mipro.type'],
        { encoding: 'utf8', env: { ...process.env, WIRESHARK_CONFIG_DIR: dir } });
      expect(r.stderr.split('\n').filter((l) => /lua|error/i.test(l))).toEqual([]);
      expect(r.stdout.trim().split('\n')).toEqual(bu.map(() => '18'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const totals: Tally = { packets: 0, roMessages: 0, extensionsByLab: 0 };
  const started = Date.now();

  it.each(BUILTIN_SCENARIOS.map((s) => s.id))('%s: every RO message and extension decoded with the engine\'s values, nothing malformed', async (id) => {
    const loaded = loadBuiltin(id);
    const chunks: Uint8Array[] = [];
    const capture = new CaptureStream(loaded.topology, loaded.profile, (b) => chunks.push(b));
    runHeadless(loaded, { until: Math.min(RUN_FOR, loaded.duration), onTrace: (e) => capture.add(e) });
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
    const ours = readPcapng(bytes);
    if (!ours.ok) throw new Error(JSON.stringify(ours.error));
    const packets = ours.value.sections[0]!.packets;
    expect(packets.length).toBeGreaterThan(50);
    const frames = await readWithTshark(bytes, { luaScripts: [LUA_DISSECTOR_PATH] });
    const t = checkFrames(id, packets, frames);
    totals.packets += t.packets;
    totals.roMessages += t.roMessages;
    totals.extensionsByLab += t.extensionsByLab;
  }, 120_000);

  it('the sample capture: every message and extension of the lab, decoded', async () => {
    const samples = buildSamplePackets({ seed: 1 });
    expect(samples.length).toBeGreaterThanOrEqual(25);
    const w = createPcapngWriter({ application: 'conformance test' });
    const iface = w.addInterface({ name: 'samples' });
    samples.forEach((s, i) => w.addPacket({ interfaceId: iface, timeMicros: i * 1000, bytes: s.bytes, comment: s.name }));
    const frames = await readWithTshark(w.finish(), { luaScripts: [LUA_DISSECTOR_PATH] });
    const t = checkFrames('sample capture', samples.map((s) => ({ bytes: s.bytes, comments: [s.name] })), frames);
    // The samples hold one of each: all four RO messages, and extensions 16, 35, 96 and 113–125.
    expect(t.roMessages).toBeGreaterThanOrEqual(4);
    const types = new Set(frames.flatMap((f) => f.fields['mipro.ext.type'] ?? []));
    for (const ty of [16, 35, 96, 113, 114, 115, 116, 120, 121, 122, 123, 124, 125]) expect(types.has(String(ty)), `extension ${ty}`).toBe(true);
    const messageTypes = new Set(frames.flatMap((f) => f.fields['mipro.type'] ?? []));
    expect([...messageTypes].sort()).toEqual(['16', '17', '18', '19']);
  }, 60_000);

  it('over all built-ins, RO messages and lab-decoded extensions were seen (and how long it took)', () => {
    expect(totals.roMessages).toBeGreaterThan(0);
    expect(totals.extensionsByLab).toBeGreaterThan(0);
    console.log(`lua dissector: ${totals.packets} packets, ${totals.roMessages} RO messages, ${totals.extensionsByLab} extensions decoded by the lab dissector, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
