import { describe, expect, it } from 'vitest';
import type { DatagramDelivery } from '../../engine/metrics/run-metrics';
import { controlCaption, wrapName } from './ControlChart';
import { handoffMarkers, latencyCaption, latencySeries } from './latency-chart-data';

const d = (flow: string, sequence: number, deliveredAt: number, latencyMs: number): DatagramDelivery => ({ flow, sequence, sentAt: deliveredAt - latencyMs * 1000, deliveredAt, latencyMs, hops: 3, tunnelled: false, viaHomeAgent: false });

describe('the latency chart\'s data', () => {
  const deliveries = [d('a', 0, 1_000_000, 6), d('b', 0, 1_500_000, 22), d('a', 1, 2_000_000, 7.5)];

  it('one x per delivery in seconds, one series per flow with null where another flow\'s datagram is', () => {
    expect(latencySeries(deliveries, ['a', 'b'])).toEqual({ x: [1, 1.5, 2], y: [[6, null, 7.5], [null, 22, null]] });
    expect(latencySeries([], ['a'])).toEqual({ x: [], y: [[]] });
  });

  it('marks each handoff at its time with the move, and says it all in the caption', () => {
    const handoffs = [{ node: 'MN', time: 1_200_000, from: ['cell1'], to: ['cell2'], firstDeliveryAt: 2_000_000, lost: 2 }];
    expect(handoffMarkers(handoffs)).toEqual([{ x: 1.2, label: 'MN: cell1 → cell2' }]);
    expect(latencyCaption(deliveries, ['a', 'b'], handoffs)).toBe(
      'Latency of each datagram delivered, over virtual time. a: 2 delivered, from 6.0 ms to 7.5 ms; b: 1 delivered, from 22.0 ms to 22.0 ms. Handoffs marked: MN: cell1 → cell2 at 1.2 s, 2 lost before the next delivery.',
    );
    expect(latencyCaption([], ['a'], [])).toMatch(/no datagram has been delivered yet/);
  });
});

describe('the control chart\'s words', () => {
  it('wraps message names into short lines for the axis', () => {
    expect(wrapName('Agent Advertisement')).toBe('Agent\nAdvertisement');
    expect(wrapName('Binding Update')).toBe('Binding Update');
    expect(wrapName('Registration Request with key extensions')).toBe('Registration\nRequest with\nkey extensions');
  });

  it('says every message\'s transmissions and octets in the caption', () => {
    expect(controlCaption({ messages: 3, octets: 150, byMessage: { 'Binding Update': 2, 'Binding Warning': 1 }, octetsByMessage: { 'Binding Update': 110, 'Binding Warning': 40 } })).toBe(
      'Control overhead by message, in octets sent on links: 3 transmissions, 150 octets in all. Binding Update: 2 transmissions, 110 octets; Binding Warning: 1 transmission, 40 octets.',
    );
  });
});
