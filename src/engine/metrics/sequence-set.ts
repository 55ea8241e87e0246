// Flow datagram sequence numbers seen, for the run metrics: a bit each (a Set
// only for huge ones), so a long flow costs little. Cloneable, so the page can
// keep checkpoints of the metrics and go back to one after a seek backwards.

export class SequenceSet {
  private bits = new Uint8Array(64);
  private large: Set<number> | undefined;
  size = 0;

  has(n: number): boolean {
    if (n >= SequenceSet.BITS) return this.large?.has(n) ?? false;
    return n >>> 3 < this.bits.length && (this.bits[n >>> 3]! & (1 << (n & 7))) !== 0;
  }

  /** Adds `n`; false if it was there. */
  add(n: number): boolean {
    if (this.has(n)) return false;
    this.size++;
    if (n >= SequenceSet.BITS) (this.large ??= new Set()).add(n);
    else {
      if (n >>> 3 >= this.bits.length) {
        const grown = new Uint8Array(Math.max(this.bits.length * 2, (n >>> 3) + 1));
        grown.set(this.bits);
        this.bits = grown;
      }
      this.bits[n >>> 3]! |= 1 << (n & 7);
    }
    return true;
  }

  clone(): SequenceSet {
    const c = new SequenceSet();
    c.bits = this.bits.slice();
    if (this.large !== undefined) c.large = new Set(this.large);
    c.size = this.size;
    return c;
  }

  /** Sequence numbers below this are bits (2 MB at most). */
  private static readonly BITS = 1 << 24;
}
