// The node host on its own, over real MessageChannels (no worker, no
// coordinator): the handshake, a refused protocol version, and one window
// whose frames leave on the peer port with their buffers transferred.

import { afterEach, describe, expect, it } from 'vitest';
import { computeMembership } from '../../engine/network/radio';
import { computeForwardingTables } from '../../engine/network/routing';
import { indexTopology } from '../../engine/network/topology';
import { NodeHost } from './node-host';
import { PROTOCOL_VERSION, type FromHost, type PeerMessage, type ToHost } from './protocol';
import { ADDRESS, smallNetwork } from './test-support/small-network';

const loaded = smallNetwork({ flows: [{ id: 'a-to-b', from: 'A', to: ADDRESS.B, startS: 0.1, intervalMs: 100, count: 2, payloadOctets: 64 }] });
const index = indexTopology(loaded.topology);
const tables = computeForwardingTables(index, computeMembership(index, loaded.topology.nodes.map((n) => n.position)));
const A = 0;
const R = 1;

const opened: MessagePort[] = [];
afterEach(() => {
  for (const port of opened.splice(0)) port.close();
});

function channel(): MessageChannel {
  const c = new MessageChannel();
  opened.push(c.port1, c.port2);
  return c;
}

function nextMessage<T>(port: MessagePort): Promise<T> {
  return new Promise((resolve) => {
    port.onmessage = (e: MessageEvent<T>) => resolve(e.data);
  });
}

/** A host for node A, with the coordinator's end of its control port and R's end of their peer port. */
function hostForA(version = PROTOCOL_VERSION) {
  const control = channel();
  const peer = channel();
  new NodeHost(control.port2);
  const init: ToHost = { type: 'init', version, scenario: loaded, seed: 7, node: A, initialTable: tables[A]!, peers: [{ node: R, port: peer.port1 }] };
  const ready = nextMessage<FromHost>(control.port1);
  control.port1.postMessage(init, [peer.port1]);
  return { control: control.port1, fromR: peer.port2, ready };
}

describe('a node host', () => {
  it('answers the handshake with its version and whether the flows are in its state', async () => {
    const { ready } = hostForA();
    // A correspondent's flows arrive as start-flow commands (scenarios/load.ts), not in its state.
    expect(await ready).toEqual({ type: 'ready', version: PROTOCOL_VERSION, node: A, flowsInState: false });
  });

  it('refuses a coordinator of another protocol version, saying both versions', async () => {
    const { ready } = hostForA(PROTOCOL_VERSION + 1);
    const reply = await ready;
    expect(reply.type).toBe('refused');
    expect(reply).toMatchObject({ version: PROTOCOL_VERSION });
    expect((reply as { reason: string }).reason).toBe(`protocol version mismatch: the coordinator speaks version ${PROTOCOL_VERSION + 1}, this node host version ${PROTOCOL_VERSION} (reload the page so both come from the same build)`);
  });

  it('runs the time-0 commands, then one window, and sends its frames to the peer as one transferred batch', async () => {
    const { control, fromR, ready } = hostForA();
    await ready;
    const start: ToHost = { type: 'commands', step: 1, expect: 0, time: 0, commands: [
      { seq: 0, command: { type: 'install-routes', table: tables[A]! } },
      { seq: 4, command: { type: 'start' } },
      { seq: 8, command: { type: 'start-flow', flow: loaded.nodes[A]!.flows[0]! } },
    ] };
    let reply = nextMessage<FromHost>(control);
    control.postMessage(start);
    const started = await reply as Extract<FromHost, { type: 'done' }>;
    expect(started).toMatchObject({ type: 'done', step: 1, node: A, next: 100_000, sent: [] });
    // Every trace event carries its key: (time 0, the world's source −1, the command's seq, phase 0, node A).
    expect(started.keys.length).toBe(started.trace.length * 5);
    expect(started.keys.slice(0, 5)).toEqual([0, -1, 0, 0, A]);

    // The window [100 000, 101 000) µs: the first datagram leaves at 100 000 µs and reaches R 1 ms later, on the window's end.
    const frames = nextMessage<PeerMessage>(fromR);
    reply = nextMessage<FromHost>(control);
    control.postMessage({ type: 'window', step: 2, expect: 0, end: 101_000 } satisfies ToHost);
    const window = await reply as Extract<FromHost, { type: 'done' }>;
    expect(window.sent).toEqual([{ to: R, earliest: 101_000 }]);
    expect(window.next).toBe(200_000);
    expect(window.trace.map((e) => [e.time, e.kind])).toEqual([[100_000, 'timer'], [100_000, 'sent']]);
    const batch = await frames;
    expect(batch.type).toBe('frames');
    expect(batch.events).toHaveLength(1);
    const [event] = batch.events;
    expect(event).toMatchObject({ time: 101_000, source: A, payload: { kind: 'frame', node: R, interface: 0, link: 'lan1', sentEvent: window.trace[1]!.id } });
    const payload = (event!.payload as { frame: { payload: Uint8Array } }).frame.payload;
    expect(payload.length).toBe(20 + 8 + 64); // IPv4 + UDP + the flow's payload
    expect(payload).toEqual(window.trace[1]!.bytes);
  });

  it('waits for the frame batches a step expects before processing it', async () => {
    const { control, fromR, ready } = hostForA();
    await ready;
    let answered = false;
    const reply = nextMessage<FromHost>(control).then((m) => { answered = true; return m; });
    control.postMessage({ type: 'window', step: 1, expect: 1, end: 10 } satisfies ToHost);
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false); // one batch is still on its way
    fromR.postMessage({ type: 'frames', events: [] } satisfies PeerMessage);
    expect(await reply).toMatchObject({ type: 'done', step: 1 });
  });
});
