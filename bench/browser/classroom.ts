// The classroom topology in the browser bench (bench/browser/main.ts): the
// triangle-routing and route-optimization built-ins (six nodes, two flows of
// a datagram every 500 ms), each run for its own virtual length through the
// worker fabric and in-page, unpaced, in turns (fabric, in-page, fabric, …),
// medians printed by bench/browser-fabric.ts. Each fabric run starts fresh
// workers, as opening a run in the lab does, so their engines start cold; the
// same runs again on warm workers (one fabric put back to its time-0 snapshot
// each time) say how much of the cost is that warm-up. The raw ring of as
// many bare workers runs in the same page for scale. Every fabric trace is
// compared with the in-page one.

import { createBrowserSpawner } from '../../src/runtime/fabric/browser-spawner';
import { createWorkerBackend } from '../../src/runtime/fabric/worker-backend';
import type { NodeSpawner } from '../../src/runtime/fabric/spawner';
import type { TraceEvent } from '../../src/engine/node/contract';
import routeOptimization from '../../src/scenarios/builtin/route-optimization.json' with { type: 'json' };
import triangleRouting from '../../src/scenarios/builtin/triangle-routing.json' with { type: 'json' };
import { buildSimulation } from '../../src/scenarios/load';
import { PROTOCOL_REGISTRY } from '../../src/scenarios/registry';
import { toLoadedScenario, type LoadedScenario } from '../../src/scenarios/to-topology';
import { checkedScenario } from '../large-scenario';
import { forgetDhSecrets } from '../../src/engine/crypto/dh-secret-memo';

export interface ClassroomRow {
  readonly id: string;
  readonly nodes: number;
  readonly durationS: number;
  readonly packetHops: number;
  readonly averageFrameOctets: number;
  /** Wall time of each round's run (start-up excluded), in the order run. */
  readonly fabricRunMs: readonly number[];
  readonly inPageRunMs: readonly number[];
  /** The same run on workers that have run it before (restored to time 0 in between). */
  readonly warmFabricRunMs: readonly number[];
  /** Window requests the coordinator sent in one fabric run. */
  readonly windows: number;
  readonly traceIdentical: boolean;
}

const SCENARIOS: readonly { readonly id: string; readonly data: unknown }[] = [
  { id: 'triangle-routing', data: triangleRouting },
  { id: 'route-optimization', data: routeOptimization },
];

/** The trace as one string, bytes as hex: two runs agree when their strings do. */
export function traceJson(trace: readonly TraceEvent[]): string {
  return JSON.stringify(trace, (_, v: unknown) => (v instanceof Uint8Array ? Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('') : v));
}

/** Counts the window requests a spawner's hosts are sent. */
function countingWindows(inner: NodeSpawner, count: { windows: number }): NodeSpawner {
  return (node) => {
    const host = inner(node);
    const port = host.port;
    const post = port.postMessage.bind(port) as (message: unknown, transfer?: Transferable[]) => void;
    port.postMessage = ((message: { type?: string }, transfer?: Transferable[]) => {
      if (message.type === 'window') count.windows++;
      post(message, transfer);
    }) as MessagePort['postMessage'];
    return host;
  };
}

function inPage(loaded: LoadedScenario): { ms: number; trace: readonly TraceEvent[] } {
  forgetDhSecrets(); // each run pays for its own key exchanges, as the workers do (dh-secret-memo.ts)
  const sim = buildSimulation(loaded, PROTOCOL_REGISTRY);
  const t0 = performance.now();
  sim.runUntil(loaded.duration);
  return { ms: performance.now() - t0, trace: sim.trace };
}

async function fabric(loaded: LoadedScenario, count: { windows: number }): Promise<{ ms: number; trace: readonly TraceEvent[] }> {
  const backend = await createWorkerBackend(loaded, loaded.seed, countingWindows(createBrowserSpawner(), count));
  try {
    const t0 = performance.now();
    const trace = await backend.advanceTo(loaded.duration);
    return { ms: performance.now() - t0, trace };
  } finally {
    backend.destroy();
  }
}

/** `rounds` runs from time 0 on the same workers, each after a restore of their time-0 snapshot. */
async function warmFabric(loaded: LoadedScenario, rounds: number): Promise<{ ms: number[]; traces: (readonly TraceEvent[])[] }> {
  const backend = await createWorkerBackend(loaded, loaded.seed, createBrowserSpawner());
  try {
    const start = await backend.snapshot();
    const ms: number[] = [];
    const traces: (readonly TraceEvent[])[] = [];
    for (let r = 0; r <= rounds; r++) {
      await backend.restore(start);
      const t0 = performance.now();
      traces.push(await backend.advanceTo(loaded.duration));
      if (r > 0) ms.push(performance.now() - t0); // the first run warms them
    }
    return { ms, traces };
  } finally {
    backend.destroy();
  }
}

/** `rounds` runs each way, in turns; the trace of every fabric run is compared with the in-page one. */
export async function classroomBench(rounds: number): Promise<ClassroomRow[]> {
  const rows: ClassroomRow[] = [];
  for (const { id, data } of SCENARIOS) {
    const loaded = toLoadedScenario(checkedScenario(data));
    const reference = inPage(loaded); // also warms the page's engine for this scenario
    const expected = traceJson(reference.trace);
    const fabricRunMs: number[] = [];
    const inPageRunMs: number[] = [];
    let traceIdentical = true;
    let windows = 0;
    for (let r = 0; r < rounds; r++) {
      const count = { windows: 0 };
      const f = await fabric(loaded, count);
      fabricRunMs.push(f.ms);
      windows = count.windows;
      traceIdentical &&= traceJson(f.trace) === expected;
      inPageRunMs.push(inPage(loaded).ms);
    }
    const warm = await warmFabric(loaded, rounds);
    for (const trace of warm.traces) traceIdentical &&= traceJson(trace) === expected;
    const hops = reference.trace.filter((e) => e.kind === 'sent' || e.kind === 'forwarded');
    const averageFrameOctets = Math.round(hops.reduce((s, e) => s + (e.bytes?.length ?? 0), 0) / Math.max(1, hops.length));
    rows.push({ id, nodes: loaded.topology.nodes.length, durationS: loaded.duration / 1e6, packetHops: hops.length, averageFrameOctets, fabricRunMs, inPageRunMs, warmFabricRunMs: warm.ms, windows, traceIdentical });
  }
  return rows;
}
