// Every input the fuzzer ever saw fail (src/fuzz/fixtures/<target>/), run
// again: it must now be refused with a reason or accepted — except those
// listed in fixtures/open.json (known, not fixed yet, diagnosed there), which
// must still fail; when one starts passing, remove its entry.
// Replayed in the fuzzer's worker, so one that hangs cannot hang `npm test`.

import { describe, expect, it } from 'vitest';
import { listFixtures, openFailures } from './regression-fixtures';
import { runJobs } from './sandbox';
import { DEFAULT_BOUND_MS, type TargetName } from './targets';

const fixtures = listFixtures();
const open = openFailures();

describe('fuzz regression fixtures', () => {
  it('lists in open.json only fixtures that exist', () => {
    const names = new Set(fixtures.map((f) => f.name));
    expect(Object.keys(open).filter((k) => !names.has(k))).toEqual([]);
  });

  it.skipIf(fixtures.length === 0)('replays each one: refused or accepted now, or still failing if open.json lists it', async () => {
    const targets = [...new Set(fixtures.map((f) => f.target))];
    const results = await runJobs(targets.map((target) => ({
      kind: 'replay', target, start: 0, boundMs: DEFAULT_BOUND_MS[target as TargetName] ?? 5000,
      files: fixtures.filter((f) => f.target === target).map((f) => ({ name: f.name, bytes: f.bytes })),
    })), { corpus: { scenarios: ['route-optimization'], runSeconds: 5 } });
    const wrong: string[] = [];
    targets.forEach((target, j) => {
      const r = results[j];
      if (r?.kind !== 'replay') throw new Error(`no replay of ${target}`);
      fixtures.filter((f) => f.target === target).forEach((f, i) => {
        const outcome = r.outcomes[i]?.outcome;
        const failed = outcome?.kind === 'failed';
        if (open[f.name] === undefined && failed) wrong.push(`${f.name} fails again: ${outcome.failure}: ${outcome.message}`);
        if (open[f.name] !== undefined && !failed) wrong.push(`${f.name} passes now: remove it from src/fuzz/fixtures/open.json (${open[f.name]!.diagnosis})`);
      });
    });
    expect(wrong).toEqual([]);
  }, 120_000);
});
