// The lesson checks evaluator: one for the page's lesson player and for the
// headless `mip-lab lesson`, so what a learner sees and what a grader
// verifies cannot disagree. Pure: no DOM, no runtime, no clock.
//
// Use, incrementally, in the order things happen:
//
//   const ev = new LessonEvaluator(loadedLesson);
//   ev.startStep(0, 0);                  // the player shows step 0 at virtual time 0
//   ev.feed(batch.trace);                // trace events, in trace order, any batch size
//   ev.command(entry);                   // each learner command applied ({ at, command })
//   ev.advance(batch.now);               // the trace is complete up to batch.now
//   ev.step(0);                          // → { state, checks: [{ state, at, evidence, … }], … }
//   ev.startStep(1, ev.step(0).completedAt!);
//   ev.truncate(t);                      // after a seek backwards (RuntimeBatch.truncatedTo)
//
// A step's checks look at the trace from the step's start — or, for a check
// with `after: "action"`, from the learner's first command at or after it.
// Each check is pending until it passes or fails; a passed check carries the
// time it passed and the event that shows it ("show me": seek there, select
// that event). Feeding the same trace in one batch or in many gives the same
// statuses (observations.ts says why). The evaluator keeps what it was fed,
// so starting a step late, or a command arriving after the events it
// precedes, re-folds the step's checks over what was already read.

