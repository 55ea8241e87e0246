// Route Optimization stories on the lab network (Perkins & Johnson §3; optim-08 §3.1–
// Perkins & Johnson §4.3; spectun-00 §3.1; Perkins & Johnson §3.3, §3.1): triangle routing without it, the optimized route
// with it, a legacy correspondent, a private binding, a stale cache after a
// move, refresh and expiry, and determinism.

import { describe, expect, it } from 'vitest';
import { verifyExtension } from '../../../crypto/authenticator';
import { milliseconds, seconds } from '../../../node/time';
import { traceJson } from '../../../network/test-support/scenarios';
import { extensionOffsets } from '../../../wire/mip/extensions/extensions';
import { applyBindingUpdate } from '../../tables/binding-cache';
import { EMPTY_VISITOR_LIST } from '../../tables/visitor-list';
import type { ForeignAgentState } from '../fa/foreign-agent';
import type { HomeAgentState } from '../ha/home-agent';
import { HA, HA_CN_KEY, IN_CELL2 } from '../test-support/lab';
import { datagramOf, innermost, mipMessages } from '../test-support/trace-reading';
import type { CorrespondentNodeState } from './correspondent';
import { CN, FA1, FA2, HOME, bindingUpdatesFromHa, flowDatagramsAtHa, isTunnelFrom, pathOf, roLab } from './test-support';
import type { Simulation } from '../../../network/simulation';

const cnState = (sim: Simulation) => sim.nodeState<CorrespondentNodeState>('CN');

describe('without Route Optimization', () => {
  it('(a) every correspondent datagram goes through the home agent, and no Binding Update is sent', () => {
    const sim = roLab({ ha: { routeOptimization: { enabled: false } } });
    sim.runUntil(seconds(6));
    expect(flowDatagramsAtHa(sim.trace)).toBe(30);
    expect(pathOf(sim.trace, 29)).toEqual(['R', 'HA', 'R', 'FA1', 'MN']);
    expect(bindingUpdatesFromHa(sim.trace)).toEqual([]);
    expect(cnState(sim).host.deliveries).toHaveLength(30); // the echoes came back: the correspondent is still a working host
  });
});

describe('a correspondent learns the binding (Perkins & Johnson §3.3)', () => {
  it('(b) first datagram via the HA, an authenticated BU, then CN → FA1 tunnelled straight, fewer hops', () => {
    const sim = roLab();
    sim.runUntil(seconds(6));
    expect(pathOf(sim.trace, 0)).toEqual(['R', 'HA', 'R', 'FA1', 'MN']);
    const bus = bindingUpdatesFromHa(sim.trace);
    expect(bus).toHaveLength(1); // trigger (a) fired once: every later datagram bypassed the HA
    const bu = bus[0]!;
    expect([bu.ip.source, bu.ip.destination, bu.sourcePort, bu.destinationPort, bu.ip.ttl]).toEqual([HA, CN, 434, 434, 64]); // OC-07, OC-08
    expect([bu.message.homeAddress, bu.message.careOfAddress, bu.message.flags.acknowledge]).toEqual([HOME, FA1, false]);
    expect(bu.message.lifetime).toBeGreaterThan(290);
    // The authenticator verifies with the HA–CN key (Perkins & Johnson §3.5; optim-08 §4.5), and not with another.
    const at = extensionOffsets(bu.message).at(-1)!;
    const v = verifyExtension(bu.payload, at, HA_CN_KEY, 'ro98', 'keyed-md5');
    expect(v.ok && v.value.verified).toBe(true);
    const w = verifyExtension(bu.payload, at, new Uint8Array(16), 'ro98', 'keyed-md5');
    expect(w.ok && w.value.verified).toBe(false);

    const entry = cnState(sim).ro.cache.entries[HOME]!;
    expect([entry.careOfAddress, entry.haAddress, entry.origin]).toEqual([FA1, HA, 'home-agent']);

    const second = pathOf(sim.trace, 1);
    expect(second).toEqual(['R', 'FA1', 'MN']);
    expect(second.length).toBeLessThan(pathOf(sim.trace, 0).length);
    expect(flowDatagramsAtHa(sim.trace)).toBe(1);
    const tunnelled = sim.trace.filter((e) => e.node === 'CN' && e.kind === 'sent' && isTunnelFrom(e, CN));
    expect(tunnelled).toHaveLength(29);
    const outer = datagramOf(tunnelled[0]!)!;
    const inner = innermost(outer);
    expect([outer.source, outer.destination, inner.source, inner.destination, inner.ttl]).toEqual([CN, FA1, CN, HOME, 64]); // Perkins & Johnson §3; optim-08 §3.1: inner TTL unchanged
    expect(cnState(sim).host.deliveries).toHaveLength(30);
  });
});

