// One node of the worker fabric, behind its control port (protocol.ts). The
// Web Worker (node-worker.ts) is only a shell around this class, so the
// fabric is tested in Node over real MessageChannels without workers.
//
// The host builds its node's behaviour itself, from the role registry and the
// scenario's plain data — behaviours (functions) never cross threads. It
// answers one step at a time; a step waits until every frame batch its peers
// sent in earlier steps has arrived (the request's `expect`). Frames it sends
// are batched per receiving node and posted once per step, their buffers
// transferred, before the `done` that reports them.
//
// A behaviour that throws ends the host: it reports `failed` with the node
// and the reason (docs/architecture.md "Runtime") and ignores everything after.

import { HostedNode, initialHostedNodeState } from '../../engine/network/hosted-node';
import type { NodeBehaviour } from '../../engine/node/contract';
import type { RoleRegistry } from '../../scenarios/load';
import { PROTOCOL_REGISTRY } from '../../scenarios/registry';
import { messageFaults } from '../../scenarios/to-topology';
import { PROTOCOL_VERSION, type FromHost, type PeerMessage, type SentBatch, type ToHost } from './protocol';

type InitMessage = Extract<ToHost, { type: 'init' }>;
type StepMessage = Exclude<ToHost, { type: 'init' | 'close' }>;

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class NodeHost {
  private node: HostedNode | undefined;
  private behaviour: NodeBehaviour<unknown, unknown> | undefined;
  private nodeId = '?';
  private readonly peers = new Map<number, MessagePort>();
  private received = 0;
  private readonly waiting: StepMessage[] = [];
  private stopped = false;

  constructor(private readonly control: MessagePort, private readonly registry: RoleRegistry = PROTOCOL_REGISTRY) {
    control.onmessage = (e: MessageEvent<ToHost>) => this.onControl(e.data);
    control.onmessageerror = () => this.fail('a message from the coordinator could not be read (messageerror)');
  }

  close(): void {
    this.stopped = true;
    for (const port of this.peers.values()) port.close();
    this.control.close();
  }

  private post(message: FromHost, transfer: Transferable[] = []): void {
    this.control.postMessage(message, transfer);
  }

  private fail(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.post({ type: 'failed', node: this.nodeId, reason });
  }

  private onControl(message: ToHost): void {
    if (this.stopped) return;
    try {
      if (message.type === 'init') this.init(message);
      else if (message.type === 'close') this.close();
      else {
        this.waiting.push(message);
        this.pump();
      }
    } catch (error) {
      this.fail(`node "${this.nodeId}" failed: ${reasonOf(error)}`);
    }
  }

  private init(message: InitMessage): void {
    if (message.version !== PROTOCOL_VERSION) {
      this.post({ type: 'refused', version: PROTOCOL_VERSION, reason: `protocol version mismatch: the coordinator speaks version ${message.version}, this node host version ${PROTOCOL_VERSION} (reload the page so both come from the same build)` });
      this.stopped = true;
      return;
    }
    const { scenario, seed } = message;
    const spec = scenario.topology.nodes[message.node]!;
    this.nodeId = spec.id;
    const loadedNode = scenario.nodes.find((n) => n.id === spec.id);
    if (loadedNode === undefined) throw new Error(`the scenario describes no node "${spec.id}"`);
    const factory = this.registry[loadedNode.role];
    if (factory === undefined) throw new Error(`no behaviour is registered for role "${loadedNode.role}" (node "${spec.id}")`);
    // As buildSimulation: a factory that draws from the seed sees the run's seed.
    const setup = factory(loadedNode, seed === scenario.seed ? scenario : { ...scenario, seed });
    this.behaviour = setup.behaviour;
    const faults = messageFaults(scenario); // each sender decides its own faults, as in process (network/faults.ts)
    this.node = new HostedNode(initialHostedNodeState(scenario.topology, message.node, setup.initialState, seed, message.initialTable, faults), setup.behaviour);
    for (const peer of message.peers) {
      this.peers.set(peer.node, peer.port);
      peer.port.onmessage = (e: MessageEvent<PeerMessage>) => this.onFrames(e.data);
      peer.port.onmessageerror = () => this.fail(`frames for node "${this.nodeId}" could not be read (messageerror)`);
    }
    this.post({ type: 'ready', version: PROTOCOL_VERSION, node: message.node, flowsInState: setup.flowsInState === true });
  }

  private onFrames(message: PeerMessage): void {
    if (this.stopped) return;
    try {
      this.node!.receive(message.events);
      this.received++;
      this.pump();
    } catch (error) {
      this.fail(`node "${this.nodeId}" failed: ${reasonOf(error)}`);
    }
  }

  /** Runs the waiting steps whose frames have all arrived. */
  private pump(): void {
    while (!this.stopped && this.waiting.length > 0 && this.received >= this.waiting[0]!.expect) {
      const message = this.waiting.shift()!;
      try {
        this.run(message);
      } catch (error) {
        this.fail(`node "${this.nodeId}" failed: ${reasonOf(error)}`);
      }
    }
  }

  private run(message: StepMessage): void {
    const node = this.node;
    if (node === undefined) throw new Error('a step arrived before init');
    let cause: string | undefined;
    switch (message.type) {
      case 'window':
        node.runWindow(message.end);
        break;
      case 'commands':
        node.runCommands(message.time, message.commands);
        break;
      case 'move-self':
        cause = node.moveSelf(message.time, message.seq, message.position);
        break;
      case 'move':
        node.applyMove(message.time, message.seq, message.node, message.position, message.cause);
        break;
      case 'set-link':
        node.applyLinkChange(message.time, message.seq, message.link, message);
        break;
      case 'view': {
        const slot = node.slot;
        this.done(message.step, { view: { id: slot.id, ...(slot.position === undefined ? {} : { position: slot.position }), attachments: node.attachments(), state: slot.behaviourState } });
        return;
      }
      case 'snapshot':
        this.done(message.step, { snapshot: { hosted: node.state(), received: this.received } });
        return;
      case 'restore':
        this.node = new HostedNode(message.state.hosted, this.behaviour!);
        this.received = message.state.received;
        break;
    }
    this.done(message.step, cause === undefined ? {} : { cause });
  }

  /** Posts this step's frames, one batch per receiving node, then reports. */
  private done(step: number, extra: Partial<Extract<FromHost, { type: 'done' }>>): void {
    const node = this.node!;
    const sent: SentBatch[] = [];
    for (const batch of node.takeOutbox()) {
      const port = this.peers.get(batch.to);
      if (port === undefined) throw new Error(`node "${this.nodeId}" sent a frame to node #${batch.to}, with which it shares no link`);
      const transfer = batch.events.map((e) => e.payload.kind === 'frame' ? e.payload.frame.payload.buffer : undefined).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
      port.postMessage({ type: 'frames', events: batch.events } satisfies PeerMessage, transfer);
      sent.push({ to: batch.to, earliest: batch.earliest });
    }
    const { events, keys } = node.takeTrace();
    const next = node.nextEventTime();
    this.post({ type: 'done', step, node: node.state().node, ...(next === undefined ? {} : { next }), sent, trace: events, keys, ...extra });
  }
}
