// Story 5: the mobile node comes home and deregisters (base §14).

import { describe, expect, it } from 'vitest';
import { milliseconds, seconds } from '../../node/time';
import type { HostState } from '../../network/behaviours/host';
import { IpProtocol } from '../../wire/ipv4';
import type { HomeAgentState } from './ha/home-agent';
import type { MobileNodeState } from './mn/mobile-node';
import { AT_HOME, HA, HOME, echoFlow, labSimulation } from './test-support/lab';
import { datagramOf, isFlowData, mipMessages } from './test-support/trace-reading';

describe('returning home', () => {
  it('deregisters (Lifetime 0, CoA = home address, TTL 1 to the HA); the binding goes and delivery is direct', () => {
    const sim = labSimulation({ cnFlows: [echoFlow(seconds(2), milliseconds(250), 24)] });
    sim.moveNode('MN', AT_HOME, seconds(4));
    sim.runUntil(seconds(9));

    const dereg = mipMessages(sim.trace).filter((s) => s.node === 'MN')[1]!;
    expect(dereg.message).toMatchObject({ kind: 'registration-request', lifetime: 0, careOfAddress: HOME, homeAgent: HA });
    expect([dereg.ip.source, dereg.ip.destination, dereg.ip.ttl]).toEqual([HOME, HA, 1]);
    const reply = mipMessages(sim.trace).find((s) => s.node === 'HA' && s.time > dereg.time)!;
    expect(reply.message).toMatchObject({ code: 0, lifetime: 0 });
    expect(reply.ip.destination).toBe(HOME);

    expect(sim.nodeState<HomeAgentState>('HA').bindings.bindings).toEqual({});
    expect(sim.trace.find((e) => e.node === 'HA' && e.kind === 'table-changed' && e.summary.includes('removed'))!.before).toMatchObject({ careOfAddress: '192.168.2.1' });
    const mn = sim.nodeState<MobileNodeState>('MN');
    expect(mn.atHome).toBe(true);
    expect(mn.registration).toBeNull();

    // After the deregistration the HA forwards plain datagrams on the home link: no tunnel.
    const haOut = sim.trace.filter((e) => e.node === 'HA' && e.kind === 'forwarded' && e.time > reply.time).map(datagramOf).filter((d) => d !== null && isFlowData(d));
    expect(haOut.length).toBeGreaterThan(0);
    expect(haOut.every((d) => d!.protocol === IpProtocol.UDP)).toBe(true);
    // Echoes at home go by the MN's own table, through the HA as an ordinary router.
    const cn = sim.nodeState<HostState>('CN').deliveries;
    expect(cn[cn.length - 1]!.sequence).toBe(23);
  });
});
