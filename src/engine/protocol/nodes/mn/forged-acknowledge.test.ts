// Binding Acknowledges are authenticated (Perkins & Johnson §3.5: the Route
// Optimization Authentication extension authenticates Binding Updates *and*
// Binding Acknowledgements; OC-36, revised). An attacker on the path swallows
// the smooth-handoff Binding Update on its way to the previous foreign agent
// and answers it itself, spoofing that agent: without the key it shares with
// the mobile node it cannot authenticate the answer, so the mobile node
// refuses it, keeps resending, and the genuine agent is released after all.

import { describe, expect, it } from 'vitest';
import { verifyExtension } from '../../../crypto/authenticator';
import type { NodeBehaviour } from '../../../node/contract';
import { sendDatagram } from '../../../network/behaviours/ip-output';
import type { RouterState } from '../../../network/behaviours/router';
import { seconds } from '../../../node/time';
import { IpProtocol, parseIpv4 } from '../../../wire/ipv4';
import { extensionOffsets } from '../../../wire/mip/extensions/extensions';
import { parseMipMessage } from '../../../wire/mip/mip-message';
import { parseUdp } from '../../../wire/udp';
import { acknowledgeSend } from '../../route-optimization/binding-update-check';
import { toDatagram } from '../../route-optimization/types';
import type { ForeignAgentState } from '../fa/foreign-agent';
import { FA1, FA2, HOME, IN_CELL2, labSimulation, type LabOptions } from '../test-support/lab';
import { mipMessages } from '../test-support/trace-reading';
import type { MobileNodeState } from './mobile-node';

const MOVE_AT = seconds(5);
const WITH_S = { smoothHandoff: { enabled: true } } as const;
const SMOOTH: LabOptions = { fa1: { ...WITH_S, routeOptimization: { enabled: true } }, fa2: WITH_S };

/** The router R as an attacker: it drops the first BU for FA1 and sends, as FA1 would, an accepting BA tunnelled to FA2. */
function forgingRouter(count: { forged: number }) {
  return (b: NodeBehaviour<unknown>): NodeBehaviour<unknown> => ({
    ...b,
    handle(state, input, ctx) {
      if (input.kind === 'frame' && count.forged === 0) {
        const d = parseIpv4(input.frame.payload);
        const u = d.ok && d.value.protocol === IpProtocol.UDP && d.value.destination === FA1 ? parseUdp(d.value.payload, 0, d.value.payload.length, d.value) : null;
        const bu = u !== null && u.ok ? parseMipMessage(u.value.payload) : null;
        if (bu !== null && bu.ok && bu.value.kind === 'binding-update') {
          count.forged += 1;
          const forged = acknowledgeSend({ status: 0, homeAddress: bu.value.homeAddress, identification: bu.value.identification, from: FA1, to: HOME, tunnelTo: FA2, ref: 'test: forged' });
          const out = sendDatagram(ctx.node, (state as RouterState).table, toDatagram(forged, 0xbad), FA2, { summary: 'forged Binding Acknowledge', ref: 'test: forged' });
          return { state, outputs: [out] };
        }
      }
      return b.handle(state, input, ctx);
    },
  });
}

describe('a forged Binding Acknowledge (OC-36)', () => {
  it('no longer stops the mobile node\'s retransmissions: it is refused, the BU is resent, and FA1 releases the visitor entry', () => {
    const count = { forged: 0 };
    const sim = labSimulation({ ...SMOOTH, wrap: { R: forgingRouter(count) } });
    sim.moveNode('MN', IN_CELL2, MOVE_AT);
    sim.runUntil(seconds(12));
    expect(count.forged).toBe(1);

    const refused = sim.trace.filter((e) => e.node === 'MN' && e.kind === 'dropped' && e.summary.startsWith('Binding Acknowledge'));
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toMatch(/not authenticated/);
    expect(refused[0]!.ref).toMatch(/Perkins & Johnson §3\.5/);

    const bus = mipMessages(sim.trace).filter((m) => m.message.kind === 'binding-update' && m.ip.destination === FA1);
    expect(bus.map((m) => m.node)).toEqual(['FA2', 'MN']); // the MN resent it itself (OC-21, OC-34)
    expect(sim.nodeState<ForeignAgentState>('FA1').visitors.current[HOME]).toBeUndefined();
    expect(sim.nodeState<MobileNodeState>('MN').pendingBindingUpdates.entries).toEqual({});
  });

  it('the genuine one carries a type-35 extension computed with the key that authenticated the Binding Update', () => {
    const sim = labSimulation(SMOOTH);
    sim.moveNode('MN', IN_CELL2, MOVE_AT);
    sim.runUntil(seconds(8));
    const bu = mipMessages(sim.trace).find((m) => m.message.kind === 'binding-update' && m.ip.destination === FA1)!;
    const acks = mipMessages(sim.trace, ['received']).filter((m) => m.node === 'MN' && m.message.kind === 'binding-acknowledge');
    expect(acks).toHaveLength(1);
    const ba = acks[0]!.message;
    if (ba.kind !== 'binding-acknowledge' || bu.message.kind !== 'binding-update') throw new Error('unexpected messages');
    const buSpi = bu.message.extensions.flatMap((x) => (x.kind === 'ro-auth' ? [x.spi] : []));
    expect(ba.extensions.map((x) => (x.kind === 'ro-auth' ? x.spi : null))).toEqual(buSpi);
    const key = sim.nodeState<ForeignAgentState>('FA1').visitors.retainedKeys[`${HOME}#${buSpi[0]}`]?.key.key;
    expect(key).toBeDefined();
    const v = verifyExtension(acks[0]!.payload, extensionOffsets(ba)[0]!, key!, 'ro98');
    expect(v.ok && v.value.verified).toBe(true);
  });
});
