// The IPv6 mobile node's story on the reference scenario
// (scenarios/builtin/ipv6-route-optimization.json), whole network on virtual
// time with the real home agent, access routers, router and correspondent:
// Perkins & Johnson §10 from the mobile node's side. It starts on its home
// link, walks to cell1 at 3 s, to cell2 at 12 s and home again at 22 s.

import { describe, expect, it } from 'vitest';
import reference from '../../../../scenarios/builtin/ipv6-route-optimization.json';
import type { TraceEvent } from '../../../node/contract';
import { runScenario, walkingScenario, S, type Run } from './test-support/reference-run';

const CN = '2001:db8:100::5';
const HA = '2001:db8:1::1';
const AR1 = '2001:db8:2::1';
const COA1 = '2001:db8:2::ff:fe00:500';
const WALK = [{ atS: 3, toCellOf: 'AR1' }, { atS: 12, toCellOf: 'AR2' }, { atS: 22, toCellOf: 'HA' }] as const;

type Json = Record<string, unknown>;
const nodeOf = (s: Json, id: string) => (s.nodes as Json[]).find((n) => n.id === id)! as { settings: Json };

const mn = (run: Run, kind?: string) => run.trace.filter((e) => e.node === 'MN' && (kind === undefined || e.kind === kind));
const between = (events: readonly TraceEvent[], fromS: number, toS: number) => events.filter((e) => e.time >= fromS * S && e.time < toS * S);
const first = (events: readonly TraceEvent[], pattern: RegExp) => events.find((e) => pattern.test(e.summary));
const deliveries = (run: Run, fromS: number, toS: number) => between(mn(run, 'delivered'), fromS, toS).map((e) => e.summary.replace(/^.* delivered (.*) \(flow.*$/, '$1'));

describe('the IPv6 mobile node on the reference network (Perkins & Johnson §10)', () => {
  const walk = runScenario(walkingScenario(WALK), 30);

  it('moving from home to cell1: Router Solicitation → Router Advertisement → care-of address → Binding Update to the home agent → Binding Acknowledgement', () => {
    const events = between(mn(walk), 3, 4);
    const rs = first(events.filter((e) => e.kind === 'sent'), /^Router Solicitation/);
    const coa = first(events.filter((e) => e.kind === 'table-changed'), /^attachment: .*care-of address 2001:db8:2::ff:fe00:500/);
    const bu = first(events.filter((e) => e.kind === 'sent'), /^Binding Update #1 → 2001:db8:1::1: .* at 2001:db8:2::ff:fe00:500, lifetime 300 s, H/);
    const ack = first(events.filter((e) => e.kind === 'decision'), /^registered with the home agent/);
    expect([rs, coa, bu, ack].every((e) => e !== undefined)).toBe(true);
    expect(rs!.time).toBeLessThanOrEqual(coa!.time);
    expect(coa!.time).toBeLessThanOrEqual(bu!.time);
    expect(bu!.time).toBeLessThan(ack!.time);
    expect(ack!.time).toBeLessThan(3.1 * S);
    // The home agent saw the same story from its side.
    expect(between(walk.trace, 3, 4).some((e) => e.node === 'HA' && e.kind === 'decision' && /^Binding Update from 2001:db8:2::ff:fe00:500 .* accepted$/.test(e.summary))).toBe(true);
  });

  it('the first correspondent datagrams come tunnelled by the home agent and trigger a Binding Update; then they come with a type 2 Routing header', () => {
    const cell1 = deliveries(walk, 3, 12);
    expect(cell1.length).toBeGreaterThan(12);
    expect(cell1[0]).toBe('tunnelled by the home agent');
    const buToCn = first(between(mn(walk, 'sent'), 3, 12), /^Binding Update #1 → 2001:db8:100::5/);
    expect(buToCn).toBeDefined();
    const acked = first(between(mn(walk, 'decision'), 3, 12), /acknowledged by 2001:db8:100::5/);
    expect(acked).toBeDefined();
    const after = between(mn(walk, 'delivered'), acked!.time / S + 0.05, 12).map((e) => e.summary);
    expect(after.length).toBeGreaterThan(10);
    expect(after.every((s) => /with a type 2 Routing header \(route optimized\)/.test(s))).toBe(true);
    expect(walk.mn.bindingUpdateList[CN] === undefined || walk.mn.bindingUpdateList[CN]!.kind === 'correspondent').toBe(true);
  });

  it('moving to cell2 sends Binding Updates to the home agent, the correspondent and the previous router', () => {
    const sent = between(mn(walk, 'sent'), 12, 12.01).map((e) => e.summary);
    expect(sent.some((s) => s.startsWith(`Binding Update #2 → ${HA}`))).toBe(true);
    expect(sent.some((s) => s.startsWith(`Binding Update #1 → ${AR1}: ${COA1} at 2001:db8:3::ff:fe00:500`))).toBe(true);
    expect(sent.some((s) => new RegExp(`^Binding Update #\\d+ → ${CN}: .* at 2001:db8:3::ff:fe00:500`).test(s))).toBe(true);
    expect(first(between(mn(walk, 'decision'), 12, 13), /^smooth handoff: 2001:db8:2::1 forwards/)).toBeDefined();
    // Route optimized again at the new address before the next move.
    expect(deliveries(walk, 14, 22).every((d) => d === 'with a type 2 Routing header (route optimized)')).toBe(true);
  });

  it('returning home deletes the bindings (Lifetime 0) and the datagrams come directly', () => {
    const sent = between(mn(walk, 'sent'), 22, 22.01).map((e) => e.summary);
    expect(sent.some((s) => s.startsWith(`Binding Update #3 → ${HA}: 2001:db8:1::10 at 2001:db8:1::10, lifetime 0 s`))).toBe(true);
    expect(sent.some((s) => new RegExp(`^Binding Update #\\d+ → ${CN}: .* lifetime 0 s`).test(s))).toBe(true);
    expect(first(between(mn(walk, 'decision'), 22, 23), /^home registration ended/)).toBeDefined();
    const home = deliveries(walk, 22.5, 30);
    expect(home.length).toBeGreaterThan(8);
    expect(home.every((d) => d === 'directly')).toBe(true);
    expect(walk.mn.atHome).toBe(true);
    expect(walk.mn.home.phase).toBe('none');
    expect(Object.keys(walk.mn.bindingUpdateList).filter((k) => walk.mn.bindingUpdateList[k]!.kind !== 'previous-router')).toEqual([]);
  });

  it('under return routability the same walk is route optimized too: HoTI via the home agent, CoTI direct, then the Binding Update', () => {
    const rr = runScenario(walkingScenario(WALK, (s) => { nodeOf(s, 'MN').settings.correspondentAuthentication = 'return-routability'; }), 20);
    const sent = between(mn(rr, 'sent'), 3, 12).map((e) => e.summary);
    expect(sent.some((s) => /^Home Test Init 2001:db8:1::10 → 2001:db8:100::5 \(reverse-tunnelled through the home agent/.test(s))).toBe(true);
    expect(sent.some((s) => /^Care-of Test Init 2001:db8:2::ff:fe00:500 → 2001:db8:100::5/.test(s))).toBe(true);
    expect(sent.some((s) => /^Binding Update #1 → 2001:db8:100::5: .*return routability/.test(s))).toBe(true);
    expect(deliveries(rr, 5, 12).every((d) => d === 'with a type 2 Routing header (route optimized)')).toBe(true);
    expect(deliveries(rr, 15, 20).every((d) => d === 'with a type 2 Routing header (route optimized)')).toBe(true);
  });

  it('a correspondent without Mobility Header support answers with Parameter Problem: the mobile node stops, and the triangle stays', () => {
    const legacy = runScenario(walkingScenario(WALK, (s) => { nodeOf(s, 'CN').settings = { routeOptimization: false }; }), 12);
    expect(legacy.mn.noMobilitySupport).toEqual([CN]);
    expect(between(mn(legacy, 'sent'), 3, 12).filter((e) => e.summary.startsWith(`Binding Update #`) && e.summary.includes(`→ ${CN}`))).toHaveLength(1);
    expect(deliveries(legacy, 4, 12).every((d) => d === 'tunnelled by the home agent')).toBe(true);
  });

  it('without an association with its previous router there is no smooth handoff, and the mobile node says so', () => {
    const noSa = runScenario(walkingScenario(WALK, (s) => { s.securityAssociations = (s.securityAssociations as { between: string[] }[]).filter((a) => !a.between.includes('AR1')); }), 13);
    const why = first(between(mn(noSa, 'decision'), 12, 13), /^no smooth handoff$/);
    expect(why?.reason).toMatch(/no security association with its previous router 2001:db8:2::1/);
    expect(between(mn(noSa, 'sent'), 12, 13).some((e) => e.summary.includes(`→ ${AR1}`))).toBe(false);
  });

  it('the reference scenario as shipped (starting in cell1) is route optimized from its third datagram on', () => {
    const run = runScenario(reference, 30);
    const d = deliveries(run, 0, 30);
    expect(d.length).toBeGreaterThan(45);
    expect(d[0]).toBe('tunnelled by the home agent');
    expect(d.slice(2).every((x) => x === 'with a type 2 Routing header (route optimized)')).toBe(true);
  });
});
