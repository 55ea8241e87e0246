import { describe, expect, it } from 'vitest';
import { hostBehaviour, initialHostState, type HostState } from '../engine/network/behaviours/host';
import { initialRouterState, routerBehaviour } from '../engine/network/behaviours/router';
import type { NodeBehaviour } from '../engine/node/contract';
import { traceJson } from '../engine/network/test-support/scenarios';
import { loadBuiltin } from './builtin/index';
import routeOptimization from './builtin/route-optimization.json' with { type: 'json' };
import { buildSimulation, loadScenario, ScenarioLoadError, type RoleRegistry } from './load';
import { SCENARIO_FORMAT, type ScenarioInput } from './schema';
import type { LoadedScenario } from './to-topology';

// Until the protocol behaviours register themselves, hosts and routers stand in:
// end nodes are hosts, agents are plain routers (no Mobile IP at all).
const host = () => ({ behaviour: hostBehaviour as NodeBehaviour<unknown, unknown>, initialState: initialHostState() });
const router = () => ({ behaviour: routerBehaviour as NodeBehaviour<unknown, unknown>, initialState: initialRouterState() });
const standIns: RoleRegistry = { 'mobile-node': host, correspondent: host, adversary: host, router, 'home-agent': router, 'foreign-agent': router };

/**  A ─ lanA ─ R ═ core ═ … B ((cell of R)) — small enough to reason about by hand. */
const small: ScenarioInput = {
  format: SCENARIO_FORMAT,
  title: 'Two hosts and a router',
  description: 'A sends B five datagrams. B sits in a radio cell.',
  durationS: 1,
  links: [
    { id: 'lanA', kind: 'segment', delayMs: 2 },
    { id: 'cell', kind: 'radio', delayMs: 0.5, centre: { x: 500, y: 300 }, radius: 100 },
  ],
  nodes: [
    { id: 'A', role: 'correspondent', position: { x: 100, y: 100 }, interfaces: [{ name: 'eth0', address: '10.5.0.10', prefixLength: 24, link: 'lanA' }] },
    { id: 'R', role: 'router', position: { x: 300, y: 100 }, interfaces: [
      { name: 'eth0', address: '10.5.0.1', prefixLength: 24, link: 'lanA' },
      { name: 'wlan0', address: '10.6.0.1', prefixLength: 24, link: 'cell' },
    ] },
    { id: 'B', role: 'correspondent', position: { x: 500, y: 300 }, interfaces: [{ name: 'wlan0', address: '10.6.0.20', prefixLength: 24, radio: true }] },
  ],
  flows: [{ id: 'f', from: 'A', to: '10.6.0.20', startS: 0.1, intervalMs: 100, count: 5, payloadOctets: 32 }],
  // B leaves the cell after the third datagram has arrived, so the last two are lost.
  moves: [{ atS: 0.35, node: 'B', to: { x: 900, y: 300 } }],
};

function loaded(input: unknown = small): LoadedScenario {
  const r = loadScenario(input);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.loaded;
}

describe('toLoadedScenario', () => {
  it('converts units and resolves references', () => {
    const l = loadBuiltin('route-optimization');
    expect(l.duration).toBe(30_000_000);
    expect(l.topology.links.find((k) => k.id === 'ha-r')!.delay).toBe(8000); // 8 ms in µs
    expect(l.topology.nodes.map((n) => [n.id, n.forwards])).toEqual([['HA', true], ['R', true], ['FA1', true], ['FA2', true], ['CN', false], ['MN', false]]);
    const mn = l.nodes.find((n) => n.id === 'MN')!;
    expect(mn.role === 'mobile-node' && mn.settings).toMatchObject({ homeAddress: '10.1.0.10', homeAgentAddress: '10.1.0.1', homeNetwork: { link: 'home', network: '10.1.0.0', prefixLength: 24 } });
    const ha = l.nodes.find((n) => n.id === 'HA')!;
    expect(ha.role === 'home-agent' && ha.settings).toMatchObject({ address: '10.1.0.1', mobileNodes: [{ id: 'MN', homeAddress: '10.1.0.10' }] });
    expect(ha.securityAssociations.map((sa) => [sa.peer, sa.spi, sa.algorithm, sa.replay])).toEqual([['MN', 1000, 'keyed-md5', 'timestamp'], ['CN', 1001, 'keyed-md5', 'timestamp']]);
    expect(ha.securityAssociations[0]!.key).toEqual(Uint8Array.from([0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]));
    expect(ha.securityAssociations[1]!.peerAddresses).toEqual(['198.51.100.5']);
    // untilS 28 from startS 2 every 500 ms: 2.0, 2.5, …, 28.0 — 53 datagrams.
    expect(l.nodes.find((n) => n.id === 'CN')!.flows).toEqual([{ id: 'cn-to-mn', destination: '10.1.0.10', sourcePort: 5000, destinationPort: 7, start: 2_000_000, interval: 500_000, count: 53, payloadOctets: 64 }]);
  });

  it('sends a mobile node\'s flows from its home address, and moves toCellOf to the cell\'s centre', () => {
    const l = loadBuiltin('triangle-routing');
    expect(l.nodes.find((n) => n.id === 'MN')!.flows[0]!.source).toBe('10.1.0.10');
    expect(loadBuiltin('smooth-handoff').moves).toEqual([
      { at: 12_000_000, node: 'MN', position: { x: 660, y: 450 } }, // `to`: into the FA1/FA2 overlap
      { at: 13_500_000, node: 'MN', position: { x: 780, y: 450 } }, // `toCellOf: "FA2"`: the centre of FA2's cell
    ]);
  });

  it('uses HMAC-MD5 by default in the rfc3344 profile (OC-01)', () => {
    const l = loaded({ ...structuredClone(routeOptimization), profile: 'rfc3344' });
    expect(l.nodes.find((n) => n.id === 'MN')!.securityAssociations[0]!.algorithm).toBe('hmac-md5');
  });
});

