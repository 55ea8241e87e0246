// One story per built-in scenario (the binding cache, security, return home
// and the free network; the routing, handoff and key lessons are in
// lessons.test.ts): run it headless with the real protocol for
// a bounded stretch of virtual time and check that it actually shows the
// lesson its narrative promises — on the trace (what crossed the wire), the
// run metrics and the nodes' final state. A built-in whose story stops being
// true is a broken lesson, whatever its unit tests say.

import { describe, expect, it } from 'vitest';
import type { BindingCacheEntry } from '../../engine/protocol/tables/binding-cache';
import { deriveNodeKey } from '../../engine/crypto/master-key';
import { findSecurityAssociation } from '../../engine/protocol/tables/security-associations';
import { hexToBytes } from '../to-topology';
import { loadBuiltin } from './index';
import { LAB, followFlow, keysEstablished, receivedMessages, runLesson, runLessonWithSettings, sentMessages, tableChanges, tunnelledBy, type FollowedDatagram } from './lesson-reading';
import { cn, ha, fa, mn, types, roAuthSpi, arrived, TRIANGLE, S } from './lesson-story-helpers';


describe('private-binding', () => {
  const run = runLesson('private-binding', 12);

  it('the mobile node registers with the P bit (OC-02)', () => {
    expect(sentMessages(run.trace, 'registration-request', 'MN')[0]!.message.flags.privateBinding).toBe(true);
  });

  it('the correspondent never learns the binding: every Binding Update it gets is a delete, rate-limited (Perkins & Johnson §3.6; OC-26)', () => {
    const bus = receivedMessages(run.trace, 'binding-update', 'CN');
    expect(bus.length).toBeGreaterThanOrEqual(3);
    expect(bus.map((bu) => [bu.message.careOfAddress, bu.message.lifetime])).toEqual(bus.map(() => [LAB.mn, 0]));
    const gaps = bus.slice(1).map((bu, k) => Math.round((bu.time - bus[k]!.time) / S));
    expect(gaps.slice(0, 3)).toEqual([1, 2, 4]);
    expect(tableChanges(run.trace, 'CN', 'binding cache').filter((e) => e.summary.includes('added'))).toEqual([]);
    expect(cn(run.simulation).ro.cache.entries).toEqual({});
  });

  it('so its datagrams keep the triangle route through the home agent', () => {
    const toMn = followFlow(run.trace, 'cn-to-mn').filter((d) => d.sentAt < 11.9 * S);
    expect(toMn.length).toBeGreaterThanOrEqual(19);
    expect(toMn.filter((d) => d.path.join() !== TRIANGLE.join())).toEqual([]);
  });
});

