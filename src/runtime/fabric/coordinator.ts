// The fabric's coordinator (docs/architecture.md "Runtime"). It owns virtual
// time and the world's events; the hosts own the nodes.
//
// Conservative windows, one per host, with a lookahead per pair of nodes.
// Each host h has a lower bound own(h) on the time of anything it will still
// process: its next local event as it last reported, or the earliest frame
// reported sent to it since, whichever is earlier. While h runs a window, the
// value from before the window stays: it is still a lower bound. Whatever
// node q does at time ≥ own(q) reaches h at ≥ own(q) + chain(q, h), the
// smallest total delay of a chain of links from q to h (chain-delays.ts;
// q = h: the shortest round trip). So nothing h has not been given yet can
// arrive before
//
//     safe(h) = min over every node q of own(q) + chain(q, h),
//
// and h may process all its events with time < safe(h) alone, in
// (time, source, seq) order, exactly as the in-process scheduler would. These
// bounds only grow: a frame that lowers own(p) was sent by a host whose own
// bound, plus the chain through p, already bounded safe(h).
//
// No network-wide round: whenever a host answers, the bounds are recomputed
// and every idle host that can move is sent its window
// [own(h), min(safe(h), stop)) at once — far parts of the network run ahead
// over their longer links while a busy radio link advances 1 ms at a time,
// and a host runs many of the old network-wide windows in one. Frames go
// straight from host to host over their pair's port; a request carries how
// many batches the host must have received first (`expect`, protocol.ts).
// `stop` is the next world event (or just past the target time): world
// events run when every host is idle and has nothing left before them. (A
// network-wide window [a, a + smallest delay), all hosts answering before the
// next one, was the first scheme; it spent one round of every busy host per
// millisecond of a busy run.)
//
// World events run as instants, before any node event at their time (their
// source sorts first, scheduler.ts): a run of commands goes to the nodes
// concerned in parallel; a move goes first to the moved node (which records
// its attachment changes and returns the first one's id), then to every node
// (membership, routes caused by that id, and the moved node hears of the
// change); a link change goes to every node, and the pair delays follow it.
//
// Each host's traces arrive in its own key order; they are merged by the
// keys the hosts tagged them with (trace-merge.ts) before every instant and
// at the end of each advance.

