// `npm run bench`: the lab's headless throughput against ns-3 moving the same packets.
// Builds bench/ns3/*.cc (a plain IPv4 model of the triangle-routing built-in and the large
// scenario: what it leaves out is said in bench/ns3/mobile-ip-cost.cc) with g++ against
// Debian's ns-3.37 into a temporary directory, runs each shape for the simulated time
// the lab's figure uses, for 200 s and (the triangle) for 3000 s, and prints
// packet-hops/s of both and their ratio.
// Both count a packet-hop the same way: one datagram handed to one link by a node that
// sends or forwards it (the lab's `sent` + `forwarded` trace events, bench/run.ts).
// Printed, never asserted.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HEADLESS_TRACE_RETENTION } from '../src/engine/network/trace-window';
import triangleRouting from '../src/scenarios/builtin/triangle-routing.json' with { type: 'json' };
import { buildSimulation } from '../src/scenarios/load';
import { PROTOCOL_REGISTRY } from '../src/scenarios/registry';
import type { Scenario } from '../src/scenarios/schema';
import { toLoadedScenario, type LoadedScenario } from '../src/scenarios/to-topology';
import { checkedScenario, LARGE, largeScenario } from './large-scenario';
import { forgetDhSecrets } from '../src/engine/crypto/dh-secret-memo';

/** One headless run of the lab: its packet-hops and the wall and CPU time of runUntil alone. */
export interface LabRun {
  readonly packetHops: number;
  /** Events the scheduler handled. */
  readonly events: number;
  readonly wallSeconds: number;
  /** This process's CPU time (all its threads, garbage collection included): less swayed than wall time by a busy machine. */
  readonly cpuSeconds: number;
}

interface Ns3Run {
  readonly nodes: number;
  readonly packetHops: number;
  readonly octets: number;
  readonly events: number;
  readonly delivered: number;
  readonly wallMs: number;
  readonly cpuMs: number;
}

const SOURCES = fileURLToPath(new URL('./ns3/', import.meta.url));
const HEADER = '/usr/include/ns3/core-module.h';
// Named one by one: Debian's ns3 pkg-config files also list libgsl.so, which only libgsl-dev provides.
const LIBRARIES = ['ns3-core', 'ns3-network', 'ns3-internet', 'ns3-point-to-point', 'ns3-csma'].map((l) => `-l${l}`);
export const LONG_RUN_S = 200;
/** The triangle for 50 virtual minutes: a long headless run, its start-up amortised. */
export const LONGEST_TRIANGLE_S = 3000;

/**
 * One headless run of the lab, made as `mip-lab run` makes it (src/cli/commands/run.ts): the
 * trace streams to a consumer that counts the packet-hops, and the simulation keeps only
 * the headless window of it (trace-window.ts), not the whole run.
 */
