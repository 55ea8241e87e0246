// The simple router and host called directly through the sans-IO contract:
// state and input in, state and outputs out — no simulation needed.

import { describe, expect, it } from 'vitest';
import type { NodeConfig, NodeContext } from '../../node/contract';
import type { ForwardingTable } from '../../node/route-table';
import { createRandom } from '../../random';
import { bytesToHex, hexToBytes } from '../../wire/test-support/laws';
import { MAX_RECORDED_DELIVERIES, hostBehaviour, initialHostState, withDelivery } from './host';
import { initialRouterState, routerBehaviour } from './router';
import { buildUdpDatagram } from './udp-datagram';

const routerNode: NodeConfig = { id: 'R', interfaces: [
  { name: 'eth0', address: '10.1.0.1', prefixLength: 24, linkAddress: '02:00:00:00:01:00', radio: false },
  { name: 'eth1', address: '10.2.0.1', prefixLength: 24, linkAddress: '02:00:00:00:01:01', radio: false },
] };
const hostNode: NodeConfig = { id: 'H', interfaces: [{ name: 'eth0', address: '10.1.0.10', prefixLength: 24, linkAddress: '02:00:00:00:00:00', radio: false }] };
const ctx = (node: NodeConfig, now = 0): NodeContext => ({ now, node, random: createRandom(1) });

const routerTable: ForwardingTable = {
  routes: [
    { destination: '10.1.0.0', prefixLength: 24, interface: 'eth0', nextHop: null, metric: 10, hops: 1 },
    { destination: '10.2.0.0', prefixLength: 24, interface: 'eth1', nextHop: null, metric: 10, hops: 1 },
  ],
  neighbours: [{ interface: 'eth1', address: '10.2.0.10', linkAddress: '02:00:00:00:02:00' }],
};
const hostTable: ForwardingTable = {
  routes: [
    { destination: '10.1.0.0', prefixLength: 24, interface: 'eth0', nextHop: null, metric: 10, hops: 1 },
    { destination: '10.2.0.0', prefixLength: 24, interface: 'eth0', nextHop: '10.1.0.1', metric: 20, hops: 2 },
  ],
  neighbours: [{ interface: 'eth0', address: '10.1.0.1', linkAddress: '02:00:00:00:01:00' }],
};
const PING = hexToBytes('45 00 00 20 00 01 00 00 40 11 66 b6 0a 01 00 0a 0a 02 00 0a 13 88 00 07 00 0c f9 5f 70 69 6e 67');

describe('router behaviour', () => {
  it('installs a table and traces the change with before and after', () => {
    const step = routerBehaviour.handle(initialRouterState(), { kind: 'command', command: { type: 'install-routes', table: routerTable } }, ctx(routerNode));
    expect(step.state.table).toBe(routerTable);
    expect(step.outputs).toEqual([{ kind: 'trace', event: expect.objectContaining({ kind: 'table-changed', before: [], after: ['10.1.0.0/24 on-link on eth0 (1 hop, 10 µs)', '10.2.0.0/24 on-link on eth1 (1 hop, 10 µs)'] }) }]);
  });

  it('forwards a datagram to the neighbour’s link address, TTL one less, and leaves its state alone', () => {
    const state = { ...initialRouterState(), table: routerTable };
    const step = routerBehaviour.handle(state, { kind: 'frame', interface: 'eth0', frame: { source: '02:00:00:00:00:00', destination: '02:00:00:00:01:00', etherType: 0x0800, payload: PING } }, ctx(routerNode));
    expect(step.state).toBe(state);
    expect(step.outputs).toHaveLength(1);
    const out = step.outputs[0]!;
    expect(out).toMatchObject({ kind: 'transmit', interface: 'eth1', traceAs: 'forwarded', frame: { source: '02:00:00:00:01:01', destination: '02:00:00:00:02:00', etherType: 0x0800 } });
    // TTL 64 → 63: checksum 0x66b6 → 0x67b6 (TTL is the high octet of its word).
    expect(out.kind === 'transmit' && bytesToHex(out.frame.payload)).toBe(bytesToHex(hexToBytes('45 00 00 20 00 01 00 00 3f 11 67 b6 0a 01 00 0a 0a 02 00 0a 13 88 00 07 00 0c f9 5f 70 69 6e 67')));
  });

  it('refuses a learner\'s setting or attack in its trace, state unchanged (it holds no Mobile IP settings)', () => {
    const state = initialRouterState();
    const step = routerBehaviour.handle(state, { kind: 'command', command: { type: 'configure', setting: 'route-optimization', value: false } as never }, ctx(routerNode));
    expect(step.state).toBe(state);
    expect(step.outputs).toEqual([{ kind: 'trace', event: { kind: 'decision', summary: 'learner: configure refused at this router', reason: 'a plain IPv4 router forwards datagrams and holds no Mobile IP settings; it makes no attacks', ref: 'RFC 1812 (from knowledge)' } }]);
  });

  it('ignores what is not IPv4, saying so', () => {
    const step = routerBehaviour.handle(initialRouterState(), { kind: 'frame', interface: 'eth0', frame: { source: '02:00:00:00:00:00', destination: 'ff:ff:ff:ff:ff:ff', etherType: 0x0806, payload: new Uint8Array(28) } }, ctx(routerNode));
    expect(step.outputs).toEqual([{ kind: 'trace', event: { kind: 'dropped', summary: 'frame with EtherType 0x0806 ignored', reason: 'this router forwards IPv4 (EtherType 0x0800) and IPv6 (EtherType 0x86DD) only', ref: 'RFC 826; RFC 2464 §3', interface: 'eth0' } }]);
  });
});

