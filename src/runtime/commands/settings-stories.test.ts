// Stories of the learner's live settings (docs/architecture.md "Runtime"), on virtual time: a
// built-in scenario runs with a `configure` command at a given moment, and
// what goes over the wire afterwards changes — the next message, not the
// next run. Baselines are the same scenario without the command.

import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../engine/network/simulation';
import type { TraceEvent } from '../../engine/node/contract';
import { seconds } from '../../engine/node/time';
import type { CorrespondentNodeState } from '../../engine/protocol/nodes/cn/correspondent';
import type { MobileNodeState } from '../../engine/protocol/nodes/mn/mobile-node';
import { datagramOf } from '../../engine/protocol/nodes/test-support/trace-reading';
import { IpProtocol } from '../../engine/wire/ipv4';
import { LAB, followFlow, receivedMessages, sentMessages } from '../../scenarios/builtin/lesson-reading';
import type { NodeSetting } from '../types';
import { runWithCommands } from './test-support';

const S = seconds(1);
const configure = (atS: number, node: string, setting: NodeSetting) => ({ atS, command: { type: 'configure' as const, node, ...setting } });
const learner = (sim: Simulation, node: string): TraceEvent[] => sim.trace.filter((e) => e.node === node && e.kind === 'decision' && e.summary.startsWith('learner:'));
const lostBefore = (sim: Simulation, endS: number) => followFlow(sim.trace, 'cn-to-mn').filter((d) => d.sentAt < endS * S && d.arrivedAt === null);
const busFrom = (sim: Simulation, node: string) => sentMessages(sim.trace, 'binding-update', node).map((m) => m.time);

describe('Route Optimization switched at run time', () => {
  it('off at the home agent at 5 s: the Binding Update it sends the correspondent after the move (13.016 s) never goes out, and the Binding Warning is ignored', () => {
    const base = runWithCommands('smooth-handoff', [], 20);
    const off = runWithCommands('smooth-handoff', [configure(5, 'HA', { setting: 'route-optimization', value: false })], 20);
    expect(busFrom(base, 'HA').filter((t) => t > 5 * S)).toEqual([13_016_000]);
    expect(busFrom(off, 'HA').filter((t) => t > 5 * S)).toEqual([]);
    expect(busFrom(off, 'HA')).toEqual([2_010_000]); // the one before the change still went out
    const [said] = learner(off, 'HA');
    expect(said).toMatchObject({ time: 5 * S, summary: 'learner: Route Optimization off at the home agent — it will no longer send Binding Updates', ref: expect.stringContaining('optim-08 §3.1') });
    expect(off.trace.some((e) => e.node === 'HA' && e.kind === 'dropped' && e.summary.startsWith('binding-warning from 192.168.2.1 ignored'))).toBe(true);
  });

  it('off at the home agent before the first datagram: the correspondent never learns the binding, and every datagram goes by the home agent', () => {
    const sim = runWithCommands('route-optimization', [configure(1, 'HA', { setting: 'route-optimization', value: false })], 8);
    expect(sentMessages(sim.trace, 'binding-update')).toEqual([]);
    const toMn = followFlow(sim.trace, 'cn-to-mn');
    expect(toMn.length).toBeGreaterThanOrEqual(12);
    const arrived = toMn.filter((x) => x.arrivedAt !== null);
    expect(arrived.length).toBeGreaterThanOrEqual(toMn.length - 1); // at most the last one still in flight at 8 s
    for (const d of arrived) expect(d.path).toEqual(['R', 'HA', 'R', 'FA1', 'MN']);
  });

  it('off at the correspondent at 5.2 s: its binding cache is emptied, datagrams go back to the triangle, and later Binding Updates are ignored as by a legacy node', () => {
    const sim = runWithCommands('route-optimization', [configure(5.2, 'CN', { setting: 'route-optimization', value: false })], 12);
    const paths = followFlow(sim.trace, 'cn-to-mn');
    const before = paths.filter((d) => d.sentAt > 2.1 * S && d.sentAt < 5.2 * S);
    expect(before.length).toBe(6);
    expect(before.every((d) => !d.path.includes('HA'))).toBe(true); // tunnelled straight to FA1
    const after = paths.filter((d) => d.sentAt > 5.2 * S && d.sentAt < 11.9 * S);
    expect(after.length).toBe(13);
    for (const d of after) expect(d.path).toEqual(['R', 'HA', 'R', 'FA1', 'MN']);
    expect(sim.nodeState<CorrespondentNodeState>('CN').ro.cache.entries).toEqual({});
    expect(sim.trace.find((e) => e.node === 'CN' && e.kind === 'table-changed' && e.summary === `binding cache: ${LAB.mn} removed`)?.time).toBe(5.2 * S);
    const laterBus = receivedMessages(sim.trace, 'binding-update', 'CN').filter((m) => m.time > 5.2 * S);
    expect(laterBus.length).toBeGreaterThan(0); // the HA still tells it, rate-limited (OC-20) …
    expect(sim.trace.filter((e) => e.node === 'CN' && e.summary === 'Binding Update ignored' && e.time > 5.2 * S)).toHaveLength(laterBus.length); // … and it ignores each one
  });

  it('off at the previous foreign agent: its smooth-handoff entry still re-tunnels and, like every re-tunnelling from a binding cache, still warns the home agent (Perkins & Johnson §3.1)', () => {
    const base = runWithCommands('smooth-handoff', [], 20);
    const off = runWithCommands('smooth-handoff', [configure(1, 'FA1', { setting: 'route-optimization', value: false })], 20);
    expect(sentMessages(base.trace, 'binding-warning', 'FA1').map((m) => m.ip.destination)).toEqual([LAB.ha]);
    expect(sentMessages(off.trace, 'binding-warning', 'FA1').map((m) => m.ip.destination)).toEqual([LAB.ha]);
    expect(lostBefore(off, 19.9)).toEqual([]);
    expect(off.trace.some((e) => e.node === 'FA1' && e.kind === 'decision' && e.summary === 're-tunnel to the cached care-of address 192.168.3.1')).toBe(true);
    expect(learner(off, 'FA1')[0]!.summary).toContain('no longer send special tunnels');
  });
});

