// Stories of agent discovery on the real simulation, in virtual time: the
// two-cell network of network/test-support/cells.ts, with its access points
// AP1 and AP2 acting as foreign agents FA1 (192.168.1.1, cellA) and FA2
// (192.168.2.1, cellB), and MN a discovering mobile host.

import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../node/contract';
import { hostBehaviour, initialHostState } from '../../network/behaviours/host';
import { initialRouterState, routerBehaviour } from '../../network/behaviours/router';
import { createSimulation, nodeSetup, type Simulation } from '../../network/simulation';
import { cellsTopology } from '../../network/test-support/cells';
import { traceJson } from '../../network/test-support/scenarios';
import { mobilityExtensionOf } from '../../wire/agent-advertisement';
import { parseIcmp } from '../../wire/icmp';
import { parseIpv4 } from '../../wire/ipv4';
import type { AdvertiserOptions } from './advertiser';
import { advertisingAgentBehaviour, discoveringHostBehaviour, initialAdvertisingAgentState, initialDiscoveringHostState, type DiscoveringHostState } from './discovery-behaviours';
import type { MovementDetection } from './listener';

const S = 1_000_000;
const RADIO = 10; // cellA / cellB propagation delay, µs
const FA1 = '192.168.1.1';
const FA2 = '192.168.2.1';

interface World { readonly movement?: MovementDetection; readonly agent?: Partial<AdvertiserOptions> }

function world(seed: number, w: World & { readonly radius?: number } = {}): Simulation {
  const topology = w.radius === undefined ? cellsTopology : { ...cellsTopology, links: cellsTopology.links.map((l) => (l.kind === 'radio' ? { ...l, radius: w.radius! } : l)) };
  const fa = (address: string) => initialAdvertisingAgentState({ interface: 'wlan0', agentAddress: address, foreignAgent: true, smoothHandoff: true, careOfAddresses: [address], ...w.agent });
  return createSimulation({
    topology,
    seed,
    nodes: {
      CN: nodeSetup(hostBehaviour, initialHostState()),
      R: nodeSetup(routerBehaviour, initialRouterState()),
      AP1: nodeSetup(advertisingAgentBehaviour, fa(FA1)),
      AP2: nodeSetup(advertisingAgentBehaviour, fa(FA2)),
      MN: nodeSetup(discoveringHostBehaviour, initialDiscoveringHostState('wlan0', { movementDetection: w.movement ?? 'lifetime' })),
    },
  });
}

const decisions = (sim: Simulation): string[] => sim.nodeState<DiscoveringHostState>('MN').decisions.map((d) => `${d.time} ${d.kind} ${d.agent}`);
const advertisements = (sim: Simulation, node: string): TraceEvent[] => sim.trace.filter((e) => e.node === node && e.kind === 'sent' && e.summary.startsWith('Agent Advertisement'));
const solicitations = (sim: Simulation): TraceEvent[] => sim.trace.filter((e) => e.node === 'MN' && e.summary.includes('Agent Solicitation'));
const heardFrom = (sim: Simulation, agent: string, before = Infinity): number[] =>
  sim.trace.filter((e) => e.node === 'MN' && e.kind === 'received' && e.time < before && e.bytes !== undefined && parseIpv4(e.bytes).ok && (parseIpv4(e.bytes) as { value: { source: string } }).value.source === agent).map((e) => e.time);
const gaps = (times: readonly number[]): number[] => times.slice(1).map((t, i) => t - times[i]!);

