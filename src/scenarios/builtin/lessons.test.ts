// One story per built-in scenario: run it headless with the real protocol for
// a bounded stretch of virtual time and check that it actually shows the
// lesson its narrative promises — on the trace (what crossed the wire), the
// run metrics and the nodes' final state. A built-in whose story stops being
// true is a broken lesson, whatever its unit tests say.

import { describe, expect, it } from 'vitest';
import { LAB, followFlow, keysEstablished, mean, receivedMessages, runLesson, sentMessages, tableChanges, tunnelledBy, type FollowedDatagram } from './lesson-reading';
import { cn, ha, fa, mn, types, roAuthSpi, arrived, oneWayMs, TRIANGLE, S } from './lesson-story-helpers';


describe('triangle-routing', () => {
  const run = runLesson('triangle-routing', 11.9);
  const toMn = followFlow(run.trace, 'cn-to-mn');

  it('every correspondent datagram goes to the home network and is tunnelled by the home agent (RFC 2002 §4.2.3)', () => {
    expect(toMn.length).toBeGreaterThanOrEqual(19);
    const sent = toMn.filter((x) => x.sentAt < 11.9 * S);
    expect(sent.length).toBeGreaterThanOrEqual(19);
    for (const d of sent) {
      expect(d.path).toEqual(TRIANGLE);
      expect(tunnelledBy(d, 'HA', LAB.ha)).toBe(true);
      expect(tunnelledBy(d, 'CN', LAB.cn)).toBe(false);
    }
  });

  it('the mobile node\'s replies and its own datagrams go straight to the correspondent, untunnelled', () => {
    const replies = [...followFlow(run.trace, 'cn-to-mn', LAB.mn), ...followFlow(run.trace, 'mn-to-cn', LAB.mn)];
    expect(replies.length).toBeGreaterThanOrEqual(38);
    const sent = replies.filter((x) => x.sentAt < 11.8 * S);
    expect(sent.length).toBeGreaterThanOrEqual(38);
    for (const r of sent) {
      expect(r.path).toEqual(['FA1', 'R', 'CN']);
      expect(r.legs.every((leg) => leg.tunnels.length === 0)).toBe(true);
    }
  });

  it('nothing ever changes: no Binding Update, an empty binding cache, the HA tunnels every datagram', () => {
    expect(sentMessages(run.trace, 'binding-update')).toEqual([]);
    expect(cn(run.simulation).ro.cache.entries).toEqual({});
    expect(ha(run.simulation).bindings.bindings[LAB.mn]!.map((b) => b.careOfAddress)).toEqual([LAB.fa1]);
    const flow = run.metrics.flows.find((f) => f.flow === 'cn-to-mn')!;
    expect(flow.lost).toBe(0);
    expect(flow.tunnelled).toBe(flow.delivered);
    expect(run.metrics.homeAgentTunnelling.find((t) => t.node === 'HA')!.packets).toBe(toMn.filter((d) => tunnelledBy(d, 'HA', LAB.ha)).length);
  });
});

