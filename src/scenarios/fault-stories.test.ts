// Scripted faults (FORMAT.md "faults"), told as stories on virtual time: a
// built-in lesson run with one fault added, and what the protocol does about
// it — the trace says what the fault did, and then what each node did next.

import { describe, expect, it } from 'vitest';
import { runHeadless } from '../cli/commands/run';
import type { TraceEvent } from '../engine/node/contract';
import { seconds } from '../engine/node/time';
import type { ForeignAgentState } from '../engine/protocol/nodes/fa/foreign-agent';
import { classifyPacket } from '../engine/wire/classify';
import { parseIpv4 } from '../engine/wire/ipv4';
import { builtinScenario } from './builtin/index';
import { LAB, followFlow, receivedMessages, sentMessages } from './builtin/lesson-reading';
import { toLoadedScenario } from './to-topology';
import { parseScenario } from './validate';

const S = 1_000_000;

function runWithFaults(id: string, faults: readonly object[], untilS: number) {
  const data = { ...(structuredClone(builtinScenario(id)!.data) as object), faults };
  const parsed = parseScenario(data);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return runHeadless(toLoadedScenario(parsed.scenario), { until: seconds(untilS) });
}

const faultEvents = (trace: readonly TraceEvent[]) => trace.filter((e) => e.summary.includes('by a scripted fault'));

describe('the next Binding Acknowledge on cell2 is dropped (smooth handoff, Perkins & Johnson §4.1)', () => {
  const run = runWithFaults('smooth-handoff', [{ atS: 12, kind: 'drop-next', link: 'cell2', message: 'binding-acknowledge' }], 17);
  // FA1 sends each acknowledgement tunnelled to FA2 (the new care-of address): read its own trace of them.
  const acks = run.trace.filter((e) => e.node === 'FA1' && e.kind === 'sent' && e.summary.startsWith('Binding Acknowledge'));
  const resent = sentMessages(run.trace, 'binding-update', 'MN');

  it('FA1 acknowledges the Binding Update FA2 built, but FA2\'s delivery of it on cell2 is dropped, and the trace says so', () => {
    expect(acks.length).toBeGreaterThanOrEqual(1);
    const dropped = faultEvents(run.trace);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ node: 'FA2', kind: 'dropped', summary: 'Binding Acknowledge dropped on link cell2 by a scripted fault' });
    expect(dropped[0]!.reason).toContain('drop the next Binding Acknowledge on link cell2 (armed at 12 s)');
    expect(dropped[0]!.time).toBeGreaterThan(acks[0]!.time);
    expect(receivedMessages(run.trace, 'binding-acknowledge', 'MN').filter((m) => m.time < resent[0]!.time)).toEqual([]);
  });

  it('with no acknowledgement after 1 s the mobile node resends the same Binding Update itself; the second acknowledgement reaches it and it stops', () => {
    expect(resent).toHaveLength(1);
    expect(resent[0]!.ip.destination).toBe(LAB.fa1);
    const retransmission = run.trace.find((e) => e.node === 'MN' && e.kind === 'table-changed' && e.summary.startsWith('pending Binding Updates: updated'))!;
    expect(retransmission.time - acks[0]!.time).toBeLessThan(1.1 * S);
    expect(acks).toHaveLength(2); // the retained key lets FA1 verify the retransmission and acknowledge again
    const received = receivedMessages(run.trace, 'binding-acknowledge', 'MN');
    expect(received).toHaveLength(1);
    expect(received[0]!.time).toBeGreaterThan(acks[1]!.time);
    expect(run.trace.some((e) => e.node === 'MN' && e.summary.startsWith('pending Binding Updates: removed'))).toBe(true);
  });
});

