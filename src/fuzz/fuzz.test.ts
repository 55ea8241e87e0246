// The fuzzer as part of `npm test`: a short pass over every target with a
// fixed seed (the same inputs every time, so a failure here is reproducible
// with `npm run fuzz -- --seed 20261206 --count …`), in the watchdog's
// worker like `npm run fuzz`; and the fuzzer's own machinery.

import { describe, expect, it } from 'vitest';
import { inputRng } from './random';
import { openFailures } from './regression-fixtures';
import { runJobs } from './sandbox';
import { DEFAULT_BOUND_MS, TARGET_NAMES, makeTarget } from './targets';
import { fromValue, serialize } from './json/ast';
import { generatePacket } from './packets/generate';
import { concatBytes } from '../engine/wire/bytes';
import { INNER_AT_HA_EXIT, IPIP_OUTER_AT_HA } from '../engine/wire/test-support/tunnel-fixtures';

const SEED = 20261206;
/** Small enough for `npm test` (a few seconds each), large enough to meet every generator. */
const COUNT: Readonly<Record<(typeof TARGET_NAMES)[number], number>> = { packet: 3000, codecs: 1500, pcapng: 1500, scenario: 60, lesson: 25 };
const QUICK_CORPUS = { scenarios: ['route-optimization', 'smooth-handoff'], runSeconds: 10 };

describe('the fuzzer, a fixed-seed pass', () => {
  it('finds no failure in any target that fixtures/open.json does not already list', async () => {
    const results = await runJobs(TARGET_NAMES.map((target) => ({ kind: 'fuzz', target, seed: SEED, count: COUNT[target], start: 0, boundMs: DEFAULT_BOUND_MS[target] })), { corpus: QUICK_CORPUS });
    const known = new Set(Object.values(openFailures()).map((o) => o.signature));
    for (const r of results) {
      if (r.kind !== 'fuzz') continue;
      expect(r.stats.tried, r.stats.target).toBe(COUNT[r.stats.target as keyof typeof COUNT]);
      // Every generator is met: some inputs get through, some are refused.
      expect(r.stats.accepted, `${r.stats.target}: nothing accepted`).toBeGreaterThan(0);
      expect(r.stats.refused, `${r.stats.target}: nothing refused`).toBeGreaterThan(0);
      const unknown = [...r.stats.failures.values()].filter((f) => !known.has(f.signature));
      expect(unknown.map((f) => `${f.kind}: ${f.message} at ${f.at} — input #${f.index}: ${f.recipe.slice(0, 200)}`), r.stats.target).toEqual([]);
    }
  }, 60_000);
});

describe('the fuzzer', () => {
  it('makes input number i the same way every time, from its number alone', async () => {
    const packets = [{ name: 'IP in IP', bytes: concatBytes(IPIP_OUTER_AT_HA, INNER_AT_HA_EXIT) }];
    const scenario = await makeTarget('scenario');
    const seeds = await scenario.corpus();
    for (const i of [0, 17, 999, 4242]) {
      const [a, b] = [0, 1].map(() => generatePacket(inputRng(5, 'packet', i), packets));
      expect(a!.build(a!.ops)).toEqual(b!.build(b!.ops));
      const [c, d] = [0, 1].map(() => scenario.generate(inputRng(5, 'scenario', i), seeds, i));
      expect(c!.build(c!.ops)).toEqual(d!.build(d!.ops));
    }
  });

  it('writes JSON that JSON.parse reads back, deep nesting without recursion', () => {
    const doc = fromValue({ a: [1, 'x', { b: null }], c: true });
    expect(JSON.parse(serialize(doc))).toEqual({ a: [1, 'x', { b: null }], c: true });
    expect(serialize({ t: 'deep', depth: 200_000, open: 'array', inner: { t: 'raw', v: '0' } })).toHaveLength(400_001);
  });

  it('survives a target that throws, loops for ever and eats the heap: each is a failure, and the run goes on', async () => {
    const [r] = await runJobs([{ kind: 'fuzz', target: 'selftest', seed: 1, count: 10, start: 0, boundMs: 200 }], { memoryMb: 48, graceMs: 2000 });
    if (r?.kind !== 'fuzz') throw new Error('no result');
    expect(r.stats.tried).toBe(10);
    expect([...r.stats.failures.values()].map((f) => [f.kind, f.index]).sort()).toEqual([['exception', 3], ['hang', 5], ['out-of-memory', 7]]);
    expect(r.restarts).toBe(2);
  }, 60_000);
});
