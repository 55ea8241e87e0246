// Workers and in-process give the same trace (docs/architecture.md "Runtime": "The same
// scenario and seed give the same trace in workers as in the in-process
// scheduler; a test proves it"): every built-in scenario, its full duration,
// hosts in this thread over real MessageChannels (the same messages, clones
// and transfers as Web Workers).

import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, loadBuiltin } from '../../scenarios/builtin';
import { runBoth, traceJson } from './test-support/compare';

describe('the worker fabric records the in-process trace', () => {
  for (const { id } of BUILTIN_SCENARIOS) {
    it(`built-in "${id}", full duration`, async () => {
      const loaded = loadBuiltin(id);
      // Two stops: a boundary in the middle must not change anything either.
      const { workers, inProcess } = await runBoth(loaded, [Math.floor(loaded.duration / 3), loaded.duration]);
      expect(inProcess.length).toBeGreaterThan(100); // a real run, not two empty lists
      expect(workers.length).toBe(inProcess.length);
      expect(traceJson(workers)).toBe(traceJson(inProcess));
    }, 120_000);
  }
});
