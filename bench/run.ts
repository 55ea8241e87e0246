// `npm run bench`: speed figures, printed, never asserted (brief: speed
// targets live in benchmarks, not in timed unit tests). Each figure is the
// best of a few rounds, to damp noise on a shared machine.

import { DEFAULT_DH_GROUP, MODP_2048, dhPrivateExponent, dhPublicValue, dhSharedSecret } from '../src/engine/crypto/diffie-hellman';
import { forgetDhSecrets } from '../src/engine/crypto/dh-secret-memo';
import { generateRsaKeyPair } from '../src/engine/crypto/rsa-key';
import { createRandom } from '../src/engine/random';
import { buildSamplePackets } from '../src/engine/samples/sample-packets';
import { dissectPacket } from '../src/engine/wire/packet';
import { parseIpv4 } from '../src/engine/wire/ipv4';
import { parseMipMessage } from '../src/engine/wire/mip/mip-message';
import { parseUdp } from '../src/engine/wire/udp';
import { BUILTIN_SCENARIOS, loadBuiltin } from '../src/scenarios/builtin/index';
import { toLoadedScenario, type LoadedScenario } from '../src/scenarios/to-topology';
import { browserDragBench } from './browser-drag';
import { browserFabricBench } from './browser-fabric';
import { cliStartupBench } from './cli-startup';
import { LARGE, largeScenario } from './large-scenario';
import { labRun, ns3BaselineBench, type LabRun } from './ns3-baseline';
import { pageBench } from './page-bench';

interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** Runs `fn` repeatedly for ~`ms` per round and returns the best rate (operations per second). */
function rate(fn: () => void, opsPerCall = 1, ms = 300, rounds = 3): number {
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    let calls = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < ms) {
      fn();
      calls++;
    }
    best = Math.max(best, (calls * opsPerCall * 1000) / (performance.now() - t0));
  }
  return best;
}

function time(fn: () => void, rounds = 5): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const samples = buildSamplePackets({ seed: 1 });
const figures: Figure[] = [];

figures.push({ name: `dissect every layer (${samples.length} sample packets, mixed)`, value: rate(() => { for (const s of samples) dissectPacket(s.bytes); }, samples.length), unit: 'packets/s' });

const registration = samples.find((s) => s.name.startsWith('Registration Request (MN → FA2: configured'))!.bytes;
figures.push({
  name: 'parse IPv4 + UDP + Registration Request (no dissection)',
  value: rate(() => {
    const ip = parseIpv4(registration);
    if (!ip.ok) throw new Error('bad sample');
    const udp = parseUdp(ip.value.payload, 0, ip.value.payload.length, ip.value);
    if (!udp.ok) throw new Error('bad sample');
    parseMipMessage(udp.value.payload);
  }),
  unit: 'packets/s',
});

// Every round as in a fresh process: the same seed's key exchange would otherwise be remembered (dh-secret-memo.ts).
figures.push({ name: 'build + seal all sample packets (incl. 2 RSA keygens, 2 DH exponentiations)', value: time(() => { forgetDhSecrets(); buildSamplePackets({ seed: 7 }); }), unit: 'ms' });

const random = createRandom(3);
for (const group of [DEFAULT_DH_GROUP, MODP_2048]) {
  const x = dhPrivateExponent(group, random);
  figures.push({ name: `Diffie-Hellman g^x mod p, ${group.name}`, value: time(() => dhPublicValue(group, x)), unit: 'ms' });
  // The shared secret Z = Y^x mod p: a base that changes every exchange, so no precomputed powers (fixed-base-pow.ts).
  // Timed with the memo of this thread's exchanges emptied: the exponentiation a node in a worker pays.
  const peer = dhPublicValue(group, dhPrivateExponent(group, random));
  figures.push({ name: `Diffie-Hellman Y^x mod p (shared secret), ${group.name}`, value: time(() => { forgetDhSecrets(); dhSharedSecret(group, x, peer); }), unit: 'ms' });
}
figures.push({ name: 'RSA-1024 key generation (seeded)', value: time(() => generateRsaKeyPair(createRandom(11)), 3), unit: 'ms' });

const width = Math.max(...figures.map((f) => f.name.length));
console.log('Route Optimization Lab — engine benchmarks (best of several rounds)\n');
for (const f of figures) console.log(`${f.name.padEnd(width)}  ${f.value >= 100 ? Math.round(f.value).toLocaleString('en-US') : f.value.toFixed(2)} ${f.unit}`);

// Headless throughput: whole scenarios with the real protocol behaviours, unpaced
// (what `mip-lab run` does). One timed run each (a built-in takes well under a
// second; the large one several seconds), so `npm run bench` stays short.

interface Throughput {
  readonly name: string;
  readonly packetHopsPerSecond: number;
  readonly eventsPerSecond: number;
  readonly virtualPerWall: number;
  readonly lab: LabRun;
}

/** Counted as `mip-lab run` runs (labRun): the trace streams past, a window of it is kept. */
function throughput(name: string, loaded: LoadedScenario): Throughput {
  const lab = labRun(loaded);
  return { name, packetHopsPerSecond: lab.packetHops / lab.wallSeconds, eventsPerSecond: lab.events / lab.wallSeconds, virtualPerWall: loaded.duration / 1e6 / lab.wallSeconds, lab };
}

const runs: Throughput[] = BUILTIN_SCENARIOS.map((s) => throughput(s.id, loadBuiltin(s.id)));
const large = largeScenario();
runs.push(throughput(`large (${LARGE.foreignAgents} FAs, ${LARGE.mobileNodes} MNs, ${LARGE.correspondents} CNs, ${LARGE.durationS} s)`, toLoadedScenario(large)));

const nameWidth = Math.max(...runs.map((r) => r.name.length));
const n = (v: number) => Math.round(v).toLocaleString('en-US');
console.log('\nHeadless scenario throughput (one run each, real protocol behaviours)\n');
console.log(`${'scenario'.padEnd(nameWidth)}  ${'packet-hops/s'.padStart(13)}  ${'events/s'.padStart(10)}  ${'virtual s/wall s'.padStart(16)}`);
for (const r of runs) console.log(`${r.name.padEnd(nameWidth)}  ${n(r.packetHopsPerSecond).padStart(13)}  ${n(r.eventsPerSecond).padStart(10)}  ${r.virtualPerWall.toFixed(1).padStart(16)}`);

// The same two shapes in ns-3, a cost baseline (bench/ns3-baseline.ts).
ns3BaselineBench({ triangle: runs.find((r) => r.name === 'triangle-routing')!.lab, large: runs[runs.length - 1]!.lab });

// `mip-lab` start-up: median wall time of whole processes (bench/cli-startup.ts).
cliStartupBench();

// The worker fabric in real Chromium against raw postMessage (bench/browser-fabric.ts), then
// the canvas's frame rate while the learner drags the mobile node (bench/browser-drag.ts);
// one that fails says why, and the figures after it are still measured.
for (const bench of [browserFabricBench, browserDragBench]) {
  try {
    await bench();
  } catch (error) {
    console.log(`not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

// The built page: what it loads up front, how soon it is usable, Lighthouse (bench/page-bench.ts).
await pageBench();
