// The packets the decoder fuzzer starts from: one correctly authenticated
// instance of every message and extension (engine/samples), and what the
// built-in scenarios really send — each scenario run headless, its capture
// written as pcapng (as `mip-lab run --pcap` does) and read back, one packet
// of each kind kept. Small pcapng files made from those packets seed the
// capture-reader target.

import { runHeadless } from '../../cli/commands/run';
import { CaptureStream } from '../../cli/commands/run-capture';
import { readPcapng } from '../../engine/capture/pcapng-reader';
import { createPcapngWriter } from '../../engine/capture/pcapng';
import { seconds } from '../../engine/node/time';
import { buildSamplePackets } from '../../engine/samples/sample-packets';
import { describePacket } from '../../engine/wire/packet';
import { BUILTIN_SCENARIOS, loadBuiltin } from '../../scenarios/builtin/index';
import { concat } from './build';
import type { SeedPacket } from './generate';
import { ipv6SeedPackets } from './ipv6-seeds';

export interface PacketCorpus {
  readonly packets: readonly SeedPacket[];
  readonly captures: readonly SeedPacket[];
}

export interface CorpusOptions {
  /** Built-in scenarios to run for their packets (default: all). */
  readonly scenarios?: readonly string[];
  /** Virtual seconds of each run (default 30). */
  readonly runSeconds?: number;
}

export function buildPacketCorpus(options: CorpusOptions = {}): PacketCorpus {
  const packets: SeedPacket[] = buildSamplePackets({ seed: 1 }).map((s) => ({ name: `sample: ${s.name}`, bytes: s.bytes }));
  packets.push(...ipv6SeedPackets());
  const captures: SeedPacket[] = [];
  const seen = new Set<string>();
  for (const id of options.scenarios ?? BUILTIN_SCENARIOS.map((s) => s.id)) {
    const loaded = loadBuiltin(id);
    const chunks: Uint8Array[] = [];
    const capture = new CaptureStream(loaded.topology, loaded.profile, (bytes) => chunks.push(bytes.slice()));
    runHeadless(loaded, { until: Math.min(loaded.duration, seconds(options.runSeconds ?? 30)), onTrace: (e) => capture.add(e) });
    const file = readPcapng(concat(...chunks));
    if (!file.ok) throw new Error(`the capture of ${id} does not read back: ${file.error.reason}`);
    const kept: SeedPacket[] = [];
    for (const p of file.value.sections.flatMap((s) => s.packets)) {
      const d = describePacket(p.bytes, loaded.profile);
      const kind = d.ok ? `${d.value.protocols.join('/')} ${d.value.name}` : 'undecodable';
      if (seen.has(kind) && kept.length > 0) continue;
      seen.add(kind);
      kept.push({ name: `${id}: ${kind}`, bytes: p.bytes });
    }
    packets.push(...kept);
    captures.push({ name: `capture of ${id}`, bytes: smallCapture(id, file.value.sections.flatMap((s) => s.packets).slice(0, 12).map((p) => p.bytes)) });
  }
  return { packets, captures };
}

function smallCapture(id: string, packets: readonly Uint8Array[]): Uint8Array {
  const w = createPcapngWriter({ application: `fuzz seed: ${id}` });
  const a = w.addInterface({ name: 'link-a', description: 'first link' });
  const b = w.addInterface({ name: 'link-b' });
  packets.forEach((bytes, i) => w.addPacket({ interfaceId: i % 2 === 0 ? a : b, timeMicros: i * 1000, bytes, ...(i % 3 === 0 ? { comment: `packet ${i} ✓` } : {}) }));
  return w.finish();
}
