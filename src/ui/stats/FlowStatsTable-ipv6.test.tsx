// @vitest-environment happy-dom
// The flow table of an IPv6 run (Perkins & Johnson §10): the octets column is
// named for tunnels and IPv6 headers, each flow shows what the home agent's
// tunnel and the type 2 Routing header added, and the measured overhead sits
// under the table with what the specs say each costs; an IPv4 run's table is
// what it always was.

import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { computeRunMetrics } from '../../engine/metrics/run-metrics';
import type { TraceEvent, TraceKind } from '../../engine/node/contract';
import { buildUdpDatagram, flowPayload } from '../../engine/network/behaviours/udp-datagram';
import { CN6, COA6, HA6, HOME6, flowPacket, tunnel6 } from '../../engine/wire/ipv6/test-support/route-optimization-packets';
import { FlowStatsTable } from './FlowStatsTable';

let n = 0;
const ev = (node: string, kind: TraceKind, time: number, bytes: Uint8Array): TraceEvent => ({ id: `${node}:${++n}`, time, node, kind, summary: kind, ref: '', bytes });

describe('the flow table of an IPv6 run', () => {
  afterEach(cleanup);

  it('shows the tunnel and the type 2 Routing header per hop, and the IPv6 overhead lines', () => {
    const d0 = flowPacket('cn-to-mn', 0, { source: CN6, destination: HOME6 });
    const t0 = tunnel6(d0, HA6, COA6);
    const d1 = flowPacket('cn-to-mn', 1, { source: CN6, destination: COA6, routingHeader2: { homeAddress: HOME6 } });
    const m = computeRunMetrics([
      ev('CN', 'sent', 0, d0), ev('HA', 'forwarded', 10, t0), ev('MN', 'delivered', 20, d0),
      ev('CN', 'sent', 100, d1), ev('R', 'forwarded', 105, d1), ev('MN', 'delivered', 110, d1),
    ], ['HA']);
    render(<FlowStatsTable metrics={m} />);
    expect(screen.getByRole('columnheader', { name: 'Tunnel and IPv6 header octets per hop' })).toBeTruthy();
    expect(screen.getByRole('row', { name: /cn-to-mn/ }).textContent).toContain('IPv6 in IPv6 40, type 2 Routing header 24');
    const note = screen.getByLabelText('IPv6 mobility overhead');
    expect(note.textContent).toContain('IPv6 in IPv6 40 octets on 1 transmission; type 2 Routing header 24 octets on 2 transmissions');
    expect(note.textContent).toContain('RFC 6275 §6.4');
  });

  it('an IPv4 run keeps its column name and shows no IPv6 lines', () => {
    const d = buildUdpDatagram({ source: '198.51.100.5', destination: '10.1.0.10', sourcePort: 5000, destinationPort: 7, payload: flowPayload('f', 0, 64), ttl: 64, identification: 1 });
    render(<FlowStatsTable metrics={computeRunMetrics([ev('CN', 'sent', 0, d), ev('MN', 'delivered', 5, d)], ['HA'])} />);
    expect(screen.getAllByRole('columnheader', { name: 'Tunnel octets per hop' })).toHaveLength(1);
    expect(screen.queryByLabelText('IPv6 mobility overhead')).toBeNull();
  });
});
