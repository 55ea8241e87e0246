// Runs the IPv6 reference scenario (src/scenarios/builtin/ipv6-route-optimization.json)
// on virtual time for the mobile node's story tests, optionally changed first:
// the mobile node starting on its home link and walking home → cell1 → cell2 → home.

import reference from '../../../../../scenarios/builtin/ipv6-route-optimization.json';
import type { TraceEvent } from '../../../../node/contract';
import { buildSimulation, loadScenario } from '../../../../../scenarios/load';
import { PROTOCOL_REGISTRY } from '../../../../../scenarios/registry';
import type { MobileNodeV6State } from '../mobile-node-v6-state';

export const S = 1_000_000;

type Json = Record<string, unknown>;

/** The reference scenario, with the mobile node on its home link at t = 0 and scripted moves. */
export function walkingScenario(moves: readonly { readonly atS: number; readonly toCellOf: string }[], change: (s: Json) => void = () => {}): Json {
  const s = structuredClone(reference) as unknown as Json;
  const nodes = s.nodes as Json[];
  const mn = nodes.find((n) => n.id === 'MN')!;
  mn.position = { x: 160, y: 470 };
  s.moves = moves.map((m) => ({ atS: m.atS, node: 'MN', toCellOf: m.toCellOf }));
  change(s);
  return s;
}

export interface Run {
  readonly trace: readonly TraceEvent[];
  readonly mn: MobileNodeV6State;
}

export function runScenario(json: unknown, untilS: number): Run {
  const loaded = loadScenario(json);
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const sim = buildSimulation(loaded.loaded, PROTOCOL_REGISTRY);
  sim.runUntil(untilS * S);
  return { trace: sim.trace, mn: sim.nodeState<MobileNodeV6State>('MN') };
}