describe('binding-expiry', () => {
  const run = runLesson('binding-expiry', 32);

  it('the correspondent caches the binding for no longer than the 30 s registration', () => {
    const added = tableChanges(run.trace, 'CN', 'binding cache').find((e) => e.summary.includes('added'))!;
    expect((added.after as BindingCacheEntry).lifetimeSeconds).toBeLessThanOrEqual(30);
  });

  it('shortly before expiry it sends the HA a Binding Request, answered by a Binding Update with the same Identification (optim-08 §4.3, §5; OC-43)', () => {
    const added = tableChanges(run.trace, 'CN', 'binding cache').find((e) => e.summary.includes('added'))!;
    const expiresAt = (added.after as BindingCacheEntry).expiresAt!;
    const br = sentMessages(run.trace, 'binding-request', 'CN')[0];
    expect(br).toBeDefined();
    expect([br!.ip.destination, br!.message.homeAddress]).toEqual([LAB.ha, LAB.mn]);
    expect(br!.time).toBeLessThan(expiresAt);
    const answer = receivedMessages(run.trace, 'binding-update', 'CN').find((m) => m.time > br!.time);
    expect(answer).toBeDefined();
    expect(answer!.message.identification).toEqual(br!.message.identification);
    expect(answer!.time).toBeLessThan(expiresAt);
  });

  it('one Binding Request per refresh window: the answer cannot outlive the registration, so the correspondent asks no more (Perkins & Johnson §3.2; OC-43)', () => {
    const brs = sentMessages(run.trace, 'binding-request', 'CN');
    expect(brs).toHaveLength(1); // 30 datagrams used the entry inside its window: still one request
    expect(run.trace.some((e) => e.node === 'CN' && e.kind === 'decision' && /asks no more/.test(e.summary))).toBe(true);
  });

  it('the entry expires with the registration; one datagram takes the triangle and the home agent teaches the renewed binding; none is lost', () => {
    const run2 = runLesson('binding-expiry', 40);
    const expired = tableChanges(run2.trace, 'CN', 'binding cache').filter((e) => /expired/.test(e.summary));
    expect(expired).toHaveLength(1);
    const relearned = receivedMessages(run2.trace, 'binding-update', 'CN').filter((m) => m.time > expired[0]!.time);
    expect(relearned.length).toBeGreaterThanOrEqual(1);
    expect(relearned[0]!.message.lifetime).toBeGreaterThan(20);
    const flow = followFlow(run2.trace, 'cn-to-mn').filter((d) => d.sentAt > 3 * S && d.sentAt < 39 * S);
    expect(flow.length).toBeGreaterThanOrEqual(35);
    const triangle = flow.filter((d) => d.path.includes('HA'));
    expect(triangle).toHaveLength(1);
    expect(triangle[0]!.sentAt).toBeGreaterThan(expired[0]!.time);
    expect(flow.every((d) => d.path.at(-1) === 'MN')).toBe(true);
  });
});

describe('lru-eviction', () => {
  const run = runLesson('lru-eviction', 16);
  const evictions = tableChanges(run.trace, 'CN', 'binding cache').filter((e) => e.summary.includes('evicted'));

  it('the third mobile node\'s Binding Update evicts the least recently used entry from the two-entry cache (optim-08 §3.1; OC-33)', () => {
    expect(evictions.length).toBeGreaterThan(0);
    const first = evictions[0]!;
    expect(first.ref).toContain('optim-08 §3.1 (LRU); lab choice');
    expect(first.time).toBeGreaterThan(12 * S);
    expect(first.summary).toContain('10.1.0.10'); // MN1's entry: MN2's was learned later and used as recently
    expect(Object.keys(cn(run.simulation).ro.cache.entries)).toHaveLength(2);
  });

  it('traffic to the evicted node falls back to the triangle route until the home agent teaches the binding again', () => {
    const first = evictions[0]!;
    const next = followFlow(run.trace, 'to-mn1').find((d) => d.sentAt > first.time)!;
    expect(tunnelledBy(next, 'HA', LAB.ha)).toBe(true);
    expect(next.path).toEqual(['R', 'HA', 'R', 'FA1', 'MN1']);
    const relearned = sentMessages(run.trace, 'binding-update', 'HA').find((m) => m.time > next.sentAt && m.message.homeAddress === '10.1.0.10');
    expect(relearned).toBeDefined();
  });
});

describe('legacy-correspondent', () => {
  const run = runLesson('legacy-correspondent', 66);

  it('the home agent keeps offering Binding Updates with gaps of 1, 2, 4, 8, 16 and 32 s (optim-08 §7.1; OC-20)', () => {
    const times = sentMessages(run.trace, 'binding-update', 'HA').map((m) => m.time);
    const gaps = times.slice(1).map((t, i) => Math.round((t - times[i]!) / S));
    expect(gaps).toEqual([1, 2, 4, 8, 16, 32]);
  });

  it('the correspondent ignores them: no cache, and every datagram keeps the triangle route', () => {
    expect(cn(run.simulation).ro.cache.entries).toEqual({});
    const toMn = followFlow(run.trace, 'cn-to-mn').filter((d) => d.sentAt < 65.9 * S);
    expect(toMn.length).toBeGreaterThan(120);
    for (const d of toMn) {
      expect(d.path).toEqual(TRIANGLE);
      expect(tunnelledBy(d, 'CN', LAB.cn)).toBe(false);
    }
    const flow = run.metrics.flows.find((f) => f.flow === 'cn-to-mn')!;
    expect(flow.tunnelled).toBe(flow.delivered);
  });
});