import type { TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { CommandLogEntry } from '../../runtime/types';
import type { LoadedLesson } from '../format/validate';
import type { Check } from '../format/schema';
import { checkContext, waitingForAction, type CheckContext, type CheckRun, type CheckStatus } from './check-run';
import { messageExtensionsRun } from './extension-check';
import { flowLossRun, routeRun } from './flow-checks';
import { registrationKeyRun } from './key-checks';
import { latencyRun } from './latency-check';
import { messageCountRun, messageRun } from './message-checks';
import { TraceReader, type Observation } from './observations';
import { tableRun } from './table-check';

export type StepState = 'not-started' | 'pending' | 'passed' | 'failed';

export interface StepStatus {
  readonly state: StepState;
  readonly startedAt?: Micros;
  /** The learner's first command in the step, if any yet. */
  readonly actedAt?: Micros;
  /** When the last of its checks passed. */
  readonly completedAt?: Micros;
  readonly checks: readonly CheckStatus[];
}

export function createCheckRun(check: Check, from: Micros, ctx: CheckContext): CheckRun {
  switch (check.kind) {
    case 'message': return messageRun(check, from);
    case 'message-count': return messageCountRun(check, from, ctx);
    case 'table': return tableRun(check, from, ctx);
    case 'route': return routeRun(check, from);
    case 'flow-loss': return flowLossRun(check, from);
    case 'registration-key': return registrationKeyRun(check, from, ctx);
    case 'message-extensions': return messageExtensionsRun(check, from);
    case 'latency': return latencyRun(check, from);
  }
}

interface ActiveStep {
  readonly startedAt: Micros;
  actedAt?: Micros;
  runs: CheckRun[];
}

export class LessonEvaluator {
  private readonly ctx: CheckContext;
  private reader: TraceReader;
  private settled = -1;
  private readonly events: TraceEvent[] = [];
  private readonly commands: CommandLogEntry[] = [];
  private readonly observations: Observation[] = [];
  private readonly active = new Map<number, ActiveStep>();

  constructor(readonly loaded: LoadedLesson) {
    this.ctx = checkContext(loaded.scenario);
    this.reader = new TraceReader(loaded.scenario);
  }

  get stepCount(): number {
    return this.loaded.lesson.steps.length;
  }

  /** Starts (or restarts) step `index` at virtual time `at`: its checks look from there. */
  startStep(index: number, at: Micros): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.stepCount) throw new RangeError(`no step ${index} (the lesson has ${this.stepCount})`);
    this.active.delete(index); // a restart is the latest start, whatever its time
    this.active.set(index, { startedAt: at, runs: [] });
    this.refold(index, this.active.get(index)!);
    this.assignActions();
  }

  feed(events: readonly TraceEvent[]): void {
    for (const e of events) this.events.push(e);
    this.observe(this.reader.read(events));
  }

  /**
   * A learner command the runtime applied. It belongs to the step the learner
   * was in at its time — the one started last at or before it — and the
   * first command of a step anchors that step's `after: "action"` checks.
   */
  command(entry: CommandLogEntry): void {
    this.commands.push(entry);
    this.assignActions();
  }

  /** The trace has been fed completely up to and including `now`. */
  advance(now: Micros): void {
    this.settled = Math.max(this.settled, now);
    this.observe(this.reader.settle(now));
  }

  /** A seek backwards: forget every event, command and step start after `t`. */
  truncate(t: Micros): void {
    const events = this.events.filter((e) => e.time <= t);
    const commands = this.commands.filter((c) => c.at <= t);
    const starts = [...this.active].filter(([, s]) => s.startedAt <= t).map(([i, s]) => [i, s.startedAt] as const);
    this.reader = new TraceReader(this.loaded.scenario);
    this.settled = -1;
    this.events.length = 0;
    this.commands.length = 0;
    this.observations.length = 0;
    this.active.clear();
    this.feed(events);
    for (const c of commands) this.commands.push(c);
    this.advance(t);
    for (const [index, at] of starts) this.startStep(index, at); // in their original order: Map keeps it
  }

  step(index: number): StepStatus {
    const step = this.active.get(index);
    const checks = this.loaded.lesson.steps[index]?.checks ?? [];
    if (step === undefined) return { state: 'not-started', checks: checks.map(() => ({ state: 'pending', detail: 'the step has not started' })) };
    const statuses = step.runs.map((r) => r.status(this.settled));
    const state: StepState = statuses.some((s) => s.state === 'failed') ? 'failed' : statuses.every((s) => s.state === 'passed') ? 'passed' : 'pending';
    return {
      state,
      startedAt: step.startedAt,
      ...(step.actedAt === undefined ? {} : { actedAt: step.actedAt }),
      ...(state === 'passed' ? { completedAt: Math.max(step.startedAt, ...statuses.map((s) => s.at ?? step.startedAt)) } : {}),
      checks: statuses,
    };
  }

  steps(): StepStatus[] {
    return this.loaded.lesson.steps.map((_, i) => this.step(i));
  }

  private observe(observations: readonly Observation[]): void {
    for (const o of observations) {
      this.observations.push(o);
      for (const step of this.active.values()) for (const run of step.runs) run.observe(o);
    }
  }

  /** The step the learner was in at `t`: the latest start at or before it (on a tie, the one started last). */
  private stepAt(t: Micros): number | undefined {
    let owner: number | undefined;
    let latest = -Infinity;
    for (const [index, step] of this.active) if (step.startedAt <= t && step.startedAt >= latest) [owner, latest] = [index, step.startedAt];
    return owner;
  }

  private assignActions(): void {
    const firsts = new Map<number, Micros>();
    for (const c of this.commands) {
      const owner = this.stepAt(c.at);
      if (owner !== undefined && !firsts.has(owner)) firsts.set(owner, c.at);
    }
    for (const [index, step] of this.active) {
      if (step.actedAt === firsts.get(index)) continue;
      if (firsts.has(index)) step.actedAt = firsts.get(index)!;
      else delete step.actedAt;
      this.refold(index, step);
    }
  }

  private refold(index: number, step: ActiveStep): void {
    step.runs = this.loaded.lesson.steps[index]!.checks.map((check) => {
      if (check.after === 'step') return createCheckRun(check, step.startedAt, this.ctx);
      return step.actedAt === undefined ? waitingForAction : createCheckRun(check, step.actedAt, this.ctx);
    });
    for (const o of this.observations) for (const run of step.runs) run.observe(o);
  }
}
