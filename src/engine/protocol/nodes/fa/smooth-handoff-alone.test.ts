// Smooth handoff on its own (Perkins & Johnson §4.1, §3.1): FA1 has Route
// Optimization off, yet the forwarding entry its smooth-handoff Binding Update
// created re-tunnels the datagrams still arriving for the mobile node; like
// any node that re-tunnels from its binding cache it warns the home agent
// about the stale sender (never about the home agent itself), and the entry
// leaves the binding cache when its lifetime runs out, on FA1's
// binding-expiry timer.

import { describe, expect, it } from 'vitest';
import { milliseconds, seconds } from '../../../node/time';
import type { MobileNodeState } from '../mn/mobile-node';
import { CN, FA1, FA2, HA, HOME, IN_CELL2, echoFlow, labSimulation, type LabOptions } from '../test-support/lab';
import { roLab } from '../cn/test-support';
import { datagramOf, mipMessages } from '../test-support/trace-reading';
import type { ForeignAgentState } from './foreign-agent';

const MOVE_AT = seconds(5);
const WITH_S = { smoothHandoff: { enabled: true } } as const;
/** Smooth handoff only: FA1's Route Optimization is explicitly off. */
const SMOOTH_ALONE: LabOptions = { fa1: { ...WITH_S, routeOptimization: { enabled: false } }, fa2: WITH_S };

function moved(o: LabOptions, until: number) {
  const sim = labSimulation(o);
  sim.moveNode('MN', IN_CELL2, MOVE_AT);
  sim.runUntil(until);
  return sim;
}

/** Ten datagrams 1 ms apart around the MN's Request to FA2: the first few are tunnelled to FA1 after it learnt of the move. */
function inFlight(until: number) {
  const probe = moved(SMOOTH_ALONE, seconds(8));
  const t0 = mipMessages(probe.trace).find((m) => m.node === 'MN' && m.ip.destination === FA2)!.time;
  return moved({ ...SMOOTH_ALONE, cnFlows: [echoFlow(t0 - 2250, milliseconds(1), 10)] }, until);
}

describe('a previous FA without Route Optimization', () => {
  it('re-tunnels from its smooth-handoff entry to the new care-of address; the stale sender is the home agent itself, so it warns no one', () => {
    const sim = inFlight(seconds(8));
    const retunnelled = sim.trace.filter((e) => e.node === 'FA1' && e.kind === 'forwarded' && e.summary.startsWith(`re-tunnelled ${HOME}`));
    expect(retunnelled.length).toBeGreaterThan(0);
    for (const e of retunnelled) expect(datagramOf(e)).toMatchObject({ source: FA1, destination: FA2 });
    // None is lost (the re-tunnelled ones arrive after the later datagrams the HA sent straight to FA2).
    expect(sim.nodeState<MobileNodeState>('MN').deliveries.filter((d) => d.flow === 'c').map((d) => d.sequence!).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(mipMessages(sim.trace).filter((m) => m.node === 'FA1' && m.message.kind === 'binding-warning')).toEqual([]);
    expect(sim.trace.some((e) => e.node === 'FA1' && e.kind === 'decision' && e.summary === 'no Binding Warning' && /the home agent .* itself/.test(e.reason ?? ''))).toBe(true);
  });

  it('drops the forwarding entry at its expiry, traced as a table change', () => {
    const sim = inFlight(seconds(8));
    const entry = sim.nodeState<ForeignAgentState>('FA1').bindingCache.entries[HOME]!;
    expect(entry).toMatchObject({ careOfAddress: FA2, origin: 'smooth-handoff' });
    const expiresAt = entry.expiresAt!;
    sim.runUntil(expiresAt - 1);
    expect(sim.nodeState<ForeignAgentState>('FA1').bindingCache.entries[HOME]).toBeDefined();
    sim.runUntil(expiresAt);
    expect(sim.nodeState<ForeignAgentState>('FA1').bindingCache.entries[HOME]).toBeUndefined();
    const expired = sim.trace.filter((e) => e.node === 'FA1' && e.kind === 'table-changed' && e.summary === `binding cache: ${HOME} expired`);
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ time: expiresAt, ref: 'Perkins & Johnson §3; optim-08 §3.1' });
  });

  it('after the entry expired, a datagram tunnelled to FA1 is discarded as for the base protocol (no special tunnel without RO)', () => {
    const sim = inFlight(seconds(8));
    const expiresAt = sim.nodeState<ForeignAgentState>('FA1').bindingCache.entries[HOME]!.expiresAt!;
    sim.runUntil(expiresAt + 1);
    expect(sim.trace.filter((e) => e.node === 'FA1' && e.kind === 'forwarded' && e.time > expiresAt && datagramOf(e)?.destination === HOME)).toEqual([]);
  });
});

describe('a previous FA without Route Optimization, and a correspondent with a stale binding (Perkins & Johnson §3.1)', () => {
  it('re-tunnels the correspondent\'s datagrams from its smooth-handoff entry and sends the home agent a Binding Warning naming the correspondent', () => {
    const sim = roLab({ fa1: { ...WITH_S, routeOptimization: { enabled: false } }, fa2: WITH_S, flow: { start: seconds(2), interval: milliseconds(100), count: 60 } });
    sim.moveNode('MN', IN_CELL2, MOVE_AT);
    sim.runUntil(seconds(8));
    const retunnelled = sim.trace.filter((e) => e.node === 'FA1' && e.kind === 'forwarded' && e.summary.startsWith(`re-tunnelled ${HOME}`));
    expect(retunnelled.length).toBeGreaterThan(0);
    const warnings = mipMessages(sim.trace).filter((m) => m.node === 'FA1' && m.message.kind === 'binding-warning');
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    const bw = warnings[0]!;
    expect(bw.ip.destination).toBe(HA);
    expect(bw.message).toMatchObject({ homeAddress: HOME, targets: [CN] });
    // The home agent answers the warning: the correspondent learns the new care-of address.
    const fresh = mipMessages(sim.trace).filter((m) => m.node === 'HA' && m.message.kind === 'binding-update' && m.time > bw.time && m.ip.destination === CN);
    expect(fresh.length).toBeGreaterThanOrEqual(1);
    expect(fresh[0]!.message).toMatchObject({ careOfAddress: FA2 });
  });
});
