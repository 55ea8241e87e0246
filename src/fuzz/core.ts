// The fuzzer's core, free of Node APIs: targets, the loop that feeds them,
// and what counts as a failure.
//
// A target makes input number i from its own seeded stream (random.ts) as a
// recipe — a base input and a list of operations — so a failing input can be
// shrunk by dropping operations, and so any input can be rebuilt from its
// number. An input ends in one of three ways: accepted (decoded, or validated
// and run to its end), refused with a typed reason (a WireError, a list of
// validation problems: the "error kinds" counted in the figures), or a
// failure:
//  - exception: the code under test threw (a decoder or a validator must
//    return its reason, never throw);
//  - internal-error: a scenario or lesson that passed validation failed while
//    it ran (the CLI would print "internal error: …");
//  - hang: the input took longer than the per-input bound (the in-thread
//    measure here; the worker's watchdog catches one that never returns);
//  - out-of-memory: the worker ran out of heap on it (sandbox.ts).

import { inputRng, type Rng } from './random';

export type FailureKind = 'exception' | 'internal-error' | 'hang' | 'out-of-memory';

export type Outcome =
  | { readonly kind: 'accepted'; readonly reasons?: readonly string[] }
  | { readonly kind: 'refused'; readonly reasons: readonly string[] }
  | { readonly kind: 'failed'; readonly failure: FailureKind; readonly message: string; readonly stack?: string };

export interface Op {
  /** What it did, for the report of a failing input, e.g. "truncate to 41 of 72 octets". */
  readonly name: string;
}

/** How to make one input: apply `ops` (a subset of them, when shrinking) to a base. */
export interface Recipe<I> {
  readonly base: string;
  readonly ops: readonly Op[];
  build(ops: readonly Op[]): I;
}

export interface RunLimits {
  /** Per-input wall-time bound, ms. */
  readonly boundMs: number;
}

export interface FuzzTarget<I = unknown, C = unknown> {
  readonly name: string;
  /** Fixture file extension: "bin" for bytes, "json" for text. */
  readonly extension: 'bin' | 'json';
  /** The seed inputs (built once per process; deterministic). */
  corpus(): C | Promise<C>;
  /** Input number `index` of a run, from its own stream `rng` (random.ts inputRng). */
  generate(rng: Rng, corpus: C, index: number): Recipe<I>;
  run(input: I, limits: RunLimits): Outcome | Promise<Outcome>;
  encode(input: I): Uint8Array;
  decode(file: Uint8Array): I;
}

export interface FailureRecord {
  readonly target: string;
  readonly kind: FailureKind;
  readonly message: string;
  /** Where it was thrown, first frame in the project (path:line), if known. */
  readonly at: string;
  /** The input number in its run, and the run's seed. */
  readonly index: number;
  readonly seed: number;
  /** The recipe's base and operations (after shrinking). */
  readonly recipe: string;
  /** Equal signatures are one failure. */
  readonly signature: string;
  readonly input: Uint8Array;
  /** Inputs of the run that failed this way. */
  readonly count: number;
}

/** Figures of one target's run. */
export interface TargetStats {
  readonly target: string;
  tried: number;
  accepted: number;
  refused: number;
  /** Time spent in the target's code, ms. */
  ms: number;
  /** Wall time of the loop (making inputs too), ms. */
  wallMs: number;
  slowestMs: number;
  readonly errorKinds: Set<string>;
  readonly failures: Map<string, FailureRecord>;
  /** Hangs past MAX_HANG_RECORDS, counted only. */
  moreHangs: number;
}

export function newStats(target: string): TargetStats {
  return { target, tried: 0, accepted: 0, refused: 0, ms: 0, wallMs: 0, slowestMs: 0, errorKinds: new Set(), failures: new Map(), moreHangs: 0 };
}

/** Numbers, quoted values and array indices out, so "got 300" and "got 7" are one kind of error. */
export function normalizeReason(text: string): string {
  return text
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\[\d+\]/g, '[]')
    .replace(/0x[0-9a-f]+/gi, '#')
    .replace(/\d+(\.\d+)?(e[+-]?\d+)?/gi, '#')
    .slice(0, 160);
}

/** The first stack frame inside the project, as "src/…/file.ts:line". */
export function firstProjectFrame(stack: string | undefined): string {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const m = /(src\/[^\s:()]+\.tsx?):(\d+)/.exec(line);
    if (m !== null && !m[1]!.startsWith('src/fuzz/')) return `${m[1]}:${m[2]}`;
  }
  return '(no project frame)';
}

export function signatureOf(target: string, o: Extract<Outcome, { kind: 'failed' }>): string {
  return `${target}|${o.failure}|${normalizeReason(o.message.split('\n')[0] ?? '')}|${o.failure === 'hang' || o.failure === 'out-of-memory' ? '' : firstProjectFrame(o.stack)}`;
}

