// Stories of three live settings for behaviours the paper makes optional
// (docs/architecture.md "Runtime"), on virtual time: the home agent's list of correspondents
// that acknowledge (optim-08 §7.3), the correspondent's own encapsulation
// (RFC 2002 §3.3; optim-08 §4.3) and whether the previous foreign agent
// forwards or forgets (Perkins & Johnson §4.2). A change governs the next
// message the node builds.

import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../engine/network/simulation';
import type { TraceEvent } from '../../engine/node/contract';
import { seconds } from '../../engine/node/time';
import type { HomeAgentState } from '../../engine/protocol/nodes/ha/home-agent';
import { loadBuiltin } from '../../scenarios/builtin';
import { LAB, followFlow, sentMessages } from '../../scenarios/builtin/lesson-reading';
import type { NodeSetting } from '../types';
import { runWithCommands } from './test-support';
import { validateLabCommand } from './validate';

const S = seconds(1);
const configure = (atS: number, node: string, setting: NodeSetting) => ({ atS, command: { type: 'configure' as const, node, ...setting } });
const learner = (sim: Simulation, node: string): TraceEvent[] => sim.trace.filter((e) => e.node === node && e.kind === 'decision' && e.summary.startsWith('learner:'));

describe('the home agent\'s list of acknowledging correspondents, switched at run time', () => {
  const sim = runWithCommands('handoff-without-smooth-handoff', [
    configure(1, 'HA', { setting: 'acknowledging-correspondents', value: true }),
    configure(16, 'HA', { setting: 'acknowledging-correspondents', value: false }),
  ], 17);
  const bus = sentMessages(sim.trace, 'binding-update', 'HA');

  it('on at 1 s: the Binding Update after the first tunnelled datagram asks for an acknowledgement, and at the move the listed correspondent hears of FA2 as the registration is accepted', () => {
    expect(learner(sim, 'HA')[0]).toMatchObject({ time: 1 * S, summary: expect.stringContaining('list of acknowledging correspondents kept at the home agent') });
    expect(bus.length).toBeGreaterThanOrEqual(2);
    expect(bus[0]!.message.flags.acknowledge).toBe(true);
    const atMove = bus.find((b) => b.message.careOfAddress === LAB.fa2)!;
    expect(atMove.message.flags.acknowledge).toBe(true);
    expect(sentMessages(sim.trace, 'registration-reply', 'HA').some((r) => r.time === atMove.time)).toBe(true);
  });

  it('off at 16 s: the home agent forgets its list, each entry traced', () => {
    const said = learner(sim, 'HA').find((e) => e.time === 16 * S)!;
    expect(said.summary).toContain('no longer kept');
    expect(sim.trace.some((e) => e.node === 'HA' && e.time === 16 * S && e.kind === 'table-changed' && e.summary === `acknowledged correspondents: ${LAB.mn} removed`)).toBe(true);
    expect(sim.nodeState<HomeAgentState>('HA').routeOptimization.acknowledged.acknowledged).toEqual({});
  });
});

describe('encapsulation at the correspondent, set at run time', () => {
  it('minimal at FA1 (offered), the mobile node (asked for) and the correspondent, all at 0 s: the correspondent\'s own tunnels are minimal', () => {
    const sim = runWithCommands('route-optimization', ['FA1', 'MN', 'CN'].map((node) => configure(0, node, { setting: 'encapsulation', value: 'minimal' })), 6);
    expect(learner(sim, 'CN')[0]!.summary).toBe('learner: encapsulation minimal at the correspondent — its next tunnel to a care-of address uses minimal where the Binding Update allows it');
    const direct = followFlow(sim.trace, 'cn-to-mn').filter((d) => d.sentAt < 5.9 * S && d.legs.some((leg) => leg.node === 'CN' && leg.tunnels.length > 0));
    expect(direct.length).toBeGreaterThanOrEqual(6);
    for (const d of direct) {
      expect(d.legs.find((leg) => leg.node === 'CN')!.tunnels).toEqual(['minimal encapsulation']);
      expect(d.arrivedAt).not.toBeNull();
    }
  });

  it('the runtime now accepts it for a correspondent, and still refuses it for a home agent', () => {
    const loaded = loadBuiltin('route-optimization');
    expect(validateLabCommand({ type: 'configure', node: 'CN', setting: 'encapsulation', value: 'gre' }, loaded)).toBeNull();
    expect(validateLabCommand({ type: 'configure', node: 'HA', setting: 'encapsulation', value: 'gre' }, loaded)).toMatch(/^encapsulation does not apply to node "HA", a home agent/);
  });
});

describe('forwarding by the previous foreign agent, switched at run time', () => {
  it('off at the mobile node at 5 s: the notification of its move at 12.8 s carries the home address, and FA1 keeps no forwarding entry', () => {
    const sim = runWithCommands('smooth-handoff', [configure(5, 'MN', { setting: 'previous-fa-forwarding', value: false })], 16);
    expect(learner(sim, 'MN')[0]).toMatchObject({ time: 5 * S, summary: expect.stringContaining('told to forget the mobile node') });
    const bu = sentMessages(sim.trace, 'binding-update', 'FA2');
    expect(bu).toHaveLength(1);
    expect(bu[0]!.message.careOfAddress).toBe(LAB.mn);
    expect(sim.trace.some((e) => e.node === 'FA1' && e.summary === `binding cache: added ${LAB.mn}`)).toBe(false);
  });

  it('applies to mobile nodes only, and the list to home agents only', () => {
    const loaded = loadBuiltin('smooth-handoff');
    expect(validateLabCommand({ type: 'configure', node: 'FA1', setting: 'previous-fa-forwarding', value: false }, loaded)).toMatch(/^previous-fa-forwarding does not apply to node "FA1", a foreign agent/);
    expect(validateLabCommand({ type: 'configure', node: 'CN', setting: 'acknowledging-correspondents', value: true }, loaded)).toMatch(/^acknowledging-correspondents does not apply to node "CN", a correspondent/);
  });
});
