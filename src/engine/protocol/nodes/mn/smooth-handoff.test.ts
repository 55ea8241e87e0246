// Smooth handoff on the running lab (Perkins & Johnson §4.1; optim-08 §5.1, §8.1,
// Perkins & Johnson §4.1): the MN, holding a Diffie-Hellman registration key with FA1, moves
// into FA2's cell. Without smooth handoff the datagrams the HA tunnelled to
// FA1 before it learnt the new binding are lost; with it FA1 re-tunnels them
// to FA2, the BA reaches the MN through FA2, and a lost BU is resent by the
// MN itself, byte-identical, until acknowledged.

import { describe, expect, it } from 'vitest';
import { toHex } from '../../../crypto/bytes';
import type { NodeBehaviour } from '../../../node/contract';
import { milliseconds, seconds } from '../../../node/time';
import { parseIpv4 } from '../../../wire/ipv4';
import type { ForeignAgentState } from '../fa/foreign-agent';
import { FA1, FA2, HOME, IN_CELL2, echoFlow, labSimulation, type LabOptions } from '../test-support/lab';
import { datagramOf, innermost, mipMessages } from '../test-support/trace-reading';
import type { MobileNodeState } from './mobile-node';

const MOVE_AT = seconds(5);
const WITH_S = { smoothHandoff: { enabled: true } } as const;
/** FA1 re-tunnels from its binding cache on the Route Optimization delivery path (fa/delivery.ts, Perkins & Johnson §4.3; spectun-00 §3.2). */
const SMOOTH: LabOptions = { fa1: { ...WITH_S, routeOptimization: { enabled: true } }, fa2: WITH_S };
const BASE: LabOptions = {};

function moved(o: LabOptions, until = seconds(8)) {
  const sim = labSimulation(o);
  sim.moveNode('MN', IN_CELL2, MOVE_AT);
  sim.runUntil(until);
  return sim;
}

/** When the MN sent its Request to FA2 (deterministic for a configuration and seed). */
function requestToFa2At(o: LabOptions): number {
  const sim = moved(o);
  return mipMessages(sim.trace).find((m) => m.node === 'MN' && m.ip.destination === FA2)!.time;
}

/**
 * Ten datagrams 1 ms apart, the first sent 2.25 ms before the MN's Request to
 * FA2: the first four reach the HA before the new binding and are tunnelled
 * to FA1, arriving there after FA1 learnt of the move (lab delays).
 */
function inFlightStory(o: LabOptions) {
  const t0 = requestToFa2At(o);
  const sim = moved({ ...o, cnFlows: [echoFlow(t0 - 2250, milliseconds(1), 10)] });
  const tunnelledToFa1 = sim.trace.filter((e) => e.node === 'HA' && e.kind === 'forwarded' && datagramOf(e)?.destination === FA1 && e.time > MOVE_AT).length;
  const delivered = sim.nodeState<MobileNodeState>('MN').deliveries.filter((d) => d.flow === 'c').map((d) => d.sequence);
  return { sim, t0, tunnelledToFa1, delivered };
}

describe('moving from FA1 to FA2 with packets in flight', () => {
  it('without smooth handoff the datagrams tunnelled to FA1 are lost', () => {
    const r = inFlightStory(BASE);
    expect(r.tunnelledToFa1).toBe(4);
    expect(r.delivered).toEqual([4, 5, 6, 7, 8, 9]);
    expect(r.sim.nodeState<ForeignAgentState>('FA1').visitors.current[HOME]).toBeDefined(); // FA1 was never told
  });

  it('with smooth handoff none is lost: FA1 re-tunnels them to FA2', () => {
    const r = inFlightStory(SMOOTH);
    expect(r.tunnelledToFa1).toBe(4);
    // all ten arrive; the four that took the detour FA1 → FA2 come after the later ones sent straight to FA2
    expect(r.delivered).toEqual([4, 0, 5, 1, 6, 2, 7, 3, 8, 9]);
    const retunnelled = r.sim.trace.filter((e) => e.node === 'FA1' && e.kind === 'forwarded' && datagramOf(e)?.destination === FA2);
    expect(retunnelled).toHaveLength(4);
    expect(retunnelled.every((e) => innermost(datagramOf(e)!).destination === HOME)).toBe(true);
    const fa1 = r.sim.nodeState<ForeignAgentState>('FA1');
    expect(fa1.visitors.current[HOME]).toBeUndefined();
    expect(fa1.bindingCache.entries[HOME]).toMatchObject({ careOfAddress: FA2, origin: 'smooth-handoff' });
  });
});

