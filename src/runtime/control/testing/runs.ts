// Shared by the runtime's own tests: an in-page LabRuntime on a fake frame
// clock, and a mirror that applies batches the way the UI store does
// (ui/store/lab-store.ts applyBatch: drop events after `truncatedTo`, then
// append), so a test sees exactly the trace a learner would.

import type { TraceEvent } from '../../../engine/node/contract';
import type { LoadedScenario } from '../../../scenarios/to-topology';
import { FakeFrameClock, settle } from './fake-frame-clock';
import { createLabRuntime } from '../../create-lab-runtime';
import type { CommandLogEntry, LabRuntime, LabRuntimeOptions, RuntimeBatch } from '../../types';

export class BatchMirror {
  readonly trace: TraceEvent[] = [];
  readonly batches: RuntimeBatch[] = [];
  commands: readonly CommandLogEntry[] = [];

  apply(batch: RuntimeBatch): void {
    this.batches.push(batch);
    if (batch.truncatedTo !== undefined) {
      let keep = this.trace.length;
      while (keep > 0 && this.trace[keep - 1]!.time > batch.truncatedTo) keep--;
      this.trace.length = keep;
    }
    for (const e of batch.trace) this.trace.push(e);
    if (batch.commands !== undefined) this.commands = batch.commands;
  }

  get last(): RuntimeBatch {
    return this.batches[this.batches.length - 1]!;
  }
}

export interface TestRun {
  readonly runtime: LabRuntime;
  readonly clock: FakeFrameClock;
  readonly mirror: BatchMirror;
  /** Lets queued work finish and the waiting batch go out. */
  flush(): Promise<void>;
}

export async function startInPage(scenario: LoadedScenario, options: LabRuntimeOptions = {}): Promise<TestRun> {
  const clock = new FakeFrameClock();
  const runtime = createLabRuntime(scenario, { mode: 'in-page', ...options }, { clock });
  const mirror = new BatchMirror();
  runtime.subscribe((b) => mirror.apply(b));
  await runtime.ready;
  return {
    runtime, clock, mirror,
    async flush() {
      await settle();
      await clock.frame();
    },
  };
}

/** The trace as JSON (bytes included): two runs agree iff these are equal. */
export function traceJson(trace: readonly TraceEvent[]): string {
  return JSON.stringify(trace, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v));
}
