import { describe, expect, it } from 'vitest';
import type { UdpFlow } from '../../engine/network/behaviours/host';
import { canStop, flowsNow } from './flow-status';

const S = 1_000_000;
const flow: UdpFlow = { id: 'cn-to-mn', destination: '10.1.0.10', sourcePort: 5000, destinationPort: 5001, start: 2 * S, interval: S / 2, count: 53, payloadOctets: 64 };
const last = 2 * S + 52 * (S / 2); // 28 s

describe('a node\'s traffic flows at the current time', () => {
  it('waits, sends, then finishes, as the scenario schedules it', () => {
    expect(flowsNow('CN', [flow], [], S)[0]!.state).toEqual({ kind: 'waiting', from: 2 * S });
    expect(flowsNow('CN', [flow], [], 3 * S)[0]).toEqual({ id: 'cn-to-mn', destination: '10.1.0.10', intervalMs: 500, state: { kind: 'sending', until: last } });
    expect(flowsNow('CN', [flow], [], 29 * S)[0]!.state).toEqual({ kind: 'finished', at: last });
    expect(canStop(flowsNow('CN', [flow], [], 3 * S)[0]!)).toBe(true);
    expect(canStop(flowsNow('CN', [flow], [], 29 * S)[0]!)).toBe(false);
  });

  it('is stopped by a stop-flow for this node only, from its time on, and starts again with a start-flow', () => {
    const stop = { at: 5 * S, command: { type: 'stop-flow' as const, node: 'CN', flow: 'cn-to-mn' } };
    const elsewhere = { at: 4 * S, command: { type: 'stop-flow' as const, node: 'MN', flow: 'cn-to-mn' } };
    expect(flowsNow('CN', [flow], [elsewhere, stop], 4.5 * S)[0]!.state.kind).toBe('sending');
    const stopped = flowsNow('CN', [flow], [elsewhere, stop], 6 * S)[0]!;
    expect(stopped.state).toEqual({ kind: 'stopped', at: 5 * S });
    expect(canStop(stopped)).toBe(false);
    const again = { at: 7 * S, command: { type: 'start-flow' as const, node: 'CN', flow: { ...flow, start: 0, count: 4 } } };
    expect(flowsNow('CN', [flow], [stop, again], 8 * S)[0]!.state).toEqual({ kind: 'sending', until: 7 * S + 3 * (S / 2) });
  });

  it('lists nothing for a node that sends no flow', () => {
    expect(flowsNow('HA', [], [], 3 * S)).toEqual([]);
  });
});
