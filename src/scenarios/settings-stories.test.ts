// Behaviours the engine always had but only code could reach, now set from a
// scenario file (FORMAT.md), each told as a story on virtual time: a built-in
// lesson with one setting changed, and what crosses the wire because of it.

import { describe, expect, it } from 'vitest';
import { runHeadless } from '../cli/commands/run';
import { seconds } from '../engine/node/time';
import type { ForeignAgentState } from '../engine/protocol/nodes/fa/foreign-agent';
import type { HomeAgentState } from '../engine/protocol/nodes/ha/home-agent';
import { builtinScenario } from './builtin/index';
import { LAB, followFlow, keysEstablished, receivedMessages, sentMessages, tunnelledBy } from './builtin/lesson-reading';
import { toLoadedScenario } from './to-topology';
import { parseScenario } from './validate';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const S = 1_000_000;

/** A built-in with `settings` merged into its nodes' settings (by node id), run headless until `untilS`. */
function runEdited(id: string, settings: Readonly<Record<string, Json>>, untilS: number) {
  const data = structuredClone(builtinScenario(id)!.data) as Json;
  for (const n of data.nodes) if (settings[n.id] !== undefined) n.settings = { ...(n.settings ?? {}), ...settings[n.id] };
  const parsed = parseScenario(data);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return runHeadless(toLoadedScenario(parsed.scenario), { until: seconds(untilS) });
}

describe('listAcknowledgingCorrespondents: the home agent keeps its list of correspondents that acknowledge (optim-08 §7.3)', () => {
  const run = runEdited('handoff-without-smooth-handoff', { HA: { listAcknowledgingCorrespondents: true } }, 19.9);
  const plain = runEdited('handoff-without-smooth-handoff', {}, 19.9);
  const bus = sentMessages(run.trace, 'binding-update', 'HA');

  it('its first Binding Update asks for an acknowledgement, and the correspondent\'s Binding Acknowledge puts it on the list', () => {
    expect(bus.length).toBeGreaterThanOrEqual(2);
    expect(bus[0]!.message.flags.acknowledge).toBe(true);
    const acks = receivedMessages(run.trace, 'binding-acknowledge', 'HA');
    expect(acks.length).toBeGreaterThanOrEqual(1);
    expect(acks[0]!.message).toMatchObject({ status: 0, homeAddress: LAB.mn });
    expect(run.trace.some((e) => e.node === 'HA' && e.summary === `acknowledged correspondents: added ${LAB.mn}` && e.time === acks[0]!.time)).toBe(true);
  });

  it('when the mobile node registers through FA2, the listed correspondent gets the new binding at once (A = 1), so nothing is lost in FA1\'s empty cell', () => {
    const accepted = sentMessages(run.trace, 'registration-reply', 'HA').find((r) => r.ip.destination !== '10.0.2.2')!;
    const toNewCoa = bus.find((b) => b.message.careOfAddress === LAB.fa2)!;
    expect(toNewCoa.time).toBe(accepted.time); // trigger f: on the accepted registration, not on a later datagram
    expect([toNewCoa.ip.destination, toNewCoa.message.flags.acknowledge]).toEqual([LAB.cn, true]);
    const after = followFlow(run.trace, 'cn-to-mn').filter((d) => d.sentAt > 13.5 * S && d.sentAt < 19.8 * S);
    expect(after.length).toBeGreaterThan(0);
    for (const d of after) expect(d.arrivedAt).not.toBeNull();
    const lostWithout = followFlow(plain.trace, 'cn-to-mn').filter((d) => d.sentAt > 13.5 * S && d.sentAt < 19.8 * S && d.arrivedAt === null);
    expect(lostWithout.length).toBeGreaterThan(0); // the lesson as shipped: the stale binding loses datagrams
  });

  it('left at its default, the home agent asks for no acknowledgement and keeps no list', () => {
    const first = sentMessages(plain.trace, 'binding-update', 'HA')[0]!;
    expect(first.message.flags.acknowledge).toBe(false);
    expect(sentMessages(plain.trace, 'binding-acknowledge', 'CN')).toEqual([]);
    expect(plain.simulation.nodeState<HomeAgentState>('HA').routeOptimization.acknowledged.acknowledged).toEqual({});
  });
});

