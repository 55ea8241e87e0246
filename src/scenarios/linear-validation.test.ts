// Validation takes work in proportion to the file (FORMAT.md "Limits"): the
// checks that follow references (semantics.ts), the loader (to-topology.ts)
// and the work estimate (work.ts) look ids up in indexes built once, never by
// scanning a list per reference. Measured in array elements read (not time,
// so a busy machine cannot fail it): four times the nodes must read about
// four times as many elements, not sixteen. Each stage's input is counted —
// the scenario for the first two, the loaded scenario for the work estimate.

import { describe, expect, it } from 'vitest';
import { scenarioProblems } from './semantics';
import { countingReads, type ReadCounter } from './test-support/counted-reads';
import { shapedLargeScenario } from './test-support/large-scenario';
import { toLoadedScenario } from './to-topology';
import { scenarioWork } from './work';

type Scenario = ReturnType<typeof shapedLargeScenario>;

function readsOf(scenario: Scenario, stage: (counted: Scenario) => void): number {
  const counter: ReadCounter = { reads: 0 };
  stage(countingReads(scenario, counter));
  return counter.reads;
}

/** Elements read at four times the islands (1,000 → 4,000 nodes by default) over elements read at one. */
function growth(stage: (counted: Scenario) => void, islands = 200): number {
  return readsOf(shapedLargeScenario(4 * islands), stage) / readsOf(shapedLargeScenario(islands), stage);
}

describe('validating and loading a scenario is linear in its size', () => {
  it('checking references: four times the nodes, about four times the reads', () => {
    expect(growth((s) => expect(scenarioProblems(s)).toEqual([]))).toBeLessThan(5);
  });

  it('loading: four times the nodes, about four times the reads', () => {
    expect(growth((s) => void toLoadedScenario(s))).toBeLessThan(5);
  });

  it('estimating the work: four times the nodes, about four times the reads', () => {
    const loadedGrowth = (() => {
      const count = (n: number) => {
        const loaded = toLoadedScenario(shapedLargeScenario(n));
        const counter: ReadCounter = { reads: 0 };
        scenarioWork(countingReads(loaded, counter), loaded.duration);
        return counter.reads;
      };
      return count(800) / count(200);
    })();
    expect(loadedGrowth).toBeLessThan(5);
  });

  it('the measure does see a scan per reference: the same input looked up by scanning grows sixteenfold', () => {
    const scanPerLink = (s: Scenario) => {
      for (const node of s.nodes) for (const face of node.interfaces) s.links.find((link) => link.id === face.link);
    };
    expect(growth(scanPerLink, 50)).toBeGreaterThan(12);
  });
});