import { withLinkChange } from '../../engine/network/link-change';
import type { Topology } from '../../engine/network/topology';
import type { NodeId, TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { NodeView } from '../types';
import { chainDelays, type ChainDelays } from './chain-delays';
import type { DoneMessage, HostSet } from './host-set';
import type { HostSnapshot, StepRequest } from './protocol';
import { HostTraces } from './host-traces';
import { mergeTraces } from './trace-merge';
import { nextWorldTime, scheduleWorld, takeInstant, type WorldChange, type WorldEvent, type WorldQueueState } from './world-queue';

export interface CoordinatorState {
  now: Micros;
  topology: Topology;
  world: WorldQueueState;
  /** Each host's next local event as it last reported (Infinity: none). */
  next: number[];
}

/** Taken with every host idle. */
export interface FabricSnapshotData {
  readonly coordinator: CoordinatorState;
  readonly expected: readonly number[];
  readonly hosts: readonly HostSnapshot[];
}

export class Coordinator {
  private delays: ChainDelays;
  /** Per host, the earliest arrival among frames sent to it since it was last sent a request (Infinity: none). */
  private inflight: number[];

  constructor(private readonly hosts: HostSet, private readonly names: readonly NodeId[], private state: CoordinatorState) {
    this.delays = chainDelays(state.topology);
    this.inflight = names.map(() => Infinity);
  }

  get now(): Micros {
    return this.state.now;
  }

  get topology(): Topology {
    return this.state.topology;
  }

  nextEventTime(): Micros | undefined {
    let t = nextWorldTime(this.state.world);
    for (let h = 0; h < this.names.length; h++) t = Math.min(t, this.own(h));
    return t === Infinity ? undefined : t;
  }

  /** A world event at `at` (≥ now; the caller validated the change). */
  schedule(at: Micros, change: WorldChange): void {
    if (!Number.isSafeInteger(at) || at < this.state.now) throw new RangeError(`cannot schedule at ${at} µs: virtual time is already ${this.state.now} µs`);
    scheduleWorld(this.state.world, at, change);
  }

  /** Processes every event with time ≤ t; returns their trace in the in-process order. */
  async advanceTo(t: Micros): Promise<TraceEvent[]> {
    const trace: TraceEvent[] = [];
    for (;;) {
      const worldAt = nextWorldTime(this.state.world);
      await this.runBefore(Math.min(worldAt, t + 1), trace);
      if (worldAt > t) break;
      await this.instant(takeInstant(this.state.world), trace);
    }
    if (t > this.state.now) this.state.now = t;
    return trace;
  }

  async views(): Promise<Record<NodeId, NodeView>> {
    const replies = await this.step(this.all(), 'fetching the node views', () => ({ type: 'view' }), []);
    return Object.fromEntries(replies.map((r) => [this.names[r.node]!, r.view!]));
  }

  async snapshot(): Promise<FabricSnapshotData> {
    const replies = await this.step(this.all(), 'the snapshot', () => ({ type: 'snapshot' }), []);
    return { coordinator: structuredClone(this.state), expected: [...this.hosts.expected], hosts: replies.map((r) => r.snapshot!) };
  }

  async restore(data: FabricSnapshotData): Promise<void> {
    // Each host first takes in every batch still on its way (the request's `expect`), then drops it with its state.
    const replies = await this.hosts.request(this.all(), 'the restore', (h) => ({ type: 'restore', state: data.hosts[h]! }));
    data.expected.forEach((n, h) => (this.hosts.expected[h] = n));
    this.inflight = this.names.map(() => Infinity);
    this.state = structuredClone(data.coordinator);
    this.delays = chainDelays(this.state.topology);
    this.absorb(replies);
  }

  /**
   * Runs every host until nothing is left before `stop`: windows to every idle host that can move,
   * as soon as it can (the header's safe(h)); returns when every host is idle. Traces go to `trace`.
   */
  private async runBefore(stop: Micros, trace: TraceEvent[]): Promise<void> {
    const n = this.names.length;
    const busy = new Array<boolean>(n).fill(false);
    const answered: DoneMessage[] = [];
    const traces = new HostTraces(n);
    let running = 0;
    let failure: unknown;
    let wake: (() => void) | undefined;
    const own = new Float64Array(n);
    const { chain, nearest } = this.delays;
    for (;;) {
      let least = Infinity;
      for (let h = 0; h < n; h++) least = Math.min(least, (own[h] = this.own(h)));
      for (let h = 0; h < n; h++) {
        const from = own[h]!;
        if (busy[h] || from >= stop) continue;
        // safe(h), scanning the nearest first: no q further than end − least can lower it.
        let end = stop;
        for (const q of nearest[h]!) {
          const c = chain[q * n + h]!;
          if (least + c >= end || end <= from) break;
          end = Math.min(end, own[q]! + c);
        }
        if (from >= end) continue;
        busy[h] = true;
        running++;
        this.send(h, `the window [${from}, ${end}) µs`, { type: 'window', end }).then(
          (reply) => { answered.push(reply); wake?.(); },
          (error: unknown) => { failure ??= error; wake?.(); },
        );
      }
      if (running === 0) break;
      if (answered.length === 0 && failure === undefined) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      if (failure !== undefined) throw failure;
      for (const reply of answered.splice(0)) {
        busy[reply.node] = false;
        running--;
        this.absorb([reply]);
        traces.add(reply);
      }
    }
    traces.mergeInto(trace);
  }

  private async instant(events: readonly WorldEvent[], trace: TraceEvent[]): Promise<void> {
    const first = events[0]!;
    const { time, seq, change } = first;
    if (change.kind === 'command') {
      const perNode = new Map<number, { seq: number; command: unknown }[]>();
      for (const e of events) {
        const c = e.change as Extract<WorldChange, { kind: 'command' }>;
        const list = perNode.get(c.node) ?? [];
        list.push({ seq: e.seq, command: c.command });
        perNode.set(c.node, list);
      }
      const targets = [...perNode.keys()].sort((x, y) => x - y);
      await this.step(targets, `the commands at ${time} µs`, (h) => ({ type: 'commands', time, commands: perNode.get(h)! }), trace);
    } else if (change.kind === 'move') {
      const { node, position } = change;
      const parts: DoneMessage[] = [];
      const [moved] = await this.step([node], `the move of "${this.names[node]}" at ${time} µs`, () => ({ type: 'move-self', time, seq, position }), null);
      parts.push(moved!);
      const cause = moved!.cause;
      parts.push(...await this.step(this.all(), `the move of "${this.names[node]}" at ${time} µs`, () => ({ type: 'move', time, seq, node, position, ...(cause === undefined ? {} : { cause }) }), null));
      mergeTraces(parts, trace);
    } else {
      const { link, ...rest } = change;
      const delta = { ...(rest.delay === undefined ? {} : { delay: rest.delay }), ...(rest.loss === undefined ? {} : { loss: rest.loss }) };
      this.state.topology = withLinkChange(this.state.topology, link, delta);
      this.delays = chainDelays(this.state.topology);
      await this.step(this.all(), `the change of link "${link}" at ${time} µs`, () => ({ type: 'set-link', time, seq, link, ...delta }), trace);
    }
  }

  /** One request to host h. */
  private send(h: number, what: string, request: StepRequest): Promise<DoneMessage> {
    // The host takes in the frames sent to it before the step: until it reports, they bound it as its next event.
    this.state.next[h] = Math.min(this.state.next[h]!, this.inflight[h]!);
    this.inflight[h] = Infinity;
    return this.hosts.send(h, what, request);
  }

  /** One request to each of `targets`; their traces are merged into `trace` (null: the caller merges). */
  private async step(targets: readonly number[], what: string, make: (h: number) => StepRequest, trace: TraceEvent[] | null): Promise<DoneMessage[]> {
    const replies = await Promise.all(targets.map((h) => this.send(h, what, make(h))));
    this.absorb(replies);
    if (trace !== null) mergeTraces(replies, trace);
    return replies;
  }

  /** A host's report: its next event, and when its frames arrive (the host sent them on its peer ports, peer-pairs.ts). */
  private absorb(replies: readonly DoneMessage[]): void {
    for (const r of replies) {
      this.state.next[r.node] = r.next ?? Infinity;
      for (const batch of r.sent) this.inflight[batch.to] = Math.min(this.inflight[batch.to]!, batch.earliest);
    }
  }

  private own(h: number): number {
    return Math.min(this.state.next[h]!, this.inflight[h]!);
  }

  private all(): number[] {
    return this.names.map((_, h) => h);
  }
}
