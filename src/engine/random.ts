// Seeded randomness for the engine (docs/architecture.md: "randomness comes in as an
// argument"). sfc32 seeded through splitmix32: small, fast, good enough for a
// simulation, and its whole state is four numbers, so a node's generator is
// plain data that snapshots and restores with the rest of its state.
//
// Not cryptographically secure — deliberately: the lab's keys must be
// reproducible from the run's seed so a shared lesson replays identically.

export interface RandomState {
  readonly s: readonly [number, number, number, number];
}

export interface RandomSource {
  /** Uniform 32-bit unsigned integer. */
  u32(): number;
  /** n uniform octets. */
  bytes(n: number): Uint8Array;
  /** Uniform integer in [0, n), n ≤ 2^32. */
  below(n: number): number;
  /** Current state (copy), to snapshot. */
  state(): RandomState;
}

function splitmix32(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function seedState(seed: number): RandomState {
  const next = splitmix32(seed);
  return { s: [next(), next(), next(), next()] };
}

/** A generator from a seed, or from a saved state (rewind). */
export function createRandom(seedOrState: number | RandomState): RandomSource {
  const st = typeof seedOrState === 'number' ? seedState(seedOrState) : seedOrState;
  let [a, b, c, d] = st.s;
  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // discard the first outputs of a fresh seed, as sfc32's author recommends (not on restore)
  if (typeof seedOrState === 'number') for (let i = 0; i < 12; i++) u32();
  return {
    u32,
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i += 4) {
        const v = u32();
        for (let k = 0; k < 4 && i + k < n; k++) out[i + k] = (v >>> (8 * k)) & 0xff;
      }
      return out;
    },
    below(n) {
      // rejection sampling keeps the distribution uniform
      const limit = Math.floor(0x100000000 / n) * n;
      for (;;) {
        const v = u32();
        if (v < limit) return v % n;
      }
    },
    state: () => ({ s: [a, b, c, d] }),
  };
}
