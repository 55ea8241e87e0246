// The command log (docs/architecture.md "Runtime"): every learner command with the virtual time
// it took effect, in order. It is the run's script: replaying it on the same
// scenario and seed reproduces the run (a shared link, a rewind). `applied`
// counts the entries already in the backend's state; after a rewind it drops
// back and the entries ahead are re-applied as the run passes their times.
// Sending after a rewind starts a new branch: the entries ahead are dropped.

import type { Micros } from '../../engine/node/time';
import type { CommandLogEntry, LabCommand } from '../types';

export class CommandLog {
  private list: CommandLogEntry[];
  private appliedCount = 0;

  /** `initial` must be sorted by `at` (checkCommandLog). */
  constructor(initial: readonly CommandLogEntry[] = []) {
    this.list = initial.map((e) => ({ at: e.at, command: e.command }));
  }

  get entries(): readonly CommandLogEntry[] {
    return this.list;
  }

  get applied(): number {
    return this.appliedCount;
  }

  /** The next entry the run has not applied yet. */
  pending(): CommandLogEntry | undefined {
    return this.list[this.appliedCount];
  }

  markApplied(): void {
    if (this.appliedCount >= this.list.length) throw new Error('no pending command to mark applied');
    this.appliedCount++;
  }

  /** Back to a state in which only the first `count` entries were applied (a restored snapshot). */
  rewindTo(count: number): void {
    this.appliedCount = Math.min(count, this.list.length);
  }

  /** A command applied now, at `at`: entries not yet applied (a later branch) are dropped first. Returns whether any were. */
  record(at: Micros, command: LabCommand): boolean {
    const dropped = this.list.length > this.appliedCount;
    this.list = this.list.slice(0, this.appliedCount);
    this.list.push({ at, command });
    this.appliedCount = this.list.length;
    return dropped;
  }
}
