// Story 2 and 3: triangle routing while the mobile node is in FA1's cell,
// then a move into FA2's cell with the base protocol's losses.

import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../node/contract';
import { milliseconds, seconds } from '../../node/time';
import type { HostState } from '../../network/behaviours/host';
import { IpProtocol } from '../../wire/ipv4';
import type { ForeignAgentState } from './fa/foreign-agent';
import type { HomeAgentState } from './ha/home-agent';
import type { MobileNodeState } from './mn/mobile-node';
import { CN, FA1, FA2, HA, HOME, IN_CELL2, echoFlow, labSimulation } from './test-support/lab';
import { datagramOf, innermost, isFlowData, mipMessages } from './test-support/trace-reading';

/** Nodes that received a given flow datagram, in order, for the direction given. */
function pathOf(trace: readonly TraceEvent[], sequence: number, fromCn: boolean): string[] {
  return trace.filter((e) => e.kind === 'received').filter((e) => {
    const d = datagramOf(e);
    if (d === null || !isFlowData(d)) return false;
    const i = innermost(d);
    const seq = new DataView(i.payload.buffer, i.payload.byteOffset + 8).getUint32(0);
    return seq === sequence && (i.source === CN) === fromCn;
  }).map((e) => e.node);
}

describe('triangle routing', () => {
  it('CN → HA (intercepted) → tunnel → FA1 → MN; replies MN → FA1 → R → CN, never through the HA', () => {
    const sim = labSimulation({ cnFlows: [echoFlow(seconds(2), milliseconds(100), 10)] });
    sim.runUntil(seconds(4));
    expect(pathOf(sim.trace, 0, true)).toEqual(['R', 'HA', 'R', 'FA1', 'MN']);
    expect(pathOf(sim.trace, 0, false)).toEqual(['FA1', 'R', 'CN']);

    const tunnelled = sim.trace.filter((e) => e.node === 'HA' && e.kind === 'forwarded' && datagramOf(e)?.protocol === IpProtocol.IP_IN_IP);
    expect(tunnelled).toHaveLength(10);
    const outer = datagramOf(tunnelled[0]!)!;
    const inner = innermost(outer);
    expect([outer.source, outer.destination, inner.source, inner.destination]).toEqual([HA, FA1, CN, HOME]);
    expect(inner.ttl).toBe(62); // 64, −1 at R, −1 at the HA (RFC 2003 §3.1)

    // Every data packet passes through the HA in one direction only.
    const atHa = sim.trace.filter((e) => e.node === 'HA' && e.kind === 'received').map(datagramOf).filter((d) => d !== null && isFlowData(d));
    expect(atHa).toHaveLength(10);
    expect(atHa.every((d) => innermost(d!).source === CN)).toBe(true);

    const echoes = sim.nodeState<HostState>('CN').deliveries;
    expect(echoes.map((d) => d.sequence)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(echoes.every((d) => d.source === HOME && d.sourcePort === 7)).toBe(true);
    expect(sim.nodeState<MobileNodeState>('MN').echoed).toBe(10);
  });

  it('before the MN registers, the HA does not intercept: it tries the home link and cannot deliver', () => {
    const sim = labSimulation({ cnFlows: [echoFlow(0, milliseconds(1), 1)] });
    sim.runUntil(milliseconds(50));
    const drop = sim.trace.find((e) => e.node === 'HA' && e.kind === 'dropped');
    expect(drop?.reason).toContain(`${HOME} is on a directly attached link, but no such neighbour is attached there`);
  });
});

describe('moving from FA1 to FA2 (no smooth handoff)', () => {
  it('re-registers through FA2; datagrams tunnelled to FA1 after the move are lost', () => {
    const sim = labSimulation({ cnFlows: [echoFlow(seconds(2), milliseconds(100), 60)] });
    sim.moveNode('MN', IN_CELL2, seconds(5));
    sim.runUntil(seconds(10));

    const requests = mipMessages(sim.trace).filter((s) => s.node === 'MN');
    expect(requests.map((s) => [s.ip.destination, s.message.kind === 'registration-request' && s.message.careOfAddress])).toEqual([[FA1, FA1], [FA2, FA2]]);
    const second = requests[1]!;
    expect(second.time).toBeGreaterThan(seconds(5));
    expect(second.time).toBeLessThan(seconds(6.2)); // FA2's next advertisement (≤ 1.1 s), algorithm 2 (prefix) decides "moved"

    const ha = sim.nodeState<HomeAgentState>('HA');
    expect(ha.bindings.bindings[HOME]!.map((b) => b.careOfAddress)).toEqual([FA2]);
    expect(sim.nodeState<ForeignAgentState>('FA2').visitors.current[HOME]).toMatchObject({ careOfAddress: FA2 });
    // The base protocol does not tell FA1: its visitor entry stays until it expires.
    expect(sim.nodeState<ForeignAgentState>('FA1').visitors.current[HOME]).toBeDefined();

    // Lost: what FA1 delivered on its cell after the MN had left it.
    const lostAtFa1 = sim.trace.filter((e) => e.node === 'FA1' && e.kind === 'forwarded' && e.interface === 'wlan0' && e.time >= seconds(5));
    const mn = sim.nodeState<MobileNodeState>('MN');
    expect(lostAtFa1.length).toBeGreaterThan(0);
    expect(mn.deliveredCount).toBe(60 - lostAtFa1.length);
    expect(sim.nodeState<HostState>('CN').deliveredCount).toBe(60 - lostAtFa1.length);
    const tunnelledTo = (coa: string): number => sim.trace.filter((e) => e.node === 'HA' && e.kind === 'forwarded' && datagramOf(e)?.destination === coa).length;
    expect(tunnelledTo(FA1) + tunnelledTo(FA2)).toBe(60);
    expect(tunnelledTo(FA1) - lostAtFa1.length).toBe(30); // sent 2.0 … 4.9 s arrive before the move
  });
});
