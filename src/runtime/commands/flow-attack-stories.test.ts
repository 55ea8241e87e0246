// Stories of the learner's flow and attack commands (docs/architecture.md "Runtime"), and of a
// node refusing what does not apply to it — traced, never thrown.

import { describe, expect, it } from 'vitest';
import type { UdpFlow } from '../../engine/network/behaviours/host';
import type { Simulation } from '../../engine/network/simulation';
import { milliseconds, seconds } from '../../engine/node/time';
import type { CorrespondentNodeState } from '../../engine/protocol/nodes/cn/correspondent';
import type { HomeAgentState } from '../../engine/protocol/nodes/ha/home-agent';
import type { MobileNodeState } from '../../engine/protocol/nodes/mn/mobile-node';
import { LAB, followFlow } from '../../scenarios/builtin/lesson-reading';
import { runWithCommands } from './test-support';

const S = seconds(1);
const sentTimes = (sim: Simulation, flow: string, from: string) => followFlow(sim.trace, flow, from).map((d) => [d.sequence, d.sentAt]);
const flow = (id: string, destination: string, startS: number, count: number): UdpFlow => ({ id, destination, sourcePort: 6000, destinationPort: 9, start: seconds(startS), interval: milliseconds(250), count, payloadOctets: 40 });

describe('stop-flow and start-flow', () => {
  it('stopping the correspondent\'s and the mobile node\'s flows at 5.1 s: nothing of either is sent afterwards', () => {
    const sim = runWithCommands('triangle-routing', [
      { atS: 5.1, command: { type: 'stop-flow', node: 'CN', flow: 'cn-to-mn' } },
      { atS: 5.1, command: { type: 'stop-flow', node: 'MN', flow: 'mn-to-cn' } },
    ], 10);
    // cn-to-mn: every 500 ms from 2 s, so #6 at 5.0 s is the last; mn-to-cn from 2.25 s, #5 at 4.75 s.
    expect(sentTimes(sim, 'cn-to-mn', LAB.cn).at(-1)).toEqual([6, 5 * S]);
    expect(sentTimes(sim, 'mn-to-cn', LAB.mn).at(-1)).toEqual([5, 4.75 * S]);
    const said = sim.trace.filter((e) => e.kind === 'decision' && e.summary.startsWith('learner: stop flow'));
    expect(said.map((e) => [e.node, e.summary])).toEqual([
      ['CN', 'learner: stop flow cn-to-mn — no datagrams after #6 (7 of 53 sent)'],
      ['MN', 'learner: stop flow mn-to-cn — no datagrams after #5 (6 of 52 sent)'],
    ]);
    expect(sim.nodeState<CorrespondentNodeState>('CN').host.flows).toEqual([]);
    expect(sim.nodeState<MobileNodeState>('MN').flows).toEqual([]);
  });

  it('a stopped flow started again under its id carries on numbering and sends `count` more', () => {
    const restarted = { id: 'cn-to-mn', destination: LAB.mn, sourcePort: 5000, destinationPort: 7, start: 0, interval: milliseconds(500), count: 3, payloadOctets: 64 };
    const sim = runWithCommands('triangle-routing', [
      { atS: 3.1, command: { type: 'stop-flow', node: 'CN', flow: 'cn-to-mn' } },
      { atS: 6, command: { type: 'start-flow', node: 'CN', flow: restarted } },
    ], 10);
    expect(sentTimes(sim, 'cn-to-mn', LAB.cn)).toEqual([[0, 2 * S], [1, 2.5 * S], [2, 3 * S], [3, 6 * S], [4, 6.5 * S], [5, 7 * S]]);
  });

  it('new flows started on the mobile node and on the correspondent reach the other end', () => {
    const sim = runWithCommands('triangle-routing', [
      { atS: 3, command: { type: 'start-flow', node: 'MN', flow: flow('mn-extra', LAB.cn, 3, 4) } },
      { atS: 3, command: { type: 'start-flow', node: 'CN', flow: flow('cn-extra', LAB.mn, 3.1, 4) } },
    ], 6);
    const atCn = sim.nodeState<CorrespondentNodeState>('CN').host.deliveries.filter((d) => d.flow === 'mn-extra');
    expect(atCn.map((d) => [d.sequence, d.source, d.destinationPort])).toEqual([[0, LAB.mn, 9], [1, LAB.mn, 9], [2, LAB.mn, 9], [3, LAB.mn, 9]]);
    const atMn = sim.nodeState<MobileNodeState>('MN').deliveries.filter((d) => d.flow === 'cn-extra');
    expect(atMn.map((d) => d.sequence)).toEqual([0, 1, 2, 3]);
  });

  it('stopping a flow the node does not have changes nothing and says so', () => {
    const sim = runWithCommands('triangle-routing', [{ atS: 3, command: { type: 'stop-flow', node: 'CN', flow: 'nope' } }], 4);
    const e = sim.trace.find((x) => x.summary.startsWith('learner: stop flow nope'))!;
    expect([e.node, e.kind, e.summary, e.reason]).toEqual(['CN', 'decision', 'learner: stop flow nope — no flow nope is running here, nothing changes', 'its flows are cn-to-mn']);
    expect(sentTimes(sim, 'cn-to-mn', LAB.cn).length).toBe(5);
  });
});