describe('route-optimization', () => {
  const run = runLesson('route-optimization', 11.9);
  const triangle = runLesson('triangle-routing', 11.9);
  const toMn = followFlow(run.trace, 'cn-to-mn');
  const learnedAt = tableChanges(run.trace, 'CN', 'binding cache').find((e) => e.summary.includes('added'))?.time ?? Infinity;
  const optimized = toMn.filter((d) => d.sentAt > learnedAt && d.sentAt < 11.9 * S);

  it('the first datagram still takes the triangle, then the HA sends the correspondent one authenticated Binding Update (Perkins & Johnson §3.3; optim-08 §3.1)', () => {
    expect(toMn[0]!.path).toEqual(TRIANGLE);
    expect(tunnelledBy(toMn[0]!, 'HA', LAB.ha)).toBe(true);
    const bus = sentMessages(run.trace, 'binding-update', 'HA');
    expect(bus).toHaveLength(1);
    const bu = bus[0]!;
    expect([bu.ip.destination, bu.message.homeAddress, bu.message.careOfAddress]).toEqual([LAB.cn, LAB.mn, LAB.fa1]);
    expect(roAuthSpi(bu.message.extensions)).toEqual([1001]);
    expect(learnedAt).toBeLessThan(toMn[1]!.sentAt);
    const entry = cn(run.simulation).ro.cache.entries[LAB.mn]!;
    expect([entry.careOfAddress, entry.haAddress, entry.spi, entry.origin]).toEqual([LAB.fa1, LAB.ha, 1001, 'home-agent']);
  });

  it('from then on the correspondent tunnels straight to FA1, bypassing the home agent', () => {
    expect(optimized.length).toBeGreaterThanOrEqual(18);
    for (const d of optimized) {
      expect(d.path).toEqual(['R', 'FA1', 'MN']);
      expect(tunnelledBy(d, 'CN', LAB.cn)).toBe(true);
    }
    expect(run.metrics.homeAgentTunnelling.find((t) => t.node === 'HA')!.packets).toBe(1);
  });

  it('the optimized path has fewer hops and lower latency than triangle routing', () => {
    const tri = arrived(followFlow(triangle.trace, 'cn-to-mn'));
    expect(mean(optimized.map((d) => d.transmissions))).toBeLessThan(mean(tri.map((d) => d.transmissions)));
    expect(mean(optimized.map(oneWayMs))).toBeLessThan(mean(tri.map(oneWayMs)));
    const hops = (r: typeof run) => r.metrics.flows.find((f) => f.flow === 'cn-to-mn')!.meanHops!;
    expect(hops(run)).toBeLessThan(hops(triangle)); // round trip, as `mip-lab run` reports it
  });
});

describe('handoff-without-smooth-handoff', () => {
  const run = runLesson('handoff-without-smooth-handoff', 20);
  const toMn = followFlow(run.trace, 'cn-to-mn');
  const LEFT_OVERLAP = 13.5 * S; // the MN walks out of the overlap, fully into FA2's cell

  it('in the overlap every datagram arrives; after the mobile node leaves it, datagrams sent on the stale binding reach FA1 and are lost (optim-08 §3.1)', () => {
    const inOverlap = toMn.filter((d) => d.sentAt < LEFT_OVERLAP - 0.1 * S);
    expect(inOverlap.length).toBeGreaterThanOrEqual(50);
    expect(inOverlap.every((d) => d.arrivedAt !== null)).toBe(true);
    const lost = toMn.filter((d) => d.sentAt >= LEFT_OVERLAP && d.sentAt < 19.9 * S && d.arrivedAt === null);
    expect(lost.length).toBeGreaterThan(0);
    for (const d of lost) {
      expect(tunnelledBy(d, 'CN', LAB.cn)).toBe(true);
      expect(d.path.at(-1)).toBe('FA1');
    }
  });

  it('no foreign agent is told of the move: no Binding Update to FA1, and the mobile node registers anew through FA2', () => {
    expect(sentMessages(run.trace, 'binding-update').filter((m) => m.ip.destination === LAB.fa1)).toEqual([]);
    expect(ha(run.simulation).bindings.bindings[LAB.mn]!.map((b) => b.careOfAddress)).toEqual([LAB.fa2]);
  });

  // The narrative used to promise that "losses stop once the home agent updates the correspondent". Without smooth
  // handoff nothing prompts that update: the CN tunnels straight to FA1, so the HA sees no datagram (no trigger (a)), and
  // FA1 still lists the departed visitor, so it delivers into its cell instead of sending a Binding Warning or a special
  // tunnel (optim-08 §3.1, §4.1). The stale binding keeps losing until its lifetime runs out.
  it('the stale binding keeps losing every datagram until it expires: no Binding Update reaches the correspondent after the move', () => {
    expect(receivedMessages(run.trace, 'binding-update', 'CN').filter((m) => m.time > 12 * S)).toEqual([]);
    const entry = cn(run.simulation).ro.cache.entries[LAB.mn]!;
    expect(entry.careOfAddress).toBe(LAB.fa1);
    expect(entry.expiresAt!).toBeGreaterThan(20 * S);
    const late = toMn.filter((d) => d.sentAt >= LEFT_OVERLAP && d.sentAt < 19.9 * S);
    expect(late.length).toBeGreaterThanOrEqual(30);
    for (const d of late) {
      expect(d.arrivedAt).toBeNull();
      expect(d.path.at(-1)).toBe('FA1');
    }
  });
});

