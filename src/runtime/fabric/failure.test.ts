// Failures end the run cleanly (docs/architecture.md "Runtime"): a behaviour that throws, a host
// that never answers, a worker that dies — each reported once through
// onFailure with the node and the reason, the pending advanceTo rejected with
// it, and never a hang. Creation refuses what the fabric cannot run.

import { afterEach, describe, expect, it } from 'vitest';
import type { NodeId } from '../../engine/node/contract';
import type { RoleFactory, RoleRegistry } from '../../scenarios/load';
import { PROTOCOL_REGISTRY } from '../../scenarios/registry';
import type { SimulationBackend } from '../backend';
import type { RuntimeFailure } from '../types';
import { inThreadSpawner } from './in-thread-spawner';
import { recordingSpawner, type SentRequest } from './test-support/recording-spawner';
import { ADDRESS, smallNetwork } from './test-support/small-network';
import type { NodeSpawner } from './spawner';
import { createWorkerBackend } from './worker-backend';

const running: SimulationBackend[] = [];
afterEach(() => {
  for (const b of running.splice(0)) b.destroy();
});

const withFlow = () => smallNetwork({ flows: [{ id: 'f', from: 'A', to: ADDRESS.B, startS: 0.1, intervalMs: 100, count: 5 }] });

/** The real router, except that it throws on the first frame it receives. */
const brokenRouter: RoleFactory = (node, loaded) => {
  const setup = PROTOCOL_REGISTRY.router!(node, loaded);
  return {
    ...setup,
    behaviour: {
      kind: setup.behaviour.kind,
      handle(state, input, context) {
        if (input.kind === 'frame') throw new Error('simulated bug while forwarding');
        return setup.behaviour.handle(state, input, context);
      },
    },
  };
};

async function start(spawner: NodeSpawner, stepTimeoutMs?: number) {
  const loaded = withFlow();
  const backend = await createWorkerBackend(loaded, loaded.seed, spawner, stepTimeoutMs === undefined ? {} : { stepTimeoutMs });
  running.push(backend);
  const failures: RuntimeFailure[] = [];
  backend.onFailure((f) => failures.push(f));
  return { backend, failures, loaded };
}

describe('fabric failures', () => {
  it('a behaviour that throws: onFailure names the node and the reason, advanceTo rejects, later calls too', async () => {
    const registry: RoleRegistry = { ...PROTOCOL_REGISTRY, router: brokenRouter };
    const { backend, failures, loaded } = await start(inThreadSpawner(registry));
    const reason = 'node "R" failed: simulated bug while forwarding';
    await expect(backend.advanceTo(loaded.duration)).rejects.toThrow(reason);
    expect(failures).toEqual([{ node: 'R', reason }]);
    await expect(backend.advanceTo(loaded.duration)).rejects.toThrow(reason);
    await expect(backend.views()).rejects.toThrow(reason);
    expect(() => backend.apply({ type: 'move', node: 'A', position: { x: 0, y: 0 } }, loaded.duration)).toThrow(reason);
  });

  it('a host that stops answering: the step times out naming it', async () => {
    const log: SentRequest[] = [];
    const silentB = recordingSpawner(log, { drop: (node, m) => node === 'B' && m.type === 'window' });
    const { backend, failures, loaded } = await start(silentB, 300);
    await expect(backend.advanceTo(loaded.duration)).rejects.toThrow('the window [103000, 107000) µs did not settle within 0.3 s: no answer from "B"');
    expect(failures).toEqual([{ node: 'B', reason: 'the window [103000, 107000) µs did not settle within 0.3 s: no answer from "B"' }]);
  });

  it('each request has its own deadline: slow answers, each in time, never add up to a timeout', async () => {
    // B answers every window 150 ms late; with a 300 ms timeout, B's five windows take far longer than one timeout in all.
    const inner = inThreadSpawner();
    const slowB: NodeSpawner = (node: NodeId) => {
      const host = inner(node);
      if (node !== 'B') return host;
      const port = host.port;
      const proxy = {
        postMessage: (message: unknown, transfer: Transferable[] = []) => setTimeout(() => port.postMessage(message, transfer), 150),
        set onmessage(listener: MessagePort['onmessage']) { port.onmessage = listener; },
        set onmessageerror(listener: MessagePort['onmessageerror']) { port.onmessageerror = listener; },
        close: () => port.close(),
      };
      return { ...host, port: proxy as unknown as MessagePort };
    };
    const { backend, failures, loaded } = await start(slowB, 300);
    const t0 = performance.now();
    const trace = await backend.advanceTo(loaded.duration);
    expect(performance.now() - t0).toBeGreaterThan(600);
    expect(trace.filter((e) => e.node === 'B' && e.kind === 'delivered')).toHaveLength(5);
    expect(failures).toEqual([]);
  });

  it('a worker that dies (its error event): the pending advance rejects with the node and reason', async () => {
    let killC: ((reason: string) => void) | undefined;
    const inner = recordingSpawner([], { drop: (node, m) => node === 'B' && m.type === 'window' }); // keeps a step pending
    const spawner: NodeSpawner = (node: NodeId) => {
      const host = inner(node);
      return { ...host, onError: (listener) => { if (node === 'C') killC = listener; } };
    };
    const { backend, failures, loaded } = await start(spawner, 60_000);
    const advance = backend.advanceTo(loaded.duration);
    setTimeout(() => killC!('the worker of node "C" failed: out of memory'), 50);
    await expect(advance).rejects.toThrow('the worker of node "C" failed: out of memory');
    expect(failures).toEqual([{ node: 'C', reason: 'the worker of node "C" failed: out of memory' }]);
  });

  it('creation refuses a network whose smallest link delay is 0 µs (no lookahead)', async () => {
    const loaded = withFlow();
    const zero = { ...loaded, topology: { ...loaded.topology, links: loaded.topology.links.map((l) => (l.id === 'lan2' ? { ...l, delay: 0 } : l)) } };
    await expect(createWorkerBackend(zero, 1, inThreadSpawner())).rejects.toThrow('the worker fabric cannot run this network: link "lan2" has a delay of 0 µs, and the fabric\'s lookahead (the smallest link delay) must be at least 1 µs');
  });

  it('creation fails with the host\'s reason when a node cannot be built', async () => {
    const { router: _router, ...noRouter } = PROTOCOL_REGISTRY;
    await expect(createWorkerBackend(withFlow(), 1, inThreadSpawner(noRouter))).rejects.toThrow('node "R" failed: no behaviour is registered for role "router" (node "R")');
  });
});