/** Runs one input, turning a throw or a slow return into a failure. */
export async function runOne<I>(target: FuzzTarget<I>, input: I, limits: RunLimits): Promise<{ outcome: Outcome; ms: number }> {
  const t0 = performance.now();
  let outcome: Outcome;
  try {
    outcome = await target.run(input, limits);
  } catch (e) {
    outcome = { kind: 'failed', failure: 'exception', message: errorMessage(e), ...(e instanceof Error && e.stack !== undefined ? { stack: e.stack } : {}) };
  }
  const ms = performance.now() - t0;
  if (outcome.kind !== 'failed' && ms > limits.boundMs) outcome = { kind: 'failed', failure: 'hang', message: `took ${Math.round(ms)} ms, more than the ${limits.boundMs} ms bound` };
  return { outcome, ms };
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Drops operations one at a time while the input still fails the same way (at most `budget` tries). */
export async function shrink<I>(target: FuzzTarget<I>, recipe: Recipe<I>, same: (o: Outcome) => boolean, limits: RunLimits, budget = 40): Promise<readonly Op[]> {
  let ops = recipe.ops;
  let tries = 0;
  for (let i = ops.length - 1; i >= 0 && tries < budget; i--) {
    const fewer = ops.filter((_, k) => k !== i);
    tries++;
    let input: I;
    try {
      input = recipe.build(fewer);
    } catch {
      continue;
    }
    const { outcome } = await runOne(target, input, limits);
    if (same(outcome)) ops = fewer;
  }
  return ops;
}

export function describeRecipe(base: string, ops: readonly Op[]): string {
  return ops.length === 0 ? base : `${base}; ${ops.map((o) => o.name).join('; ')}`;
}

export interface LoopOptions {
  readonly seed: number;
  /** Stop after this many inputs … */
  readonly count?: number;
  /** … or after this many seconds (whichever comes first; one of them is needed). */
  readonly seconds?: number;
  /** First input number (a restarted worker goes on after the one that hung). */
  readonly start?: number;
  readonly limits: RunLimits;
  /** Called before each input with its number (the sandbox's heartbeat). */
  readonly onInput?: (index: number) => void;
  /** Called every so often with the figures so far. */
  readonly onProgress?: (stats: TargetStats) => void;
  /** Shrink failing inputs before recording them (default true). */
  readonly shrink?: boolean;
}

/** Feeds `target` inputs number start, start + 1, … until the count or the time is used up. */
export async function fuzzTarget<I, C>(target: FuzzTarget<I, C>, corpus: C, options: LoopOptions, stats: TargetStats = newStats(target.name)): Promise<TargetStats> {
  const { seed, limits } = options;
  const t0 = performance.now();
  const end = options.count === undefined ? Infinity : (options.start ?? 0) + options.count;
  const deadline = options.seconds === undefined ? Infinity : t0 + options.seconds * 1000;
  let lastProgress = t0;
  const wallBefore = stats.wallMs;
  for (let index = options.start ?? 0; index < end; index++) {
    const now = performance.now();
    if (now >= deadline) break;
    stats.wallMs = wallBefore + (now - t0);
    if (options.onProgress !== undefined && now - lastProgress > 250) {
      lastProgress = now;
      options.onProgress(stats);
    }
    options.onInput?.(index);
    const recipe = target.generate(inputRng(seed, target.name, index), corpus, index);
    const input = recipe.build(recipe.ops);
    const { outcome, ms } = await runOne(target, input, limits);
    stats.tried++;
    stats.ms += ms;
    stats.slowestMs = Math.max(stats.slowestMs, ms);
    if (outcome.kind === 'failed') {
      await recordFailure(stats, target, recipe, outcome, index, seed, limits, options.shrink ?? true);
      options.onProgress?.(stats); // at once: a worker killed on a later input must not lose it
    } else {
      if (outcome.kind === 'accepted') stats.accepted++;
      else stats.refused++;
      for (const r of outcome.reasons ?? []) stats.errorKinds.add(normalizeReason(r));
    }
  }
  stats.wallMs = wallBefore + (performance.now() - t0);
  options.onProgress?.(stats);
  return stats;
}

/** Hangs have no stack to tell them apart: they are told apart by what was done to the input, up to this many per target. */
export const MAX_HANG_RECORDS = 12;

const isSlow = (kind: FailureKind): boolean => kind === 'hang' || kind === 'out-of-memory';

/** For a hang: its kind and what the operations of its recipe did (where, not to which seed; numbers left out). */
export function hangSignature(target: string, kind: FailureKind, ops: readonly Op[]): string {
  return `${target}|${kind}|${normalizeReason(ops.map((o) => o.name).join('; ')).slice(0, 300)}`;
}

export async function recordFailure<I>(stats: TargetStats, target: FuzzTarget<I>, recipe: Recipe<I>, outcome: Extract<Outcome, { kind: 'failed' }>, index: number, seed: number, limits: RunLimits, shrinkIt = true): Promise<void> {
  const slow = isSlow(outcome.failure);
  const signature = slow ? hangSignature(target.name, outcome.failure, recipe.ops) : signatureOf(target.name, outcome);
  const seen = stats.failures.get(signature);
  if (seen !== undefined || (slow && [...stats.failures.values()].filter((f) => isSlow(f.kind)).length >= MAX_HANG_RECORDS)) {
    if (seen !== undefined) stats.failures.set(signature, { ...seen, count: seen.count + 1 });
    else stats.moreHangs++;
    return;
  }
  const same = (o: Outcome): boolean => o.kind === 'failed' && (slow ? o.failure === outcome.failure : signatureOf(target.name, o) === signature);
  const ops = !shrinkIt || outcome.failure === 'out-of-memory' ? recipe.ops : await shrink(target, recipe, same, limits, slow ? 3 : 40);
  const input = target.encode(recipe.build(ops)); // first: building names where each operation applied
  stats.failures.set(signature, {
    target: target.name, kind: outcome.failure, message: outcome.message.split('\n')[0]!.slice(0, 300), at: slow ? '' : firstProjectFrame(outcome.stack),
    index, seed, recipe: describeRecipe(recipe.base, ops), signature, input, count: 1,
  });
}