describe('a correspondent without Route Optimization (optim-08 §7.1)', () => {
  it('(c) ignores every BU, triangle routing continues, the HA backs off 1, 2, 4, 8 s (OC-20)', () => {
    const sim = roLab({ cn: { routeOptimization: false }, flow: { start: seconds(2), interval: milliseconds(100), count: 180 } });
    sim.runUntil(seconds(21));
    expect(flowDatagramsAtHa(sim.trace)).toBe(180);
    const times = bindingUpdatesFromHa(sim.trace).map((b) => b.time);
    const gaps = times.slice(1).map((t, i) => (t - times[i]!) / 1e6);
    expect(gaps.slice(0, 4).map((g) => Math.floor(g))).toEqual([1, 2, 4, 8]);
    expect(gaps.every((g, i) => g - 2 ** i < 0.1 + 1e-9)).toBe(true); // the next datagram after the window triggers it
    const ignored = sim.trace.filter((e) => e.node === 'CN' && e.kind === 'decision' && e.summary === 'Binding Update ignored');
    expect(ignored).toHaveLength(times.length);
    expect(ignored[0]!.reason).toContain('does not implement Route Optimization');
    expect(cnState(sim).ro.cache.entries).toEqual({});
  });
});

describe('a private binding (P, Perkins & Johnson §3.6; optim-08 §4.6; OC-26)', () => {
  it('(d) every BU that reaches the CN is a delete, unsolicited or answering its Binding Request; routing stays triangular', () => {
    const sim = roLab({ mn: { privateBinding: true } });
    sim.runUntil(seconds(3));
    const binding = sim.nodeState<HomeAgentState>('HA').bindings.bindings[HOME]![0]!;
    expect(binding.flags.privateBinding).toBe(true);
    const unsolicited = bindingUpdatesFromHa(sim.trace);
    expect(unsolicited.length).toBeGreaterThanOrEqual(1); // trigger (a), rate-limited: 2 s, then 3 s
    expect(unsolicited.map((bu) => [bu.message.careOfAddress, bu.message.lifetime])).toEqual(unsolicited.map(() => [HOME, 0]));
    // The CN asks anyway (as after a previous, public registration): the answer deletes rather than discloses.
    sim.command('CN', { type: 'send-udp', destination: HA, sourcePort: 434, destinationPort: 434, payload: Uint8Array.of(17, 0, 0, 0, 10, 1, 0, 10, 0, 0, 0, 0, 0, 0, 0, 1) });
    sim.runUntil(seconds(5));
    const answers = bindingUpdatesFromHa(sim.trace).filter((bu) => bu.time > seconds(3));
    expect(answers.length).toBeGreaterThanOrEqual(1);
    expect(answers.map((bu) => [bu.message.careOfAddress, bu.message.lifetime])).toEqual(answers.map(() => [HOME, 0]));
    expect(sim.trace.some((e) => e.node === 'HA' && e.kind === 'decision' && /private binding/.test(e.summary))).toBe(true);
    expect(cnState(sim).ro.cache.entries).toEqual({});
    expect(flowDatagramsAtHa(sim.trace)).toBe(30);
  });
});

/** Runs `sim` to `at`, then gives FA1 a new state (what a reboot, or a smooth-handoff BU, would leave behind). */
function replaceFa1(sim: Simulation, at: number, change: (s: ForeignAgentState) => ForeignAgentState): void {
  sim.runUntil(at);
  const slot = sim.state().nodes.find((n) => n.id === 'FA1')!;
  slot.behaviourState = change(slot.behaviourState as ForeignAgentState);
}

