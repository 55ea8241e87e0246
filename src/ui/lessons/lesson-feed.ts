// Feeding the lesson evaluator (src/lessons) from what the page receives:
// the runtime's batches — trace events, the command log, `now`, and
// `truncatedTo` after a seek backwards. One evaluator, so the page's results
// are the headless run's (docs/lessons.md "How steps follow one another").
//
// The evaluator's statuses do not depend on how the trace is cut into
// batches. What a batch boundary could change is where a step *ends*: a
// headless run settles one instant of the run at a time and ends a step at
// the first instant at which it has passed (or failed); the next step starts
// there. A batch boundary is not an instant of the run, so the page keeps the
// instants it has seen (the times of events and of applied commands) and
// ends a step at the first of them at or after the moment it was decided.

import type { TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
// Types from its own module, not the lessons index (that also holds the headless runner); the code comes with a run (store/run-reading.ts).
import type { LessonEvaluator, StepStatus } from '../../lessons/evaluate/evaluator';
import type { LoadedLesson } from '../../lessons';
import type { CommandLogEntry, RuntimeBatch } from '../../runtime/types';
import { runReading } from '../store/run-reading';

/** Index of the first element of sorted `xs` that is ≥ t (xs.length if none). */
function firstAtOrAfter(xs: readonly number[], t: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class LessonFeed {
  readonly evaluator: LessonEvaluator;
  /** Entries of the command log already given to the evaluator (a prefix of the log). */
  private fed = 0;
  private log: readonly CommandLogEntry[] = [];
  /** When each started step began: a step forgotten by a seek backwards starts again there. */
  private readonly starts = new Map<number, Micros>();
  /** The run's instants seen so far, sorted. */
  private instants: Micros[] = [];

  constructor(readonly loaded: LoadedLesson) {
    this.evaluator = new (runReading().LessonEvaluator)(loaded);
  }

  /** Starts step `index` at `at`, now or when the run gets there. */
  start(index: number, at: Micros, now: Micros): void {
    this.starts.set(index, at);
    this.addInstant(at);
    if (at <= now) this.evaluator.startStep(index, at);
  }

  status(index: number): StepStatus {
    return this.evaluator.step(index);
  }

  /** The instant at which step `index` ended (passed or failed), once the run has got there. */
  endOf(index: number): Micros | undefined {
    const s = this.evaluator.step(index);
    if (s.startedAt === undefined) return undefined;
    let decided: Micros;
    if (s.state === 'passed') decided = s.completedAt!;
    else if (s.state === 'failed') decided = Math.min(...s.checks.filter((c) => c.state === 'failed').map((c) => c.at ?? s.startedAt!));
    else return undefined;
    const i = firstAtOrAfter(this.instants, Math.max(s.startedAt, decided));
    return this.instants[i];
  }

  /** Everything the page already holds, when a lesson opens on a run under way. */
  catchUp(events: readonly TraceEvent[], commands: readonly CommandLogEntry[], now: Micros): void {
    this.apply(events, commands, now);
  }

  batch(batch: RuntimeBatch): void {
    const t = batch.truncatedTo;
    if (t !== undefined) {
      this.evaluator.truncate(t);
      this.fed = this.log.filter((c) => c.at <= t).length;
      this.instants = this.instants.slice(0, firstAtOrAfter(this.instants, t + 1));
      for (const at of this.starts.values()) if (at > t) this.addInstant(at); // where a step starts stays an instant of the run
    }
    this.apply(batch.trace, batch.commands, batch.now);
  }

  private apply(trace: readonly TraceEvent[], commands: readonly CommandLogEntry[] | undefined, now: Micros): void {
    if (commands !== undefined) this.log = commands;
    this.evaluator.feed(trace);
    for (const e of trace) this.addInstant(e.time);
    while (this.fed < this.log.length && this.log[this.fed]!.at <= now) {
      const entry = this.log[this.fed++]!;
      this.evaluator.command(entry);
      this.addInstant(entry.at);
    }
    this.evaluator.advance(now);
    // Steps a seek backwards made the evaluator forget, started again once the run is back at their start.
    for (const [k, at] of this.starts) if (at <= now && this.evaluator.step(k).state === 'not-started') this.evaluator.startStep(k, at);
  }

  private addInstant(t: Micros): void {
    const last = this.instants[this.instants.length - 1];
    if (last === undefined || t > last) this.instants.push(t);
    else {
      const i = firstAtOrAfter(this.instants, t);
      if (this.instants[i] !== t) this.instants.splice(i, 0, t);
    }
  }
}
