import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeRunMetrics } from '../../engine/metrics/run-metrics';
import type { TraceEvent, TraceKind } from '../../engine/node/contract';
import { buildUdpDatagram, flowPayload } from '../../engine/network/behaviours/udp-datagram';
import { CN6, COA6, HA6, HOME6, flowPacket, tunnel6 } from '../../engine/wire/ipv6/test-support/route-optimization-packets';
import { toLoadedScenario } from '../../scenarios/to-topology';
import { parseScenarioText } from '../../scenarios/validate';
import { runHeadless } from './run';
import { formatRunReport } from './run-report';

let n = 0;
const ev = (node: string, kind: TraceKind, time: number, bytes: Uint8Array): TraceEvent => ({ id: `${node}:${++n}`, time, node, kind, summary: kind, ref: '', bytes });

describe('mip-lab run report of an IPv6 run (Perkins & Johnson §10)', () => {
  it('prints the IPv6 mobility overhead beside the tunnelling figures', () => {
    const d0 = flowPacket('cn-to-mn', 0, { source: CN6, destination: HOME6 });
    const d1 = flowPacket('cn-to-mn', 1, { source: CN6, destination: COA6, routingHeader2: { homeAddress: HOME6 } });
    const m = computeRunMetrics([
      ev('CN', 'sent', 0, d0), ev('HA', 'forwarded', 10, tunnel6(d0, HA6, COA6)), ev('MN', 'delivered', 20, d0),
      ev('CN', 'sent', 100, d1), ev('MN', 'delivered', 110, d1),
    ], ['HA']);
    const text = formatRunReport('IPv6', 1, 1_000_000, m);
    expect(text).toContain('Latency and tunnelling (delivered datagrams; octets tunnels and IPv6 mobility headers added per link transmission that carries them)');
    expect(text).toContain('cn-to-mn               0.020         1 (50%)  IPv6 in IPv6 40, type 2 Routing header 24');
    expect(text).toContain('  IPv6 mobility overhead per link transmission (flow datagrams): IPv6 in IPv6 40 octets on 1 transmission; type 2 Routing header 24 octets on 1 transmission\n');
    expect(text).toContain('(RFC 2473 §3)');
  });

  it('an IPv4 run\'s report reads as it always did', () => {
    const d = buildUdpDatagram({ source: '198.51.100.5', destination: '10.1.0.10', sourcePort: 5000, destinationPort: 7, payload: flowPayload('f', 0, 64), ttl: 64, identification: 1 });
    const text = formatRunReport('IPv4', 1, 1_000_000, computeRunMetrics([ev('CN', 'sent', 0, d), ev('MN', 'delivered', 5, d)], ['HA']));
    expect(text).toContain('Latency and tunnelling (delivered datagrams; octets tunnels added per tunnelled link transmission)');
    expect(text).not.toContain('IPv6');
  });

  it('a headless run of the IPv6 built-in prints what the home agent\'s tunnel and the type 2 Routing header cost', () => {
    const parsed = parseScenarioText(readFileSync(join(__dirname, '../../scenarios/builtin/ipv6-route-optimization.json'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const run = runHeadless(toLoadedScenario(parsed.scenario), { until: 10_000_000 });
    const text = formatRunReport('Route optimization in IPv6', run.seed, run.until, run.metrics);
    expect(text).toMatch(/IPv6 mobility overhead per link transmission \(flow datagrams\): IPv6 in IPv6 40 octets on 3 transmissions; type 2 Routing header 24 octets on \d+ transmissions/);
    expect(text).toMatch(/ {2}cn-to-mn +17 +16 +1 /);
  });
});