describe('forged-binding-update', () => {
  const run = runLesson('forged-binding-update', 14);
  const forged = sentMessages(run.trace, 'binding-update', 'Mallory')[0];

  it('Mallory sends the correspondent a Binding Update pointing the mobile node at her address, with the HA\'s SPI', () => {
    expect(forged).toBeDefined();
    expect([forged!.ip.destination, forged!.message.homeAddress, forged!.message.careOfAddress]).toEqual([LAB.cn, LAB.mn, '198.51.100.66']);
    expect(roAuthSpi(forged!.message.extensions)).toEqual([1001]);
  });

  it('the correspondent refuses it at the authentication step (Status 131) and its cache is unchanged (optim-08 §4.3, §4.5)', () => {
    const refusal = run.trace.find((e) => e.node === 'CN' && e.kind === 'dropped' && e.time >= forged!.time);
    expect(refusal).toBeDefined();
    expect(refusal!.ref).toContain('Perkins & Johnson §3.5; optim-08 §4.5'); // the step whose failure is Status 131 (Perkins & Johnson §3.3; optim-08 §4.3)
    expect(refusal!.reason).toMatch(/authentication/);
    expect(tableChanges(run.trace, 'CN', 'binding cache').filter((e) => e.time >= forged!.time)).toEqual([]);
    const entry = cn(run.simulation).ro.cache.entries[LAB.mn]!;
    expect(entry.careOfAddress).toBe(LAB.fa1);
    expect(entry.updatedAt).toBeLessThan(forged!.time);
  });

  it('traffic is not hijacked: every later datagram still reaches the mobile node through FA1', () => {
    const after = followFlow(run.trace, 'cn-to-mn').filter((d) => d.sentAt > forged!.time && d.sentAt < 13.9 * S);
    expect(after.length).toBeGreaterThan(0);
    for (const d of after) expect(d.path.slice(-2)).toEqual(['FA1', 'MN']);
  });
});

describe('replayed-binding-update', () => {
  const run = runLesson('replayed-binding-update', 22);
  const replayed = sentMessages(run.trace, 'binding-update', 'Mallory')[0];

  it('after the move, Mallory replays the home agent\'s old Binding Update, the one pointing at FA1', () => {
    expect(replayed).toBeDefined();
    expect(replayed!.time).toBeGreaterThan(12 * S);
    const original = sentMessages(run.trace, 'binding-update', 'HA').find((m) => m.message.careOfAddress === LAB.fa1)!;
    expect(replayed!.payload).toEqual(original.payload); // genuine authenticator, old Identification
    expect(replayed!.message.careOfAddress).toBe(LAB.fa1);
  });

  it('the correspondent rejects it as a replay (Status 133) and keeps the current care-of address (optim-08 §4.3; OC-29)', () => {
    const refusal = run.trace.find((e) => e.node === 'CN' && e.kind === 'dropped' && e.time >= replayed!.time);
    expect(refusal).toBeDefined();
    expect(refusal!.reason).toMatch(/Status 133/);
    expect(refusal!.ref).toContain('lab choice: timestamp window as RFC 2002 §5.6.1');
    expect(tableChanges(run.trace, 'CN', 'binding cache').filter((e) => e.time >= replayed!.time)).toEqual([]);
    expect(cn(run.simulation).ro.cache.entries[LAB.mn]!.careOfAddress).toBe(LAB.fa2);
    const after = followFlow(run.trace, 'cn-to-mn').filter((d) => d.sentAt > replayed!.time && d.sentAt < 21.9 * S);
    expect(after.length).toBeGreaterThan(0);
    for (const d of after) expect(d.path.slice(-2)).toEqual(['FA2', 'MN']);
  });
});