describe('smooth-handoff', () => {
  const run = runLesson('smooth-handoff', 20);
  const without = runLesson('handoff-without-smooth-handoff', 20);
  const toMn = followFlow(run.trace, 'cn-to-mn');
  const previousFaBu = sentMessages(run.trace, 'binding-update').find((m) => m.ip.destination === LAB.fa1);
  const faLearnedAt = tableChanges(run.trace, 'FA1', 'binding cache').find((e) => e.summary.includes('added'))?.time ?? Infinity;

  it('on arrival at FA2 the mobile node has FA2 send FA1 a Binding Update, and FA1 acknowledges it (optim-08 §3.2, §5.1)', () => {
    expect(previousFaBu).toBeDefined();
    const bu = previousFaBu!.message;
    expect([previousFaBu!.ip.source, bu.homeAddress, bu.careOfAddress, bu.flags.acknowledge]).toEqual([LAB.fa2, LAB.mn, LAB.fa2, true]);
    const keyWithFa1 = keysEstablished(run.trace, 'MN').find((k) => k.record.faAddress === LAB.fa1)!;
    expect(roAuthSpi(bu.extensions)).toEqual([keyWithFa1.record.mobileNode.spi]); // authenticated with the registration key
    const acks = receivedMessages(run.trace, 'binding-acknowledge', 'MN'); // FA1 tunnels it to FA2, which hands it to the MN
    expect(acks.length).toBeGreaterThan(0);
    expect(acks[0]!.ip.source).toBe(LAB.fa1);
    expect(acks[0]!.message.status).toBe(0);
    expect(bu.identification).toBeNull(); // part of a smooth handoff: no Identification (Perkins & Johnson §3.3)
    expect(acks[0]!.message.identification).toEqual({ high: 0, low: 0 }); // so the BA's is all zero
    expect(roAuthSpi(acks[0]!.message.extensions)).toEqual(roAuthSpi(bu.extensions)); // authenticated with the same key (Perkins & Johnson §3.5)
    expect(tableChanges(run.trace, 'MN', 'pending Binding Updates').some((e) => e.summary.includes('removed') && (e.reason ?? '').startsWith('acknowledged'))).toBe(true);
    const entry = fa(run.simulation, 'FA1').bindingCache.entries[LAB.mn]!;
    expect([entry.careOfAddress, entry.origin]).toEqual([LAB.fa2, 'smooth-handoff']);
  });

  it('FA1 forwards the datagrams still reaching it to FA2 instead of dropping them, so fewer are lost than without smooth handoff', () => {
    const rescued = toMn.filter((d) => d.legs.some((leg) => leg.node === 'FA1' && leg.kind === 'received' && leg.time > faLearnedAt));
    expect(rescued.length).toBeGreaterThan(0);
    for (const d of rescued) {
      expect(tunnelledBy(d, 'FA1', LAB.fa1)).toBe(true);
      expect(d.arrivedAt).not.toBeNull();
      expect(d.path.slice(-2)).toEqual(['FA2', 'MN']);
    }
    const lostAfterMove = (ds: readonly FollowedDatagram[]) => ds.filter((d) => d.sentAt >= 12 * S && d.sentAt < 19.9 * S && d.arrivedAt === null).length;
    expect(lostAfterMove(toMn)).toBeLessThan(lostAfterMove(followFlow(without.trace, 'cn-to-mn')));
    const afterLearning = toMn.filter((d) => d.sentAt > faLearnedAt && d.sentAt < 19.9 * S);
    expect(afterLearning.length).toBeGreaterThanOrEqual(30); // FA1 learns at ≈12.8 s: ≈7 s of datagrams every 200 ms
    expect(afterLearning.every((d) => d.arrivedAt !== null)).toBe(true);
  });

  it('no datagram is lost at all across the move: the mobile node registers with FA2 while still in the overlap, and FA1 forwards what reaches it afterwards (optim-08 §3.2)', () => {
    expect(toMn.filter((d) => d.sentAt < 19.9 * S).length).toBeGreaterThanOrEqual(80);
    expect(toMn.filter((d) => d.sentAt < 19.9 * S && d.arrivedAt === null)).toEqual([]);
  });
});

