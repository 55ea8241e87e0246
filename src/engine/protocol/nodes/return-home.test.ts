// Story 5: the mobile node comes home and deregisters (RFC 2002 §3.6.1.2).

import { describe, expect, it } from 'vitest';
import { milliseconds, seconds } from '../../node/time';
import type { HostState } from '../../network/behaviours/host';
import { IpProtocol } from '../../wire/ipv4';
import type { HomeAgentState } from './ha/home-agent';
import type { MobileNodeState } from './mn/mobile-node';
import type { CorrespondentNodeState } from './cn/correspondent';
import { roLab } from './cn/test-support';
import type { ForeignAgentState } from './fa/foreign-agent';
import { AT_HOME, CN, FA1, HA, HOME, echoFlow, labSimulation } from './test-support/lab';
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

// Perkins & Johnson §3.3, §4.2 (OC-45, revised): the correspondent had been told
// the binding via FA1. Coming home, the mobile node releases FA1 itself (a
// Binding Update with care-of address = home address, Lifetime 0, authenticated
// with the key it shares with FA1), and the home agent sends the correspondent
// a delete Binding Update — no Binding Warning extension needed.
describe('returning home with Route Optimization', () => {
  const RETURN_AT = seconds(4);
  function returned() {
    const sim = roLab({ fa1: { smoothHandoff: { enabled: true } }, flow: { start: seconds(2), interval: milliseconds(100), count: 60 } });
    sim.moveNode('MN', AT_HOME, RETURN_AT);
    sim.runUntil(seconds(9));
    return sim;
  }

  it('tells its last foreign agent: a Binding Update with care-of address = home address and Lifetime 0, acknowledged, and FA1 forgets the visitor', () => {
    const sim = returned();
    const dereg = mipMessages(sim.trace).find((s) => s.node === 'MN' && s.message.kind === 'registration-request' && s.time > RETURN_AT)!;
    expect(dereg.message.kind === 'registration-request' && dereg.message.extensions.map((x) => x.kind)).toEqual(['mobile-home-auth']); // no Binding Warning extension
    const bus = mipMessages(sim.trace).filter((s) => s.node === 'MN' && s.message.kind === 'binding-update');
    expect(bus).toHaveLength(1);
    expect([bus[0]!.ip.source, bus[0]!.ip.destination]).toEqual([HOME, FA1]);
    expect(bus[0]!.message).toMatchObject({ homeAddress: HOME, careOfAddress: HOME, lifetime: 0, flags: { acknowledge: true } });
    const heldSpi = sim.trace.find((e) => e.node === 'MN' && e.kind === 'key-established')!.after as { mobileNode: { spi: number } };
    expect(bus[0]!.message.kind === 'binding-update' && bus[0]!.message.extensions.map((x) => (x.kind === 'ro-auth' ? x.spi : null))).toEqual([heldSpi.mobileNode.spi]);
    expect(sim.nodeState<ForeignAgentState>('FA1').visitors.current[HOME]).toBeUndefined();
    const ba = mipMessages(sim.trace, ['received']).filter((s) => s.node === 'MN' && s.message.kind === 'binding-acknowledge');
    expect(ba).toHaveLength(1);
    expect([ba[0]!.ip.source, (ba[0]!.message as { status: number }).status]).toEqual([FA1, 0]);
    expect(sim.nodeState<MobileNodeState>('MN').pendingBindingUpdates.entries).toEqual({});
  });

  it('the home agent sends the correspondent it had informed a delete Binding Update; no datagram is lost after the return', () => {
    const sim = returned();
    const deletes = mipMessages(sim.trace).filter((s) => s.node === 'HA' && s.message.kind === 'binding-update' && s.time > RETURN_AT);
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.ip.destination).toBe(CN);
    expect(deletes[0]!.message).toMatchObject({ careOfAddress: HOME, lifetime: 0 });
    expect(sim.nodeState<CorrespondentNodeState>('CN').ro.cache.entries[HOME]).toBeUndefined();
    const delivered = new Set(sim.nodeState<MobileNodeState>('MN').deliveries.filter((d) => d.flow === 'c').map((d) => d.sequence));
    const sentAfterReturn = Array.from({ length: 60 }, (_, i) => i).filter((i) => seconds(2) + i * milliseconds(100) > RETURN_AT + seconds(1));
    expect(sentAfterReturn.length).toBeGreaterThan(0);
    expect(sentAfterReturn.filter((i) => !delivered.has(i))).toEqual([]);
  });
});
