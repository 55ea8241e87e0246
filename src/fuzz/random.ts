// The fuzzer's randomness: the engine's seeded generator (sfc32) with a few
// helpers. Input number i of a target is drawn from its own stream, seeded
// from (seed, target, i), so any input can be made again on its own — the
// watchdog that kills a hung worker rebuilds the input that hung from its
// number alone.

import { createRandom, type RandomSource } from '../engine/random';

export interface Rng {
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A uniform element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A uniform fraction in [0, 1). */
  fraction(): number;
  bytes(n: number): Uint8Array;
  /** An integer in [0, max], biased towards small ones (log-uniform): sizes, counts, depths. */
  small(max: number): number;
}

/** FNV-1a of a string: the target's name goes into its stream seed. */
export function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The stream of input number `index` of `target` in a run with `seed`. */
export function inputRng(seed: number, target: string, index: number): Rng {
  const mixed = (Math.imul(seed >>> 0, 0x9e3779b1) ^ hashName(target) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  return wrap(createRandom(mixed));
}

export function rngFromSeed(seed: number): Rng {
  return wrap(createRandom(seed >>> 0));
}

function wrap(r: RandomSource): Rng {
  const int = (n: number): number => (n <= 1 ? 0 : r.below(Math.min(n, 0x100000000)));
  return {
    int,
    range: (lo, hi) => lo + int(hi - lo + 1),
    chance: (p) => r.u32() / 0x100000000 < p,
    pick: (items) => items[int(items.length)]!,
    fraction: () => r.u32() / 0x100000000,
    bytes: (n) => r.bytes(n),
    small: (max) => Math.min(max, Math.floor(2 ** ((r.u32() / 0x100000000) * Math.log2(max + 1))) - 1 + int(2)),
  };
}
