// The learner's live settings at the IPv6 nodes (Perkins & Johnson §10), as
// the runtime applies them: a `configure` the settings tab, a lesson or a
// comparison sends is accepted for the roles setting-roles.ts names, reaches
// the node, and changes what goes over the wire next. Baselines are the same
// built-in without the command.

import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../engine/network/simulation';
import type { TraceEvent } from '../../engine/node/contract';
import { seconds } from '../../engine/node/time';
import { loadBuiltin } from '../../scenarios/builtin';
import type { NodeSetting } from '../types';
import { validateLabCommand } from './validate';
import { runWithCommands } from './test-support';

const CN = '2001:db8:100::5';
const AR1 = '2001:db8:2::1';
const configure = (atS: number, node: string, setting: NodeSetting) => ({ atS, command: { type: 'configure' as const, node, ...setting } });
/** Binding Updates a node sent to `to`, by the summary the mobile node traces for each (mn/correspondent-binding.ts). */
const updatesTo = (sim: Simulation, node: string, to: string): TraceEvent[] => sim.trace.filter((e) => e.node === node && e.kind === 'sent' && e.summary.startsWith('Binding Update') && e.summary.includes(`→ ${to}:`));
const learner = (sim: Simulation, node: string): TraceEvent[] => sim.trace.filter((e) => e.node === node && e.kind === 'decision' && e.summary.startsWith('learner:'));
const deliveredAtMn = (sim: Simulation): TraceEvent[] => sim.trace.filter((e) => e.node === 'MN' && e.kind === 'delivered' && e.summary.includes('(flow cn-to-mn'));

describe('the IPv6 settings the runtime accepts', () => {
  it('route-optimization at the mobile node and the correspondent, smooth-handoff at the mobile node and the access routers; not at the home agent', () => {
    const loaded = loadBuiltin('ipv6-route-optimization');
    const ok = (node: string, setting: NodeSetting) => validateLabCommand({ type: 'configure', node, ...setting }, loaded);
    expect(ok('MN', { setting: 'route-optimization', value: false })).toBeNull();
    expect(ok('CN', { setting: 'route-optimization', value: false })).toBeNull();
    expect(ok('MN', { setting: 'smooth-handoff', value: false })).toBeNull();
    expect(ok('AR1', { setting: 'smooth-handoff', value: false })).toBeNull();
    expect(ok('HA', { setting: 'route-optimization', value: false })).toMatch(/does not apply to node "HA", an IPv6 home agent/);
    expect(ok('CN', { setting: 'smooth-handoff', value: false })).toMatch(/does not apply to node "CN", an IPv6 correspondent/);
    expect(ok('MN', { setting: 'encapsulation', value: 'minimal' })).toMatch(/does not apply to node "MN", an IPv6 mobile node/);
  });
});

describe('Route Optimization switched at the IPv6 nodes', () => {
  it('off at the mobile node before the first datagram: it sends the correspondent no Binding Update, and every datagram comes tunnelled by the home agent', () => {
    const base = runWithCommands('ipv6-route-optimization', [], 6);
    const off = runWithCommands('ipv6-route-optimization', [configure(1, 'MN', { setting: 'route-optimization', value: false })], 6);
    expect(updatesTo(base, 'MN', CN).length).toBeGreaterThanOrEqual(1);
    expect(updatesTo(off, 'MN', CN)).toEqual([]);
    const delivered = deliveredAtMn(off);
    expect(delivered.length).toBeGreaterThanOrEqual(7);
    expect(delivered.every((e) => e.summary.includes('tunnelled by the home agent'))).toBe(true);
    expect(deliveredAtMn(base).filter((e) => e.summary.includes('tunnelled by the home agent'))).toHaveLength(1);
    expect(learner(off, 'MN')).toHaveLength(1);
    expect(learner(off, 'MN')[0]!.time).toBe(seconds(1));
  });

  it('off at the correspondent: the mobile node\'s Binding Update is answered with ICMPv6 Parameter Problem, and datagrams keep the triangle', () => {
    const off = runWithCommands('ipv6-route-optimization', [configure(1, 'CN', { setting: 'route-optimization', value: false })], 6);
    expect(updatesTo(off, 'MN', CN).length).toBeGreaterThanOrEqual(1);
    expect(off.trace.some((e) => e.node === 'CN' && e.kind === 'sent' && e.summary.includes('Parameter Problem'))).toBe(true);
    const delivered = deliveredAtMn(off);
    expect(delivered.length).toBeGreaterThanOrEqual(7);
    expect(delivered.every((e) => e.summary.includes('tunnelled by the home agent'))).toBe(true);
  });
});

describe('Smooth handoff switched at the IPv6 mobile node', () => {
  it('off before the moves: after the move into AR2\'s cell it sends AR1 no Binding Update', () => {
    const base = runWithCommands('ipv6-smooth-handoff', [], 15);
    const off = runWithCommands('ipv6-smooth-handoff', [configure(1, 'MN', { setting: 'smooth-handoff', value: false })], 15);
    expect(updatesTo(base, 'MN', AR1).length).toBeGreaterThanOrEqual(1);
    expect(updatesTo(off, 'MN', AR1)).toEqual([]);
    // The home agent and the correspondent still hear of the move.
    expect(updatesTo(off, 'MN', CN).filter((e) => e.time > seconds(12)).length).toBeGreaterThanOrEqual(1);
  });
});

describe('Smooth handoff switched at the IPv6 access router', () => {
  it('off at AR1 before the moves: it answers the mobile node\'s Binding Update for its previous care-of address with status 131', () => {
    const off = runWithCommands('ipv6-smooth-handoff', [configure(1, 'AR1', { setting: 'smooth-handoff', value: false })], 15);
    expect(updatesTo(off, 'MN', AR1).length).toBeGreaterThanOrEqual(1);
    const answers = off.trace.filter((e) => e.node === 'AR1' && e.kind === 'sent' && e.summary.startsWith('Binding Acknowledgement'));
    expect(answers.length).toBeGreaterThanOrEqual(1);
    expect(answers.every((e) => e.summary.startsWith('Binding Acknowledgement 131'))).toBe(true);
    expect(learner(off, 'AR1')).toHaveLength(1);
  });
});