describe('replayed-smooth-handoff', () => {
  const run = runLesson('replayed-smooth-handoff', 24);
  const replayed = sentMessages(run.trace, 'binding-update', 'Mallory')[0];
  /** How often each correspondent datagram was re-tunnelled by a foreign agent (an FA-built tunnel leg). */
  const retunnellings = (d: FollowedDatagram) => d.legs.filter((leg) => (leg.node === 'FA1' || leg.node === 'FA2') && leg.kind === 'forwarded' && leg.tunnels.length > 0).length;

  it('after the mobile node is back at FA1, Mallory replays the Binding Update that once released FA1 (care-of address FA2) (Perkins & Johnson §4.1)', () => {
    expect(replayed).toBeDefined();
    expect(replayed!.time).toBe(18 * S);
    const original = sentMessages(run.trace, 'binding-update', 'FA2').find((m) => m.ip.destination === LAB.fa1)!;
    expect(replayed!.payload).toEqual(original.payload);
    expect([replayed!.ip.source, replayed!.ip.destination, replayed!.message.careOfAddress, replayed!.message.identification]).toEqual([LAB.fa2, LAB.fa1, LAB.fa2, null]);
    expect(ha(run.simulation).bindings.bindings[LAB.mn]!.map((b) => b.careOfAddress)).toEqual([LAB.fa1]); // the mobile node is registered at FA1
  });

  it('by the paper\'s rules FA1 accepts it — no Identification to check, a key that never expires — and drops the visitor it still serves (Perkins & Johnson §3.3)', () => {
    const accepted = run.trace.filter((e) => e.node === 'FA1' && e.time >= replayed!.time && e.summary === 'smooth-handoff Binding Update authenticated');
    expect(accepted).toHaveLength(1);
    expect(tableChanges(run.trace, 'FA1', 'visitor list').filter((e) => e.time >= replayed!.time && e.summary === `visitor list: removed ${LAB.mn}`)).toHaveLength(1);
    expect(fa(run.simulation, 'FA1').bindingCache.entries[LAB.mn]).toMatchObject({ careOfAddress: LAB.fa2, origin: 'smooth-handoff' });
  });

  it('FA2 still forwards to FA1, but no datagram bounces between them: FA2 refuses to send one back into the tunnel it came from, and says so (RFC 2003 §3.2)', () => {
    const after = followFlow(run.trace, 'cn-to-mn').filter((d) => d.sentAt >= replayed!.time && d.sentAt < 23.9 * S);
    expect(after.length).toBeGreaterThan(0);
    for (const d of after) expect(retunnellings(d)).toBeLessThanOrEqual(1);
    const cuts = run.trace.filter((e) => e.node === 'FA2' && e.kind === 'dropped' && e.time >= replayed!.time && e.ref.includes('RFC 2003 §3.2'));
    expect(cuts.length).toBeGreaterThan(0);
    expect(cuts[0]!.reason).toContain(`came through a tunnel from ${LAB.fa1}`);
  });

  it('with the optim-08 rule at the foreign agents the update carries the Request\'s Identification, and FA1 refuses the replay (Status 133): the mobile node keeps receiving (optim-08 §5.1)', () => {
    const variant = runLessonWithSettings('replayed-smooth-handoff', 24, { FA1: { smoothHandoffIdentification: 'optim-08' }, FA2: { smoothHandoffIdentification: 'optim-08' } });
    const again = sentMessages(variant.trace, 'binding-update', 'Mallory')[0];
    expect(again?.message.identification).not.toBeNull();
    const refusals = variant.trace.filter((e) => e.node === 'FA1' && e.kind === 'dropped' && e.time >= again!.time && e.summary.startsWith('Binding Update'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.reason).toMatch(/^Status 133/);
    expect(fa(variant.simulation, 'FA1').visitors.current[LAB.mn]).toBeDefined();
    const after = followFlow(variant.trace, 'cn-to-mn').filter((d) => d.sentAt > again!.time && d.sentAt < 23.9 * S);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((d) => d.arrivedAt === null)).toEqual([]);
  });
});

