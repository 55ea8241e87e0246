// The scenarios `npm run bench` runs and compares with ns-3 (bench/ns3/): they must stay
// valid as the scenario checks grow (a limit such as 16 interfaces a node once broke the
// large one), and keep the shape the ns-3 model copies.

import { describe, expect, it } from 'vitest';
import { parseBuiltin } from '../src/scenarios/builtin/index';
import { toLoadedScenario } from '../src/scenarios/to-topology';
import { LARGE, largeScenario } from './large-scenario';
import { triangleScenarioFor } from './ns3-baseline';

describe('the large bench scenario', () => {
  it('passes the shape and meaning checks with the 172 nodes and 100 flows bench/ns3/large-shape.cc models', () => {
    const s = largeScenario();
    expect(s.nodes).toHaveLength(2 + LARGE.foreignAgents + LARGE.mobileNodes + LARGE.correspondents);
    expect(s.nodes).toHaveLength(172);
    expect(s.flows).toHaveLength(100);
    expect(s.moves).toHaveLength(LARGE.mobileNodes);
    expect(Math.max(...s.nodes.map((n) => n.interfaces.length))).toBeLessThanOrEqual(16);
  });

  it('stretches to 200 s with flows to 1 s before the end', () => {
    const s = largeScenario({ ...LARGE, durationS: 200 });
    expect(s.durationS).toBe(200);
    expect(new Set(s.flows.map((f) => f.untilS))).toEqual(new Set([199]));
  });
});

describe('triangleScenarioFor', () => {
  it('keeps triangle-routing.json at its 30 s, flows until 28 s', () => {
    const s = triangleScenarioFor(30);
    expect(s).toEqual(parseBuiltin('triangle-routing'));
    expect(s.flows.map((f) => f.untilS)).toEqual([28, 28]);
  });

  it('runs 200 s with the flows lasting to 198 s, as the ns-3 model does', () => {
    const s = triangleScenarioFor(200);
    expect(toLoadedScenario(s).duration).toBe(200_000_000);
    expect(s.flows.map((f) => [f.id, f.startS, f.intervalMs, f.untilS])).toEqual([['cn-to-mn', 2, 500, 198], ['mn-to-cn', 2.25, 500, 198]]);
  });
});
