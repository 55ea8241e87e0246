// A SimulationBackend for control-layer tests: one trace event at each listed
// time (plus one where each command is applied), nothing else. It can charge
// wall time per advance (pacing tests), hold advances until released (the
// "never two at once" test) and fail on demand.

import type { TraceEvent } from '../../../engine/node/contract';
import type { Micros } from '../../../engine/node/time';
import type { BackendSnapshot, SimulationBackend } from '../../backend';
import type { LabCommand, NodeView, RuntimeFailure } from '../../types';
import type { FakeFrameClock } from './fake-frame-clock';

interface FakeState {
  now: Micros;
  /** Times of pending events, sorted. */
  pending: Micros[];
  seq: number;
}

export class FakeBackend implements SimulationBackend {
  readonly kind = 'in-page' as const;
  private state: FakeState;
  private readonly listeners: ((failure: RuntimeFailure) => void)[] = [];
  private gate: (() => void)[] = [];
  /** Every advanceTo target, in call order. */
  readonly advances: Micros[] = [];
  readonly applied: { readonly command: LabCommand; readonly at: Micros }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Wall ms each advance costs on the clock. */
  msPerAdvance = 0;
  /** Advances wait for `release()`. */
  holdAdvances = false;
  /** The next advance rejects with this. */
  failNextAdvance: Error | undefined;
  destroyed = false;

  constructor(eventTimes: readonly Micros[], private readonly clock?: FakeFrameClock) {
    this.state = { now: 0, pending: [...eventTimes].sort((a, b) => a - b), seq: 0 };
  }

  now(): Micros {
    return this.state.now;
  }

  async nextEventTime(): Promise<Micros | undefined> {
    return this.state.pending[0];
  }

  async advanceTo(t: Micros): Promise<TraceEvent[]> {
    this.advances.push(t);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.holdAdvances) await new Promise<void>((resolve) => this.gate.push(resolve));
      this.clock?.spend(this.msPerAdvance);
      if (this.failNextAdvance !== undefined) throw this.failNextAdvance;
      const out: TraceEvent[] = [];
      while (this.state.pending.length > 0 && this.state.pending[0]! <= t) {
        const time = this.state.pending.shift()!;
        out.push({ id: `n:${this.state.seq++}`, time, node: 'n', kind: 'timer', summary: `event at ${time}`, ref: 'test' });
      }
      this.state.now = Math.max(this.state.now, t);
      return out;
    } finally {
      this.inFlight--;
    }
  }

  /** Lets held advances finish. */
  release(): void {
    const waiting = this.gate;
    this.gate = [];
    for (const resolve of waiting) resolve();
  }

  apply(command: LabCommand, at: Micros): void {
    if (command.type === 'stop-flow' && command.flow === 'refuse-me') throw new Error('the fake backend refuses this command');
    this.applied.push({ command, at });
    const i = this.state.pending.findIndex((p) => p > at);
    this.state.pending.splice(i < 0 ? this.state.pending.length : i, 0, at);
  }

  async views(): Promise<Record<string, NodeView>> {
    return { n: { id: 'n', attachments: {}, state: { now: this.state.now } } };
  }

  async snapshot(): Promise<BackendSnapshot> {
    return { kind: 'in-page', time: this.state.now, data: structuredClone(this.state) };
  }

  async restore(snapshot: BackendSnapshot): Promise<void> {
    this.state = structuredClone(snapshot.data as FakeState);
  }

  onFailure(listener: (failure: RuntimeFailure) => void): void {
    this.listeners.push(listener);
  }

  /** A node dies (as a worker would). */
  fail(failure: RuntimeFailure): void {
    for (const listener of this.listeners) listener(failure);
  }

  destroy(): void {
    this.destroyed = true;
  }
}