describe('return-home', () => {
  const run = runLesson('return-home', 20);
  const deregistration = sentMessages(run.trace, 'registration-request', 'MN').find((m) => m.message.lifetime === 0);

  it('back home at 15 s, the mobile node deregisters and the home agent accepts (RFC 2002 §3.6.1.2)', () => {
    expect(deregistration).toBeDefined();
    expect(deregistration!.time).toBeGreaterThan(15 * S);
    expect([deregistration!.ip.destination, deregistration!.message.careOfAddress]).toEqual([LAB.ha, LAB.mn]);
    const reply = sentMessages(run.trace, 'registration-reply', 'HA').find((m) => m.time > deregistration!.time)!;
    expect([reply.message.code, reply.message.lifetime]).toEqual([0, 0]);
    expect(ha(run.simulation).bindings.bindings[LAB.mn] ?? []).toEqual([]);
    expect(mn(run.simulation).atHome).toBe(true);
  });

  it('no Binding Warning extension is needed: the mobile node releases FA1 itself — a Binding Update with care-of address = home address, Lifetime 0, authenticated with their key — and FA1 acknowledges and drops the visitor entry (Perkins & Johnson §3.3, §3.5, §4.2)', () => {
    expect(types(deregistration!.message.extensions)).toEqual([32]); // Mobile-Home authentication only
    const release = sentMessages(run.trace, 'binding-update', 'MN');
    expect(release).toHaveLength(1);
    expect([release[0]!.ip.destination, release[0]!.message.careOfAddress, release[0]!.message.lifetime]).toEqual([LAB.fa1, LAB.mn, 0]);
    const keyWithFa1 = keysEstablished(run.trace, 'MN').find((k) => k.record.faAddress === LAB.fa1)!;
    expect(roAuthSpi(release[0]!.message.extensions)).toEqual([keyWithFa1.record.mobileNode.spi]);
    const acks = receivedMessages(run.trace, 'binding-acknowledge', 'MN');
    expect(acks).toHaveLength(1);
    expect([acks[0]!.ip.source, acks[0]!.message.status, roAuthSpi(acks[0]!.message.extensions)]).toEqual([LAB.fa1, 0, [keyWithFa1.record.mobileNode.spi]]);
    expect(fa(run.simulation, 'FA1').visitors.current[LAB.mn]).toBeUndefined();
  });

  it('the home agent tells the correspondent it had informed to delete its binding (Lifetime 0), and the cache entry goes (Perkins & Johnson §3.3, §4.2)', () => {
    const deletes = sentMessages(run.trace, 'binding-update', 'HA').filter((m) => m.time > deregistration!.time);
    expect(deletes).toHaveLength(1);
    expect([deletes[0]!.ip.destination, deletes[0]!.message.careOfAddress, deletes[0]!.message.lifetime]).toEqual([LAB.cn, LAB.mn, 0]);
    expect(cn(run.simulation).ro.cache.entries[LAB.mn]).toBeUndefined();
  });

  it('no datagram is lost in FA1\'s empty cell after the return', () => {
    const afterReturn = followFlow(run.trace, 'cn-to-mn').filter((d) => d.sentAt > deregistration!.time && d.sentAt < 19.9 * S);
    expect(afterReturn.length).toBeGreaterThan(0);
    expect(afterReturn.filter((d) => d.arrivedAt === null)).toEqual([]);
  });

  it('plain, untunnelled delivery resumes on the home link', () => {
    const after = followFlow(run.trace, 'cn-to-mn').filter((d) => d.sentAt > 17 * S && d.sentAt < 19.9 * S);
    expect(after.length).toBeGreaterThan(0);
    for (const d of after) {
      expect(d.arrivedAt).not.toBeNull();
      expect(d.legs.every((leg) => leg.tunnels.length === 0)).toBe(true);
      expect(d.path).toEqual(['R', 'HA', 'MN']);
    }
  });
});

