// The fabric's coordinator (docs/architecture.md "Runtime": "a small coordinator opens
// each window once the previous one has settled"). It owns virtual time and
// the world's events; the hosts own the nodes.
//
// Conservative windows. With lookahead L = the smallest link delay, a frame
// sent at time s arrives at ≥ s + L, so in a window [a, b) with b ≤ a + L no
// node can receive anything sent in the same window: every host processes its
// own events in [a, b) alone, in (time, source, seq) order, exactly as the
// in-process scheduler would. b also stops at the next world event (and just
// past the target time). Empty time is skipped: the next a is the earliest
// of the hosts' next events, the frames in flight and the world's next event.
// (Per-host window ends from per-link delays — the earliest arrival over
// shortest paths, round trips included — were tried: on the built-ins and the
// bench scenario they saved under 2 % of the rounds, traffic being one causal
// chain at a time, so the simpler network-wide window stays.)
//
// World events run at window boundaries, as instants, before any node event
// at their time (their source sorts first, scheduler.ts): a run of commands
// goes to the nodes concerned in parallel; a move goes first to the moved
// node (which records its attachment changes and returns the first one's id),
// then to every node (membership, routes caused by that id, and the moved
// node hears of the change); a link change goes to every node.
//
// Only hosts with something to do in a window are asked; each step's traces
// are merged by the keys the hosts tagged them with (trace-merge.ts).

import { lookahead, withLinkChange } from '../../engine/network/link-change';
import type { Topology } from '../../engine/network/topology';
import type { NodeId, TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { NodeView } from '../types';
import type { DoneMessage, HostSet } from './host-set';
import type { HostSnapshot, StepRequest } from './protocol';
import { mergeTraces } from './trace-merge';
import { nextWorldTime, scheduleWorld, takeInstant, type WorldChange, type WorldEvent, type WorldQueueState } from './world-queue';

export interface CoordinatorState {
  now: Micros;
  topology: Topology;
  world: WorldQueueState;
  /** Each host's next local event as it last reported (Infinity: none). */
  next: number[];
}

export interface FabricSnapshotData {
  readonly coordinator: CoordinatorState;
  readonly expected: readonly number[];
  readonly hosts: readonly HostSnapshot[];
}

export class Coordinator {
  private lookahead: Micros;
  /** Per host, the earliest arrival among frames sent to it since it last reported (Infinity: none). */
  private inflight: number[];

  constructor(private readonly hosts: HostSet, private readonly names: readonly NodeId[], private state: CoordinatorState) {
    this.lookahead = lookahead(state.topology);
    this.inflight = names.map(() => Infinity);
  }

  get now(): Micros {
    return this.state.now;
  }

  get topology(): Topology {
    return this.state.topology;
  }

  nextEventTime(): Micros | undefined {
    const t = Math.min(this.nextNodeTime(), nextWorldTime(this.state.world));
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
      const a = Math.min(this.nextNodeTime(), worldAt);
      if (a === Infinity || a > t) break;
      if (worldAt === a) {
        await this.instant(takeInstant(this.state.world), trace);
        continue;
      }
      const b = Math.min(a + this.lookahead, t + 1, worldAt);
      const targets = this.hostsWhere((h) => this.nextOf(h) < b);
      await this.step(targets, `the window [${a}, ${b}) µs`, () => ({ type: 'window', end: b }), trace);
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
    this.state = structuredClone(data.coordinator);
    this.lookahead = lookahead(this.state.topology);
    this.inflight = this.names.map(() => Infinity);
    this.absorb(replies, []);
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
      this.lookahead = lookahead(this.state.topology);
      await this.step(this.all(), `the change of link "${link}" at ${time} µs`, () => ({ type: 'set-link', time, seq, link, ...delta }), trace);
    }
  }

  /** One request to `targets`; their reports update the bookkeeping; their traces are merged into `trace` (null: the caller merges). */
  private async step(targets: readonly number[], what: string, make: (h: number) => StepRequest, trace: TraceEvent[] | null): Promise<DoneMessage[]> {
    for (const h of targets) this.inflight[h] = Infinity; // the host takes them in before the step: its report covers them
    const replies = await this.hosts.request(targets, what, make);
    this.absorb(replies, trace);
    return replies;
  }

  private absorb(replies: readonly DoneMessage[], trace: TraceEvent[] | null): void {
    for (const r of replies) {
      this.state.next[r.node] = r.next ?? Infinity;
      for (const batch of r.sent) this.inflight[batch.to] = Math.min(this.inflight[batch.to]!, batch.earliest);
    }
    if (trace !== null) mergeTraces(replies, trace);
  }

  private nextOf(h: number): number {
    return Math.min(this.state.next[h]!, this.inflight[h]!);
  }

  private nextNodeTime(): number {
    let min = Infinity;
    for (let h = 0; h < this.names.length; h++) min = Math.min(min, this.nextOf(h));
    return min;
  }

  private hostsWhere(test: (h: number) => boolean): number[] {
    const out: number[] = [];
    for (let h = 0; h < this.names.length; h++) if (test(h)) out.push(h);
    return out;
  }

  private all(): number[] {
    return this.names.map((_, h) => h);
  }
}
