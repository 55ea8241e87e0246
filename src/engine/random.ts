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

/**
 * sfc32 over four words. A class rather than closures: nodes create one per
 * handled event (their state is plain data between events), so creating it
 * must cost no more than one small object.
 */
class Sfc32 implements RandomSource {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(s: RandomState['s']) {
    this.a = s[0];
    this.b = s[1];
    this.c = s[2];
    this.d = s[3];
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    const c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (c + t) >>> 0;
    return t;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.u32();
      for (let k = 0; k < 4 && i + k < n; k++) out[i + k] = (v >>> (8 * k)) & 0xff;
    }
    return out;
  }

  below(n: number): number {
    // rejection sampling keeps the distribution uniform
    const limit = Math.floor(0x100000000 / n) * n;
    for (;;) {
      const v = this.u32();
      if (v < limit) return v % n;
    }
  }

  state(): RandomState {
    return { s: [this.a, this.b, this.c, this.d] };
  }

  /** Whether this generator is exactly at `state` (nothing drawn since). */
  holds(state: RandomState): boolean {
    const s = state.s;
    return this.a === s[0] && this.b === s[1] && this.c === s[2] && this.d === s[3];
  }
}

/**
 * The state to save after `random`, created from `before`, was used: `before`
 * itself when no number was drawn (equal values; the saved state is plain
 * immutable data, so sharing it is the same as copying it), else a new one.
 */
export function stateAfter(random: RandomSource, before: RandomState): RandomState {
  return random instanceof Sfc32 && random.holds(before) ? before : random.state();
}

/** A generator from a seed, or from a saved state (rewind). */
export function createRandom(seedOrState: number | RandomState): RandomSource {
  const fresh = typeof seedOrState === 'number';
  const random = new Sfc32(fresh ? seedState(seedOrState).s : seedOrState.s);
  // discard the first outputs of a fresh seed, as sfc32's author recommends (not on restore)
  if (fresh) for (let i = 0; i < 12; i++) random.u32();
  return random;
}
