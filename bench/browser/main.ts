// The browser benchmark page (npm run bench → bench/browser-fabric.ts opens
// it in Chromium): in the same page and run,
//  (a) packet-hops per second through the worker fabric (one Web Worker per
//      node, src/runtime/fabric/) for a data-heavy scenario, run unpaced;
//  (b) the raw postMessage hop rate through a ring of as many bare workers
//      passing an ArrayBuffer of the same size (transferred);
// and, for reference, the in-process simulation in the page.
// Results land in window.__benchResult (or __benchError) for the runner.

import { createBrowserSpawner } from '../../src/runtime/fabric/browser-spawner';
import type { FromHost, ToHost } from '../../src/runtime/fabric/protocol';
import type { NodeSpawner } from '../../src/runtime/fabric/spawner';
import { createWorkerBackend } from '../../src/runtime/fabric/worker-backend';
import { buildSimulation } from '../../src/scenarios/load';
import { PROTOCOL_REGISTRY } from '../../src/scenarios/registry';
import { toLoadedScenario, type LoadedScenario } from '../../src/scenarios/to-topology';
import { checkedScenario, largeScenarioData } from '../large-scenario';
import { classroomBench, traceJson, type ClassroomRow } from './classroom';
import { forgetDhSecrets } from '../../src/engine/crypto/dh-secret-memo';

export interface BrowserBenchResult {
  readonly nodes: number;
  readonly durationS: number;
  readonly flowIntervalMs: number;
  readonly packetHops: number;
  readonly averageFrameOctets: number;
  readonly fabricStartMs: number;
  readonly fabricRunMs: number;
  readonly inPageRunMs: number;
  readonly ringHops: number;
  readonly ringOneTokenMs: number;
  readonly ringManyTokensMs: number;
  /** Requests the coordinator sent to hosts, by type; frame batches the hosts sent each other. */
  readonly requests: Readonly<Record<string, number>>;
  readonly frameBatches: number;
  /** Window requests, and the virtual time they moved their hosts on, summed (µs). */
  readonly windows: number;
  readonly windowSpanUs: number;
  /** Wall time from each request to its answer, summed over requests (÷ run time: hosts busy at once, on average). */
  readonly busyMs: number;
  readonly answered: number;
  /** The fabric's trace equals the in-page simulation's, as JSON (bytes as hex). */
  readonly traceIdentical: boolean;
  /** The classroom built-ins, fabric against in-page (classroom.ts), and a ring of as many workers. */
  readonly classroom: readonly ClassroomRow[];
  /** `roundTripUs`: a bare request and answer between the page and one of these workers (the floor of a window). */
  readonly classroomRing: { readonly nodes: number; readonly hops: number; readonly ms: number; readonly roundTripUs: number };
}

declare global {
  interface Window {
    __benchResult?: BrowserBenchResult;
    __benchError?: string;
  }
}

const params = new URLSearchParams(location.search);

/** A query parameter that must be a positive number (a NaN hop count would pass the ring's token around forever). */
function positiveParam(name: string, fallback: number): number {
  const text = params.get(name);
  const value = text === null ? fallback : Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`query parameter ${name}=${JSON.stringify(text)} is not a positive number`);
  return value;
}

/** bench/large-scenario.ts scaled to 10 nodes (HA, R, 2 FAs, 2 MNs, 4 CNs), its flows made dense. */
function scenario(flowIntervalMs: number, durationS: number): LoadedScenario {
  const data = largeScenarioData({ foreignAgents: 2, mobileNodes: 2, correspondents: 4, durationS });
  const moves = data.moves!.filter((m) => m.atS < durationS);
  // Checked for shape and meaning, not the page's work budget: the bench is meant to exceed it.
  return toLoadedScenario(checkedScenario({ ...data, moves, flows: data.flows!.map((f) => ({ ...f, intervalMs: flowIntervalMs })) }));
}

/** Mean wall time (µs) of a bare round trip page → worker → page, the workers taken in turn. */
async function roundTripUs(workers: readonly Worker[], trips: number): Promise<number> {
  const once = (w: Worker): Promise<void> => new Promise((resolve) => {
    const answered = (e: MessageEvent): void => {
      if ((e.data as { type?: string }).type !== 'echoed') return;
      w.removeEventListener('message', answered);
      resolve();
    };
    w.addEventListener('message', answered);
    w.postMessage({ type: 'echo' });
  });
  for (let k = 0; k < 200; k++) await once(workers[k % workers.length]!); // warm-up
  const t0 = performance.now();
  for (let k = 0; k < trips; k++) await once(workers[k % workers.length]!);
  return ((performance.now() - t0) * 1000) / trips;
}

function startRing(size: number): { workers: Worker[]; run: (tokens: number, hops: number, octets: number) => Promise<number> } {
  const workers = Array.from({ length: size }, () => new Worker(new URL('./ring-worker.ts', import.meta.url), { type: 'module' }));
  const channels = workers.map(() => new MessageChannel());
  workers.forEach((w, i) => {
    const next = channels[i]!.port1;
    const prev = channels[(i + size - 1) % size]!.port2;
    w.postMessage({ type: 'init', next, prev }, [next, prev]);
  });
  const run = (tokens: number, hops: number, octets: number): Promise<number> => new Promise((resolve) => {
    let left = tokens;
    const t0 = performance.now();
    const onDone = (e: MessageEvent): void => {
      if ((e.data as { type?: string }).type !== 'done' || --left > 0) return;
      for (const w of workers) w.removeEventListener('message', onDone);
      resolve(performance.now() - t0);
    };
    for (const w of workers) w.addEventListener('message', onDone);
    for (let k = 0; k < tokens; k++) {
      const buffer = new ArrayBuffer(octets);
      workers[(k * Math.floor(size / tokens)) % size]!.postMessage({ type: 'start', hops: Math.floor(hops / tokens), buffer }, [buffer]);
    }
  });
  return { workers, run };
}