describe('explore', () => {
  const run = runLesson('explore', 30);
  const toMn = followFlow(run.trace, 'cn-to-mn');

  it('left alone, the mobile node stays with FA1: triangle first, then the direct route after the home agent\'s Binding Update (optim-08 §3)', () => {
    expect(sentMessages(run.trace, 'registration-request', 'MN').map((m) => m.message.careOfAddress)).toEqual([LAB.fa1]); // one 300 s registration covers the 30 s
    expect(toMn[0]!.path).toEqual(TRIANGLE);
    const bu = sentMessages(run.trace, 'binding-update', 'HA')[0]!;
    expect(bu.ip.destination).toBe(LAB.cn);
    const later = toMn.filter((d) => d.sentAt > bu.time + S && d.sentAt < 29.9 * S);
    expect(later.length).toBeGreaterThan(100);
    for (const d of later) {
      expect(d.path).toEqual(['R', 'FA1', 'MN']);
      expect(tunnelledBy(d, 'CN', LAB.cn)).toBe(true);
    }
  });

  it('has no scripted moves: every handoff is the learner\'s', () => {
    expect(loadBuiltinMoves('explore')).toEqual([]);
    const settled = toMn.filter((d) => d.sentAt < 29.9 * S);
    expect(settled.length).toBeGreaterThan(100);
    expect(arrived(settled).length).toBe(settled.length);
  });
});

describe('master-key', () => {
  const run = runLesson('master-key', 11.9);
  const toMn = followFlow(run.trace, 'cn-to-mn');
  const MASTER = hexToBytes('6d61737465722d6b65792d3132333435');

  it('FA1 was handed no derived key, so the home agent expects no Foreign-Home authenticator from it: the registration is accepted (Perkins & Johnson §5)', () => {
    const replies = sentMessages(run.trace, 'registration-reply', 'HA');
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.map((r) => r.message.code)).toEqual(replies.map(() => 0));
    expect(mn(run.simulation).registration?.target.careOfAddress).toBe(LAB.fa1);
    expect(findSecurityAssociation(ha(run.simulation).associations, '10.0.2.2', 256, run.simulation.now)).toBeNull();
  });

  it('the correspondent holds the key derived for it, MD5(address ‖ master ‖ address); the home agent stores none and authenticates its Binding Update with the same key, SPI 256', () => {
    const held = Object.values(cn(run.simulation).associations.entries).map((e) => e.association);
    expect(held.length).toBeGreaterThan(0); // one per address of the home agent (selected by peer address and SPI)
    for (const a of held) expect([a.spi, a.key]).toEqual([256, deriveNodeKey(MASTER, LAB.cn)]);
    expect(Object.values(ha(run.simulation).associations.entries).map((e) => e.association.peer)).not.toContain(LAB.cn);
    const bus = sentMessages(run.trace, 'binding-update', 'HA');
    expect(bus).toHaveLength(1);
    expect([bus[0]!.ip.destination, roAuthSpi(bus[0]!.message.extensions)]).toEqual([LAB.cn, [256]]);
    expect(cn(run.simulation).ro.cache.entries[LAB.mn]).toMatchObject({ careOfAddress: LAB.fa1, spi: 256 });
  });

  it('from then on the correspondent tunnels straight to FA1, as with a configured key', () => {
    const learnedAt = tableChanges(run.trace, 'CN', 'binding cache').find((e) => e.summary.includes('added'))!.time;
    const direct = toMn.filter((d) => d.sentAt > learnedAt && d.sentAt < 11.9 * S);
    expect(direct.length).toBeGreaterThanOrEqual(18);
    for (const d of direct) {
      expect(d.path).toEqual(['R', 'FA1', 'MN']);
      expect(tunnelledBy(d, 'CN', LAB.cn)).toBe(true);
    }
  });
});

function loadBuiltinMoves(id: string) {
  return loadBuiltin(id).moves;
}
