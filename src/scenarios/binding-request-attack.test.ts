// Story: spoofed Binding Requests around a handoff (Perkins & Johnson §3.3;
// optim-08 §4.2, §4.3; RFC 2002 §5.6.1). Binding Requests are not
// authenticated, and the home agent answers one with a Binding Update it
// signs. Mallory, on the correspondent's LAN, sends the home agent Binding
// Requests in the correspondent's name whose timestamp is 4.9 s ahead of the
// clock — inside the ±5 s window — just before and around the mobile node's
// move to FA2 at 12 s. Had the home agent copied that timestamp into its
// answers (optim-08 §4.3 read literally), the correspondent would have taken
// it as the newest and refused the home agent's genuine Binding Updates of
// the next 4.9 s as replays: the ones that tell it about FA2. The lab's home
// agent copies a requested timestamp only within the window behind its own
// clock and answers anything else with its own, so the attack fails: the
// genuine updates after the handoff are accepted.
//
// The scenario is the built-in "replayed-binding-update" (handoff at 12 s, a
// datagram every 500 ms) with Mallory's actions replaced.

import { describe, expect, it } from 'vitest';
import { ntpDifference, ntpNow } from '../engine/crypto/identification';
import type { TraceEvent } from '../engine/node/contract';
import { seconds } from '../engine/node/time';
import type { CorrespondentNodeState } from '../engine/protocol/nodes/cn/correspondent';
import { mipMessages } from '../engine/protocol/nodes/test-support/trace-reading';
import { builtinScenario } from './builtin/index';
import { LAB } from './builtin/lesson-reading';
import { buildSimulation } from './load';
import { PROTOCOL_REGISTRY } from './registry';
import { toLoadedScenario } from './to-topology';
import { parseScenario } from './validate';

const S = 1_000_000;
const HANDOFF = 12 * S;

function spoofAt(atS: number, aheadS = 4.9) {
  return { atS, kind: 'spoof-binding-request', to: 'HA', as: 'CN', homeAddress: LAB.mn, aheadS };
}

/** The built-in with Mallory's actions replaced. */
function withActions(actions: readonly unknown[]): unknown {
  const data = builtinScenario('replayed-binding-update')!.data as { nodes: { id: string; settings?: Record<string, unknown> }[] };
  return { ...data, nodes: data.nodes.map((n) => (n.id === 'Mallory' ? { ...n, settings: { actions } } : n)) };
}

/** The built-in with Mallory's actions replaced, run to `untilS` with the whole trace kept. */
function runAttack(actions: readonly unknown[], untilS: number) {
  const parsed = parseScenario(withActions(actions));
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const loaded = toLoadedScenario(parsed.scenario);
  const simulation = buildSimulation(loaded, PROTOCOL_REGISTRY);
  simulation.runUntil(seconds(untilS));
  return { simulation, trace: simulation.trace, epochMs: loaded.epochMs };
}

const busFromHa = (trace: readonly TraceEvent[]) => mipMessages(trace, ['sent']).filter((m) => m.node === 'HA' && m.message.kind === 'binding-update');
const refusedAtCn = (trace: readonly TraceEvent[]) => trace.filter((e) => e.node === 'CN' && e.kind === 'dropped' && e.summary.startsWith(`Binding Update from ${LAB.ha} refused`));
const spoofedSent = (trace: readonly TraceEvent[]) => mipMessages(trace, ['sent']).filter((m) => m.node === 'Mallory' && m.message.kind === 'binding-request');