describe('adversary inject', () => {
  it('a forged Binding Update injected at 6 s with the HA–CN SPI: the correspondent refuses it (authentication), its binding stays', () => {
    const sim = runWithCommands('forged-binding-update', [
      { atS: 6, command: { type: 'adversary', node: 'Mallory', action: { kind: 'forge-binding-update', to: 'CN', homeAddress: LAB.mn, careOfAddress: '198.51.100.66', spi: 1001 } } },
    ], 7);
    const made = sim.trace.filter((e) => e.node === 'Mallory' && e.kind === 'decision' && e.summary.startsWith('learner:'));
    expect(made.map((e) => [e.time, e.summary])).toEqual([[6 * S, `learner: forge-binding-update: Binding Update ${LAB.mn} → care-of 198.51.100.66 to ${LAB.cn}`]]);
    const refused = sim.trace.filter((e) => e.node === 'CN' && e.kind === 'dropped' && e.time > 6 * S);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.summary).toBe(`Binding Update from ${LAB.ha} refused`); // source spoofed as the home agent
    expect(refused[0]!.reason).toMatch(/^authentication exception: .*SPI 1001: MISMATCH/);
    expect(sim.nodeState<CorrespondentNodeState>('CN').ro.cache.entries[LAB.mn]!.careOfAddress).toBe(LAB.fa1);
  });

  it('a forged Registration Request injected at 4 s: the home agent denies it (Code 131) and keeps the real binding', () => {
    const sim = runWithCommands('forged-binding-update', [
      { atS: 4, command: { type: 'adversary', node: 'Mallory', action: { kind: 'forge-registration', to: 'HA', homeAddress: LAB.mn, careOfAddress: '198.51.100.66', spi: 1000 } } },
    ], 5);
    expect(sim.trace.some((e) => e.node === 'Mallory' && e.summary.startsWith('learner: forge-registration'))).toBe(true);
    const bindings = sim.nodeState<HomeAgentState>('HA').bindings.bindings[LAB.mn]!;
    expect(bindings.map((b) => b.careOfAddress)).toEqual([LAB.fa1]);
    expect(sim.trace.some((e) => e.node === 'HA' && e.time > 4 * S && e.summary.startsWith('Registration Reply Code 131'))).toBe(true);
  });

  it('an attack that needs something overheard, injected before anything was: not attempted, and the trace says why', () => {
    const sim = runWithCommands('forged-binding-update', [{ atS: 0.5, command: { type: 'adversary', node: 'Mallory', action: { kind: 'replay-registration', to: 'HA' } } }], 1);
    const e = sim.trace.find((x) => x.node === 'Mallory' && x.kind === 'decision')!;
    expect(e.summary).toBe('learner: replay-registration not attempted');
    expect(e.reason).toMatch(/no Registration Request/);
  });
});

describe('commands a node cannot act on', () => {
  // Sent straight to the simulation, past validateLabCommand: the node's own word.
  it('are refused with a traced decision and change nothing', () => {
    const sim = runWithCommands('route-optimization', [], 1);
    const before = { mn: sim.nodeState<MobileNodeState>('MN'), ha: sim.nodeState<HomeAgentState>('HA'), cn: sim.nodeState<CorrespondentNodeState>('CN') };
    sim.command('MN', { type: 'configure', setting: 'route-optimization', value: false });
    sim.command('HA', { type: 'start-flow', flow: flow('x', LAB.cn, 0, 1) });
    sim.command('CN', { type: 'inject', attack: { kind: 'replay-registration', destination: LAB.ha } });
    sim.command('R', { type: 'configure', setting: 'smooth-handoff', value: false });
    sim.command('CN', { type: 'configure', setting: 'route-optimization', value: true });
    sim.command('FA1', { type: 'configure', setting: 'auth-algorithm', value: 'hmac-md5' }); // this scenario gives FA1 no MSA
    sim.runUntil(S + 1000);
    const said = sim.trace.filter((e) => e.time >= S && e.kind === 'decision').map((e) => [e.node, e.summary]);
    expect(said).toEqual([
      ['MN', 'learner: Route Optimization off refused at this mobile node — the setting does not apply here'],
      ['HA', 'learner: start-flow refused at this home agent'],
      ['CN', 'learner: inject refused at this correspondent'],
      ['R', 'learner: configure refused at this router'],
      ['CN', 'learner: Route Optimization already on at this correspondent — nothing changes'],
      ['FA1', 'learner: authentication algorithm hmac-md5 refused at this foreign agent — it holds no configured security association'],
    ]);
    expect(sim.trace.find((e) => e.node === 'R' && e.time >= S && e.kind === 'decision')!.reason).toMatch(/holds no Mobile IP settings/); // network/behaviours/router.ts
    expect(sim.trace.find((e) => e.node === 'MN' && e.time >= S && e.kind === 'decision')!.reason).toMatch(/^Route Optimization is done by home agents .*a mobile node has no such setting \(optim-08 §1/);
    expect(sim.nodeState<MobileNodeState>('MN').config).toEqual(before.mn.config);
    expect(sim.nodeState<HomeAgentState>('HA').config).toEqual(before.ha.config);
    expect(sim.nodeState<CorrespondentNodeState>('CN').config).toEqual(before.cn.config);
  });
});
