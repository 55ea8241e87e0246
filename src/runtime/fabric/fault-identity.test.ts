// Scripted faults give the same trace in the worker fabric as in process: a
// message fault is decided by its sender alone (engine network/faults.ts),
// and a reboot is a world command both schedule after the moves. One run
// with all three kinds — including a fault that could act at two senders.

import { describe, expect, it } from 'vitest';
import { seconds } from '../../engine/node/time';
import { builtinScenario } from '../../scenarios/builtin';
import { toLoadedScenario } from '../../scenarios/to-topology';
import { parseScenario } from '../../scenarios/validate';
import { runBoth, traceJson } from './test-support/compare';

function withFaults(id: string, faults: readonly object[]) {
  const parsed = parseScenario({ ...(structuredClone(builtinScenario(id)!.data) as object), faults });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return toLoadedScenario(parsed.scenario);
}

describe('the worker fabric records the in-process trace with scripted faults', () => {
  it('drop, delay and reboot in a smooth handoff', async () => {
    const loaded = withFaults('smooth-handoff', [
      { atS: 12, kind: 'drop-next', link: 'cell2', message: 'binding-acknowledge' },
      { kind: 'delay-next', link: 'cell1', message: 'registration-reply', byMs: 1500 },
      { atS: 5, kind: 'delay-next', link: 'cn-lan', message: 'datagram', byMs: 40 }, // the correspondent's and the router's next datagram
      { atS: 20, kind: 'reboot', node: 'FA2' },
    ]);
    const { workers, inProcess } = await runBoth(loaded, [seconds(13), seconds(22)]);
    const faulted = inProcess.filter((e) => e.summary.includes('by a scripted fault') || e.summary.startsWith('fault:'));
    expect(faulted.map((e) => e.node)).toEqual(['FA1', 'CN', 'R', 'FA2', 'FA2']);
    expect(workers.length).toBe(inProcess.length);
    expect(traceJson(workers)).toBe(traceJson(inProcess));
  }, 120_000);
});