describe('spoofed Binding Requests with a timestamp 4.9 s ahead, before and around a handoff', () => {
  const actions = [spoofAt(9), spoofAt(10.5), spoofAt(11.5), spoofAt(12.02), spoofAt(12.5), spoofAt(13.5)];
  const run = runAttack(actions, 20);

  it('Mallory sends each one in the correspondent\'s name, its timestamp 4.9 s ahead of the clock', () => {
    const sent = spoofedSent(run.trace);
    expect(sent).toHaveLength(actions.length);
    for (const m of sent) {
      expect(m.ip.source).toBe(LAB.cn);
      if (m.message.kind !== 'binding-request') throw new Error('not a Binding Request');
      const ahead = Number(ntpDifference(m.message.identification, ntpNow(run.epochMs, m.time))) / 2 ** 32;
      expect(ahead).toBeCloseTo(4.9, 3);
    }
  });

  it('the home agent answers none of them with their timestamp, and says why', () => {
    const notCopied = run.trace.filter((e) => e.node === 'HA' && e.kind === 'decision' && e.summary === 'answer with this home agent\'s own Identification, not the Binding Request\'s');
    expect(notCopied.length).toBeGreaterThanOrEqual(1);
    for (const d of notCopied) {
      expect(d.reason).toMatch(/^the Binding Request's timestamp is not copied: it is 4\.\d{3} s ahead of this home agent's clock/);
      expect(d.ref).toContain('RFC 2002 §5.6.1');
    }
    const copied = run.trace.filter((e) => e.node === 'HA' && e.kind === 'decision' && e.summary === 'answer with the Identification of the Binding Request');
    expect(copied).toEqual([]);
    // Every Binding Update the home agent signed carries a timestamp that is not ahead of its clock.
    const bus = busFromHa(run.trace);
    expect(bus.length).toBeGreaterThanOrEqual(3);
    for (const bu of bus) {
      if (bu.message.kind !== 'binding-update' || bu.message.identification === null) throw new Error('expected an Identification');
      expect(ntpDifference(bu.message.identification, ntpNow(run.epochMs, bu.time + 1)) < 0n).toBe(true);
    }
  });

  it('the correspondent refuses none of the home agent\'s Binding Updates: the first one about FA2 after the handoff moves its binding there', () => {
    expect(refusedAtCn(run.trace)).toEqual([]);
    const aboutFa2 = busFromHa(run.trace).filter((bu) => bu.time > HANDOFF && bu.message.kind === 'binding-update' && bu.message.careOfAddress === LAB.fa2);
    expect(aboutFa2.length).toBeGreaterThanOrEqual(1);
    const accepted = run.trace.filter((e) => e.node === 'CN' && e.kind === 'table-changed' && e.summary.startsWith('binding cache:') && e.time > HANDOFF
      && (e.after as { careOfAddress?: string } | undefined)?.careOfAddress === LAB.fa2);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    // Accepted as it arrives (HA → CN takes 10 ms), inside the 4.9 s the attack meant to blind the correspondent for.
    expect(accepted[0]!.time - aboutFa2[0]!.time).toBeLessThan(20_000);
    expect(run.simulation.nodeState<CorrespondentNodeState>('CN').ro.cache.entries[LAB.mn]?.careOfAddress).toBe(LAB.fa2);
  });
});

describe('a flood of spoofed Binding Requests (Perkins & Johnson §3.3: every Binding Update is rate-limited)', () => {
  it('50 requests in 5 s cost a handful of signed answers, not 50', () => {
    const actions = Array.from({ length: 50 }, (_, k) => spoofAt(5 + k / 10));
    const run = runAttack(actions, 10.5);
    expect(spoofedSent(run.trace)).toHaveLength(50);
    const received = mipMessages(run.trace, ['received']).filter((m) => m.node === 'HA' && m.message.kind === 'binding-request');
    expect(received).toHaveLength(50);
    const answers = busFromHa(run.trace).filter((bu) => bu.time >= 5 * S);
    expect(answers.length).toBeGreaterThanOrEqual(1);
    expect(answers.length).toBeLessThanOrEqual(4); // answers at 5, 6 and 8 s: gaps of 1 and 2 s (OC-20 backoff)
    const limited = run.trace.filter((e) => e.node === 'HA' && e.kind === 'decision' && /not sent$/.test(e.summary) && /rate-limited/.test(e.reason ?? ''));
    expect(limited.length).toBeGreaterThanOrEqual(45);
    expect(refusedAtCn(run.trace)).toEqual([]);
  });
});

describe('the spoof-binding-request action in a scenario file (FORMAT.md)', () => {
  it('defaults aheadS to 4.9 s, and refuses a node that is not there or an offset past a minute, naming the field', () => {
    expect(parseScenario(withActions([{ atS: 3, kind: 'spoof-binding-request', to: 'HA', as: 'CN', homeAddress: LAB.mn }])).ok).toBe(true);
    const unknown = parseScenario(withActions([{ atS: 3, kind: 'spoof-binding-request', to: 'HA', as: 'CN9', homeAddress: LAB.mn }]));
    expect(unknown.ok ? [] : unknown.errors).toEqual(['nodes[6].settings.actions[0].as: no node "CN9" in this scenario']);
    const far = parseScenario(withActions([{ atS: 3, kind: 'spoof-binding-request', to: 'HA', as: 'CN', homeAddress: LAB.mn, aheadS: 61 }]));
    expect(far.ok ? [] : far.errors.join()).toMatch(/actions\[0\]\.aheadS/);
  });
});