describe('smooth handoff switched at run time', () => {
  it('off at the mobile node: no Previous FA Notification at the move, so FA1 is never told and the handoff loses datagrams', () => {
    const base = runWithCommands('smooth-handoff', [], 20);
    const off = runWithCommands('smooth-handoff', [configure(1, 'MN', { setting: 'smooth-handoff', value: false })], 20);
    expect(lostBefore(base, 19.9)).toEqual([]);
    const lost = lostBefore(off, 19.9);
    expect(lost.length).toBeGreaterThanOrEqual(20);
    for (const d of lost) expect(d.path.at(-1)).toBe('FA1'); // tunnelled on the stale binding and discarded there
    expect(sentMessages(off.trace, 'binding-update').filter((m) => m.ip.destination === LAB.fa1)).toEqual([]);
    expect(learner(off, 'MN')[0]!.summary).toBe('learner: smooth handoff off at the mobile node — it will no longer ask for a registration key or send a Previous Foreign Agent Notification');
  });

  it('off at the new foreign agent: its next advertisement has S clear, so the mobile node asks it for nothing and the handoff loses datagrams', () => {
    const off = runWithCommands('smooth-handoff', [configure(1, 'FA2', { setting: 'smooth-handoff', value: false })], 20);
    const fa2 = off.nodeState<MobileNodeState>('MN').listener.agents.find((a) => a.address === LAB.fa2)!;
    expect(fa2.flags.smoothHandoff).toBe(false);
    expect(sentMessages(off.trace, 'binding-update').filter((m) => m.ip.destination === LAB.fa1)).toEqual([]);
    expect(lostBefore(off, 19.9).length).toBeGreaterThanOrEqual(20);
  });
});

