// What the main thread and the fuzzer's worker say to each other.

import type { Outcome, TargetStats } from './core';
import type { CorpusOptions } from './packets/corpus';

export type Job =
  | { readonly kind: 'fuzz'; readonly target: string; readonly seed: number; readonly count?: number; readonly seconds?: number; readonly start: number; readonly boundMs: number }
  | { readonly kind: 'replay'; readonly target: string; readonly files: readonly { readonly name: string; readonly bytes: Uint8Array }[]; readonly start: number; readonly boundMs: number };

export interface WorkerInput {
  readonly jobs: readonly Job[];
  readonly corpus: CorpusOptions;
  /** Int32Array view: HB. */
  readonly heartbeat: SharedArrayBuffer;
}

/** Slots of the shared heartbeat. */
export const HB = { job: 0, index: 1, tick: 2, phase: 3 } as const;
export const Phase = { Setup: 0, Run: 1, Finished: 2 } as const;

export type WorkerMessage =
  | { readonly type: 'progress'; readonly job: number; readonly stats: TargetStats }
  | { readonly type: 'done'; readonly job: number; readonly stats?: TargetStats }
  | { readonly type: 'replayed'; readonly job: number; readonly index: number; readonly outcome: Outcome; readonly ms: number };
