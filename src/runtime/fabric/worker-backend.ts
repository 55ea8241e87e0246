// The worker fabric as a SimulationBackend (../backend.ts): one host per
// network node (a Web Worker in the browser), joined by MessageChannel ports
// where nodes may share a link, advanced in conservative time windows by the
// coordinator (docs/architecture.md "Runtime"). Given the same scenario, seed and
// commands it records exactly the trace of the in-process
// buildSimulation(loaded, PROTOCOL_REGISTRY, seed) + runUntil (a test runs
// every built-in scenario both ways).
//
// Start-up mirrors buildSimulation (scenarios/load.ts) event for event: the
// time-0 install-routes commands in node order, then `start` in node order,
// then the scenario's flows as start-flow commands (unless the node's
// factory put them in its state), then the scripted moves, then the scripted
// reboots — all world events, numbered in that order.

import { checkLinkChange, lookahead, MIN_LINK_DELAY } from '../../engine/network/link-change';
import { computeMembership } from '../../engine/network/radio';
import { computeForwardingTables } from '../../engine/network/routing';
import { assertValidTopology } from '../../engine/network/topology-validation';
import type { Position } from '../../engine/network/topology';
import type { NodeId } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import { scheduledReboots, type LoadedScenario } from '../../scenarios/to-topology';
import type { BackendSnapshot, SimulationBackend } from '../backend';
import { toEngineCommand } from '../commands/to-engine';
import { SerialQueue } from '../control/serial-queue';
import type { LabCommand } from '../types';
import { Coordinator, type FabricSnapshotData } from './coordinator';
import { HostSet } from './host-set';
import { peerPairs } from './peer-pairs';
import { PROTOCOL_VERSION, type PeerPort } from './protocol';
import type { NodeSpawner, SpawnedHost } from './spawner';
import { emptyWorldQueue, scheduleWorld, type WorldQueueState } from './world-queue';

export interface WorkerBackendOptions {
  /** Wall time a window (or any step) may take before the run is declared failed. Default 30 s. */
  readonly stepTimeoutMs?: number;
  /** Wall time the hosts may take to start (some build RSA keys). Default 120 s. */
  readonly startTimeoutMs?: number;
}

function checkPosition(position: Position): void {
  if (!Number.isFinite(position.x) || !Number.isFinite(position.y)) throw new RangeError(`position must have finite x and y, got (${position.x}, ${position.y})`);
}