describe('buildSimulation', () => {
  it('runs a small scenario: flows as host commands, moves on time', () => {
    const sim = buildSimulation(loaded(), standIns);
    sim.runUntil(1_000_000);
    const b = sim.nodeState<HostState>('B');
    // Path A → R: 2 ms, R → B: 0.5 ms; sent at 100, 200, 300 ms.
    expect(b.deliveries.map((d) => [d.flow, d.sequence, d.time])).toEqual([['f', 0, 102_500], ['f', 1, 202_500], ['f', 2, 302_500]]);
    expect(sim.nodeState<HostState>('A').sent).toEqual({ f: 5 });
    expect(sim.position('B')).toEqual({ x: 900, y: 300 });
    expect(sim.attachment('B', 'wlan0')).toEqual([]);
  });

  it('is deterministic: same scenario and seed, same trace byte for byte', () => {
    const run = (seed: number) => {
      const sim = buildSimulation(loaded(), standIns, seed);
      sim.runUntil(1_000_000);
      return traceJson(sim.trace);
    };
    expect(run(7)).toBe(run(7));
    expect(run(7).length).toBeGreaterThan(1000);
  });

  it('runs a built-in with stand-ins: without Mobile IP, only the mobile node back home gets its traffic', () => {
    const l = loadBuiltin('return-home');
    const sim = buildSimulation(l, standIns);
    sim.runUntil(l.duration);
    const times = sim.nodeState<HostState>('MN').deliveries.map((d) => d.time);
    expect(times.length).toBeGreaterThan(0);
    // The move home is at 15 s: plain routing sends the home address to the home link, where the node was not before.
    expect(Math.min(...times)).toBeGreaterThan(15_000_000);
  });

  it('leaves the flows to a behaviour that took them into its state', () => {
    const registry: RoleRegistry = { ...standIns, correspondent: (node) => ({ behaviour: hostBehaviour as NodeBehaviour<unknown, unknown>, initialState: initialHostState(node.flows), flowsInState: true }) };
    const sim = buildSimulation(loaded(), registry);
    sim.runUntil(1_000_000);
    expect(sim.nodeState<HostState>('A').sent).toEqual({ f: 5 }); // not 10: no second copy by command
  });

  it('refuses a registry without a role it needs', () => {
    const { correspondent: _omitted, ...partial } = standIns;
    expect(() => buildSimulation(loaded(), partial)).toThrow(ScenarioLoadError);
    expect(() => buildSimulation(loaded(), partial)).toThrow('no behaviour is registered for role "correspondent" (nodes "A", "B")');
  });

  it('hands every factory the resolved node and the whole scenario', () => {
    const seen: string[] = [];
    const spy: RoleRegistry = Object.fromEntries(Object.entries(standIns).map(([role, f]) => [role, (node: Parameters<NonNullable<RoleRegistry['router']>>[0], l: LoadedScenario) => { seen.push(`${node.role}:${node.id}:${l.title}`); return f!(node, l); }]));
    buildSimulation(loaded(), spy);
    expect(seen).toEqual(['correspondent:A:Two hosts and a router', 'router:R:Two hosts and a router', 'correspondent:B:Two hosts and a router']);
  });
});
