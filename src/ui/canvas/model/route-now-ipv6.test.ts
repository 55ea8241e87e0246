import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../../engine/network/topology';
import type { Micros } from '../../../engine/node/time';
import { buildSimulation } from '../../../scenarios/load';
import { PROTOCOL_REGISTRY } from '../../../scenarios/registry';
import { toLoadedScenario } from '../../../scenarios/to-topology';
import { parseScenarioText } from '../../../scenarios/validate';
import type { NodeView } from '../../../runtime/types';
import { TraceLog } from '../../store/trace-log';
import { buildCanvasModel } from './canvas-model';
import { PathWatcher } from './path-watcher';
import type { RouteNow } from './route-now';

// The IPv6 built-in run headless on virtual time (Perkins & Johnson §10): the
// correspondent sends every 500 ms from 2 s; its first datagram reaches the
// home address and the home agent tunnels it; that tunnelled arrival makes the
// mobile node send the correspondent a Binding Update, after which the
// correspondent sends straight to the care-of address with a type 2 Routing header.
function loadIpv6(name: string) {
  const parsed = parseScenarioText(readFileSync(join(__dirname, '../../../scenarios/builtin', `${name}.json`), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return toLoadedScenario(parsed.scenario);
}

function routeAt(name: string, now: Micros, moves: readonly { at: Micros; node: string; position: Position }[] = []): RouteNow {
  const scenario = loadIpv6(name);
  const simulation = buildSimulation(scenario, PROTOCOL_REGISTRY, scenario.seed);
  for (const m of moves) simulation.moveNode(m.node, m.position, m.at);
  simulation.runUntil(now);
  const nodes: Record<string, NodeView> = {};
  for (const spec of scenario.topology.nodes) {
    const position = simulation.position(spec.id);
    nodes[spec.id] = { id: spec.id, ...(position === undefined ? {} : { position }), attachments: Object.fromEntries(spec.interfaces.map((i) => [i.name, simulation.attachment(spec.id, i.name)])), state: simulation.nodeState(spec.id) };
  }
  const trace = new TraceLog();
  trace.append(simulation.trace.filter((e) => e.time <= now));
  const commands = moves.map((m) => ({ at: m.at, command: { type: 'move' as const, node: m.node, position: m.position } }));
  return new PathWatcher(buildCanvasModel(scenario)).routeNow({ trace, now, selectedNode: null, nodes, commands });
}

describe('the route banner on an IPv6 run (Perkins & Johnson §10)', () => {
  it('is triangle routing through the home agent, IPv6 in IPv6, before the correspondent has a binding', () => {
    const r = routeAt('ipv6-route-optimization', 2_100_000);
    expect(r.kind).toBe('route');
    if (r.kind !== 'route') return;
    expect(r.path.kind).toBe('triangle');
    expect(r.path.ipv6).toBe(true);
    expect(r.path.homeAgent).toBe('HA');
    expect(r.path.hops.map((h) => h.from)).toContain('HA');
    expect(r.path.label).toContain('triangle: via HA (IPv6 in IPv6)');
    expect(r.path.label).toContain('Perkins & Johnson §10');
  });

  it('is route optimized, straight to the care-of address with a type 2 Routing header, after the Binding Update', () => {
    const r = routeAt('ipv6-route-optimization', 3_100_000);
    expect(r.kind).toBe('route');
    if (r.kind !== 'route') return;
    expect(r.path.kind).toBe('route-optimization');
    expect(r.path.tunnels).toEqual([]);
    expect(r.path.routedTo).toMatch(/^2001:db8:2:/);
    expect(r.path.hops.map((h) => h.from)).not.toContain('HA');
    expect(r.path.label).toContain(`route optimized: straight to the care-of address ${r.path.routedTo} (type 2 Routing header`);
  });

  it('is nothing before the first datagram\'s fate is known', () => {
    expect(routeAt('ipv6-route-optimization', 1_500_000)).toEqual({ kind: 'none' });
  });
});

describe('after the mobile node leaves every cell at 5.2 s', () => {
  const moves = [{ at: 5_200_000, node: 'MN', position: { x: 540, y: 800 } }];

  it('never shows the route it left as healthy, and turns to "lost" with the reason once a datagram dies in AR1\'s cell', () => {
    expect(routeAt('ipv6-route-optimization', 5_300_000, moves).kind).toBe('left');
    const r = routeAt('ipv6-route-optimization', 6_100_000, moves);
    expect(r.kind).toBe('lost');
    if (r.kind !== 'lost') return;
    expect(r.where).toBe('AR1');
    expect(r.why).toBe("the mobile node left AR1's cell, and AR1 has no binding for its previous care-of address to forward them with");
    expect(r.cite).toBe('Perkins & Johnson §10');
    expect(r.notes).toEqual(['The mobile node is out of range of every cell.', expect.stringMatching(/^CN's binding cache still sends them to care-of address 2001:db8:2:/)]);
    expect(r.count).toBe(2);
    expect(r.trail.map((h) => h.from)).toEqual(['CN', 'R']);
  });
});

describe('smooth handoff in IPv6: the previous router forwards (Perkins & Johnson §10; mipv6-07 §10.8)', () => {
  it('shows the correspondent\'s route-optimized datagram re-tunnelled by AR1 to the new care-of address, then the direct route to it', () => {
    const during = routeAt('ipv6-smooth-handoff', 13_600_000);
    expect(during.kind).toBe('route');
    if (during.kind !== 'route') return;
    expect(during.path.kind).toBe('route-optimization');
    expect(during.path.routedTo).toMatch(/^2001:db8:2:/);
    expect(during.path.tunnels.map((t) => t.node)).toEqual(['AR1']);
    expect(during.path.tunnels[0]!.destination).toMatch(/^2001:db8:3:/);
    expect(during.path.label).toContain('re-tunnelled by AR1 to 2001:db8:3:');
    expect(during.path.label).toContain('smooth handoff: the previous router forwards for the previous care-of address');
    const after = routeAt('ipv6-smooth-handoff', 14_000_000);
    expect(after.kind === 'route' && after.path.routedTo).toMatch(/^2001:db8:3:/);
    expect(after.kind === 'route' && after.path.tunnels).toEqual([]);
  });
});
