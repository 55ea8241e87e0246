// One run seed, many independent streams: each node's RandomSource and each
// sending interface's loss stream get their own seed, derived from the run
// seed and a stable name (not an index), so adding a node to a scenario does
// not reshuffle the randomness of the others.

/** FNV-1a over the label's UTF-16 code units, mixed with the run seed and finalised (murmur3 fmix32). */
export function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export function nodeSeedLabel(node: string): string {
  return `node:${node}`;
}

export function transmitSeedLabel(node: string, iface: string): string {
  return `transmit:${node}/${iface}`;
}