describe('encapsulation switched at run time', () => {
  const tunnelsFromHa = (sim: Simulation) => sim.trace.filter((e) => e.node === 'HA' && e.kind === 'forwarded').map((e) => ({ time: e.time, d: datagramOf(e)! })).filter((x) => x.d.source === LAB.ha);

  it('minimal at the mobile node and FA2 at 3 s: the registration after the move sets M, and from then on the home agent tunnels with minimal encapsulation', () => {
    const sim = runWithCommands('triangle-routing', [
      configure(3, 'MN', { setting: 'encapsulation', value: 'minimal' }),
      configure(3, 'FA2', { setting: 'encapsulation', value: 'minimal' }),
      { atS: 5, command: { type: 'move', node: 'MN', position: { x: 780, y: 450 } } }, // the centre of FA2's cell
    ], 12);
    const requests = sentMessages(sim.trace, 'registration-request', 'MN');
    expect(requests.map((m) => [m.ip.destination, m.message.flags.minimalEncapsulation])).toEqual([[LAB.fa1, false], [LAB.fa2, true]]);
    const registeredAt = requests[1]!.time;
    const tunnels = tunnelsFromHa(sim);
    const earlier = tunnels.filter((t) => t.time < registeredAt);
    expect(earlier.length).toBeGreaterThanOrEqual(6);
    expect(earlier.every((t) => t.d.protocol === IpProtocol.IP_IN_IP)).toBe(true);
    const later = tunnels.filter((t) => t.time > registeredAt + 0.1 * S);
    expect(later.length).toBeGreaterThanOrEqual(6);
    for (const t of later) expect([t.d.protocol, t.d.destination]).toEqual([IpProtocol.MINIMAL_ENCAPSULATION, LAB.fa2]);
    const delivered = sim.nodeState<MobileNodeState>('MN').deliveries.filter((d) => d.time > registeredAt + 0.1 * S);
    expect(delivered.length).toBe(later.length); // FA2 opens them: it advertised M
  });

  it('minimal at the mobile node alone: FA2 does not advertise M, so the Request leaves M clear and tunnels stay IP in IP', () => {
    const sim = runWithCommands('triangle-routing', [configure(3, 'MN', { setting: 'encapsulation', value: 'minimal' }), { atS: 5, command: { type: 'move', node: 'MN', position: { x: 780, y: 450 } } }], 12);
    expect(sentMessages(sim.trace, 'registration-request', 'MN').map((m) => m.message.flags.minimalEncapsulation)).toEqual([false, false]);
    const tunnels = tunnelsFromHa(sim);
    expect(tunnels.length).toBeGreaterThanOrEqual(12);
    expect(tunnels.every((t) => t.d.protocol === IpProtocol.IP_IN_IP)).toBe(true);
  });

  it('GRE at FA1 at 3 s: its next advertisement, as the mobile node decodes it, offers G', () => {
    const sim = runWithCommands('triangle-routing', [configure(3, 'FA1', { setting: 'encapsulation', value: 'gre' })], 2.9);
    const fa1 = () => sim.nodeState<MobileNodeState>('MN').listener.agents.find((a) => a.address === LAB.fa1)!;
    expect(fa1().flags.gre).toBe(false);
    sim.runUntil(4.5 * S); // advertisements every second (OC-32)
    expect([fa1().flags.gre, fa1().flags.minimalEncapsulation]).toEqual([true, false]);
  });
});

describe('authentication algorithm switched at run time', () => {
  it('HMAC-MD5 at the mobile node only: the home agent denies with Code 131, and the mobile node cannot even verify that Reply', () => {
    const sim = runWithCommands('route-optimization', [configure(0, 'MN', { setting: 'auth-algorithm', value: 'hmac-md5' })], 6);
    const replies = sentMessages(sim.trace, 'registration-reply', 'HA');
    expect(replies.length).toBeGreaterThanOrEqual(2);
    expect(replies.every((m) => m.message.code === 131)).toBe(true); // RFC 2002 §3.8.2.1: mobile node failed authentication
    const discarded = sim.trace.filter((e) => e.node === 'MN' && e.kind === 'dropped' && e.summary.startsWith('Registration Reply Code 131'));
    expect(discarded.length).toBe(replies.length);
    expect(discarded[0]!.reason).toContain('HMAC-MD5');
    expect(discarded[0]!.reason).toContain('MISMATCH');
    expect(sim.nodeState<MobileNodeState>('MN').registration).toBeNull();
  });

  it('…then HMAC-MD5 at the home agent too: the next retransmission is accepted — but the correspondent, still keyed-MD5, refuses the home agent\'s Binding Updates', () => {
    const sim = runWithCommands('route-optimization', [configure(0, 'MN', { setting: 'auth-algorithm', value: 'hmac-md5' }), configure(3.5, 'HA', { setting: 'auth-algorithm', value: 'hmac-md5' })], 12);
    const codes = sentMessages(sim.trace, 'registration-reply', 'HA').map((m) => [m.time < 3.5 * S, m.message.code]);
    const denied = codes.filter(([before]) => before);
    expect(denied.length).toBeGreaterThanOrEqual(2);
    expect(denied.every(([, code]) => code === 131)).toBe(true);
    expect(codes.filter(([before]) => !before).map(([, code]) => code)[0]).toBe(0);
    expect(sim.nodeState<MobileNodeState>('MN').registration?.target.careOfAddress).toBe(LAB.fa1);
    const haChanges = sim.trace.filter((e) => e.node === 'HA' && e.kind === 'table-changed' && e.summary.startsWith('security associations:'));
    expect(haChanges.map((e) => e.reason)).toContain('learner: algorithm keyed-md5 → hmac-md5');
    const refusals = sim.trace.filter((e) => e.node === 'CN' && e.kind === 'dropped' && e.summary === `Binding Update from ${LAB.ha} refused`);
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals[0]!.reason).toMatch(/authentication exception: keyed-MD5 .* MISMATCH/);
  });
});
