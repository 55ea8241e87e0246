import { describe, expect, it } from 'vitest';
import { buildUdpDatagram, flowPayload } from '../network/behaviours/udp-datagram';
import type { TraceEvent } from '../node/contract';
import { buildSamplePackets } from '../samples/sample-packets';
import { encapsulateIpInIp } from '../wire/ip-in-ip';
import { flowDatagramOf, mipMessageOf } from './trace-events';

const event = (bytes?: Uint8Array): TraceEvent => ({ id: 'X:1', time: 0, node: 'X', kind: 'sent', summary: '', ref: '', ...(bytes === undefined ? {} : { bytes }) });

describe('reading one trace event', () => {
  const datagram = buildUdpDatagram({ source: '198.51.100.5', destination: '10.1.0.10', sourcePort: 5000, destinationPort: 7, payload: flowPayload('cn-to-mn', 7, 64), ttl: 64, identification: 1 });

  it('finds a flow datagram, plain or inside a tunnel, with its own direction and the tunnel entry point', () => {
    expect(flowDatagramOf(event(datagram))).toEqual({ flow: 'cn-to-mn', sequence: 7, source: '198.51.100.5', destination: '10.1.0.10', tunnels: [], outerSource: '198.51.100.5' });
    const tunnelled = encapsulateIpInIp(datagram, { source: '10.1.0.1', destination: '192.168.2.1', identification: 2, decrementInnerTtl: true });
    if (!tunnelled.ok) throw new Error('could not tunnel');
    expect(flowDatagramOf(event(tunnelled.value))).toEqual({ flow: 'cn-to-mn', sequence: 7, source: '198.51.100.5', destination: '10.1.0.10', tunnels: ['IP in IP'], outerSource: '10.1.0.1' });
    expect(mipMessageOf(event(datagram))).toBeNull();
  });

  it('finds a Mobile IP message on UDP port 434, and nothing in an event without bytes', () => {
    const request = buildSamplePackets({ seed: 1 }).find((p) => p.name.startsWith('Registration Request relayed'))!;
    const m = mipMessageOf(event(request.bytes));
    expect(m?.message.kind).toBe('registration-request');
    expect(m?.destinationPort).toBe(434);
    expect(flowDatagramOf(event(request.bytes))).toBeNull();
    expect(mipMessageOf(event())).toBeNull();
    expect(flowDatagramOf(event())).toBeNull();
  });
});
