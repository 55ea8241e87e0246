// Runs fuzz jobs in a worker thread with a watchdog. The core (core.ts)
// catches throws and inputs that come back too slowly; only a separate thread
// can catch one that never comes back, or one that eats the heap. The main
// thread watches the worker's heartbeat: when its run counter stands still
// for longer than the bound (plus grace), or the worker dies of memory, the
// input it was on — known by its number — is rebuilt here and recorded as a
// failure, and a new worker goes on with the next input.

import { Worker } from 'node:worker_threads';
import { MAX_HANG_RECORDS, describeRecipe, hangSignature, newStats, type FailureKind, type FailureRecord, type Outcome, type TargetStats } from './core';
import type { CorpusOptions } from './packets/corpus';
import { inputRng } from './random';
import { HB, Phase, type Job, type WorkerMessage } from './sandbox-protocol';
import { makeTarget } from './targets';

export interface SandboxOptions {
  readonly corpus?: CorpusOptions;
  /** Heap of the worker, MB (default 2048). */
  readonly memoryMb?: number;
  /** Extra time past an input's bound before the watchdog kills the worker, ms (default 3000). */
  readonly graceMs?: number;
  /** Longest the worker may take to build a target's corpus, ms (default 120 s). */
  readonly setupMs?: number;
  readonly onProgress?: (job: number, stats: TargetStats) => void;
}

export type JobResult =
  | { readonly kind: 'fuzz'; readonly stats: TargetStats; readonly restarts: number; readonly seconds: number }
  | { readonly kind: 'replay'; readonly outcomes: ({ readonly outcome: Outcome; readonly ms: number } | undefined)[] };

