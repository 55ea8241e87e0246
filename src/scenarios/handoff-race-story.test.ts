// The smooth-handoff race (Perkins & Johnson §4.1, §4.3; optim-08 §8.1;
// docs/choices.md OC-37, OC-48). The mobile node registers through FA2 from the
// overlap of the two cells; FA2 relays the Request to the home agent and sends
// FA1 the Binding Update at the same moment. FA1 is nearer, so it starts
// forwarding the correspondent's datagrams to FA2 before the home agent's
// Registration Reply has come back to FA2. Until it does, the mobile node is
// not FA2's visitor: FA2 lets exactly one Binding Acknowledge through and sends
// every other datagram home in a special tunnel. The home agent has already
// registered FA2 as the care-of address, so the special tunnel comes from the
// current care-of address, and tunnelling it back could loop: it is discarded.
// The lab follows these rules and shows the loss; this story checks that the
// learner is told truthfully why, at both agents.
//
// The scenario is the built-in smooth handoff with its flow sped up to one
// datagram every 2 ms around the handoff, so that several fall into the window.

import { beforeAll, describe, expect, it } from 'vitest';
import { runHeadless } from '../cli/commands/run';
import type { TraceEvent } from '../engine/node/contract';
import { seconds } from '../engine/node/time';
import { builtinScenario } from './builtin/index';
import { LAB, followFlow, sentMessages } from './builtin/lesson-reading';
import { toLoadedScenario } from './to-topology';
import { parseScenario } from './validate';

const S = 1_000_000;

function raceRun(): readonly TraceEvent[] {
  const data = structuredClone(builtinScenario('smooth-handoff')!.data) as { flows: Record<string, unknown>[] };
  data.flows = [{ ...data.flows[0], startS: 12.8, intervalMs: 2, untilS: 12.95 }];
  const parsed = parseScenario(data);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return runHeadless(toLoadedScenario(parsed.scenario), { until: seconds(14) }).trace;
}

describe('a datagram that overtakes the Registration Reply to the new foreign agent (Perkins & Johnson §4.3; optim-08 §8.1)', () => {
  let trace: readonly TraceEvent[] = [];
  let replyAt = 0;
  let bindingUpdateAt = 0;
  beforeAll(() => {
    trace = raceRun();
    bindingUpdateAt = sentMessages(trace, 'binding-update', 'FA2').find((m) => m.time > 12 * S)!.time;
    replyAt = sentMessages(trace, 'registration-reply', 'FA2').find((m) => m.time > bindingUpdateAt)!.time; // FA2 relays it to the mobile node
  }, 60_000);

  const specialTunnelsByFa2 = () => trace.filter((e) => e.node === 'FA2' && e.kind === 'forwarded' && e.summary.startsWith('special tunnel') && e.time < replyAt);

  it('the race happens: FA1 forwards datagrams to FA2 between the Binding Update and the Registration Reply, and FA2 sends them home in special tunnels', () => {
    expect(replyAt).toBeGreaterThan(bindingUpdateAt);
    const early = specialTunnelsByFa2();
    expect(early.length).toBeGreaterThanOrEqual(2);
    for (const e of early) expect(e.time).toBeGreaterThan(bindingUpdateAt);
  });

  it('FA2 says why: the registration is still pending, and before the Reply only a Binding Acknowledge is delivered', () => {
    const reasons = trace.filter((e) => e.node === 'FA2' && e.kind === 'decision' && e.summary.startsWith('send as a special tunnel') && e.time > bindingUpdateAt && e.time < replyAt);
    expect(reasons).toHaveLength(specialTunnelsByFa2().length);
    for (const e of reasons) {
      expect(e.reason).toContain('registration through this agent is still pending');
      expect(e.reason).toContain('only a Binding Acknowledge is delivered');
      expect(e.ref).toContain('Perkins & Johnson §4.3');
    }
  });

  it('the home agent discards each of them, saying it may have overtaken the Registration Reply and that sending it back could loop', () => {
    const discarded = trace.filter((e) => e.node === 'HA' && e.kind === 'dropped' && e.summary === 'special tunnel discarded');
    expect(discarded).toHaveLength(specialTunnelsByFa2().length);
    for (const e of discarded) {
      expect(e.reason).toContain(`current care-of address ${LAB.fa2}, registered `);
      expect(e.reason).toContain('overtook the Registration Reply');
      expect(e.reason).toContain('loop');
      expect(e.reason).not.toContain('lost its visitor entry (e.g. rebooted)'); // the old text blamed a reboot only
      expect(e.ref).toBe('Perkins & Johnson §4.3; spectun-00 §3.1');
    }
  });

  it('those datagrams are lost — the lab does not hide it — and the ones FA2 receives after the Reply reach the mobile node', () => {
    const flow = followFlow(trace, 'cn-to-mn');
    const sentHome = flow.filter((d) => d.legs.some((l) => l.node === 'FA2' && l.kind === 'forwarded' && l.time < replyAt));
    expect(sentHome.length).toBeGreaterThanOrEqual(2);
    for (const d of sentHome) expect(d.arrivedAt).toBeNull();
    const later = flow.filter((d) => d.sentAt > replyAt && d.sentAt < 12.95 * S);
    expect(later.length).toBeGreaterThan(0);
    for (const d of later) expect(d.arrivedAt).not.toBeNull();
  });
});
