// The fuzzer's worker thread: runs jobs (a fuzz run of one target, or a
// replay of fixture files) and tells the main thread, through a shared
// heartbeat, which input it is on — so the main thread's watchdog
// (sandbox.ts) can kill it when an input never returns, and rebuild that
// input from its number. Started by worker-boot.mjs (which lets Node load
// TypeScript).

import { parentPort, workerData } from 'node:worker_threads';
import { fuzzTarget, runOne, type FuzzTarget } from './core';
import { makeTarget } from './targets';
import { HB, Phase, type WorkerInput, type WorkerMessage } from './sandbox-protocol';

const input = workerData as WorkerInput;
const hb = new Int32Array(input.heartbeat);
const post = (m: WorkerMessage): void => parentPort!.postMessage(m);

for (let j = 0; j < input.jobs.length; j++) {
  const job = input.jobs[j]!;
  Atomics.store(hb, HB.job, j);
  Atomics.store(hb, HB.phase, Phase.Setup);
  const target = await makeTarget(job.target, input.corpus);
  const corpus = job.kind === 'fuzz' ? await target.corpus() : undefined; // a replay needs no seeds
  // Every run of the target ticks the heartbeat (shrinking runs inputs too).
  const ticking: FuzzTarget<unknown, unknown> = { ...target, run: (x, limits) => { Atomics.add(hb, HB.tick, 1); return target.run(x, limits); } };
  Atomics.store(hb, HB.phase, Phase.Run);
  const limits = { boundMs: job.boundMs };
  if (job.kind === 'fuzz') {
    const stats = await fuzzTarget(ticking, corpus, {
      seed: job.seed, start: job.start, limits,
      ...(job.count === undefined ? {} : { count: job.count }),
      ...(job.seconds === undefined ? {} : { seconds: job.seconds }),
      onInput: (i) => Atomics.store(hb, HB.index, i),
      onProgress: (s) => post({ type: 'progress', job: j, stats: s }),
    });
    post({ type: 'done', job: j, stats });
  } else {
    for (let i = job.start; i < job.files.length; i++) {
      Atomics.store(hb, HB.index, i);
      const { outcome, ms } = await runOne(ticking, target.decode(job.files[i]!.bytes), limits);
      post({ type: 'replayed', job: j, index: i, outcome, ms });
    }
    post({ type: 'done', job: j });
  }
}
Atomics.store(hb, HB.phase, Phase.Finished);