describe('host behaviour', () => {
  const flow = { id: 'a', destination: '10.2.0.10', sourcePort: 5000, destinationPort: 7, start: 100, interval: 50, count: 2, payloadOctets: 8 };

  it('arms one timer per flow at start, sends on each timer and re-arms until the count is reached', () => {
    const state = { ...initialHostState([flow]), table: hostTable };
    expect(hostBehaviour.handle(state, { kind: 'command', command: { type: 'start' } }, ctx(hostNode)).outputs).toEqual([{ kind: 'set-timer', key: 'flow:a', at: 100 }]);
    const first = hostBehaviour.handle(state, { kind: 'timer', key: 'flow:a' }, ctx(hostNode, 100));
    expect(first.outputs.map((o) => o.kind)).toEqual(['transmit', 'set-timer']);
    expect(first.outputs[0]).toMatchObject({ interface: 'eth0', frame: { destination: '02:00:00:00:01:00' }, summary: 'UDP 10.1.0.10:5000 → 10.2.0.10:7, 8 octets (flow a #0)' });
    expect(first.outputs[1]).toEqual({ kind: 'set-timer', key: 'flow:a', at: 150 });
    const second = hostBehaviour.handle(first.state, { kind: 'timer', key: 'flow:a' }, ctx(hostNode, 150));
    expect(second.outputs.map((o) => o.kind)).toEqual(['transmit']);
    expect(second.state.sent).toEqual({ a: 2 });
    expect(second.state.nextIdentification).toBe(3);
    expect(state.sent).toEqual({}); // the input state was not mutated
  });

  it('says why it cannot send without a route', () => {
    const step = hostBehaviour.handle(initialHostState(), { kind: 'command', command: { type: 'send-udp', destination: '10.2.0.10', sourcePort: 1, destinationPort: 2, payload: new Uint8Array(1), source: '10.1.0.10' } }, ctx(hostNode));
    expect(step.outputs).toEqual([{ kind: 'trace', event: expect.objectContaining({ kind: 'dropped', reason: "no route to 10.2.0.10 in this node's forwarding table" }) }]);
  });

  it('records deliveries, keeping only the most recent ones but counting all', () => {
    const toHost = buildUdpDatagram({ source: '10.2.0.10', destination: '10.1.0.10', sourcePort: 7, destinationPort: 5000, payload: new Uint8Array(8), ttl: 62, identification: 9 });
    let state = initialHostState();
    for (let t = 0; t < MAX_RECORDED_DELIVERIES + 5; t++) {
      state = hostBehaviour.handle(state, { kind: 'frame', interface: 'eth0', frame: { source: '02:00:00:00:01:00', destination: '02:00:00:00:00:00', etherType: 0x0800, payload: toHost } }, ctx(hostNode, t)).state;
    }
    expect(state.deliveredCount).toBe(MAX_RECORDED_DELIVERIES + 5);
    expect(state.deliveries).toHaveLength(MAX_RECORDED_DELIVERIES);
    expect(state.deliveries[0]).toMatchObject({ time: 5, source: '10.2.0.10', sourcePort: 7, destinationPort: 5000, ttl: 62, octets: 16 });
  });

  it('withDelivery appends to a new list, oldest dropped past the bound, the old list untouched', () => {
    const at = (time: number) => ({ time, source: '10.2.0.10', destination: '10.1.0.10', protocol: 17, ttl: 64, octets: 8 });
    let list: readonly ReturnType<typeof at>[] = [];
    const seen: (readonly ReturnType<typeof at>[])[] = [];
    for (let t = 0; t < MAX_RECORDED_DELIVERIES + 3; t++) {
      seen.push(list);
      list = withDelivery(list, at(t));
    }
    expect(list.map((d) => d.time)).toEqual(Array.from({ length: MAX_RECORDED_DELIVERIES }, (_, i) => i + 3));
    expect(seen[10]!.map((d) => d.time)).toEqual(Array.from({ length: 10 }, (_, i) => i)); // earlier states keep what they had
    expect(seen[MAX_RECORDED_DELIVERIES + 2]).toHaveLength(MAX_RECORDED_DELIVERIES);
  });

  it('drops a datagram for someone else: hosts do not forward', () => {
    const elsewhere = buildUdpDatagram({ source: '10.2.0.10', destination: '10.1.0.99', sourcePort: 7, destinationPort: 5000, payload: new Uint8Array(4), ttl: 62, identification: 9 });
    const step = hostBehaviour.handle(initialHostState(), { kind: 'frame', interface: 'eth0', frame: { source: '02:00:00:00:01:00', destination: '02:00:00:00:00:00', etherType: 0x0800, payload: elsewhere } }, ctx(hostNode));
    expect(step.outputs).toEqual([{ kind: 'trace', event: expect.objectContaining({ kind: 'dropped', summary: 'UDP 10.2.0.10 → 10.1.0.99 dropped', reason: '10.1.0.99 is not an address of this host, and hosts do not forward' }) }]);
    expect(step.state.deliveries).toEqual([]);
  });
});
