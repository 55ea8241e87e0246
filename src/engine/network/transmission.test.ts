import { describe, expect, it } from 'vitest';
import { BROADCAST_LINK_ADDRESS } from '../node/link-address';
import { createRandom } from '../random';
import { computeMembership } from './radio';
import { lineTopology } from './test-support/scenarios';
import { indexTopology, type Topology } from './topology';
import { planTransmission, serializationDelay, type TransmitState } from './transmission';

// lan1 as a busier segment: H1 (0), R1 (1), and two more stations, one promiscuous.
const base = lineTopology({ lan1: { loss: 0 } });
const topology: Topology = {
  links: base.links,
  nodes: [
    ...base.nodes,
    { id: 'H3', interfaces: [{ name: 'eth0', address: '10.1.0.30', prefixLength: 24, link: 'lan1' }] },
    { id: 'Spy', interfaces: [{ name: 'eth0', address: '10.1.0.66', prefixLength: 24, link: 'lan1', promiscuous: true }] },
    { id: 'MN', position: { x: 0, y: 0 }, interfaces: [{ name: 'wlan0', address: '10.9.0.10', prefixLength: 24, radio: true }] },
  ],
};
const index = indexTopology(topology);
const membership = computeMembership(index, topology.nodes.map((n) => n.position));
const H1 = { node: 0, interface: 0 };
const R1_MAC = '02:00:00:00:01:00';
const fresh = (): TransmitState => ({ freeAt: 0, random: createRandom(9).state() });

describe('transmission', () => {
  it('serialization = ceil(octets × 8 / bandwidth), none without a bandwidth', () => {
    expect(serializationDelay(100, 1_000_000)).toBe(800);
    expect(serializationDelay(100, 10_000_000)).toBe(80);
    expect(serializationDelay(1, 3_000_000)).toBe(3); // 2.67 µs, rounded up
    expect(serializationDelay(1500, undefined)).toBe(0);
  });

  it('a unicast frame reaches its addressee (and the promiscuous station), after serialization + delay', () => {
    const plan = planTransmission(index, membership, H1, R1_MAC, 100, fresh(), 1000)!;
    expect(plan.departure).toBe(1080);
    expect(plan.receptions).toEqual([
      { link: 'lan1', to: { node: 1, interface: 0 }, time: 1180 },
      { link: 'lan1', to: { node: 5, interface: 0 }, time: 1180 },
    ]);
  });

  it('a broadcast reaches every other station on the segment, in topology order, never the sender', () => {
    const plan = planTransmission(index, membership, H1, BROADCAST_LINK_ADDRESS, 100, fresh(), 0)!;
    expect(plan.receptions.map((r) => r.to.node)).toEqual([1, 4, 5]);
  });

  it('frames queue FIFO behind each other on the sending interface', () => {
    const first = planTransmission(index, membership, H1, R1_MAC, 100, fresh(), 1000)!;
    const second = planTransmission(index, membership, H1, R1_MAC, 100, first.state, 1010)!;
    const third = planTransmission(index, membership, H1, R1_MAC, 100, second.state, 5000)!;
    expect([first.departure, second.departure, third.departure]).toEqual([1080, 1160, 5080]);
  });

  it('a loss-free link draws no randomness; loss 1 loses every receiver', () => {
    const state = fresh();
    expect(planTransmission(index, membership, H1, BROADCAST_LINK_ADDRESS, 100, state, 0)!.state.random).toEqual(state.random);
    const lossy = indexTopology(lineTopology({ lan1: { loss: 1 } }));
    const m = computeMembership(lossy, lossy.topology.nodes.map((n) => n.position));
    const plan = planTransmission(lossy, m, H1, R1_MAC, 100, fresh(), 0)!;
    expect(plan.receptions).toEqual([]);
    expect(plan.losses).toEqual([{ link: 'lan1', to: { node: 1, interface: 0 }, probability: 1, time: 80 + 100 }]); // when it would have arrived
    expect(plan.unreached).toBeUndefined(); // R1 has the address: the draw lost it, not the addressing
  });

  it('a unicast frame to an address no station on the link has reaches no one: unreached, when it would have arrived', () => {
    const plan = planTransmission(index, membership, H1, '02:00:00:00:77:00', 100, fresh(), 1000)!;
    expect(plan.unreached).toEqual({ links: ['lan1'], time: 1180 });
    expect(plan.receptions).toEqual([{ link: 'lan1', to: { node: 5, interface: 0 }, time: 1180 }]); // the promiscuous station still overhears it
    expect(plan.losses).toEqual([]);
    // A group address or a present addressee is never unreached.
    expect(planTransmission(index, membership, H1, BROADCAST_LINK_ADDRESS, 100, fresh(), 0)!.unreached).toBeUndefined();
    expect(planTransmission(index, membership, H1, R1_MAC, 100, fresh(), 0)!.unreached).toBeUndefined();
  });

  it('a radio interface out of range has nowhere to send', () => {
    const away = computeMembership(index, topology.nodes.map((n) => (n.id === 'MN' ? { x: 1000, y: 0 } : n.position)));
    expect(planTransmission(index, away, { node: 6, interface: 0 }, BROADCAST_LINK_ADDRESS, 20, fresh(), 0)).toBeUndefined();
  });
});