export async function createWorkerBackend(loaded: LoadedScenario, seed: number, spawn: NodeSpawner, options: WorkerBackendOptions = {}): Promise<SimulationBackend> {
  const topology = loaded.topology;
  const smallest = lookahead(topology);
  if (!(smallest >= MIN_LINK_DELAY)) {
    const link = topology.links.find((l) => !(l.delay >= MIN_LINK_DELAY));
    throw new Error(`the worker fabric cannot run this network: link "${link?.id}" has a delay of ${link?.delay} µs, and the fabric's lookahead (the smallest link delay) must be at least ${MIN_LINK_DELAY} µs`);
  }
  const index = assertValidTopology(topology);
  const tables = computeForwardingTables(index, computeMembership(index, topology.nodes.map((n) => n.position)));
  const names = topology.nodes.map((n) => n.id);
  const nodeIndex = (node: NodeId): number => {
    const n = names.indexOf(node);
    if (n < 0) throw new Error(`no node "${node}" in the topology`);
    return n;
  };

  // Checked before any worker starts: a bad scripted move must not leave workers running.
  for (const move of loaded.moves) {
    nodeIndex(move.node);
    checkPosition(move.position);
  }
  for (const r of scheduledReboots(loaded)) nodeIndex(r.node);

  const spawned: SpawnedHost[] = [];
  try {
    for (const name of names) spawned.push(spawn(name));
  } catch (error) {
    for (const host of spawned) host.terminate();
    throw error;
  }
  const hosts = new HostSet(spawned, names, options.stepTimeoutMs ?? 30_000);
  const peers: PeerPort[][] = names.map(() => []);
  for (const [a, b] of peerPairs(topology)) {
    const channel = new MessageChannel();
    peers[a]!.push({ node: b, port: channel.port1 });
    peers[b]!.push({ node: a, port: channel.port2 });
  }
  const ready = await hosts.handshake((h) => ({
    message: { type: 'init', version: PROTOCOL_VERSION, scenario: loaded, seed, node: h, initialTable: tables[h]!, peers: peers[h]! },
    transfer: peers[h]!.map((p) => p.port),
  }), options.startTimeoutMs ?? 120_000);

  const world: WorldQueueState = emptyWorldQueue();
  names.forEach((_, n) => scheduleWorld(world, 0, { kind: 'command', node: n, command: { type: 'install-routes', table: tables[n]! } }));
  names.forEach((_, n) => scheduleWorld(world, 0, { kind: 'command', node: n, command: { type: 'start' } }));
  for (const node of loaded.nodes) {
    const n = nodeIndex(node.id);
    if (ready[n]!.flowsInState) continue;
    for (const flow of node.flows) scheduleWorld(world, 0, { kind: 'command', node: n, command: { type: 'start-flow', flow } });
  }
  for (const move of loaded.moves) {
    scheduleWorld(world, move.at, { kind: 'move', node: nodeIndex(move.node), position: { x: move.position.x, y: move.position.y } });
  }
  // As buildSimulation: the scripted reboots after the moves (message faults travel in the scenario to each host).
  for (const r of scheduledReboots(loaded)) scheduleWorld(world, r.at, { kind: 'command', node: nodeIndex(r.node), command: { type: 'reboot' } });
  const coordinator = new Coordinator(hosts, names, { now: 0, topology, world, next: names.map(() => Infinity) });

  let destroyed = false;
  const queue = new SerialQueue();
  /** One operation at a time, in call order (the coordinator has one step in flight at most). */
  const serial = <T>(op: () => Promise<T>): Promise<T> => queue.run(() => {
    if (destroyed) throw new Error('the worker fabric was destroyed');
    if (hosts.failure !== undefined) throw hosts.failure;
    return op();
  });

  return {
    kind: 'workers',
    now: () => coordinator.now,
    nextEventTime: () => serial(async () => coordinator.nextEventTime()),
    advanceTo: (t: Micros) => serial(() => coordinator.advanceTo(t)),

    apply(command: LabCommand, at: Micros): void {
      if (destroyed) throw new Error('the worker fabric was destroyed');
      if (hosts.failure !== undefined) throw hosts.failure;
      const engine = toEngineCommand(command, loaded);
      switch (engine.kind) {
        case 'move':
          checkPosition(engine.position);
          coordinator.schedule(at, { kind: 'move', node: nodeIndex(engine.node), position: { x: engine.position.x, y: engine.position.y } });
          return;
        case 'set-link': {
          const change = { ...(engine.delay === undefined ? {} : { delay: engine.delay }), ...(engine.loss === undefined ? {} : { loss: engine.loss }) };
          checkLinkChange(coordinator.topology, engine.link, change);
          coordinator.schedule(at, { kind: 'set-link', link: engine.link, ...change });
          return;
        }
        case 'node':
          coordinator.schedule(at, { kind: 'command', node: nodeIndex(engine.node), command: engine.command });
          return;
      }
    },

    views: () => serial(() => coordinator.views()),
    snapshot: () => serial(async (): Promise<BackendSnapshot> => ({ kind: 'workers', time: coordinator.now, data: await coordinator.snapshot() })),
    restore: (snapshot: BackendSnapshot) => serial(async () => {
      if (snapshot.kind !== 'workers') throw new Error(`cannot restore a ${snapshot.kind} snapshot into the worker fabric`);
      await coordinator.restore(snapshot.data as FabricSnapshotData);
    }),
    onFailure: (listener) => hosts.onFailure(listener),
    destroy(): void {
      if (destroyed) return;
      destroyed = true;
      hosts.terminate();
    },
  };
}
