// Stories of the IPv6 correspondent on virtual time, in the whole reference
// network (Perkins & Johnson §10; RFC 6275 §5.2, §9): a binding from an
// AH-protected Binding Update, the same with return routability, a Binding
// Refresh Request before expiry, and the adversary's three attacks refused.

import { describe, expect, it } from 'vitest';
import fb from '../../../../scenarios/builtin/ipv6-forged-binding-update.json';
import reference from '../../../../scenarios/builtin/ipv6-route-optimization.json';
import rr from '../../../../scenarios/builtin/ipv6-return-routability.json';
import { buildSimulation, loadScenario } from '../../../../scenarios/load';
import { PROTOCOL_REGISTRY } from '../../../../scenarios/registry';
import type { TraceEvent } from '../../../node/contract';
import { readFlowPayload } from '../../../network/behaviours/udp-datagram';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { parseIpv6Packet, type ParsedIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { parseMobilityHeader } from '../../../wire/ipv6/mobility-header';
import type { MobilityMessage } from '../../../wire/ipv6/mobility-messages';
import { parseUdp6 } from '../../../wire/ipv6/udp6';
import type { AdversaryV6State } from '../adversary/adversary-v6-state';
import { peekIpv6Binding } from './binding-cache-v6';
import type { CorrespondentV6State } from './correspondent-v6-state';

const S = 1_000_000;
const HOME = '2001:db8:1::10';

function run(json: unknown, untilS: number) {
  const loaded = loadScenario(json);
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const sim = buildSimulation(loaded.loaded, PROTOCOL_REGISTRY);
  sim.runUntil(untilS * S);
  return { trace: sim.trace, cn: sim.nodeState<CorrespondentV6State>('CN'), sim };
}

interface Seen { readonly e: TraceEvent; readonly p: ParsedIpv6Packet; readonly mh?: MobilityMessage; readonly flowSequence?: number }

/** Packets a node sent (its `sent` events), parsed — one tunnel deep: Mobility Header messages and flow datagrams. */
function sentBy(trace: readonly TraceEvent[], node: string): Seen[] {
  return trace.flatMap((e): Seen[] => {
    if (e.node !== node || e.kind !== 'sent' || e.bytes === undefined || e.bytes[0]! >> 4 !== 6) return [];
    const outer = parseIpv6Packet(e.bytes);
    if (!outer.ok) return [];
    const p = outer.value.upperNextHeader === NextHeader.IPV6 ? parseIpv6Packet(outer.value.upperBytes) : outer; // a reverse-tunnelled HoTI (RFC 2473)
    if (!p.ok) return [];
    const pseudo = { source: p.value.finalSource, destination: p.value.finalDestination };
    if (p.value.upperNextHeader === NextHeader.MOBILITY) {
      const m = parseMobilityHeader(p.value.upperBytes, 0, p.value.upperBytes.length, pseudo);
      return m.ok ? [{ e, p: p.value, mh: m.value.message }] : [];
    }
    if (p.value.upperNextHeader === NextHeader.UDP) {
      const u = parseUdp6(p.value.upperBytes, 0, p.value.upperBytes.length, pseudo);
      const tag = u.ok ? readFlowPayload(u.value.payload) : undefined;
      return tag === undefined ? [] : [{ e, p: p.value, flowSequence: tag.sequence }];
    }
    return [];
  });
}

function firstTime(seen: readonly Seen[], kind: MobilityMessage['kind']): number {
  const m = seen.find((s) => s.mh?.kind === kind);
  if (m === undefined) throw new Error(`no ${kind} sent`);
  return m.e.time;
}

describe('IPv6 correspondent stories (reference network)', () => {
  it('a binding from an AH-protected Binding Update, then datagrams to the care-of address with a type 2 Routing header', () => {
    const { trace, cn } = run(reference, 10);
    const accepted = trace.find((e) => e.node === 'CN' && e.kind === 'decision' && e.summary.startsWith('Binding Update #1 for 2001:db8:1::10'));
    expect(accepted?.reason).toMatch(/^AH verified under SPI 1001/);
    const entry = peekIpv6Binding(cn.cache, HOME, 10 * S)!;
    expect(entry).toMatchObject({ authorization: { kind: 'ipsec', spi: 1001 }, lifetimeSeconds: 40 });
    const flow = sentBy(trace, 'CN').filter((s) => s.flowSequence !== undefined);
    const before = flow.filter((s) => s.e.time < accepted!.time);
    const after = flow.filter((s) => s.e.time > accepted!.time);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(5);
    for (const s of before) expect([s.p.header.destination, s.p.routingHeader2]).toEqual([HOME, undefined]);
    for (const s of after) expect([s.p.header.destination, s.p.routingHeader2?.homeAddress]).toEqual([entry.careOfAddress, HOME]);
    const ba = sentBy(trace, 'CN').find((s) => s.mh?.kind === 'binding-acknowledgement');
    expect(ba?.mh).toMatchObject({ status: 0, sequence: 1 });
    expect(ba?.p.authentication?.spi).toBe(1001);
    // The mobile node received the route-optimized datagrams.
    const mnDelivered = trace.filter((e) => e.node === 'MN' && e.kind === 'delivered' && e.time > accepted!.time);
    expect(mnDelivered.length).toBeGreaterThanOrEqual(after.length - 1);
  });

  it('with return routability: HoTI and CoTI, then Home Test and Care-of Test, then the Binding Update and its acknowledgement', () => {
    const { trace, cn } = run(rr, 10);
    const mn = sentBy(trace, 'MN');
    const c = sentBy(trace, 'CN');
    const hoti = firstTime(mn, 'home-test-init');
    const coti = firstTime(mn, 'care-of-test-init');
    const hot = firstTime(c, 'home-test');
    const cot = firstTime(c, 'care-of-test');
    const bu = mn.find((s) => s.mh?.kind === 'binding-update' && s.p.header.destination === '2001:db8:100::5')!;
    const ba = firstTime(c, 'binding-acknowledgement');
    expect(Math.max(hoti, coti)).toBeLessThan(Math.min(hot, cot));
    expect(Math.max(hot, cot)).toBeLessThanOrEqual(bu.e.time);
    expect(bu.e.time).toBeLessThan(ba);
    expect(bu.p.authentication).toBeUndefined();
    expect(bu.mh?.kind === 'binding-update' && bu.mh.options.map((o) => o.kind)).toEqual(expect.arrayContaining(['nonce-indices', 'binding-authorization-data']));
    expect(c.find((s) => s.mh?.kind === 'home-test')!.p.header.destination).toBe(HOME); // through the home agent
    expect(peekIpv6Binding(cn.cache, HOME, 10 * S)?.authorization.kind).toBe('return-routability');
    const later = c.filter((s) => s.flowSequence !== undefined && s.e.time > ba);
    expect(later.length).toBeGreaterThan(5);
    for (const s of later) expect(s.p.routingHeader2?.homeAddress).toBe(HOME);
  });

  it('a Binding Refresh Request before the binding in use expires, and the refreshed binding', () => {
    const { trace, cn } = run(reference, 45);
    const brr = sentBy(trace, 'CN').filter((s) => s.mh?.kind === 'binding-refresh-request');
    expect(brr).toHaveLength(1);
    const accepted = trace.find((e) => e.node === 'CN' && e.kind === 'decision' && e.summary.startsWith('Binding Update #1 '))!;
    expect(brr[0]!.e.time).toBe(accepted.time + 30 * S); // 40 s lifetime: 10 s before expiry
    expect(brr[0]!.p.routingHeader2?.homeAddress).toBe(HOME);
    const refreshed = trace.find((e) => e.node === 'CN' && e.kind === 'decision' && e.time > brr[0]!.e.time && / accepted$/.test(e.summary));
    expect(refreshed).toBeDefined();
    const entry = peekIpv6Binding(cn.cache, HOME, 45 * S)!;
    expect(entry.sequence).toBeGreaterThan(1);
    expect(entry.expiresAt).toBe(refreshed!.time + 40 * S);
  });

  it('a correspondent without route optimization answers the Binding Update with Parameter Problem; datagrams keep going by the home agent', () => {
    const json = structuredClone(reference) as { nodes: { id: string; settings?: Record<string, unknown> }[] };
    json.nodes.find((n) => n.id === 'CN')!.settings = { routeOptimization: false };
    const { trace, cn } = run(json, 12);
    const refused = trace.filter((e) => e.node === 'CN' && e.kind === 'dropped' && / not processed$/.test(e.summary));
    expect(refused.length).toBeGreaterThan(0);
    const icmp = trace.filter((e) => e.node === 'CN' && e.kind === 'sent' && e.summary.startsWith('ICMPv6 Parameter Problem (code 1'));
    expect(icmp).toHaveLength(refused.length);
    const bus = sentBy(trace, 'MN').filter((s) => s.mh?.kind === 'binding-update' && s.p.header.destination === '2001:db8:100::5');
    expect(bus).toHaveLength(1); // the mobile node stops sending it Binding Updates (RFC 6275 §11.3.5)
    expect(cn.cache.entries).toEqual({});
    const flow = sentBy(trace, 'CN').filter((s) => s.flowSequence !== undefined);
    expect(flow.length).toBeGreaterThan(15);
    for (const s of flow) expect([s.p.header.destination, s.p.routingHeader2]).toEqual([HOME, undefined]);
  });

  it('the adversary\'s forgery, replay and tampering are each refused with the reason, and traffic keeps going to the real care-of address', () => {
    const { trace, cn, sim } = run(fb, 20);
    const refusals = trace.filter((e) => e.node === 'CN' && e.kind === 'dropped' && / refused$/.test(e.summary));
    expect(refusals.map((e) => [e.time / S, e.reason!.match(/Integrity Check Value does not verify|already received|not newer/)?.[0]])).toEqual([
      [10.002, 'Integrity Check Value does not verify'], // forged: a made-up key
      [12.002, 'already received'], // replayed: AH Sequence Number seen (RFC 4302 §3.4.3)
      [14.002, 'Integrity Check Value does not verify'], // tampered care-of address
    ]);
    const mallory = sim.nodeState<AdversaryV6State>('Mallory');
    expect([mallory.attempted, mallory.abandoned, mallory.overheardCount]).toEqual([3, 0, 1]);
    const realCareOf = peekIpv6Binding(cn.cache, HOME, 20 * S)!.careOfAddress;
    expect(realCareOf).toMatch(/^2001:db8:2::/);
    expect(cn.refused).toHaveLength(3);
    const afterAttacks = sentBy(trace, 'CN').filter((s) => s.flowSequence !== undefined && s.e.time > 10 * S);
    expect(afterAttacks.length).toBeGreaterThan(10);
    for (const s of afterAttacks) expect(s.p.header.destination).toBe(realCareOf);
    expect(trace.some((e) => e.node === 'Mallory' && e.kind === 'delivered')).toBe(false);
  });
  it('under return routability, a forgery from a guessed Kbm and a tampered copy fail the authorization data, and a replay is not newer', () => {
    const json = structuredClone(rr) as { nodes: unknown[] };
    type Node = { id: string; settings: { actions: Record<string, unknown>[] } };
    const mallory = structuredClone((fb as unknown as { nodes: Node[] }).nodes.find((n) => n.id === 'Mallory')!);
    mallory.settings.actions[0]!.authorization = 'return-routability';
    json.nodes.push(mallory);
    const { trace, cn } = run(json, 20);
    const refusals = trace.filter((e) => e.node === 'CN' && e.kind === 'dropped' && / refused$/.test(e.summary));
    expect(refusals.map((e) => [e.time / S, e.reason!.match(/Binding Authorization Data does not verify|is not newer/)?.[0]])).toEqual([
      [10.002, 'Binding Authorization Data does not verify'], // forged: a guessed Kbm (RFC 6275 §5.2.6)
      [12.002, 'is not newer'], // replayed: its Sequence Number was already accepted (RFC 6275 §9.5.1)
      [14.002, 'Binding Authorization Data does not verify'], // tampered care-of address
    ]);
    expect(peekIpv6Binding(cn.cache, HOME, 20 * S)!.careOfAddress).toMatch(/^2001:db8:2::/);
  });
});