describe('agent discovery on the network', () => {
  it('FA1 advertises every ~1 s to 224.0.0.1 with TTL 1 and S; the mobile host in its cell finds it at once', () => {
    const sim = world(1);
    sim.runUntil(10 * S);
    const sent = advertisements(sim, 'AP1');
    expect(sent[0]!.time).toBe(0);
    expect(sent.length).toBeGreaterThanOrEqual(9);
    for (const gap of gaps(sent.map((e) => e.time))) expect(gap >= 0.9 * S && gap <= 1.1 * S).toBe(true); // RFC 2002 §2.1, OC-32, ±10 %
    const ip = parseIpv4(sent[3]!.bytes!);
    if (!ip.ok) throw new Error('not IPv4');
    expect(ip.value).toMatchObject({ source: FA1, destination: '224.0.0.1', ttl: 1 });
    const icmp = parseIcmp(ip.value.payload);
    const mobility = icmp.ok && icmp.value.kind === 'agent-advertisement' ? mobilityExtensionOf(icmp.value) : undefined;
    expect(mobility).toMatchObject({ sequenceNumber: 3, registrationLifetime: 300, careOfAddresses: [FA1], flags: { foreignAgent: true, smoothHandoff: true, homeAgent: false } });
    expect(icmp.ok && icmp.value.kind === 'agent-advertisement' && icmp.value.lifetime).toBe(3);

    expect(decisions(sim)).toEqual([`${RADIO} agent-found ${FA1}`, `${RADIO} moved ${FA1}`]);
    expect(sim.trace.find((e) => e.node === 'MN' && e.kind === 'decision' && e.summary === `moved: ${FA1}`)).toMatchObject({ time: RADIO, ref: 'RFC 2002 §2.4.2', causedBy: 'MN:0' });
    expect(solicitations(sim)).toEqual([]); // an advertisement came before the host's first solicitation was due
  });

  it('out of range, the host declares FA1 lost 3 s after it last heard it, solicits 3 times a second apart, then backs off; in FA2’s cell it finds FA2 and moves', () => {
    const sim = world(1);
    sim.moveNode('MN', { x: 150, y: 0 }, 3.5 * S); // the gap between the cells
    sim.moveNode('MN', { x: 300, y: 0 }, 20 * S);
    sim.runUntil(30 * S);
    const last = Math.max(...heardFrom(sim, FA1));
    const lostAt = last + 3 * S; // RFC 2002 §2.4.2.1: ICMP Lifetime 3 s (OC-32)
    const found = heardFrom(sim, FA2)[0]!;
    expect(found).toBeGreaterThan(20 * S);
    expect(decisions(sim)).toEqual([
      `${RADIO} agent-found ${FA1}`, `${RADIO} moved ${FA1}`,
      `${lostAt} agent-lost ${FA1}`,
      `${found} agent-found ${FA2}`, `${found} moved ${FA2}`,
    ]);
    const tries = solicitations(sim);
    expect(tries[0]!.time).toBe(lostAt); // solicit as soon as no agent is heard (RFC 2002 §2.4)
    expect(tries.every((e) => e.kind === 'lost' && e.reason === 'its radio is out of range of every cell, so it is attached to no link')).toBe(true);
    const nominal = [1, 1, 2, 4]; // 3 a second apart, then binary exponential back-off: 2, 4 (8 would pass 20 s)
    expect(tries).toHaveLength(5);
    gaps(tries.map((e) => e.time)).forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(nominal[i]! * S);
      expect(gap).toBeLessThanOrEqual(nominal[i]! * 1.1 * S);
    });
    expect(sim.trace.filter((e) => e.node === 'MN' && e.time > found && e.summary.includes('Agent Solicitation'))).toEqual([]); // stopped once FA2 was heard
  });

  it('walking straight into FA2’s cell (algorithm 1): FA2 is found at once, but the move waits for FA1’s lifetime to run out', () => {
    const sim = world(2);
    sim.moveNode('MN', { x: 300, y: 0 }, 3.5 * S);
    sim.runUntil(10 * S);
    const lostAt = Math.max(...heardFrom(sim, FA1)) + 3 * S;
    const found = heardFrom(sim, FA2)[0]!;
    expect(found).toBeLessThan(lostAt);
    expect(decisions(sim)).toEqual([`${RADIO} agent-found ${FA1}`, `${RADIO} moved ${FA1}`, `${found} agent-found ${FA2}`, `${lostAt} agent-lost ${FA1}`, `${lostAt} moved ${FA2}`]);
    expect(sim.trace.find((e) => e.node === 'MN' && e.summary === `moved: ${FA2}`)).toMatchObject({ reason: `algorithm 1: the current agent ${FA1} expired and ${FA2} is still heard`, ref: 'RFC 2002 §2.4.2.1' });
    expect(solicitations(sim)).toEqual([]);
  });

  it('with Prefix-Lengths from both agents (algorithm 2), the first advertisement of FA2 is enough to move', () => {
    const sim = world(2, { movement: 'prefix', agent: { prefixLength: 24 } });
    sim.moveNode('MN', { x: 300, y: 0 }, 3.5 * S);
    sim.runUntil(10 * S);
    const lostAt = Math.max(...heardFrom(sim, FA1)) + 3 * S;
    const found = heardFrom(sim, FA2)[0]!;
    expect(decisions(sim)).toEqual([`${RADIO} agent-found ${FA1}`, `${RADIO} moved ${FA1}`, `${found} agent-found ${FA2}`, `${found} moved ${FA2}`, `${lostAt} agent-lost ${FA1}`]);
    expect(sim.trace.find((e) => e.node === 'MN' && e.summary === `moved: ${FA2}`)).toMatchObject({ ref: 'RFC 2002 §2.4.2.2' });
  });

  it('in the overlap of two cells (algorithm 2) the host moves to FA2 once and does not flip back while FA2 is heard', () => {
    const sim = world(2, { movement: 'prefix', agent: { prefixLength: 24 }, radius: 200 }); // cells overlap for 100 ≤ x ≤ 200
    sim.moveNode('MN', { x: 150, y: 0 }, 3.5 * S);
    sim.runUntil(15 * S);
    const found = heardFrom(sim, FA2)[0]!;
    expect(decisions(sim)).toEqual([`${RADIO} agent-found ${FA1}`, `${RADIO} moved ${FA1}`, `${found} agent-found ${FA2}`, `${found} moved ${FA2}`]);
    const stays = sim.trace.filter((e) => e.node === 'MN' && e.summary === `stay with ${FA2}`);
    expect(stays.length).toBeGreaterThanOrEqual(8); // one for each FA1 advertisement heard in the overlap
    expect(stays[0]).toMatchObject({ kind: 'decision', ref: 'RFC 2002 §2.4.2, §2.4' });
  });

  it('an FA that reboots starts again at sequence 0, and the host decides to register again', () => {
    const sim = world(3);
    sim.command('AP1', { type: 'reboot' }, 5.5 * S);
    sim.runUntil(8 * S);
    const after = advertisements(sim, 'AP1').filter((e) => e.time >= 5.5 * S);
    expect(after[0]!.time).toBe(5.5 * S);
    expect(after.map((e) => / seq (\d+),/.exec(e.summary)![1])).toEqual(['0', '1', '2'].slice(0, after.length));
    expect(decisions(sim)).toEqual([`${RADIO} agent-found ${FA1}`, `${RADIO} moved ${FA1}`, `${5.5 * S + RADIO} agent-rebooted ${FA1}`]);
    expect(sim.trace.find((e) => e.node === 'MN' && e.summary === `agent-rebooted: ${FA1}`)).toMatchObject({ ref: 'RFC 2002 §2.4.4' });
  });

  it('an agent that advertises only on solicitation answers the host by unicast (RFC 2002 §2.1, §2.3)', () => {
    const sim = world(4, { agent: { onlyOnSolicitation: true } });
    sim.runUntil(2 * S);
    const [first] = solicitations(sim);
    expect(first).toMatchObject({ kind: 'sent', summary: 'Agent Solicitation 10.9.0.10 → 224.0.0.2 (#1)' });
    expect(first!.time).toBeLessThanOrEqual(1 * S); // RFC 1256: within MAX_SOLICITATION_DELAY of start
    const [answer] = advertisements(sim, 'AP1');
    expect(answer!.time).toBe(first!.time + RADIO);
    const ip = parseIpv4(answer!.bytes!);
    expect(ip.ok && ip.value).toMatchObject({ destination: '10.9.0.10', ttl: 1 });
    expect(decisions(sim)).toEqual([`${first!.time + 2 * RADIO} agent-found ${FA1}`, `${first!.time + 2 * RADIO} moved ${FA1}`]);
    expect(advertisements(sim, 'AP2')).toEqual([]); // MN is not in cellB: AP2 heard nothing
  });

  it('is deterministic: the same seed gives the same trace, byte for byte', () => {
    const walk = (seed: number): string => {
      const sim = world(seed);
      sim.moveNode('MN', { x: 150, y: 0 }, 3.5 * S);
      sim.moveNode('MN', { x: 300, y: 0 }, 20 * S);
      sim.command('AP2', { type: 'reboot' }, 25 * S);
      sim.runUntil(30 * S);
      return traceJson(sim.trace);
    };
    expect(walk(42)).toBe(walk(42));
    expect(walk(43)).not.toBe(walk(42));
  });
});
