// A target that misbehaves on purpose, for the sandbox's own test: input
// number i is the number i; 3 throws, 5 loops for ever, 7 eats the heap, the
// rest are accepted. Not one of the targets `npm run fuzz` runs.

import type { FuzzTarget } from './core';

export function selftestTarget(): FuzzTarget<number, null> {
  return {
    name: 'selftest',
    extension: 'bin',
    corpus: () => null,
    generate: (_rng, _corpus, i) => ({ base: `input ${i}`, ops: [], build: () => i }),
    run(i) {
      if (i === 3) throw new TypeError('three is not allowed');
      if (i === 5) for (;;);
      if (i === 7) {
        const hog: number[][] = [];
        for (;;) hog.push(new Array<number>(1 << 20).fill(i));
      }
      return { kind: 'accepted' };
    },
    encode: (i) => Uint8Array.of(i),
    decode: (b) => b[0] ?? 0,
  };
}