export function labRun(loaded: LoadedScenario): LabRun {
  forgetDhSecrets(); // as in a fresh process: an earlier run of the same seed would have left its key exchanges remembered
  const sim = buildSimulation(loaded, PROTOCOL_REGISTRY);
  sim.retainTrace(HEADLESS_TRACE_RETENTION);
  let packetHops = 0;
  sim.onTrace((e) => {
    if (e.kind === 'sent' || e.kind === 'forwarded') packetHops++;
  });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const events = sim.runUntil(loaded.duration);
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { packetHops, events, wallSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** triangle-routing.json run for `durationS`, its flows lasting until 2 s before the end as in the file (30 s, until 28 s). */
export function triangleScenarioFor(durationS: number): Scenario {
  const flows = triangleRouting.flows.map((f) => ({ ...f, untilS: durationS - 2 }));
  return checkedScenario({ ...triangleRouting, durationS, flows });
}

function build(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mip-lab-ns3-'));
  const binary = join(dir, 'mobile-ip-cost');
  const sources = readdirSync(SOURCES).filter((f) => f.endsWith('.cc')).map((f) => join(SOURCES, f));
  execFileSync('g++', ['-O2', '-std=c++17', ...sources, '-o', binary, ...LIBRARIES], { stdio: ['ignore', 'ignore', 'pipe'] });
  return binary;
}

function ns3Run(binary: string, shape: 'triangle' | 'large', durationS: number): Ns3Run {
  return JSON.parse(execFileSync(binary, [shape, String(durationS)], { encoding: 'utf8' })) as Ns3Run;
}

/**
 * `lab` holds the lab's own figures from bench/run.ts (the triangle-routing built-in at its
 * 30 s and the large scenario at its 20 s); the 200 s runs of the lab are made here.
 */
export function ns3BaselineBench(lab: { readonly triangle: LabRun; readonly large: LabRun }): void {
  console.log(`\nns-3 on the same work (plain IPv4 model in ns-3, no Mobile IP: a cost baseline for moving the same packets; g++ -O2, one run each)\n`);
  if (!existsSync(HEADER)) {
    console.log(`skipped: ns-3 is not installed (no ${HEADER}). On Debian or Ubuntu: sudo apt-get install libns3-dev g++`);
    return;
  }
  let binary: string;
  try {
    binary = build();
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n').slice(0, 3).join(' / ');
    console.log(`skipped: bench/ns3/*.cc did not build with g++ against ns-3 (${stderr ?? String(error)}); on Debian or Ubuntu: sudo apt-get install libns3-dev g++`);
    return;
  }
  try {
    const rows: { shape: string; lab: LabRun; ns3: Ns3Run }[] = [];
    const triangleS = triangleRouting.durationS;
    rows.push({ shape: `triangle-routing, ${triangleS} s`, lab: lab.triangle, ns3: ns3Run(binary, 'triangle', triangleS) });
    rows.push({ shape: `triangle-routing, ${LONG_RUN_S} s`, lab: labRun(toLoadedScenario(triangleScenarioFor(LONG_RUN_S))), ns3: ns3Run(binary, 'triangle', LONG_RUN_S) });
    rows.push({ shape: `triangle-routing, ${LONGEST_TRIANGLE_S} s`, lab: labRun(toLoadedScenario(triangleScenarioFor(LONGEST_TRIANGLE_S))), ns3: ns3Run(binary, 'triangle', LONGEST_TRIANGLE_S) });
    rows.push({ shape: `large (172 nodes, 100 flows), ${LARGE.durationS} s`, lab: lab.large, ns3: ns3Run(binary, 'large', LARGE.durationS) });
    rows.push({ shape: `large (172 nodes, 100 flows), ${LONG_RUN_S} s`, lab: labRun(toLoadedScenario(largeScenario({ ...LARGE, durationS: LONG_RUN_S }))), ns3: ns3Run(binary, 'large', LONG_RUN_S) });
    const n = (v: number) => Math.round(v).toLocaleString('en-US');
    const width = Math.max(...rows.map((r) => r.shape.length));
    console.log(`${'shape, simulated time'.padEnd(width)}  ${'lab hops'.padStart(9)}  ${'ns-3 hops'.padStart(9)}  ${'lab hops/s'.padStart(10)}  ${'ns-3 hops/s'.padStart(11)}  ${'lab / ns-3'.padStart(10)}  ${'same, CPU time'.padStart(14)}`);
    for (const { shape, lab: l, ns3 } of rows) {
      const labRate = l.packetHops / l.wallSeconds;
      const ns3Rate = (ns3.packetHops * 1000) / ns3.wallMs;
      const cpuRatio = (l.packetHops / l.cpuSeconds) / ((ns3.packetHops * 1000) / ns3.cpuMs);
      console.log(`${shape.padEnd(width)}  ${n(l.packetHops).padStart(9)}  ${n(ns3.packetHops).padStart(9)}  ${n(labRate).padStart(10)}  ${n(ns3Rate).padStart(11)}  ${(labRate / ns3Rate).toFixed(3).padStart(10)}  ${cpuRatio.toFixed(3).padStart(14)}`);
    }
    console.log('(hops/s: over wall time, as the headless figures above; the last column divides the same rates over CPU time, which a busy machine sways less)');
    console.log('(hops differ where the model leaves out Route Optimization messages and the lab loses datagrams in a move; the rates compare per hop)');
  } finally {
    rmSync(dirname(binary), { recursive: true, force: true });
  }
}