export function mergeStats(a: TargetStats, b: TargetStats): TargetStats {
  const out = newStats(a.target);
  out.tried = a.tried + b.tried;
  out.accepted = a.accepted + b.accepted;
  out.refused = a.refused + b.refused;
  out.ms = a.ms + b.ms;
  out.wallMs = a.wallMs + b.wallMs;
  out.slowestMs = Math.max(a.slowestMs, b.slowestMs);
  out.moreHangs = a.moreHangs + b.moreHangs;
  for (const k of [...a.errorKinds, ...b.errorKinds]) out.errorKinds.add(k);
  for (const f of [...a.failures.values(), ...b.failures.values()]) {
    const seen = out.failures.get(f.signature);
    out.failures.set(f.signature, seen === undefined ? f : { ...seen, count: seen.count + f.count });
  }
  return out;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

export async function runJobs(jobs: readonly Job[], options: SandboxOptions = {}): Promise<JobResult[]> {
  const corpus = options.corpus ?? {};
  const graceMs = options.graceMs ?? 3000;
  const setupMs = options.setupMs ?? 120_000;
  const pending = jobs.map((j) => ({ ...j }));
  const base = jobs.map((j) => newStats(j.target));
  const latest: (TargetStats | undefined)[] = jobs.map(() => undefined);
  const results: (JobResult | undefined)[] = jobs.map(() => undefined);
  const replayed = jobs.map((j) => (j.kind === 'replay' ? new Array<{ outcome: Outcome; ms: number } | undefined>(j.files.length) : []));
  const restarts = jobs.map(() => 0);
  const began = jobs.map(() => 0);
  let next = 0;

  while (next < jobs.length) {
    const offset = next;
    const heartbeat = new SharedArrayBuffer(4 * 4);
    const hb = new Int32Array(heartbeat);
    const started = performance.now();
    if (began[offset] === 0) began[offset] = started;
    const worker = new Worker(BOOT, {
      workerData: { jobs: pending.slice(offset), corpus, heartbeat },
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb ?? 2048 },
      stdout: false, stderr: false,
    });
    // Which job the worker is running, and since when (not counting its setup): the wall time of a killed run.
    let runningJob = -1;
    let runSince = started;
    const death = await new Promise<{ kind: FailureKind; message: string } | null>((resolve) => {
      let lastTick = -1;
      let lastChange = performance.now();
      const watchdog = setInterval(() => {
        const tick = Atomics.load(hb, HB.tick);
        const phase = Atomics.load(hb, HB.phase);
        const now = performance.now();
        const running = phase === Phase.Run ? Atomics.load(hb, HB.job) : -1;
        if (running !== runningJob) {
          runningJob = running;
          runSince = now;
        }
        if (tick !== lastTick || phase === Phase.Finished) {
          lastTick = tick;
          lastChange = now;
          return;
        }
        const job = pending[offset + Atomics.load(hb, HB.job)];
        const limit = phase === Phase.Setup ? setupMs : (job?.boundMs ?? 1000) + graceMs;
        if (now - lastChange > limit) {
          clearInterval(watchdog);
          void worker.terminate();
          resolve({ kind: 'hang', message: phase === Phase.Setup ? `setting up the target took more than ${setupMs} ms` : `no answer within ${Math.round(now - lastChange)} ms: killed by the watchdog` });
        }
      }, 100);
      worker.on('message', (m: WorkerMessage) => {
        const j = offset + m.job;
        if (m.type === 'progress') {
          latest[j] = m.stats;
          options.onProgress?.(j, mergeStats(base[j]!, m.stats));
        } else if (m.type === 'replayed') replayed[j]![m.index] = { outcome: m.outcome, ms: m.ms };
        else {
          const job = jobs[j]!;
          results[j] = job.kind === 'fuzz'
            ? { kind: 'fuzz', stats: mergeStats(base[j]!, m.stats ?? newStats(job.target)), restarts: restarts[j]!, seconds: (performance.now() - began[j]!) / 1000 }
            : { kind: 'replay', outcomes: replayed[j]! };
          if (job.kind === 'fuzz') options.onProgress?.(j, (results[j] as { stats: TargetStats }).stats);
          latest[j] = undefined;
          next = j + 1;
          if (next < jobs.length && began[next] === 0) began[next] = performance.now();
        }
      });
      worker.on('error', (e: Error & { code?: string }) => {
        clearInterval(watchdog);
        resolve(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'out-of-memory', message: `the worker ran out of its ${options.memoryMb ?? 2048} MB heap` } : { kind: 'exception', message: `the worker died: ${e.name}: ${e.message}` });
      });
      worker.on('exit', () => {
        clearInterval(watchdog);
        resolve(null);
      });
    });
    if (death === null) {
      if (next < jobs.length && results[next] === undefined && Atomics.load(hb, HB.phase) !== Phase.Finished) throw new Error('the fuzz worker stopped without finishing its jobs');
      continue;
    }
    // The worker died on input `index` of job `j`: record it, and go on after it.
    const j = offset + Atomics.load(hb, HB.job);
    const index = Atomics.load(hb, HB.index);
    const job = pending[j]!;
    if (Atomics.load(hb, HB.phase) === Phase.Setup) throw new Error(`fuzz target ${job.target}: ${death.message}`);
    restarts[j]!++;
    if (job.kind === 'replay') {
      replayed[j]![index] = { outcome: { kind: 'failed', failure: death.kind, message: death.message }, ms: NaN };
    } else {
      const done = latest[j];
      const merged = done === undefined ? base[j]! : mergeStats(base[j]!, done);
      merged.tried += Math.max(0, index - job.start + 1 - (done?.tried ?? 0));
      merged.wallMs += performance.now() - runSince - (done?.wallMs ?? 0);
      base[j] = merged;
      latest[j] = undefined;
      const record = await rebuild(job, index, death, corpus);
      const seen = merged.failures.get(record.signature);
      if (seen !== undefined) merged.failures.set(record.signature, { ...seen, count: seen.count + 1 });
      else if ([...merged.failures.values()].filter((f) => f.kind === 'hang' || f.kind === 'out-of-memory').length >= MAX_HANG_RECORDS) merged.moreHangs++;
      else merged.failures.set(record.signature, record);
      const original = jobs[j]!;
      if (original.kind === 'fuzz' && original.count !== undefined) (job as { count?: number }).count = Math.max(0, original.start + original.count - (index + 1));
      if (original.kind === 'fuzz' && original.seconds !== undefined) (job as { seconds?: number }).seconds = Math.max(0, original.seconds - (performance.now() - began[j]!) / 1000);
    }
    (job as { start: number }).start = index + 1;
    next = j;
  }
  return results.map((r) => r!);
}

/** The input a killed worker was on, made again from its number. */
async function rebuild(job: Extract<Job, { kind: 'fuzz' }>, index: number, death: { kind: FailureKind; message: string }, corpus: CorpusOptions): Promise<FailureRecord> {
  const target = await makeTarget(job.target, corpus);
  const recipe = target.generate(inputRng(job.seed, job.target, index), await target.corpus(), index);
  const input = target.encode(recipe.build(recipe.ops)); // first: building names where each operation applied
  return {
    target: job.target, kind: death.kind, message: death.message, at: '(killed by the watchdog)', index, seed: job.seed,
    recipe: describeRecipe(recipe.base, recipe.ops), signature: hangSignature(job.target, death.kind, recipe.ops), input, count: 1,
  };
}