describe('a correspondent\'s encapsulation: minimal or GRE to the care-of address where the Binding Update allows it (RFC 2002 §3.3; optim-08 §4.3)', () => {
  const minimalEverywhere = { FA1: { minimalEncapsulation: true }, MN: { encapsulation: 'minimal' }, CN: { encapsulation: 'minimal' } };

  it('the mobile node registered with M, so the Binding Update sets M, and the correspondent tunnels with minimal encapsulation; every datagram arrives', () => {
    const run = runEdited('route-optimization', minimalEverywhere, 8);
    const bu = sentMessages(run.trace, 'binding-update', 'HA')[0]!;
    expect(bu.message.flags.minimalEncapsulation).toBe(true);
    const direct = followFlow(run.trace, 'cn-to-mn').filter((d) => d.sentAt > bu.time && d.sentAt < 7.9 * S);
    expect(direct.length).toBeGreaterThanOrEqual(10);
    for (const d of direct) {
      expect(tunnelledBy(d, 'CN', LAB.cn)).toBe(true);
      expect(d.legs.find((leg) => leg.node === 'CN')!.tunnels).toEqual(['minimal encapsulation']);
      expect(d.arrivedAt).not.toBeNull();
    }
  });

  it('a correspondent that wants GRE keeps to IP in IP when the Binding Update did not set G, and its trace says why', () => {
    const run = runEdited('route-optimization', { CN: { encapsulation: 'gre' } }, 4);
    const decisions = run.trace.filter((e) => e.node === 'CN' && e.summary.startsWith('tunnel to'));
    expect(decisions.length).toBeGreaterThan(0);
    for (const e of decisions) expect([e.summary, e.reason]).toEqual([`tunnel to ${LAB.fa1} (ip-in-ip)`, 'gre is not permitted by the Binding Update\'s M/G bits']);
  });
});

describe('previousForeignAgentForwarding false: the notification carries the home address — "forget me entirely" (Perkins & Johnson §4.2)', () => {
  const run = runEdited('smooth-handoff', { MN: { previousForeignAgentForwarding: false } }, 20);
  const forwarded = runEdited('smooth-handoff', {}, 20);

  it('the Binding Update FA2 builds from the notification names the home address as care-of address', () => {
    const bu = sentMessages(run.trace, 'binding-update', 'FA2');
    expect(bu).toHaveLength(1);
    expect([bu[0]!.ip.destination, bu[0]!.message.careOfAddress]).toEqual([LAB.fa1, LAB.mn]);
    expect(sentMessages(forwarded.trace, 'binding-update', 'FA2')[0]!.message.careOfAddress).toBe(LAB.fa2);
  });

  it('FA1 drops its visitor entry and keeps no forwarding entry', () => {
    const fa1 = run.simulation.nodeState<ForeignAgentState>('FA1');
    expect(fa1.visitors.current).toEqual({});
    expect(fa1.bindingCache.entries).toEqual({});
    expect(run.trace.some((e) => e.node === 'FA1' && e.summary === 'no forwarding binding')).toBe(true);
    expect(forwarded.trace.some((e) => e.node === 'FA1' && e.summary === `binding cache: added ${LAB.mn}`)).toBe(true);
  });

  it('a datagram the correspondent still tunnels to FA1 goes home in a special tunnel, and the home agent tunnels it on to FA2: it still arrives, by a longer way', () => {
    const stale = followFlow(run.trace, 'cn-to-mn').filter((d) => d.path.includes('FA1') && d.path.includes('FA2'));
    expect(stale.length).toBeGreaterThanOrEqual(1);
    for (const d of stale) {
      expect(d.path).toEqual(['R', 'FA1', 'R', 'HA', 'R', 'FA2', 'MN']);
      expect(d.arrivedAt).not.toBeNull();
    }
  });
});

describe('foreignAgentPublicKeys: the home agent knows FA1\'s public key (Perkins & Johnson §9.3 step 3)', () => {
  const run = runEdited('key-foreign-agent-public-key', { HA: { foreignAgentPublicKeys: ['FA1'] } }, 6);

  it('the home agent distributes the registration key encrypted with the key its administrator configured, and FA1 and the mobile node end up with the same key', () => {
    const step = run.trace.filter((e) => e.node === 'HA' && e.summary.startsWith('§9.3 HA: the FA\'s public key is configured here'));
    expect(step).toHaveLength(1);
    expect(step[0]!.reason).toBe('branch taken');
    const fa = keysEstablished(run.trace, 'FA1');
    const mn = keysEstablished(run.trace, 'MN');
    expect(fa).toHaveLength(1);
    expect(mn).toHaveLength(1);
    expect(fa[0]!.record.method).toBe(3);
    expect(mn[0]!.record.mobileNode.key).toBe(fa[0]!.record.foreignAgent.key);
    expect(mn[0]!.record.mobileNode.key).not.toBeNull();
  });
});

describe('masterKeyPeers with a foreign agent: its administrator was handed a derived key too (Perkins & Johnson §5)', () => {
  const run = runEdited('master-key', { HA: { masterKeyPeers: ['CN', 'FA1'] } }, 3);

  it('FA1 relays from its wired address yet holds the key derived for its care-of address; the home agent derives the same one, accepts, and acts as key distributor through it', () => {
    const relayed = sentMessages(run.trace, 'registration-request', 'FA1');
    expect(relayed.length).toBeGreaterThan(0);
    expect(relayed[0]!.ip.source).toBe('10.0.2.2');
    expect(relayed[0]!.message.extensions.map((e) => e.kind)).toContain('foreign-home-auth');
    expect(sentMessages(run.trace, 'registration-reply', 'HA').map((r) => r.message.code)).toEqual([0]);
    expect(keysEstablished(run.trace, 'FA1').map((k) => k.record.method)).toEqual([2]);
  });
});
