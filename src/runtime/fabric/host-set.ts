// The coordinator's side of the control ports: requests to hosts, each host
// with at most one request in flight (hosts run independently of each other,
// coordinator.ts), replies gathered, and every way a request can fail turned
// into one failure naming the node (docs/architecture.md "Runtime"): a host
// reports `failed` (its behaviour threw), its worker errors or a message
// cannot be read, or a request is not answered within the timeout (the
// reason names the host). After a failure every host is terminated and every
// pending and later request rejects with the same failure — never a hang.
//
// It also keeps the frame-batch counts (`expect`, protocol.ts): how many
// batches each host has been sent so far, from the hosts' own reports.

import type { NodeId } from '../../engine/node/contract';
import type { RuntimeFailure } from '../types';
import { PROTOCOL_VERSION, type FromHost, type StepRequest, type ToHost } from './protocol';
import type { SpawnedHost } from './spawner';

export type DoneMessage = Extract<FromHost, { type: 'done' }>;
type ReadyMessage = Extract<FromHost, { type: 'ready' }>;

/** A failure of the fabric, as an Error the runtime's failureOf understands (node + message). */
export class FabricFailure extends Error {
  constructor(readonly failure: RuntimeFailure) {
    super(failure.reason);
    this.name = 'FabricFailure';
  }

  get node(): NodeId | undefined {
    return this.failure.node;
  }
}

interface Pending {
  readonly what: string;
  readonly waiting: Set<number>;
  readonly replies: Map<number, FromHost>;
  readonly accept: (host: number, message: FromHost) => boolean;
  readonly resolve: () => void;
  readonly reject: (error: FabricFailure) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

interface InFlight {
  readonly what: string;
  readonly step: number;
  readonly resolve: (reply: DoneMessage) => void;
  readonly reject: (error: FabricFailure) => void;
  /** performance.now() by which the answer is due. */
  readonly deadline: number;
}

export class HostSet {
  /** Frame batches sent to each host since the run began (what it must have received before a step). */
  readonly expected: number[];
  private step = 0;
  /** The handshake's exchange. */
  private pending: Pending | undefined;
  /** Per host, its request in flight. */
  private readonly inFlight = new Map<number, InFlight>();
  /** One watchdog for every request in flight: a timer per request cost the page a set and a clear per window. */
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private failed: FabricFailure | undefined;
  private readonly failureListeners: ((failure: RuntimeFailure) => void)[] = [];

  constructor(private readonly hosts: readonly SpawnedHost[], private readonly names: readonly NodeId[], private readonly timeoutMs: number) {
    this.expected = hosts.map(() => 0);
    hosts.forEach((host, h) => {
      host.port.onmessage = (e: MessageEvent<FromHost>) => this.onMessage(h, e.data);
      host.port.onmessageerror = () => this.fail({ node: names[h]!, reason: `node "${names[h]}": a message from its worker could not be read (messageerror)` });
      host.onError((reason) => this.fail({ node: names[h]!, reason }));
    });
  }

  get failure(): FabricFailure | undefined {
    return this.failed;
  }

  onFailure(listener: (failure: RuntimeFailure) => void): void {
    this.failureListeners.push(listener);
  }

  /** Sends init to every host and waits for all to be ready; rejects on a refusal or a failure. */
  async handshake(init: (h: number) => { message: Extract<ToHost, { type: 'init' }>; transfer: Transferable[] }, timeoutMs: number): Promise<ReadyMessage[]> {
    const all = this.hosts.map((_, h) => h);
    const replies = await this.exchange(all, 'the handshake', timeoutMs, (h) => {
      const { message, transfer } = init(h);
      this.hosts[h]!.port.postMessage(message, transfer);
    }, (_, m) => m.type === 'ready' || m.type === 'refused');
    return replies.map((m, h) => {
      if (m.type === 'refused') throw this.fail({ node: this.names[h]!, reason: m.reason });
      const ready = m as ReadyMessage;
      if (ready.version !== PROTOCOL_VERSION) throw this.fail({ node: this.names[h]!, reason: `protocol version mismatch: node "${this.names[h]}" answered with version ${ready.version}, the coordinator speaks ${PROTOCOL_VERSION}` });
      return ready;
    });
  }

  /** One request to host `h` (it first waits for every frame batch reported sent to it so far); resolves with its `done`. */
  send(h: number, what: string, request: StepRequest): Promise<DoneMessage> {
    if (this.failed !== undefined) return Promise.reject(this.failed);
    if (this.inFlight.has(h)) return Promise.reject(new Error(`fabric: ${what} requested while ${this.inFlight.get(h)!.what} is still in flight at node "${this.names[h]}"`));
    const step = ++this.step;
    return new Promise<DoneMessage>((resolve, reject) => {
      this.inFlight.set(h, { what, step, resolve, reject, deadline: performance.now() + this.timeoutMs });
      this.watchdog ??= setTimeout(() => this.watch(), this.timeoutMs);
      try {
        this.hosts[h]!.port.postMessage({ ...request, step, expect: this.expected[h]! } as ToHost);
      } catch (error) {
        this.fail({ reason: `could not send ${what}: ${error instanceof Error ? error.message : String(error)}` });
      }
    });
  }

