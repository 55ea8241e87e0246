// The learner's live settings at the IPv6 mobile node: route optimization and
// smooth handoff take effect at the next trigger or move; other roles'
// settings and injected attacks are refused with a trace.

import { describe, expect, it } from 'vitest';
import { AR1_MAC, CN, HA, HA_KEY, HOME, COA1, awayInCell1, frameIn, mobilityPacketTo, parsed, step, traces, transmits, tunnelled, udpFromCn } from './test-support/mn6-fixture';

const registered = () => step(awayInCell1().state, frameIn(mobilityPacketTo({
  source: HA, destination: COA1, routingHeader2: HOME, message: { kind: 'binding-acknowledgement', status: 0, keyManagement: false, sequence: 1, lifetimeUnits: 75, options: [] }, ah: { spi: 1000, sequence: 1, key: HA_KEY },
}), AR1_MAC), 1.03).state;

describe('live settings at the IPv6 mobile node', () => {
  it('route optimization off: the next tunnelled datagram sends no Binding Update, and the trace says why', () => {
    const off = step(registered(), { kind: 'command', command: { type: 'configure', setting: 'route-optimization', value: false } }, 1.5);
    expect(off.state.config.routeOptimization).toBe(false);
    expect(traces(off.outputs)[0]!.summary).toMatch(/route optimization off at the mobile node/);
    const r = step(off.state, frameIn(tunnelled(udpFromCn()), AR1_MAC), 2);
    expect(transmits(r.outputs).filter((t) => parsed(t.frame.payload).header.destination === CN)).toHaveLength(0);
    const on = step(off.state, { kind: 'command', command: { type: 'configure', setting: 'route-optimization', value: true } }, 2.5);
    const again = step(on.state, frameIn(tunnelled(udpFromCn()), AR1_MAC), 3);
    expect(transmits(again.outputs).filter((t) => parsed(t.frame.payload).header.destination === CN)).toHaveLength(1);
  });

  it('smooth handoff off is kept in the configuration; a setting it does not have and an attack are refused', () => {
    const s = registered();
    expect(step(s, { kind: 'command', command: { type: 'configure', setting: 'smooth-handoff', value: false } }, 2).state.config.smoothHandoff).toBe(false);
    const refused = step(s, { kind: 'command', command: { type: 'configure', setting: 'encapsulation', value: 'gre' } }, 2);
    expect(refused.state).toBe(s);
    expect(traces(refused.outputs)).toHaveLength(1);
  });
});