describe('a stale correspondent cache after the MN moves to FA2', () => {
  const flow = { start: seconds(2), interval: milliseconds(100), count: 80 };

  it('(e) Perkins & Johnson §4.3: FA1 lost its visitor entry → special tunnel → the HA re-tunnels to FA2 and sends the CN a BU → CN tunnels to FA2', () => {
    const sim = roLab({ flow });
    sim.moveNode('MN', IN_CELL2, seconds(4));
    replaceFa1(sim, seconds(7), (s) => ({ ...s, visitors: EMPTY_VISITOR_LIST }));
    sim.runUntil(seconds(11));
    expect(sim.nodeState<HomeAgentState>('HA').bindings.bindings[HOME]![0]!.careOfAddress).toBe(FA2);
    const special = sim.trace.find((e) => e.node === 'FA1' && e.kind === 'forwarded' && e.summary.startsWith('special tunnel'))!;
    expect(special).toBeDefined();
    const outer = datagramOf(special)!;
    expect([outer.source, outer.destination, innermost(outer).destination]).toEqual([FA1, HOME, HOME]);
    const retunnel = sim.trace.find((e) => e.node === 'HA' && e.kind === 'forwarded' && e.time >= special.time && isTunnelFrom(e, HA))!;
    expect(datagramOf(retunnel)!.destination).toBe(FA2);
    const bus = bindingUpdatesFromHa(sim.trace).filter((b) => b.time >= special.time);
    expect(bus.map((b) => [b.ip.destination, b.message.careOfAddress])).toEqual([[CN, FA2]]); // trigger (e); no MSA with FA1, so none to it (OC-27)
    expect(cnState(sim).ro.cache.entries[HOME]!.careOfAddress).toBe(FA2);
    const last = pathOf(sim.trace, 79);
    expect(last).toEqual(['R', 'FA2', 'MN']);
  });

  it('(e) Perkins & Johnson §3.1: FA1 holds a forwarding entry → re-tunnels to FA2 and warns the HA (BW, target CN) → BU to the CN', () => {
    const sim = roLab({ flow });
    sim.moveNode('MN', IN_CELL2, seconds(4));
    replaceFa1(sim, seconds(7), (s) => ({
      ...s,
      visitors: EMPTY_VISITOR_LIST,
      bindingCache: applyBindingUpdate(s.bindingCache, { homeAddress: HOME, careOfAddress: FA2, lifetimeSeconds: 10, haAddress: HA, allowMinimal: false, allowGre: false, replay: { style: 'single-use-key', identification: null }, spi: 0x1000, origin: 'smooth-handoff' }, seconds(7)).table,
    }));
    sim.runUntil(seconds(11));
    const retunnel = sim.trace.find((e) => e.node === 'FA1' && e.kind === 'forwarded' && isTunnelFrom(e, FA1))!;
    expect(datagramOf(retunnel)!.destination).toBe(FA2);
    const bw = mipMessages(sim.trace).filter((m) => m.node === 'FA1' && m.message.kind === 'binding-warning');
    expect(bw).toHaveLength(1);
    expect(bw[0]!.ip.destination).toBe(HA);
    expect(bw[0]!.message.kind === 'binding-warning' && bw[0]!.message.targets).toEqual([CN]);
    const bus = bindingUpdatesFromHa(sim.trace).filter((b) => b.time >= bw[0]!.time);
    expect(bus.map((b) => [b.ip.destination, b.message.careOfAddress])).toEqual([[CN, FA2]]); // trigger (c)
    expect(cnState(sim).ro.cache.entries[HOME]!.careOfAddress).toBe(FA2);
    expect(pathOf(sim.trace, 79)).toEqual(['R', 'FA2', 'MN']);
  });
});

describe('binding expiry and reconfirmation (Perkins & Johnson §3; optim-08 §3.1; OC-43)', () => {
  it('(f) while traffic flows the CN sends one BR before expiry, the HA answers with a BU; idle, the entry expires', () => {
    const sim = roLab({ mn: { requestedLifetime: 20 }, flow: { start: seconds(2), interval: milliseconds(200), count: 100 } });
    sim.runUntil(seconds(60));
    const brs = mipMessages(sim.trace).filter((m) => m.node === 'CN' && m.message.kind === 'binding-request');
    expect(brs.length).toBeGreaterThanOrEqual(1);
    const firstBu = bindingUpdatesFromHa(sim.trace)[0]!;
    const firstExpiry = firstBu.time + firstBu.message.lifetime * 1e6;
    expect(brs[0]!.time).toBeLessThan(firstExpiry);
    expect(brs[0]!.time).toBeGreaterThanOrEqual(firstExpiry - seconds(10) - seconds(1));
    const answer = bindingUpdatesFromHa(sim.trace).find((b) => b.time > brs[0]!.time)!;
    expect(answer.ip.destination).toBe(CN);
    expect(sim.trace.some((e) => e.node === 'HA' && e.kind === 'decision' && e.reason?.includes('trigger b') === true)).toBe(true);
    // The last datagrams (t ≈ 21.8 s) still went straight to the care-of address.
    expect(pathOf(sim.trace, 99)).toEqual(['R', 'FA1', 'MN']);
    // Traffic stopped at 22 s: no more BRs once the entry is idle, and the entry expired.
    expect(brs.every((b) => b.time < seconds(22) + seconds(30))).toBe(true);
    expect(sim.trace.some((e) => e.node === 'CN' && e.kind === 'table-changed' && e.summary === `binding cache: expired ${HOME}`)).toBe(true);
    expect(cnState(sim).ro.cache.entries).toEqual({});
  });
});

describe('determinism', () => {
  it('the same seed gives the same trace, byte for byte, with Route Optimization on', () => {
    const run = (seed: number): string => {
      const sim = roLab({ seed });
      sim.moveNode('MN', IN_CELL2, seconds(4));
      sim.runUntil(seconds(8));
      return traceJson(sim.trace);
    };
    expect(run(5)).toBe(run(5));
  });
});