/** Counts what crosses the control ports, to explain the figures (cheap: a few counters per message). */
interface Counts { requests: Record<string, number>; windows: number; windowSpanUs: number; lastEnd: Map<string, number>; frameBatches: number; posted: Map<number, number>; busyMs: number; answered: number }

function counting(inner: NodeSpawner, counts: Counts): NodeSpawner {
  return (node) => {
    const host = inner(node);
    const port = host.port;
    const proxy = {
      postMessage(message: ToHost, transfer: Transferable[] = []) {
        counts.requests[message.type] = (counts.requests[message.type] ?? 0) + 1;
        if (message.type === 'window') {
          counts.windows++;
          counts.windowSpanUs += message.end - (counts.lastEnd.get(node) ?? 0);
          counts.lastEnd.set(node, message.end);
        }
        if ('step' in message) counts.posted.set(message.step, performance.now());
        port.postMessage(message, transfer);
      },
      set onmessage(listener: (e: MessageEvent<FromHost>) => void) {
        port.onmessage = (e: MessageEvent<FromHost>) => {
          if (e.data.type === 'done') {
            counts.frameBatches += e.data.sent.length;
            const posted = counts.posted.get(e.data.step);
            if (posted !== undefined) {
              counts.busyMs += performance.now() - posted;
              counts.answered++;
              counts.posted.delete(e.data.step);
            }
          }
          listener(e);
        };
      },
      set onmessageerror(listener: MessagePort['onmessageerror']) {
        port.onmessageerror = listener;
      },
      close: () => port.close(),
    };
    return { ...host, port: proxy as unknown as MessagePort };
  };
}

async function bench(): Promise<BrowserBenchResult> {
  const flowIntervalMs = positiveParam('intervalMs', 2);
  const durationS = positiveParam('durationS', 10);
  const ringHops = Math.floor(positiveParam('ringHops', 100_000));
  const loaded = scenario(flowIntervalMs, durationS);
  const nodes = loaded.topology.nodes.length;

  forgetDhSecrets(); // the in-page run pays for its own key exchanges, as the workers do (dh-secret-memo.ts)
  const sim = buildSimulation(loaded, PROTOCOL_REGISTRY);
  let t0 = performance.now();
  sim.runUntil(loaded.duration);
  const inPageRunMs = performance.now() - t0;

  t0 = performance.now();
  const counts: Counts = { requests: {}, windows: 0, windowSpanUs: 0, lastEnd: new Map(), frameBatches: 0, posted: new Map(), busyMs: 0, answered: 0 };
  const backend = await createWorkerBackend(loaded, loaded.seed, counting(createBrowserSpawner(), counts));
  const fabricStartMs = performance.now() - t0;
  t0 = performance.now();
  const trace = await backend.advanceTo(loaded.duration);
  const fabricRunMs = performance.now() - t0;
  backend.destroy();
  const traceIdentical = traceJson(trace) === traceJson(sim.trace);
  const hops = trace.filter((e) => e.kind === 'sent' || e.kind === 'forwarded');
  const averageFrameOctets = Math.round(hops.reduce((s, e) => s + (e.bytes?.length ?? 0), 0) / Math.max(1, hops.length));

  const ring = startRing(nodes);
  await ring.run(1, 2_000, averageFrameOctets); // warm-up
  const ringOneTokenMs = await ring.run(1, ringHops, averageFrameOctets);
  const ringManyTokensMs = await ring.run(nodes, ringHops, averageFrameOctets);
  for (const w of ring.workers) w.terminate();

  const classroom = await classroomBench(Math.floor(positiveParam('classroomRounds', 3)));
  const small = startRing(classroom[0]!.nodes);
  await small.run(1, 2_000, classroom[0]!.averageFrameOctets); // warm-up
  const classroomRing = { nodes: classroom[0]!.nodes, hops: ringHops / 2, ms: await small.run(1, ringHops / 2, classroom[0]!.averageFrameOctets), roundTripUs: await roundTripUs(small.workers, 2_000) };
  for (const w of small.workers) w.terminate();

  return { nodes, durationS, flowIntervalMs, packetHops: hops.length, averageFrameOctets, fabricStartMs, fabricRunMs, inPageRunMs, ringHops, ringOneTokenMs, ringManyTokensMs, requests: counts.requests, frameBatches: counts.frameBatches, windows: counts.windows, windowSpanUs: counts.windowSpanUs, busyMs: counts.busyMs, answered: counts.answered, traceIdentical, classroom, classroomRing };
}

const status = document.getElementById('status')!;
bench().then(
  (result) => {
    window.__benchResult = result;
    status.textContent = 'done';
  },
  (error: unknown) => {
    window.__benchError = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
    status.textContent = `failed: ${window.__benchError}`;
  },
);