interface KeyLesson {
  readonly id: string;
  readonly method: 1 | 2 | 3 | 4 | 5;
  /** Key extensions in the Request as FA1 relays it to the home agent. */
  readonly request: readonly number[];
  /** Key extensions in the home agent's Reply. */
  readonly reply: readonly number[];
  readonly check?: (k: ReturnType<typeof keysEstablished>[number]) => void;
}

const KEY_EXTENSIONS = [113, 114, 115, 116, 120, 121, 122, 123, 124, 125];
const KEY_LESSONS: readonly KeyLesson[] = [
  { id: 'key-existing-msa', method: 1, request: [], reply: [], check: (k) => expect([k.record.mobileNode.key, k.record.mobileNode.spi]).toEqual(['a1a2a3a4a5a6a7a8a9aaabacadaeafa0', 2000]) },
  { id: 'key-home-agent-kdc', method: 2, request: [113], reply: [120, 125, 121] },
  { id: 'key-foreign-agent-public-key', method: 3, request: [115], reply: [120, 123] },
  { id: 'key-mobile-node-public-key', method: 4, request: [114], reply: [122] },
  { id: 'key-diffie-hellman', method: 5, request: [116], reply: [124], check: (k) => expect(k.record.diffieHellman?.group).toBe('modp-768') },
];

describe.each(KEY_LESSONS.map((l) => [l.id, l] as const))('%s', (id, lesson) => {
  const run = runLesson(id, 20);

  it(`the mobile node and FA1 establish the same key under the same SPI, by method ${lesson.method} (regkey-00 §3; Perkins & Johnson §9)`, () => {
    const atMn = keysEstablished(run.trace, 'MN').find((k) => k.record.faAddress === LAB.fa1);
    const atFa = keysEstablished(run.trace, 'FA1')[0];
    expect(atMn).toBeDefined();
    expect(atFa).toBeDefined();
    expect([atMn!.record.method, atFa!.record.method]).toEqual([lesson.method, lesson.method]);
    expect(atMn!.record.mobileNode.key).toMatch(/^[0-9a-f]{32}$/);
    expect(atFa!.record.foreignAgent.key).toBe(atMn!.record.mobileNode.key);
    expect(atFa!.record.foreignAgent.spi).toBe(atMn!.record.mobileNode.spi);
    lesson.check?.(atMn!);
  });

  it('the registration carries the key extensions of that method', () => {
    const relayed = sentMessages(run.trace, 'registration-request', 'FA1')[0]!;
    const reply = sentMessages(run.trace, 'registration-reply', 'HA')[0]!;
    for (const t of lesson.request) expect(types(relayed.message.extensions)).toContain(t);
    for (const t of lesson.reply) expect(types(reply.message.extensions)).toContain(t);
    if (lesson.method === 1) expect(types([...relayed.message.extensions, ...reply.message.extensions]).filter((t) => KEY_EXTENSIONS.includes(t))).toEqual([]);
  });

  it('after the move at 15 s, that key authenticates the smooth-handoff Binding Update to FA1', () => {
    const spi = keysEstablished(run.trace, 'MN').find((k) => k.record.faAddress === LAB.fa1)!.record.mobileNode.spi;
    const bu = sentMessages(run.trace, 'binding-update').find((m) => m.ip.destination === LAB.fa1);
    expect(bu).toBeDefined();
    expect(bu!.time).toBeGreaterThan(15 * S);
    expect(roAuthSpi(bu!.message.extensions)).toEqual([spi]);
    const ack = receivedMessages(run.trace, 'binding-acknowledge', 'MN').find((m) => m.ip.source === LAB.fa1);
    expect(ack?.message.status).toBe(0);
    // Acknowledged, FA1's key is released (Perkins & Johnson §4.1; optim-08 §3.2): the MN now holds only FA2's.
    expect(mn(run.simulation).foreignAgentKeys.map((k) => k.faAddress)).toEqual([LAB.fa2]);
  });
});
