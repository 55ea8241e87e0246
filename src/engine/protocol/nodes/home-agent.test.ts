// Home agent rules the stories do not reach on their own: administrative
// denials, binding expiry without a Reply, and the tunnel-loop discard.

import { describe, expect, it } from 'vitest';
import type { NodeContext } from '../../node/contract';
import { seconds } from '../../node/time';
import { createRandom } from '../../random';
import { udpDatagram } from '../../wire/datagram';
import { encapsulateIpInIp } from '../../wire/ip-in-ip';
import { homeAgentBehaviour, type HomeAgentState } from './ha/home-agent';
import { CN, FA1, HOME, labSimulation, labTopology } from './test-support/lab';
import { mipMessages } from './test-support/trace-reading';

const haCodes = (sim: ReturnType<typeof labSimulation>): number[] => mipMessages(sim.trace).filter((s) => s.node === 'HA').map((s) => (s.message as { code: number }).code);

describe('home agent', () => {
  it('administrative limits deny with 129 and 130, and no binding is made', () => {
    const prohibited = labSimulation({ ha: { prohibited: [HOME] } });
    prohibited.runUntil(seconds(2));
    expect(haCodes(prohibited)[0]).toBe(129);
    const exhausted = labSimulation({ ha: { insufficientResources: true } });
    exhausted.runUntil(seconds(2));
    expect(haCodes(exhausted)[0]).toBe(130);
    expect(exhausted.nodeState<HomeAgentState>('HA').bindings.bindings).toEqual({});
  });

  it('grants no more than its maximum', () => {
    const sim = labSimulation({ ha: { maximumLifetime: 100 } });
    sim.runUntil(seconds(2));
    expect(mipMessages(sim.trace).find((s) => s.node === 'HA')!.message).toMatchObject({ code: 0, lifetime: 100 });
  });

  it('deletes an expired binding with a trace, and sends no Reply because a lifetime ended', () => {
    const sim = labSimulation({ mn: { requestedLifetime: 5 } });
    sim.moveNode('MN', { x: 150, y: 200 }, seconds(1)); // out of every cell: the renewal cannot go out
    sim.runUntil(seconds(8));
    const expired = sim.trace.find((e) => e.node === 'HA' && e.kind === 'table-changed' && e.summary.endsWith('expired'))!;
    expect(expired.before).toMatchObject({ careOfAddress: FA1, lifetimeSeconds: 5 });
    expect(expired.time).toBeGreaterThanOrEqual(seconds(5));
    expect(mipMessages(sim.trace).filter((s) => s.node === 'HA')).toHaveLength(1); // only the Reply to the Request
    expect(sim.nodeState<HomeAgentState>('HA').bindings.bindings).toEqual({});
  });

  it('discards a datagram tunnelled back to the home address from the current care-of address (a loop)', () => {
    const sim = labSimulation();
    sim.runUntil(seconds(1));
    const state = sim.nodeState<HomeAgentState>('HA');
    const inner = udpDatagram({ source: CN, destination: HOME }, 5000, 7, new Uint8Array(8));
    const looped = encapsulateIpInIp(inner, { source: FA1, destination: HOME, identification: 9, decrementInnerTtl: false });
    if (!looped.ok) throw new Error('test datagram');
    const node = { id: 'HA', interfaces: labTopology.nodes[0]!.interfaces.map((i, k) => ({ name: i.name, address: i.address, prefixLength: i.prefixLength, linkAddress: `02:00:00:00:00:0${k}`, radio: false })) };
    const ctx: NodeContext = { now: seconds(1), node, random: createRandom(1) };
    const step = homeAgentBehaviour.handle(state, { kind: 'frame', interface: 'eth0', frame: { source: '02:00:00:00:01:00', destination: '02:00:00:00:00:01', etherType: 0x0800, payload: looped.value } }, ctx);
    expect(step.outputs).toEqual([{ kind: 'trace', event: expect.objectContaining({ kind: 'dropped', ref: 'RFC 2002 §4.3, §4', reason: expect.stringContaining('would loop') }) }]);
  });
});
