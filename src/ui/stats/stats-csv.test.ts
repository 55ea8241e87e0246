import { describe, expect, it } from 'vitest';
import { computeRunMetrics } from '../../engine/metrics/run-metrics';
import type { TraceEvent } from '../../engine/node/contract';
import { flowPayload } from '../../engine/network/behaviours/udp-datagram';
import { udpDatagram } from '../../engine/wire/datagram';
import { csvField, datagramsCsv, flowsCsv } from './stats-csv';

describe('CSV fields (RFC 4180 §2)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    [3.5, '3.5'],
    [null, ''],
    [false, 'false'],
  ] as const)('%j → %s', (value, expected) => expect(csvField(value)).toBe(expected));
});

describe('the Statistics CSV files', () => {
  const CN = '198.51.100.5';
  const MN = '10.1.0.10';
  const d = (flow: string, n: number) => udpDatagram({ source: CN, destination: MN }, 5000, 7, flowPayload(flow, n, 24));
  const ev = (i: number, time: number, node: string, kind: TraceEvent['kind'], bytes: Uint8Array, reason?: string): TraceEvent => ({ id: `e${i}`, time, node, kind, summary: kind, ref: 'test', bytes, ...(reason === undefined ? {} : { reason }) });
  // Flow "x,y" (a comma: quoted): #0 sent at 1 s, delivered at 1.0125 s (12.5 ms); #1 lost by FA1.
  const trace = [
    ev(0, 1_000_000, 'CN', 'sent', d('x,y', 0)), ev(1, 1_012_500, 'MN', 'delivered', d('x,y', 0)),
    ev(2, 2_000_000, 'CN', 'sent', d('x,y', 1)), ev(3, 2_001_000, 'FA1', 'lost', d('x,y', 1), 'no station on cell1 has that address: gone'),
  ];

  it('per flow: a header, a row per flow and one for all flows, CRLF line ends', () => {
    expect(flowsCsv(computeRunMetrics(trace, []))).toBe([
      'flow,sent,delivered,lost,lost_in_flight,duplicated,mean_hops,mean_latency_ms,worst_latency_ms,tunnelled,via_home_agent,encapsulated_transmissions,encapsulation_octets,loss_causes',
      '"x,y",2,1,1,0,0,1,12.5,12.5,0,0,0,0,1 × FA1 lost it: no station on cell1 has that address',
      'all flows,2,1,1,0,0,1,12.5,12.5,0,0,0,0,1 × FA1 lost it: no station on cell1 has that address',
      '',
    ].join('\r\n'));
  });

  it('per datagram: each first delivery, times in seconds', () => {
    const acc = computeRunMetrics(trace, []);
    expect(acc.overall.delivered).toBe(1);
    expect(datagramsCsv([{ flow: 'x,y', sequence: 0, sentAt: 1_000_000, deliveredAt: 1_012_500, latencyMs: 12.5, hops: 1, tunnelled: false, viaHomeAgent: false }])).toBe(
      'flow,sequence,sent_s,delivered_s,latency_ms,hops,tunnelled,via_home_agent\r\n"x,y",0,1.000000,1.012500,12.5,1,false,false\r\n',
    );
    expect(datagramsCsv([])).toBe('flow,sequence,sent_s,delivered_s,latency_ms,hops,tunnelled,via_home_agent\r\n');
  });
});