describe('the Binding Update and its Acknowledge', () => {
  it('FA2 sends the BU once; FA1 acknowledges through FA2, and the BA beats the Registration Reply', () => {
    const sim = moved({ ...SMOOTH, linkDelays: { r1: 1000 } }); // FA1 is nearer to FA2 than the HA is
    const mip = mipMessages(sim.trace);
    const bus = mip.filter((m) => m.message.kind === 'binding-update');
    expect(bus.map((m) => [m.node, m.ip.source, m.ip.destination])).toEqual([['FA2', FA2, FA1]]);
    const request = mip.find((m) => m.node === 'MN' && m.ip.destination === FA2)!;
    const bu = bus[0]!.message;
    const rrq = request.message;
    expect(bu.kind === 'binding-update' && rrq.kind === 'registration-request').toBe(true);
    if (bu.kind === 'binding-update' && rrq.kind === 'registration-request') {
      expect([bu.homeAddress, bu.careOfAddress, bu.lifetime, bu.identification]).toEqual([HOME, FA2, 10, null]); // OC-09, OC-22
    }

    const baAt = mipMessages(sim.trace, ['received']).find((m) => m.node === 'MN' && m.message.kind === 'binding-acknowledge')!;
    const replyAt = mipMessages(sim.trace, ['received']).find((m) => m.node === 'MN' && m.message.kind === 'registration-reply' && m.time > MOVE_AT)!;
    expect(baAt.ip.source).toBe(FA1); // OC-36: from the previous FA to the home address
    expect(baAt.time).toBeLessThan(replyAt.time); // delivered while the registration was still pending (OC-37)
    expect(sim.trace.filter((e) => e.node === 'FA2' && e.summary.startsWith('decapsulated Binding Acknowledge'))).toHaveLength(1);
    const mn = sim.nodeState<MobileNodeState>('MN');
    expect(mn.pendingBindingUpdates.entries).toEqual({});
    expect(mn.foreignAgentKeys.map((k) => k.faAddress)).toEqual([FA2]); // FA1's single-use key spent, FA2's new one held
  });

  it('a lost BU is resent by the MN itself, byte-identical, until acknowledged', () => {
    let lost = 0;
    const loseFirstBu = (b: NodeBehaviour<unknown>): NodeBehaviour<unknown> => ({
      ...b,
      handle(state, input, ctx) {
        if (input.kind === 'frame' && lost === 0) {
          const d = parseIpv4(input.frame.payload);
          if (d.ok && d.value.source === FA2 && d.value.protocol === 17 && d.value.payload[8] === 18) {
            lost += 1;
            return { state, outputs: [] };
          }
        }
        return b.handle(state, input, ctx);
      },
    });
    const sim = moved({ ...SMOOTH, wrap: { FA1: loseFirstBu as never } }, seconds(12));
    expect(lost).toBe(1);
    const bus = mipMessages(sim.trace).filter((m) => m.message.kind === 'binding-update');
    expect(bus.map((m) => [m.node, m.ip.source])).toEqual([['FA2', FA2], ['MN', HOME]]);
    expect(toHex(bus[1]!.payload)).toBe(toHex(bus[0]!.payload)); // OC-34
    expect(bus[1]!.time - bus[0]!.time).toBeGreaterThanOrEqual(seconds(1) - milliseconds(1)); // OC-21: first timeout 1 s
    const ba = mipMessages(sim.trace, ['received']).find((m) => m.node === 'MN' && m.message.kind === 'binding-acknowledge')!;
    expect(ba.time).toBeGreaterThan(bus[1]!.time);
    expect(sim.nodeState<MobileNodeState>('MN').pendingBindingUpdates.entries).toEqual({});
    expect(sim.nodeState<ForeignAgentState>('FA1').visitors.current[HOME]).toBeUndefined();
  });

  it('is deterministic', () => {
    const json = () => JSON.stringify(moved(SMOOTH).trace, (_k, v: unknown) => (v instanceof Uint8Array ? toHex(v) : v));
    expect(json()).toBe(json());
  });
});

describe('the Identification of a smooth-handoff Binding Update (Perkins & Johnson §3.3; OC-06, OC-09)', () => {
  const firstBuToFa1 = (o: LabOptions) => {
    const sim = moved(o);
    const bu = mipMessages(sim.trace).find((m) => m.node === 'FA2' && m.message.kind === 'binding-update')!;
    const rrq = mipMessages(sim.trace).find((m) => m.node === 'MN' && m.ip.destination === FA2)!;
    const ba = mipMessages(sim.trace, ['received']).find((m) => m.node === 'MN' && m.message.kind === 'binding-acknowledge');
    return { sim, bu, rrq, ba };
  };

  it('is absent by default: I = 0, the authentication extension at octet 12, and FA1 still verifies and acknowledges it', () => {
    const { bu, ba } = firstBuToFa1(SMOOTH);
    expect(bu.payload[1]).toBe(0x80); // A = 1, I = 0, M = G = 0
    expect(bu.payload.length).toBe(12 + 22);
    expect(bu.payload[12]).toBe(35);
    expect(bu.message.kind === 'binding-update' && bu.message.identification).toBeNull();
    expect(ba?.message).toMatchObject({ status: 0, identification: { high: 0, low: 0 } }); // OC-06: all zero when the BU had none
  });

  it('with the optim-08 rule at the foreign agents it carries the Registration Request\'s Identification (I = 1)', () => {
    const OPTIM08 = { smoothHandoff: { enabled: true, identification: 'optim-08' } } as const;
    const { sim, bu, rrq, ba } = firstBuToFa1({ fa1: { ...OPTIM08, routeOptimization: { enabled: true } }, fa2: OPTIM08, mn: { handoffIdentificationAgents: [FA1, FA2] } });
    expect(bu.payload[1]).toBe(0xc0);
    expect(bu.payload.length).toBe(20 + 22);
    if (bu.message.kind !== 'binding-update' || rrq.message.kind !== 'registration-request') throw new Error('unexpected messages');
    expect(bu.message.identification).toEqual(rrq.message.identification);
    expect(ba?.message).toMatchObject({ status: 0, identification: rrq.message.identification });
    expect(sim.nodeState<ForeignAgentState>('FA1').visitors.current[HOME]).toBeUndefined();
  });
});
