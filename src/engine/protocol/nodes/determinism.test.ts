// Story 6: the same seed gives the same trace, byte for byte (docs/architecture.md "Engine").

import { describe, expect, it } from 'vitest';
import { milliseconds, seconds } from '../../node/time';
import { traceJson } from '../../network/test-support/scenarios';
import { AT_HOME, IN_CELL2, echoFlow, labSimulation } from './test-support/lab';

function run(seed: number): string {
  const sim = labSimulation({ seed, cnFlows: [echoFlow(seconds(2), milliseconds(100), 50)] });
  sim.moveNode('MN', IN_CELL2, seconds(4));
  sim.moveNode('MN', AT_HOME, seconds(7));
  sim.runUntil(seconds(10));
  return traceJson(sim.trace);
}

describe('determinism', () => {
  it('same seed ⇒ identical trace JSON; another seed ⇒ a different one', () => {
    const a = run(7);
    expect(run(7)).toBe(a);
    expect(run(8)).not.toBe(a);
    expect(a.length).toBeGreaterThan(10_000);
  });
});