  /** One request to each of `targets`; resolves with their `done` replies, in `targets` order. */
  request(targets: readonly number[], what: string, make: (h: number) => StepRequest): Promise<DoneMessage[]> {
    return Promise.all(targets.map((h) => this.send(h, what, make(h))));
  }

  /** Ends the run: hosts are told to close and their workers terminated. */
  terminate(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending !== undefined) {
      clearTimeout(pending.timer);
      pending.reject(new FabricFailure({ reason: `the worker fabric was stopped during ${pending.what}` }));
    }
    this.settleInFlight((what) => this.failed ?? new FabricFailure({ reason: `the worker fabric was stopped during ${what}` }));
    for (const host of this.hosts) {
      try {
        host.port.postMessage({ type: 'close' } satisfies ToHost);
      } catch {
        // already gone
      }
      host.terminate();
    }
  }

  /** Records the first failure, rejects the step in flight, tells the listeners, stops every host. Returns the failure. */
  fail(failure: RuntimeFailure): FabricFailure {
    if (this.failed !== undefined) return this.failed;
    const error = new FabricFailure(failure);
    this.failed = error;
    const pending = this.pending;
    this.pending = undefined;
    if (pending !== undefined) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.settleInFlight(() => error);
    this.terminate();
    for (const listener of this.failureListeners) listener(failure);
    return error;
  }

  /** Fails the run if a request is overdue; otherwise waits for the earliest deadline still ahead. */
  private watch(): void {
    this.watchdog = undefined;
    if (this.failed !== undefined || this.inFlight.size === 0) return;
    const now = performance.now();
    let earliest = Infinity;
    for (const [h, f] of this.inFlight) {
      if (f.deadline <= now) {
        this.fail({ node: this.names[h]!, reason: `${f.what} did not settle within ${this.timeoutMs / 1000} s: no answer from "${this.names[h]}"` });
        return;
      }
      earliest = Math.min(earliest, f.deadline);
    }
    this.watchdog = setTimeout(() => this.watch(), earliest - now);
  }

  private settleInFlight(error: (what: string) => FabricFailure): void {
    const all = [...this.inFlight.values()];
    this.inFlight.clear();
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    for (const f of all) f.reject(error(f.what));
  }

  private exchange(targets: readonly number[], what: string, timeoutMs: number, send: (h: number) => void, accept: (h: number, m: FromHost) => boolean): Promise<FromHost[]> {
    if (this.failed !== undefined) return Promise.reject(this.failed);
    if (this.pending !== undefined) return Promise.reject(new Error(`fabric: ${what} requested while ${this.pending.what} is still in flight`));
    if (targets.length === 0) return Promise.resolve([]);
    return new Promise<FromHost[]>((resolve, reject) => {
      const waiting = new Set(targets);
      const replies = new Map<number, FromHost>();
      const timer = setTimeout(() => {
        const silent = [...waiting].map((h) => this.names[h]!);
        this.fail({ ...(silent.length === 1 ? { node: silent[0]! } : {}), reason: `${what} did not settle within ${timeoutMs / 1000} s: no answer from ${silent.map((s) => `"${s}"`).join(', ')}` });
      }, timeoutMs);
      this.pending = {
        what, waiting, replies, accept, timer, reject,
        resolve: () => resolve(targets.map((h) => replies.get(h)!)),
      };
      try {
        for (const h of targets) send(h);
      } catch (error) {
        this.fail({ reason: `could not send ${what}: ${error instanceof Error ? error.message : String(error)}` });
      }
    });
  }

  private onMessage(h: number, message: FromHost): void {
    if (message.type === 'failed') {
      this.fail({ node: message.node ?? this.names[h]!, reason: message.reason });
      return;
    }
    if (message.type === 'done') {
      const f = this.inFlight.get(h);
      if (f === undefined || f.step !== message.step) return; // a late answer to a request that already failed
      this.inFlight.delete(h);
      for (const batch of message.sent) this.expected[batch.to]!++;
      f.resolve(message);
      return;
    }
    const pending = this.pending;
    if (pending === undefined || !pending.waiting.has(h) || !pending.accept(h, message)) return; // a late answer to a step that already failed
    pending.waiting.delete(h);
    pending.replies.set(h, message);
    if (pending.waiting.size > 0) return;
    clearTimeout(pending.timer);
    this.pending = undefined;
    pending.resolve();
  }
}
