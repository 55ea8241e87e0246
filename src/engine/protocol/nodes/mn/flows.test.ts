// The mobile node's own traffic (mn/flows.ts): flows from its options or a
// host `start-flow` command, sent from the home address — through the FA of
// the registration in force when away (the short side of the triangle,
// RFC 2002 §4.2.2), by its own routes at home.

import { describe, expect, it } from 'vitest';
import type { HostState, UdpFlow } from '../../../network/behaviours/host';
import { milliseconds, seconds } from '../../../node/time';
import { IpProtocol } from '../../../wire/ipv4';
import { AT_HOME, CN, FA1, HOME, labSimulation } from '../test-support/lab';
import { datagramOf } from '../test-support/trace-reading';
import type { MobileNodeState } from './mobile-node';

const toCn = (start: number, count: number): UdpFlow => ({ id: 'up', destination: CN, sourcePort: 6000, destinationPort: 9, start, interval: milliseconds(100), count, payloadOctets: 40 });

describe('mobile node traffic flows', () => {
  it('sends the flows of its options from the home address, through its FA, straight to the correspondent', () => {
    const sim = labSimulation({ mn: { flows: [toCn(seconds(3), 5)] } });
    sim.runUntil(seconds(4));
    const mn = sim.nodeState<MobileNodeState>('MN');
    expect(mn.registration?.target.agent).toBe(FA1);
    expect(mn.sent).toEqual({ up: 5 });
    const sent = sim.trace.filter((e) => e.node === 'MN' && e.kind === 'sent' && e.summary.includes('(flow up #'));
    expect(sent.map((e) => e.time)).toEqual([3_000_000, 3_100_000, 3_200_000, 3_300_000, 3_400_000]);
    for (const e of sent) {
      expect(datagramOf(e)).toMatchObject({ source: HOME, destination: CN, protocol: IpProtocol.UDP });
      expect(e.reason).toMatch(/through the foreign agent 192\.168\.2\.1 as default router/);
    }
    const cn = sim.nodeState<HostState>('CN');
    expect(cn.deliveries.filter((d) => d.flow === 'up').map((d) => [d.source, d.sequence])).toEqual([0, 1, 2, 3, 4].map((i) => [HOME, i]));
    // Not tunnelled: the home agent never sees this side of the triangle.
    expect(sim.trace.some((e) => e.node === 'HA' && e.summary.includes('flow up'))).toBe(false);
  });

  it('accepts the host start-flow command, and sends directly by its own routes at home', () => {
    const sim = labSimulation();
    sim.moveNode('MN', AT_HOME, seconds(1));
    sim.command('MN', { type: 'start-flow', flow: toCn(seconds(4), 3) }, seconds(2));
    sim.runUntil(seconds(5));
    const mn = sim.nodeState<MobileNodeState>('MN');
    expect(mn.atHome).toBe(true);
    expect(mn.flows.map((f) => f.id)).toEqual(['up']);
    const sent = sim.trace.filter((e) => e.node === 'MN' && e.kind === 'sent' && e.summary.includes('(flow up #'));
    expect(sent).toHaveLength(3);
    for (const e of sent) expect(e.reason ?? '').not.toMatch(/foreign agent/);
    expect(sim.nodeState<HostState>('CN').deliveries.filter((d) => d.flow === 'up').map((d) => d.sequence)).toEqual([0, 1, 2]);
  });
});
