// A small wired network for the fabric's tests, written as scenario data (the
// learner's format) and loaded like any file:
//
//   A ─ lan1 (1 ms) ─ R ─ lan2 (2 ms) ─ B
//                     └── lan3 (1 ms) ─ C
//
// A, B and C are correspondents (hosts that send UDP flows); R routes.

import type { ScenarioInput } from '../../../scenarios/schema';
import { loadScenario } from '../../../scenarios/load';
import type { LoadedScenario } from '../../../scenarios/to-topology';

export const ADDRESS = { A: '10.1.0.10', B: '10.2.0.10', C: '10.3.0.10' } as const;

export function smallNetwork(extra: Partial<ScenarioInput> = {}): LoadedScenario {
  const result = loadScenario({
    format: 'route-optimization-lab/scenario@1',
    title: 'fabric test network',
    description: 'three hosts around a router',
    durationS: 2,
    links: [
      { id: 'lan1', kind: 'segment', delayMs: 1 },
      { id: 'lan2', kind: 'segment', delayMs: 2 },
      { id: 'lan3', kind: 'segment', delayMs: 1 },
    ],
    nodes: [
      { id: 'A', role: 'correspondent', interfaces: [{ name: 'eth0', address: ADDRESS.A, prefixLength: 24, link: 'lan1' }] },
      { id: 'R', role: 'router', interfaces: [
        { name: 'eth0', address: '10.1.0.1', prefixLength: 24, link: 'lan1' },
        { name: 'eth1', address: '10.2.0.1', prefixLength: 24, link: 'lan2' },
        { name: 'eth2', address: '10.3.0.1', prefixLength: 24, link: 'lan3' },
      ] },
      { id: 'B', role: 'correspondent', interfaces: [{ name: 'eth0', address: ADDRESS.B, prefixLength: 24, link: 'lan2' }] },
      { id: 'C', role: 'correspondent', interfaces: [{ name: 'eth0', address: ADDRESS.C, prefixLength: 24, link: 'lan3' }] },
    ],
    ...extra,
  } satisfies ScenarioInput);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.loaded;
}
