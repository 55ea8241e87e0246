// The on-path rewrite of a Diffie-Hellman value (FORMAT.md "faults",
// replace-dh-value-next; OC-49) gives the same trace in the worker fabric as
// in process: it is decided and applied by the sender alone, like every
// message fault (engine network/faults.ts), so each receiver gets the same
// rewritten bytes either way.

import { describe, expect, it } from 'vitest';
import { seconds } from '../../engine/node/time';
import { builtinScenario } from '../../scenarios/builtin';
import { toLoadedScenario } from '../../scenarios/to-topology';
import { parseScenario } from '../../scenarios/validate';
import { runBoth, traceJson } from './test-support/compare';

describe('the worker fabric records the in-process trace with an on-path rewrite', () => {
  it('Mallory replaces FA1\'s g^y, FA1 placing it after the authenticator (optim-06 §3.4)', async () => {
    const data = structuredClone(builtinScenario('key-diffie-hellman')!.data) as { nodes: { id: string; settings?: object }[] };
    const fa1 = data.nodes.find((n) => n.id === 'FA1')!;
    fa1.settings = { ...fa1.settings, diffieHellmanValueIn: 'own-reply' };
    const parsed = parseScenario({ ...data, faults: [{ kind: 'replace-dh-value-next', link: 'cell1' }] });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const { workers, inProcess } = await runBoth(toLoadedScenario(parsed.scenario), [seconds(3), seconds(18)]);
    expect(inProcess.filter((e) => /^Mallory, on the path, replaced FA1's g\^y/.test(e.summary))).toHaveLength(1);
    expect(workers.length).toBe(inProcess.length);
    expect(traceJson(workers)).toBe(traceJson(inProcess));
  }, 120_000);
});
