// Running a scenario both ways — in process and through the fabric (hosts in
// this thread over real MessageChannels) — with the same commands, so tests
// can compare the traces as JSON (Uint8Array bytes compare by content).

import type { Simulation } from '../../../engine/network/simulation';
import type { TraceEvent } from '../../../engine/node/contract';
import type { Micros } from '../../../engine/node/time';
import { buildSimulation, type RoleRegistry } from '../../../scenarios/load';
import { PROTOCOL_REGISTRY } from '../../../scenarios/registry';
import type { LoadedScenario } from '../../../scenarios/to-topology';
import type { SimulationBackend } from '../../backend';
import { inThreadSpawner } from '../in-thread-spawner';
import { createWorkerBackend, type WorkerBackendOptions } from '../worker-backend';

/** JSON with bytes as hex: equal text ⇔ equal traces. */
export function traceJson(trace: readonly TraceEvent[]): string {
  return JSON.stringify(trace, (_, v: unknown) => (v instanceof Uint8Array ? `bytes:${Buffer.from(v).toString('hex')}` : v));
}

export function fabric(loaded: LoadedScenario, seed = loaded.seed, registry: RoleRegistry = PROTOCOL_REGISTRY, options: WorkerBackendOptions = {}): Promise<SimulationBackend> {
  return createWorkerBackend(loaded, seed, inThreadSpawner(registry), options);
}

export function inProcess(loaded: LoadedScenario, seed = loaded.seed, registry: RoleRegistry = PROTOCOL_REGISTRY): Simulation {
  return buildSimulation(loaded, registry, seed);
}

/** Advances both to each stop in turn; returns both traces. */
export async function runBoth(loaded: LoadedScenario, stops: readonly Micros[], seed = loaded.seed): Promise<{ workers: TraceEvent[]; inProcess: TraceEvent[] }> {
  const backend = await fabric(loaded, seed);
  const sim = inProcess(loaded, seed);
  const workers: TraceEvent[] = [];
  try {
    for (const t of stops) {
      workers.push(...await backend.advanceTo(t));
      sim.runUntil(t);
    }
  } finally {
    backend.destroy();
  }
  return { workers, inProcess: sim.takeTrace() };
}