describe('the first Registration Reply is held back 1.5 s on cell1 (RFC 2002 §3.6.3)', () => {
  const run = runWithFaults('route-optimization', [{ kind: 'delay-next', link: 'cell1', message: 'registration-reply', byMs: 1500 }], 3);
  const requests = sentMessages(run.trace, 'registration-request', 'MN');

  it('FA1 relays the Reply, and the fault holds it back on cell1', () => {
    const held = faultEvents(run.trace);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ node: 'FA1', kind: 'decision', summary: 'Registration Reply held back 1500 ms on link cell1 by a scripted fault' });
  });

  it('the mobile node times out after 1 s and retransmits with a new Identification; it registers on the second Reply and discards the late first one', () => {
    expect(requests).toHaveLength(2);
    expect(requests[1]!.time - requests[0]!.time).toBe(1 * S);
    const [first, second] = requests.map((r) => r.message.kind === 'registration-request' ? r.message.identification : null);
    expect(second).not.toEqual(first);
    const replies = receivedMessages(run.trace, 'registration-reply', 'MN');
    expect(replies).toHaveLength(2);
    expect(replies[0]!.message.identification).toEqual(second);
    expect(replies[1]!.time - replies[0]!.time).toBeGreaterThan(0.4 * S); // the held-back one, last
    const late = run.trace.find((e) => e.node === 'MN' && e.kind === 'dropped' && e.time === replies[1]!.time);
    expect(late?.reason).toBe('no Request outstanding');
  });
});

describe('FA1 reboots while the correspondent tunnels to it (Perkins & Johnson §4.3; spectun-00 §3)', () => {
  const REBOOT = 7.99 * S;
  const run = runWithFaults('route-optimization', [{ atS: 7.99, kind: 'reboot', node: 'FA1' }], 12);
  const toMn = followFlow(run.trace, 'cn-to-mn');
  const caught = toMn.find((d) => d.sentAt > REBOOT)!;
  const specialTunnels = run.trace.filter((e) => e.node === 'FA1' && e.kind === 'forwarded' && e.summary.startsWith('special tunnel'));

  it('FA1 forgets its visitor and its registration key, and says so', () => {
    const rebooted = run.trace.find((e) => e.node === 'FA1' && e.summary.startsWith('fault: the foreign agent rebooted'))!;
    expect(rebooted.time).toBe(REBOOT);
    expect(rebooted.summary).toContain('1 visitor entry');
    expect(run.trace.some((e) => e.node === 'FA1' && e.time === REBOOT && e.summary === `visitor list: ${LAB.mn} removed`)).toBe(true);
  });

  it('the correspondent\'s next datagram, tunnelled to FA1 from its binding cache, is sent home in a special tunnel: outer destination = inner destination = the home address', () => {
    expect(specialTunnels.length).toBeGreaterThanOrEqual(1);
    const bytes = specialTunnels[0]!.bytes!;
    const outer = parseIpv4(bytes);
    const inner = classifyPacket(bytes);
    expect(outer.ok && [outer.value.source, outer.value.destination]).toEqual([LAB.fa1, LAB.mn]);
    expect(inner?.destination).toBe(LAB.mn);
    expect(caught.path).toContain('FA1');
    expect(caught.arrivedAt).toBeNull();
  });

  it('the home agent sees it come from the mobile node\'s current care-of address: that agent lost its state, so the datagram is discarded, not tunnelled back to it', () => {
    const discarded = run.trace.filter((e) => e.node === 'HA' && e.kind === 'dropped' && e.summary === 'special tunnel discarded');
    expect(discarded).toHaveLength(specialTunnels.length);
    expect(discarded[0]!.reason).toContain(`current care-of address ${LAB.fa1}`);
    expect(discarded[0]!.time).toBeGreaterThan(specialTunnels[0]!.time);
  });

  it('FA1 advertises again from Sequence Number 0, the mobile node registers again, and delivery resumes', () => {
    const again = run.trace.find((e) => e.node === 'MN' && e.kind === 'decision' && e.summary.startsWith('agent-rebooted'))!;
    expect(again.time - REBOOT).toBeLessThan(0.01 * S);
    expect(sentMessages(run.trace, 'registration-request', 'MN').some((m) => m.time === again.time)).toBe(true);
    expect(Object.keys(run.simulation.nodeState<ForeignAgentState>('FA1').visitors.current)).toEqual([LAB.mn]);
    const later = toMn.filter((d) => d.sentAt > 8.5 * S && d.sentAt < 11.9 * S);
    expect(later.length).toBeGreaterThan(0);
    for (const d of later) expect(d.arrivedAt).not.toBeNull();
  });
});
